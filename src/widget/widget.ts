// The embeddable changelog widget, served as /widget.js (built by esbuild: one minified IIFE). It runs
// on other people's pages, so it touches nothing outside its own element: everything it draws lives in
// an open Shadow DOM whose styles start from `all: initial`, and entry text goes in through textContent
// (summaries are HTML the server sanitized). Embed:
//   <script src="https://herald.example/widget.js" data-widget="<widget id>" async></script>

interface WidgetEntry {
  id: string;
  title: string;
  category: string;
  publishedAt: string;
  url: string;
  summaryHtml: string;
  votes: number;
  upvoteUrl: string;
}

interface WidgetData {
  config: {
    title: string;
    colors: { primary: string; background: string; text: string };
    position: string;
    size: string;
    showDate: boolean;
    showCategory: boolean;
    showNewBadge: boolean;
  };
  changelogUrl: string;
  entries: WidgetEntry[];
}

type WidgetEvent = { type: 'impression' | 'click'; entryId?: string };

// currentScript is only set while this file first runs, so it is read before anything else.
const script = document.currentScript as HTMLScriptElement | null;
const widgetId = script?.getAttribute('data-widget');

const panelSizes: Record<string, [number, number]> = {
  small: [300, 380],
  medium: [360, 480],
  large: [420, 600],
};
const isHttp = (url: string) => /^https?:\/\//i.test(url);
const hex = (value: string, fallback: string) => (/^#[0-9a-f]{6}$/i.test(value) ? value : fallback);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (privacy settings, sandboxed frames)
  }
}

function storageSet(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without storage every visit shows the badge; nothing else depends on it.
  }
}

// The visitor's random voter id on this site (no cookie): the server counts one vote per id, and per
// visitor a day besides. getRandomValues works on plain-http pages too, unlike randomUUID.
function voterId(): string {
  let id = storageGet('herald-voter');
  if (!id || !/^[0-9a-f]{32}$/.test(id)) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    storageSet('herald-voter', id);
  }
  return id;
}

// The host rule is !important: a host page's own `* { all: unset }` outranks :host otherwise, and the
// launcher would fall into the page flow.
function styles(data: WidgetData): string {
  const { colors, position, size } = data.config;
  const primary = hex(colors.primary, '#4f46e5');
  const background = hex(colors.background, '#ffffff');
  const text = hex(colors.text, '#1f2328');
  const [width, height] = panelSizes[size] ?? (panelSizes.medium as [number, number]);
  const vertical = position.startsWith('top') ? 'top' : 'bottom';
  const horizontal = position.endsWith('left') ? 'left' : 'right';
  return `:host{all:initial!important;position:fixed!important;${vertical}:20px!important;${horizontal}:20px!important;z-index:2147483000!important}
*{box-sizing:border-box}.w{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${text}}
.l{position:relative;width:48px;height:48px;border-radius:50%;border:0;background:${primary};color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}
.l svg{width:22px;height:22px;fill:currentColor}.b{position:absolute;top:-4px;${horizontal === 'right' ? 'left' : 'right'}:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#e5484d;color:#fff;font-size:11px;font-weight:700;line-height:20px;text-align:center}
.p{position:absolute;${vertical}:60px;${horizontal}:0;width:${width}px;max-width:calc(100vw - 40px);max-height:min(${height}px,calc(100vh - 100px));display:flex;flex-direction:column;background:${background};border-radius:12px;box-shadow:0 10px 40px rgba(0,0,0,.25);overflow:hidden}
.h{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;background:${primary};color:#fff;font-weight:600}
.x{border:0;background:none;color:inherit;font-size:20px;line-height:1;cursor:pointer;padding:0 4px}
ul{list-style:none;margin:0;padding:0;overflow-y:auto}li{padding:12px 16px;border-bottom:1px solid rgba(127,127,127,.2)}
.m{display:flex;gap:8px;align-items:center;font-size:12px;opacity:.8;margin-bottom:2px}.c{font-weight:600;color:${primary}}
.n{background:${primary};color:#fff;border-radius:8px;padding:0 6px;font-size:11px}
.t{color:${text};font-weight:600;text-decoration:none}.t:hover{text-decoration:underline}.s{font-size:13px;opacity:.85}.s p{margin:4px 0 0}
.s a{color:${primary}}.s img{max-width:100%}.a{display:block;padding:10px 16px;text-align:center;color:${primary};text-decoration:none;font-weight:600}
.e{padding:16px;opacity:.7}[hidden]{display:none!important}
.f{display:flex;gap:6px;padding:10px 16px;border-top:1px solid rgba(127,127,127,.2)}.f input{flex:1;min-width:0;font:inherit;padding:5px 8px;border:1px solid rgba(127,127,127,.4);border-radius:6px;background:${background};color:${text}}
.f button{font:inherit;border:0;border-radius:6px;padding:5px 10px;background:${primary};color:#fff;cursor:pointer}.o{padding:0 16px 10px;font-size:12px}
.v{margin-top:6px;font:600 12px/1 system-ui,sans-serif;border:1px solid rgba(127,127,127,.4);border-radius:6px;padding:4px 8px;background:none;color:${text};cursor:pointer}.v[aria-pressed=true]{background:${primary};border-color:${primary};color:#fff}`;
}

