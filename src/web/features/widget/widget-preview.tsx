import { useDebounced } from '../../lib/use-debounced';
import type { WidgetConfig } from './widget-api';

/** JSON safe to place inside an inline <script>: nothing in it can close the tag or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const attribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A stand-in host page that loads the real /widget.js. Before it runs, `fetch` is wrapped so the
 * widget's data request comes back with the unsaved config in place of the saved one, and its
 * impression/click reports are answered locally: previewing never counts as a visit.
 */
export function previewDocument(origin: string, widgetId: string, config: WidgetConfig): string {
  const stub = `
(function () {
  var config = ${scriptJson(config)};
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url ? input.url : String(input);
    var method = String((init && init.method) || (input && input.method) || 'GET').toUpperCase();
    if (url.indexOf('/api/public/widget/') === -1) return realFetch(input, init);
    if (method !== 'GET') return Promise.resolve(new Response(null, { status: 204 }));
    return realFetch(input, init)
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.config = config;
        return new Response(JSON.stringify(data), { status: 200, headers: { 'content-type': 'application/json' } });
      });
  };
  if (navigator.sendBeacon) navigator.sendBeacon = function () { return true; };
  // The sandbox has no storage of its own; a memory copy lets the "new" badges work per preview.
  var memory = {};
  var storage = {
    getItem: function (k) { return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null; },
    setItem: function (k, v) { memory[k] = String(v); },
    removeItem: function (k) { delete memory[k]; },
    clear: function () { memory = {}; },
    key: function (i) { return Object.keys(memory)[i] || null; },
    get length() { return Object.keys(memory).length; }
  };
  try { window.localStorage.getItem('x'); } catch (e) {
    try { Object.defineProperty(window, 'localStorage', { value: storage, configurable: true }); } catch (e2) {}
  }
  // Open the panel once the widget is on the page, so colors and layout show without a click.
  new MutationObserver(function (changes, observer) {
    var host = document.querySelector('[data-herald-widget]');
    var launcher = host && host.shadowRoot && host.shadowRoot.querySelector('button[aria-expanded]');
    if (!launcher) return;
    observer.disconnect();
    if (launcher.getAttribute('aria-expanded') !== 'true') launcher.click();
  }).observe(document.documentElement, { childList: true, subtree: true });
})();`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widget preview</title>
<style>
  body { margin: 0; min-height: 100vh; font: 14px/1.5 system-ui, sans-serif; color: #475569;
    background: linear-gradient(#f8fafc, #eef2f7); }
  .host { max-width: 560px; margin: 0 auto; padding: 48px 24px; }
  .bar { height: 12px; border-radius: 6px; background: #dbe2ea; margin: 12px 0; }
  h1 { font-size: 18px; color: #1e293b; margin: 0 0 8px; }
</style></head>
<body><div class="host" aria-hidden="true"><h1>Your website</h1>
<div class="bar" style="width:90%"></div><div class="bar" style="width:75%"></div>
<div class="bar" style="width:82%"></div><div class="bar" style="width:60%"></div></div>
<script>${stub}</script>
<script src="${attribute(`${origin}/widget.js`)}" data-widget="${attribute(widgetId)}"></script>
</body></html>`;
}

/**
 * The widget as visitors will see it, with the settings not saved yet. The iframe is sandboxed
 * without same-origin, so the previewed page cannot reach the app or its session.
 */
export function WidgetPreview({ widgetId, config }: { widgetId: string; config: WidgetConfig }) {
  // Rebuilding the page on each keystroke would flash; wait until the typing stops.
  const shown = useDebounced(config, 300);
  return (
    <iframe
      title="Widget preview"
      sandbox="allow-scripts allow-popups"
      srcDoc={previewDocument(window.location.origin, widgetId, shown)}
      className="h-[560px] w-full rounded-lg border border-gray-200 bg-white"
    />
  );
}
