import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pngFile } from './media-samples.ts';

// Files for the storage-object tests, each only as long as its magic bytes need, padded to `size`.

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

function padded(head: number[], size: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  return bytes;
}

/** An ISO base media file header (`ftyp` box) with the given major brand. */
const ftyp = (brand: string, size: number) =>
  padded([0, 0, 0, 0x18, ...ascii('ftyp'), ...ascii(brand)], size);

export const media = {
  jpeg: (size = 64) => padded([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF')], size),
  png: (size = 64) => padded([...pngFile()], size),
  webp: (size = 64) => padded([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')], size),
  gif: (size = 64) => padded(ascii('GIF89a'), size),
  mp4: (size = 64) => ftyp('isom', size),
  m4a: (size = 64) => ftyp('M4A ', size),
  heic: (size = 64) => ftyp('heic', size),
  text: (size = 64) => padded(ascii('just some text, not a picture'), size),
};

/** Every file under a directory, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}