function mount(data: WidgetData, endpoint: string, id: string) {
  const { config } = data;
  const seenKey = `herald-widget:${id}:seen`;
  const seen = Number(storageGet(seenKey)) || 0;
  const isNew = (entry: WidgetEntry) => Date.parse(entry.publishedAt) > seen;
  const send = (events: WidgetEvent[]) => {
    const url = `${endpoint}/events`;
    const body = JSON.stringify({ events: events.slice(0, 50) });
    try {
      if (navigator.sendBeacon?.(url, body)) return;
    } catch {
      // fall through to fetch
    }
    fetch(url, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' },
    }).catch(() => {});
  };

  const host = el('div');
  host.setAttribute('data-herald-widget', id);
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', '', styles(data));
  const wrap = el('div', 'w');
  const launcher = el('button', 'l');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', config.title);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/></svg>';
  const newCount = config.showNewBadge ? data.entries.filter(isNew).length : 0;
  const badge = el('span', 'b', newCount > 9 ? '9+' : String(newCount));
  badge.hidden = newCount === 0;
  launcher.append(badge);

  const panel = el('div', 'p');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', config.title);
  const head = el('div', 'h');
  const close = el('button', 'x', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  head.append(el('span', '', config.title), close);
  const list = el('ul');
  for (const entry of data.entries) list.append(entryItem(entry));
  if (data.entries.length === 0) list.append(el('li', 'e', 'No updates yet.'));
  panel.append(head, list);
  // Email sign-up (double opt-in: the server mails a confirmation link).
  const subscribeUrl = data.changelogUrl.replace(
    /\/changelog\/([^/?#]+)$/,
    '/api/public/changelog/$1/subscribe',
  );
  if (isHttp(data.changelogUrl) && subscribeUrl !== data.changelogUrl) {
    const form = el('form', 'f');
    const email = el('input');
    email.type = 'email';
    email.required = true;
    email.placeholder = 'Email for updates';
    email.setAttribute('aria-label', 'Email for updates');
    const note = el('div', 'o');
    note.hidden = true;
    form.append(email, el('button', '', 'Subscribe'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const say = (text: string) => {
        note.textContent = text;
        note.hidden = false;
      };
      fetch(subscribeUrl, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: email.value, source: 'widget' }),
      })
        .then((response) => {
          say(response.ok ? 'Check your inbox to confirm.' : 'That did not work. Check the address.');
          if (response.ok) email.value = '';
        })
        .catch(() => say('That did not work. Try again later.'));
    });
    panel.append(form, note);
  }
  if (isHttp(data.changelogUrl)) {
    const all = el('a', 'a', 'View all updates');
    all.href = data.changelogUrl;
    all.target = '_blank';
    all.rel = 'noopener';
    all.addEventListener('click', () => send([{ type: 'click' }]));
    panel.append(all);
  }

  function entryItem(entry: WidgetEntry): HTMLLIElement {
    const item = el('li');
    const meta = el('div', 'm');
    if (config.showCategory) meta.append(el('span', 'c', entry.category));
    if (config.showDate) {
      const time = el(
        'time',
        '',
        new Date(entry.publishedAt).toLocaleDateString(undefined, { dateStyle: 'medium' }),
      );
      time.dateTime = entry.publishedAt;
      meta.append(time);
    }
    if (config.showNewBadge && isNew(entry)) meta.append(el('span', 'n', 'New'));
    const title = el(isHttp(entry.url) ? 'a' : 'span', 't', entry.title);
    if (title instanceof HTMLAnchorElement) {
      title.href = entry.url;
      title.target = '_blank';
      title.rel = 'noopener';
      title.addEventListener('click', () => send([{ type: 'click', entryId: entry.id }]));
    }
    const summary = el('div', 's');
    summary.innerHTML = entry.summaryHtml; // sanitized by the server's renderMarkdownSafe
    for (const link of summary.querySelectorAll('a')) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer nofollow';
    }
    if (meta.childNodes.length > 0) item.append(meta);
    item.append(title, summary);
    if (isHttp(entry.upvoteUrl)) item.append(voteButton(entry));
    return item;
  }

  // ▲ and the count; pressed once this browser voted. A second press takes the vote back.
  function voteButton(entry: WidgetEntry): HTMLButtonElement {
    const votedKey = `herald-voted:${entry.id}`;
    const button = el('button', 'v');
    button.type = 'button';
    const show = (votes: number, voted: boolean) => {
      button.textContent = `▲ ${votes}`;
      button.setAttribute('aria-pressed', String(voted));
      button.setAttribute('aria-label', `Upvote “${entry.title}”: ${votes} vote${votes === 1 ? '' : 's'}`);
    };
    show(entry.votes, storageGet(votedKey) === '1');
    button.addEventListener('click', () => {
      const voted = button.getAttribute('aria-pressed') === 'true';
      button.disabled = true;
      fetch(entry.upvoteUrl, {
        method: voted ? 'DELETE' : 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ voterId: voterId() }),
      })
        .then((response) =>
          response.ok ? (response.json() as Promise<{ votes: number; voted: boolean }>) : null,
        )
        .then((result) => {
          if (!result) return;
          storageSet(votedKey, result.voted ? '1' : '');
          show(result.votes, result.voted);
        })
        .catch(() => {})
        .finally(() => {
          button.disabled = false;
        });
    });
    return button;
  }

  const toggle = (open: boolean) => {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open && data.entries.length > 0) {
      // The newest entry's own time, not the visitor's clock, so a skewed clock cannot hide an entry.
      const newest = Math.max(...data.entries.map((e) => Date.parse(e.publishedAt) || 0));
      storageSet(seenKey, String(Math.max(newest, seen)));
      badge.hidden = true;
    }
  };
  launcher.addEventListener('click', () => toggle(panel.hidden));
  close.addEventListener('click', () => toggle(false));
  wrap.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toggle(false);
  });
  wrap.append(panel, launcher);
  root.append(style, wrap);
  document.body.append(host);
  // One impression per page load: the widget, and each entry it lists.
  send([
    { type: 'impression' },
    ...data.entries.map((e) => ({ type: 'impression' as const, entryId: e.id })),
  ]);
}

if (script && widgetId) {
  const endpoint = `${new URL(script.src, location.href).origin}/api/public/widget/${encodeURIComponent(widgetId)}`;
  const start = () =>
    fetch(endpoint, { credentials: 'omit' })
      .then((response) => (response.ok ? (response.json() as Promise<WidgetData>) : null))
      .then((data) => {
        if (data) mount(data, endpoint, widgetId);
      })
      .catch(() => {});
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}
