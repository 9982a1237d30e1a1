import type { Platform } from '../../../shared/studio/studio-types';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Card, CardBody, CardHeader } from '../../components/card';
import { cn } from '../../lib/cn';

const partNames: Partial<Record<Platform, string>> = { x: 'Tweet', threads: 'Post' };

/** What the platform receives, part by part: a thread shows as a chain of cards. */
export function PostPreview({
  platform,
  parts,
  mediaCount = 0,
}: {
  platform: Platform;
  parts: string[];
  mediaCount?: number;
}) {
  const partName = partNames[platform];
  const isThread = parts.length > 1;
  return (
    <Card>
      <CardHeader
        title="Preview"
        description={
          parts.length === 0
            ? 'Shown once the post has its required fields.'
            : `As ${platformLabels[platform]} receives it${isThread ? ` — ${parts.length} parts` : ''}`
        }
      />
      <CardBody>
        <ol className="space-y-0" aria-label={`${platformLabels[platform]} preview`}>
          {parts.map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positions in the thread
            <li key={index} className="relative flex gap-3 pb-4 last:pb-0">
              {isThread && index < parts.length - 1 ? (
                <span aria-hidden className="absolute top-9 bottom-0 left-4 w-px bg-gray-200" />
              ) : null}
              <span
                aria-hidden
                className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
              >
                {isThread ? index + 1 : platformLabels[platform].charAt(0)}
              </span>
              <div
                className={cn(
                  'min-w-0 flex-1 rounded-lg bg-gray-50 px-3 py-2 text-sm leading-relaxed text-gray-800 ring-1 ring-gray-200',
                )}
                data-testid="preview-part"
              >
                {partName && isThread ? (
                  <p className="mb-1 text-xs font-medium text-gray-500">
                    {partName} {index + 1} of {parts.length}
                  </p>
                ) : null}
                <p className="break-words whitespace-pre-wrap">{part}</p>
              </div>
            </li>
          ))}
        </ol>
        {mediaCount > 0 && parts.length > 0 ? (
          <p className="mt-3 text-xs text-gray-500">
            With {mediaCount === 1 ? '1 media file' : `${mediaCount} media files`} attached.
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
