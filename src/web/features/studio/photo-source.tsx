import { ImageUp, X } from 'lucide-react';
import { type ChangeEvent, useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { TextAreaField } from '../../components/input';

export const imageAccept = 'image/jpeg,image/png,image/webp';

export function PhotoSource({
  photo,
  onPhoto,
  description,
  onDescription,
  words,
  onWords,
}: {
  photo: File | null;
  onPhoto: (file: File | null) => void;
  description: string;
  onDescription: (value: string) => void;
  words: string;
  onWords: (value: string) => void;
}) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo) return setUrl(null);
    const objectUrl = URL.createObjectURL(photo);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo]);

  function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onPhoto(file);
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-gray-600">
        A vision model (when one is set up) describes the photo and Herald writes from that. Add your own
        description to steer it, or to replace it when no vision model is configured.
      </p>
      {photo && url ? (
        <div className="flex items-start gap-4 rounded-lg bg-gray-50 p-3 ring-1 ring-gray-200">
          <img
            src={url}
            alt={`Preview of ${photo.name}`}
            className="size-24 shrink-0 rounded-md object-cover ring-1 ring-gray-200"
          />
          <div className="min-w-0 flex-1 space-y-2">
            <p className="truncate text-sm font-medium text-gray-800">{photo.name}</p>
            <p className="text-xs text-gray-500">{Math.round(photo.size / 1024)} KB</p>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => onPhoto(null)}
              icon={<X className="size-3.5" aria-hidden />}
            >
              Remove photo
            </Button>
          </div>
        </div>
      ) : (
        <label className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-lg bg-white px-3.5 text-sm font-medium text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset hover:bg-gray-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600">
          <ImageUp className="size-4" aria-hidden />
          Upload photo
          <input type="file" accept={imageAccept} className="sr-only" onChange={handleFile} />
        </label>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField
          label="Description (optional)"
          rows={3}
          value={description}
          onChange={(event) => onDescription(event.target.value)}
          placeholder="What the photo shows"
          hint="Given here, no vision model is used."
        />
        <TextAreaField
          label="Your words (optional)"
          rows={3}
          value={words}
          onChange={(event) => onWords(event.target.value)}
          placeholder="What you want to say with it"
        />
      </div>
    </div>
  );
}
