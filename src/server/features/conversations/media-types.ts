// What an uploaded file really is, read from its first bytes. The type a client declares is only
// checked against this, never trusted: a text file renamed `.webm` is refused, whatever it claims.

export interface MediaType {
  format: string;
  /** The Content-Type Herald stores and serves. */
  contentType: string;
  extension: string;
  /** Declared types that agree with this format (browsers and tools name formats differently). */
  declaredAs: readonly string[];
}

export const audioTypes = {
  webm: {
    format: 'webm',
    contentType: 'audio/webm',
    extension: 'webm',
    declaredAs: ['audio/webm', 'video/webm'],
  },
  ogg: {
    format: 'ogg',
    contentType: 'audio/ogg',
    extension: 'ogg',
    declaredAs: ['audio/ogg', 'application/ogg', 'audio/opus', 'audio/vorbis', 'video/ogg'],
  },
  mp3: {
    format: 'mp3',
    contentType: 'audio/mpeg',
    extension: 'mp3',
    declaredAs: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3', 'audio/x-mp3'],
  },
  wav: {
    format: 'wav',
    contentType: 'audio/wav',
    extension: 'wav',
    declaredAs: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'audio/x-pn-wav'],
  },
  m4a: {
    format: 'm4a',
    contentType: 'audio/mp4',
    extension: 'm4a',
    declaredAs: ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac', 'video/mp4'],
  },
} as const satisfies Record<string, MediaType>;

export const imageTypes = {
  jpeg: {
    format: 'jpeg',
    contentType: 'image/jpeg',
    extension: 'jpg',
    declaredAs: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  },
  png: {
    format: 'png',
    contentType: 'image/png',
    extension: 'png',
    declaredAs: ['image/png', 'image/x-png'],
  },
  webp: { format: 'webp', contentType: 'image/webp', extension: 'webp', declaredAs: ['image/webp'] },
} as const satisfies Record<string, MediaType>;

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

// ISO base media brands that are pictures (HEIC, AVIF), not sound.
const imageBrands = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** An MPEG audio frame header: sync bits, a real version and layer, a usable bitrate and sample rate. */
function isMpegFrame(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff) return false;
  const b1 = bytes[1] ?? 0;
  const b2 = bytes[2] ?? 0;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 3;
  // Layer 0 is AAC in ADTS framing, which is not MP3.
  return (
    (b1 & 0xe0) === 0xe0 &&
    version !== 1 &&
    layer !== 0 &&
    bitrate !== 0 &&
    bitrate !== 15 &&
    sampleRate !== 3
  );
}

export function detectAudio(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && ascii(bytes, 8, 4) === 'WAVE') return audioTypes.wav;
  if (ascii(bytes, 0, 4) === 'OggS') return audioTypes.ogg;
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType in the header says WebM or Matroska; only WebM is accepted.
    return ascii(bytes, 0, Math.min(bytes.length, 64)).includes('webm') ? audioTypes.webm : null;
  }
  if (ascii(bytes, 4, 4) === 'ftyp') {
    return imageBrands.has(ascii(bytes, 8, 4).trim().toLowerCase()) ? null : audioTypes.m4a;
  }
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegFrame(bytes)) return audioTypes.mp3;
  return null;
}

export function detectImage(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return imageTypes.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return imageTypes.png;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return imageTypes.webp;
  return null;
}

/**
 * Whether the client's declared type agrees with the detected one. No type, or the generic
 * `application/octet-stream` a client sends when it does not know, agrees with anything.
 */
export function declaredTypeAgrees(declared: string, detected: MediaType): boolean {
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/octet-stream') return true;
  return (detected.declaredAs as readonly string[]).includes(type);
}

/**
 * A WAV file's length in seconds, exactly, from its `fmt ` and `data` chunks: data bytes divided
 * by the byte rate. A header that contradicts itself (a byte rate that is not sample rate × block
 * align) is refused as damaged (null) rather than trusted, since the length decides what is charged.
 * A data size past the end of the file (a recording cut short) counts only the bytes present.
 */
export function wavDurationSeconds(bytes: Uint8Array): number | null {
  if (!(ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE')) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate: number | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) return null;
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const rate = view.getUint32(body + 8, true);
      const blockAlign = view.getUint16(body + 12, true);
      const isSane =
        channels >= 1 &&
        sampleRate >= 1000 &&
        sampleRate <= 768_000 &&
        blockAlign >= 1 &&
        rate === sampleRate * blockAlign;
      if (!isSane) return null;
      byteRate = rate;
    } else if (id === 'data') {
      if (byteRate === null) return null;
      const present = Math.min(size, bytes.length - body);
      return present / byteRate;
    }
    offset = body + size + (size % 2);
  }
  return null;
}
