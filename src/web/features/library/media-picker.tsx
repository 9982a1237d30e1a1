import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ImagePlus, X } from 'lucide-react';
import { useRef } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { api, withQuery } from '../../lib/api-client';
import { createApiError, createNetworkError, isApiError } from '../../lib/api-error';
import type { Page } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

interface StorageObject {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url?: string;
  createdAt: string;
}

const maxMedia = 10;

function contentUrl(workspaceId: string, object: StorageObject) {
  return (
    object.url ?? workspacePath(workspaceId, `/storage-objects/${encodeURIComponent(object.id)}/content`)
  );
}

async function upload(workspaceId: string, file: File): Promise<StorageObject> {
  const form = new FormData();
  form.set('file', file, file.name);
  form.set('purpose', 'media');
  let response: Response;
  try {
    response = await fetch(workspacePath(workspaceId, '/storage-objects'), {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'include',
      body: form,
    });
  } catch (cause) {
    throw createNetworkError(cause);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) throw createApiError(response.status, parsed);
  return parsed as StorageObject;
}

/** The workspace's uploaded media; a click attaches or detaches one, in the order clicked. */
export function MediaPicker({
  workspaceId,
  value,
  onChange,
  readOnly,
}: {
  workspaceId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  readOnly?: boolean;
}) {
  const queryClient = useQueryClient();
  const key = workspaceKeys.part(workspaceId, 'media');
  const fileInput = useRef<HTMLInputElement>(null);
  const media = useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<Page<StorageObject>>(
        withQuery(workspacePath(workspaceId, '/storage-objects'), { purpose: 'media', limit: 50 }),
      ),
    retry: false,
  });
  const add = useMutation({
    mutationFn: (file: File) => upload(workspaceId, file),
    onSuccess: async (object) => {
      if (value.length < maxMedia) onChange([...value, object.id]);
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  // A server without the media library yet answers 404: attached ids are still shown and kept.
  const unavailable = media.isError && isApiError(media.error) && media.error.status === 404;
  const objects = media.data?.items ?? [];
  const images = objects.filter((object) => object.contentType.startsWith('image/'));
  const unknown = value.filter((id) => !objects.some((object) => object.id === id));

  return (
    <div className="space-y-3">
      {unavailable ? (
        <p className="text-sm text-gray-500">The media library is not available on this server yet.</p>
      ) : (
        <ErrorBanner message={media.isError ? media.error.message : null} />
      )}
      {images.length > 0 ? (
        <ul className="grid grid-cols-4 gap-2 sm:grid-cols-6" aria-label="Media">
          {images.map((object) => {
            const position = value.indexOf(object.id);
            const on = position >= 0;
            return (
              <li key={object.id}>
                <button
                  type="button"
                  disabled={readOnly || (!on && value.length >= maxMedia)}
                  onClick={() =>
                    onChange(on ? value.filter((id) => id !== object.id) : [...value, object.id])
                  }
                  aria-pressed={on}
                  aria-label={`${on ? 'Detach' : 'Attach'} ${object.fileName}`}
                  className={cn(
                    'relative block aspect-square w-full overflow-hidden rounded-lg ring-1 ring-gray-200 disabled:opacity-50',
                    on && 'ring-2 ring-indigo-600',
                  )}
                >
                  <img src={contentUrl(workspaceId, object)} alt="" className="size-full object-cover" />
                  {on ? (
                    <span className="absolute top-1 right-1 flex size-5 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
                      {position + 1}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : media.isSuccess ? (
        <p className="text-sm text-gray-500">No images uploaded yet.</p>
      ) : null}
      {unknown.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Attached media">
          {unknown.map((id) => (
            <li
              key={id}
              className="inline-flex items-center gap-1 rounded-md bg-gray-100 px-2 py-0.5 font-mono text-xs text-gray-700"
            >
              {id}
              {readOnly ? null : (
                <button
                  type="button"
                  aria-label={`Detach ${id}`}
                  onClick={() => onChange(value.filter((other) => other !== id))}
                >
                  <X className="size-3" aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {readOnly || unavailable ? null : (
        <>
          <input
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,video/mp4"
            className="sr-only"
            tabIndex={-1}
            aria-hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) add.mutate(file);
              event.target.value = '';
            }}
          />
          <Button
            variant="secondary"
            size="sm"
            isLoading={add.isPending}
            disabled={value.length >= maxMedia}
            onClick={() => fileInput.current?.click()}
            icon={<ImagePlus className="size-3.5" aria-hidden />}
          >
            Upload media
          </Button>
          <ErrorBanner message={add.isError ? add.error.message : null} />
        </>
      )}
    </div>
  );
}
