import { type DefaultTreeAdapterMap, parse, parseFragment } from 'parse5';

// Reads HTML the way a browser does (parse5 implements the WHATWG parsing algorithm) and lists what
// could run script: the XSS tests assert that list is empty.

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export function parseDocument(html: string) {
  return parse(html);
}

export function elements(root: Node): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ('tagName' in node) found.push(node);
    // Children pushed last-first, so elements come out in document order.
    if ('content' in node && node.content) stack.push(node.content);
    if ('childNodes' in node) stack.push(...[...node.childNodes].reverse());
  }
  return found;
}

export const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

export function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textContent).join('') : '';
}

const forbiddenTags = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'svg',
  'math',
  'template',
  'noscript',
]);
const urlAttributes = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'data',
]);

/** A URL a browser would follow without running script: http(s), mailto, or a fragment. */
function isHarmlessUrl(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('#')) return true;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(trimmed).protocol);
  } catch {
    return false;
  }
}

function isOwnSubscribeForm(element: Element): boolean {
  return (
    element.tagName === 'form' &&
    attr(element, 'class') === 'subscribe' &&
    attr(element, 'method') === 'post' &&
    /^\/api\/public\/changelog\/[^/?#]+\/subscribe$/.test(attr(element, 'action') ?? '') &&
    element.attrs.every((a) => ['class', 'method', 'action'].includes(a.name))
  );
}

/** A public page's own upvote form (features/upvotes): posts to an entry's vote route on Herald. */
function isOwnUpvoteForm(element: Element): boolean {
  return (
    element.tagName === 'form' &&
    attr(element, 'class') === 'upvote' &&
    attr(element, 'method') === 'post' &&
    /^https?:\/\/[^/]+\/changelog\/[^/?#]+\/entries\/[^/?#]+\/upvote$/.test(attr(element, 'action') ?? '') &&
    element.attrs.every((a) => ['class', 'method', 'action'].includes(a.name))
  );
}

/**
 * Everything in `html` that could run script or load active content. `inDocument`: a full page, whose
 * head may hold its own <style>, <link> and <meta> tags; a fragment (a body, a summary) may not.
 */
export function dangerousMarkup(html: string, inDocument = false): string[] {
  const root = inDocument ? parse(html) : parseFragment(html);
  const problems: string[] = [];
  const head = inDocument ? elements(root).find((e) => e.tagName === 'head') : undefined;
  const headElements = new Set(head ? elements(head) : []);
  for (const element of elements(root)) {
    const tag = element.tagName;
    // A full page's own subscribe form (posting to Herald's subscribe endpoint) is allowed.
    if (inDocument && isOwnSubscribeForm(element)) continue;
    if (inDocument && isOwnUpvoteForm(element)) continue;
    if (forbiddenTags.has(tag)) problems.push(`<${tag}>`);
    if (['style', 'link', 'meta'].includes(tag) && !headElements.has(element))
      problems.push(`<${tag}> in the body`);
    if (tag === 'meta' && attr(element, 'http-equiv')) problems.push('<meta http-equiv>');
    for (const { name, value } of element.attrs) {
      if (name.startsWith('on')) problems.push(`${name}= on <${tag}>`);
      if (name === 'style') problems.push(`style= on <${tag}>`);
      if (urlAttributes.has(name) && !isHarmlessUrl(value)) problems.push(`${name}="${value}" on <${tag}>`);
    }
  }
  return problems;
}
