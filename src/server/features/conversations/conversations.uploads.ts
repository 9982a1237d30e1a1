import { AppError } from '../../platform/errors.ts';
import { declaredTypeAgrees, type MediaType } from './media-types.ts';

// Checks every upload passes before anything is stored: size (413), content (415), length (422).

/** Voice minutes charged for a recording: whole minutes, rounded up, at least one. */
export const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export function tooLongError(seconds: number, limit: number) {
  const message = `The recording is ${Math.ceil(seconds)} seconds long; the limit is ${limit} seconds`;
  return new AppError('validation_failed', message, [{ path: 'audio', message }]);
}

export async function readUpload(file: File, maxBytes: number, field: string): Promise<Uint8Array> {
  if (file.size > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `The ${field} file is ${file.size} bytes; the limit is ${maxBytes}`,
      {
        field,
        limit: maxBytes,
      },
    );
  }
  if (file.size === 0) {
    throw new AppError('validation_failed', 'The file is empty', [
      { path: field, message: 'The file is empty' },
    ]);
  }
  return new Uint8Array(await file.arrayBuffer());
}

export function detectOrRefuse(
  bytes: Uint8Array,
  file: File,
  field: string,
  detect: (bytes: Uint8Array) => MediaType | null,
  accepted: Record<string, MediaType>,
): MediaType {
  const names = Object.keys(accepted).join(', ');
  const media = detect(bytes);
  if (!media) {
    throw new AppError('unsupported_media_type', `The ${field} file is not one of: ${names}`, {
      field,
      accepted: Object.keys(accepted),
    });
  }
  if (!declaredTypeAgrees(file.type, media)) {
    throw new AppError(
      'unsupported_media_type',
      `The ${field} file is declared as ${file.type} but its content is ${media.format}`,
      { field, declared: file.type, detected: media.format },
    );
  }
  return media;
}
