// A post drawn roughly the way its platform shows it, so a reviewer judges what readers will see:
// X and Threads as a chain of short posts, the others as one feed card, email as a message.
import type { Platform } from '../../../shared/studio/studio-types';
import { initials } from '../../lib/format';
import { platformName } from '../calendar/post-display';

function Avatar({ name }: { name: string }) {
  return (
    <span
      className="flex size-9 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-indigo-500 to-indigo-700 text-xs font-semibold text-white"
      aria-hidden
    >
      {initials(name)}
    </span>
  );
}

function handleOf(name: string): string {
  return `@${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 15) || 'brand'
  }`;
}

function Thread({ parts, author }: { parts: string[]; author: string }) {
  return (
    <ol className="space-y-0">
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: thread parts have no identity beyond their order
        <li key={index} className="relative flex gap-3 pb-4 last:pb-0">
          {index < parts.length - 1 ? (
            <span className="absolute top-10 bottom-0 left-[17px] w-0.5 bg-gray-200" aria-hidden />
          ) : null}
          <Avatar name={author} />
          <div className="min-w-0 flex-1">
            <p className="text-sm">
              <span className="font-semibold text-gray-900">{author}</span>{' '}
              <span className="text-gray-500">{handleOf(author)}</span>
              {parts.length > 1 ? (
                <span className="text-gray-400">
                  {' '}
                  · {index + 1}/{parts.length}
                </span>
              ) : null}
            </p>
            <p className="mt-0.5 text-[15px] leading-snug break-words whitespace-pre-wrap text-gray-900">
              {part}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

function FeedCard({ parts, author, platform }: { parts: string[]; author: string; platform: Platform }) {
  return (
    <div>
      <div className="flex items-center gap-2.5">
        <Avatar name={author} />
        <div>
          <p className="text-sm font-semibold text-gray-900">{author}</p>
          <p className="text-xs text-gray-500">{platformName(platform)} · now</p>
        </div>
      </div>
      <div className="mt-3 space-y-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-gray-900">
        {parts.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their order
          <p key={index}>{part}</p>
        ))}
      </div>
    </div>
  );
}

function EmailMessage({ parts, author }: { parts: string[]; author: string }) {
  // renderPost gives an email as [subject, preview text, body].
  const [subject, preview, ...body] = parts;
  return (
    <div className="rounded-lg ring-1 ring-gray-200">
      <div className="border-b border-gray-100 px-4 py-2.5 text-sm">
        <p className="text-gray-500">
          From <span className="font-medium text-gray-800">{author}</span>
        </p>
        <p className="font-semibold text-gray-900">{subject}</p>
        {preview ? <p className="text-xs text-gray-500">{preview}</p> : null}
      </div>
      <div className="space-y-3 px-4 py-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-gray-800">
        {body.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their order
          <p key={index}>{part}</p>
        ))}
      </div>
    </div>
  );
}

export function PostPreview({
  platform,
  parts,
  author,
}: {
  platform: Platform;
  parts: string[];
  author: string;
}) {
  if (parts.length === 0) return <p className="text-sm text-gray-500">This post is empty.</p>;
  if (platform === 'x' || platform === 'threads') return <Thread parts={parts} author={author} />;
  if (platform === 'email') return <EmailMessage parts={parts} author={author} />;
  return <FeedCard parts={parts} author={author} platform={platform} />;
}
