import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import {
  audioTypes,
  detectAudio,
  detectImage,
  imageTypes,
  type MediaType,
} from '../conversations/media-types.ts';

// What a post's media upload may be, recognised from its first bytes (never from the name or the
// declared type), and how large each kind may be.

export type MediaKind = 'image' | 'video' | 'audio';

export const gifType = {
  format: 'gif',
  contentType: 'image/gif',
  extension: 'gif',
  declaredAs: ['image/gif'],
} as const satisfies MediaType;

export const mp4VideoType = {
  format: 'mp4',
  contentType: 'video/mp4',
  extension: 'mp4',
  declaredAs: ['video/mp4', 'application/mp4', 'audio/mp4', 'video/quicktime'],
} as const satisfies MediaType;

/** Every accepted format, by name: the list a 415 answer gives. */
export const mediaTypes: Record<string, MediaType> = {
  ...imageTypes,
  gif: gifType,
  mp4: mp4VideoType,
  ...audioTypes,
};

const kindByFormat: Record<string, MediaKind> = {
  jpeg: 'image',
  png: 'image',
  webp: 'image',
  gif: 'image',
  mp4: 'video',
  webm: 'audio',
  ogg: 'audio',
  mp3: 'audio',
  wav: 'audio',
  m4a: 'audio',
};

export function kindOf(media: MediaType): MediaKind {
  return kindByFormat[media.format] ?? 'audio';
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

// ISO base media brands of sound-only files; any other brand but a picture's is treated as video.
const audioBrands = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const videoBrands = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash']);

export function detectMedia(bytes: Uint8Array): MediaType | null {
  const image = detectImage(bytes);
  if (image) return image;
  const header = ascii(bytes, 0, 6);
  if (header === 'GIF87a' || header === 'GIF89a') return gifType;
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (audioBrands.has(brand)) return audioTypes.m4a;
    // HEIC, AVIF and other picture brands are not accepted; detectAudio refuses them too.
    if (videoBrands.has(brand)) return mp4VideoType;
    return detectAudio(bytes) ? mp4VideoType : null;
  }
  return detectAudio(bytes);
}

/** The largest file of each kind. */
export function mediaLimits(
  config: Pick<Config, 'IMAGE_MAX_BYTES' | 'VIDEO_MAX_BYTES' | 'VOICE_NOTE_MAX_BYTES'>,
) {
  return {
    image: config.IMAGE_MAX_BYTES,
    video: config.VIDEO_MAX_BYTES,
    audio: config.VOICE_NOTE_MAX_BYTES,
  } satisfies Record<MediaKind, number>;
}

export function largestMediaLimit(
  config: Pick<Config, 'IMAGE_MAX_BYTES' | 'VIDEO_MAX_BYTES' | 'VOICE_NOTE_MAX_BYTES'>,
) {
  return Math.max(...Object.values(mediaLimits(config)));
}

/** 413 when the file is over its kind's limit. */
export function assertWithinLimit(
  config: Pick<Config, 'IMAGE_MAX_BYTES' | 'VIDEO_MAX_BYTES' | 'VOICE_NOTE_MAX_BYTES'>,
  media: MediaType,
  size: number,
) {
  const kind = kindOf(media);
  const limit = mediaLimits(config)[kind];
  if (size > limit) {
    throw new AppError(
      'payload_too_large',
      `This ${kind} is ${size} bytes; the limit for ${kind} files is ${limit}`,
      {
        field: 'file',
        kind,
        limit,
      },
    );
  }
}
