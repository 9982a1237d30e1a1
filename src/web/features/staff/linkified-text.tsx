import { Fragment, type ReactNode } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;
// Punctuation that ends a sentence is rarely part of the link itself.
const TRAILING = /[.,;:!?)\]]+$/;

/** Plain text with its URLs turned into links; never renders the text as HTML. */
export function LinkifiedText({ text }: { text: string }) {
  const nodes: ReactNode[] = [];
  let offset = 0;
  text.split(URL_PATTERN).forEach((part, index) => {
    // Keys are character offsets: stable for a given text, unique per part.
    const key = `${offset}`;
    offset += part.length;
    if (index % 2 === 0) {
      nodes.push(<Fragment key={key}>{part}</Fragment>);
      return;
    }
    const trailing = part.match(TRAILING)?.[0] ?? '';
    const href = trailing ? part.slice(0, -trailing.length) : part;
    nodes.push(
      <Fragment key={key}>
        <a
          href={href}
          className="break-all text-indigo-600 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-500"
        >
          {href}
        </a>
        {trailing}
      </Fragment>,
    );
  });
  return <>{nodes}</>;
}

/** Readable text from an HTML-only email, keeping link targets visible so they stay clickable. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const anchor of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = anchor.getAttribute('href') ?? '';
    if (/^https?:\/\//.test(href) && anchor.textContent?.trim() !== href) {
      anchor.append(` (${href})`);
    }
  }
  for (const block of Array.from(doc.querySelectorAll('p, div, br, li, h1, h2, h3, tr'))) {
    block.append('\n');
  }
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
