import { Fragment, type ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from './markdown-blocks';

// Everything is built from React elements and text nodes (React escapes text), never raw HTML.

// Inline runs are re-parsed from the text on each render; the position is their identity.
function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, key) => inlineNode(node, key));
}

function inlineNode(node: Inline, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return <Fragment key={key}>{node.text}</Fragment>;
    case 'code':
      return (
        <code key={key} className="rounded bg-gray-100 px-1 py-0.5 font-mono text-[0.85em]">
          {node.text}
        </code>
      );
    case 'strong':
      return <strong key={key}>{renderInline(node.children)}</strong>;
    case 'em':
      return <em key={key}>{renderInline(node.children)}</em>;
    case 'link':
      return (
        <a
          key={key}
          href={node.href}
          target="_blank"
          rel="noreferrer noopener"
          className="text-indigo-700 underline"
        >
          {renderInline(node.children)}
        </a>
      );
  }
}

function renderLines(lines: Inline[][]): ReactNode[] {
  return lines.map((line, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their position
    <Fragment key={index}>
      {index > 0 ? <br /> : null}
      {renderInline(line)}
    </Fragment>
  ));
}

const HEADING_CLASSES = ['text-xl', 'text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm'];

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level}` as 'h1';
      return (
        <Tag key={key} className={`${HEADING_CLASSES[block.level - 1]} font-semibold text-gray-900`}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case 'paragraph':
      return <p key={key}>{renderLines(block.lines)}</p>;
    case 'code':
      return (
        <pre key={key} className="overflow-x-auto rounded-lg bg-gray-900 p-3 font-mono text-xs text-gray-100">
          {block.text}
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={key} className="border-l-4 border-gray-200 pl-3 text-gray-600">
          {renderLines(block.lines)}
        </blockquote>
      );
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag key={key} className={`${block.ordered ? 'list-decimal' : 'list-disc'} space-y-1 pl-5`}>
          {block.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their position
            <li key={index}>{renderInline(item)}</li>
          ))}
        </Tag>
      );
    }
    case 'rule':
      return <hr key={key} className="border-gray-200" />;
  }
}

export function MarkdownPreview({ markdown }: { markdown: string }) {
  const blocks = parseMarkdown(markdown);
  if (blocks.length === 0) return <p className="text-sm text-gray-400">Nothing to preview yet.</p>;
  return (
    <div className="space-y-3 text-sm leading-relaxed text-gray-800" data-testid="markdown-preview">
      {blocks.map((block, index) => renderBlock(block, index))}
    </div>
  );
}
