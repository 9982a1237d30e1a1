import type { TestApp } from './harness.ts';

// Small media files built byte by byte for the upload tests, and a multipart sender.

/** A mono PCM WAV of `seconds` (a quiet 440 Hz tone), with its 44-byte header written here. */
export function wavFile(seconds: number, sampleRate = 8000, bitsPerSample: 8 | 16 = 16): Uint8Array {
  const blockAlign = bitsPerSample / 8;
  const dataSize = Math.round(seconds * sampleRate) * blockAlign;
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, dataSize, true);
  for (let i = 0; i < dataSize / blockAlign; i++) {
    const sample = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 1000);
    if (bitsPerSample === 16) view.setInt16(44 + i * 2, sample, true);
    else bytes[44 + i] = 128 + (sample >> 8);
  }
  return bytes;
}

/** An MP3-looking file: an ID3v2 tag and one MPEG-1 layer III frame header, then padding. */
export function mp3File(size = 2048): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  bytes.set([0xff, 0xfb, 0x90, 0x64], 10);
  return bytes;
}

const asciiBytes = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** An EBML element: its ID, its size as a variable-length integer (1 or 2 bytes here), its body. */
function ebml(id: number[], body: number[]): number[] {
  const size = body.length < 127 ? [0x80 | body.length] : [0x40 | (body.length >> 8), body.length & 0xff];
  return [...id, ...size, ...body];
}

/**
 * A WebM voice note shaped like a browser's MediaRecorder output: the EBML header (DocType `webm`,
 * or `matroska` to build a plain Matroska file), a Segment of unknown size with Info, one Opus
 * audio track and a Cluster holding one SimpleBlock (a 20 ms Opus silence frame).
 */
export function webmFile(docType: 'webm' | 'matroska' = 'webm'): Uint8Array {
  const header = ebml(
    [0x1a, 0x45, 0xdf, 0xa3],
    [
      ...ebml([0x42, 0x86], [1]), // EBMLVersion
      ...ebml([0x42, 0xf7], [1]), // EBMLReadVersion
      ...ebml([0x42, 0xf2], [4]), // EBMLMaxIDLength
      ...ebml([0x42, 0xf3], [8]), // EBMLMaxSizeLength
      ...ebml([0x42, 0x82], asciiBytes(docType)),
      ...ebml([0x42, 0x87], [4]), // DocTypeVersion
      ...ebml([0x42, 0x85], [2]), // DocTypeReadVersion
    ],
  );
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    [...ebml([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]), ...ebml([0x4d, 0x80], asciiBytes('herald-test'))],
  );
  const sampleRate = [0x40, 0xe7, 0x70, 0x00, 0x00, 0x00, 0x00, 0x00]; // 48000 as a 64-bit float
  const track = ebml(
    [0xae],
    [
      ...ebml([0xd7], [1]), // TrackNumber
      ...ebml([0x73, 0xc5], [1]), // TrackUID
      ...ebml([0x83], [2]), // TrackType: audio
      ...ebml([0x86], asciiBytes('A_OPUS')),
      ...ebml([0xe1], [...ebml([0xb5], sampleRate), ...ebml([0x9f], [1])]),
    ],
  );
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], track);
  const cluster = [
    ...[0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // unknown size
    ...ebml([0xe7], [0]), // Timecode
    ...ebml([0xa3], [0x81, 0x00, 0x00, 0x80, 0xf8, 0xff, 0xfe]), // SimpleBlock: track 1, keyframe
  ];
  const segment = [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  return Uint8Array.from([...header, ...segment, ...info, ...tracks, ...cluster]);
}

const oggCrcTable = Array.from({ length: 256 }, (_, n) => {
  let r = n << 24;
  for (let i = 0; i < 8; i++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

/** One Ogg page holding one packet (under 255 bytes), with its CRC computed as Ogg defines it. */
function oggPage(flags: number, granule: bigint, sequence: number, packet: number[]): number[] {
  const page = new Uint8Array(28 + packet.length);
  const view = new DataView(page.buffer);
  page.set(asciiBytes('OggS'));
  page[5] = flags;
  view.setBigUint64(6, granule, true);
  view.setUint32(14, 0x48455241, true); // stream serial number
  view.setUint32(18, sequence, true);
  page[26] = 1; // one lacing value
  page[27] = packet.length;
  page.set(packet, 28);
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ (oggCrcTable[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  view.setUint32(22, crc, true);
  return [...page];
}

/**
 * An Ogg Opus voice note: the OpusHead page (mono, 48 kHz, 312 samples pre-skip), the OpusTags
 * page and a last page whose granule position says the stream lasts `seconds`.
 */
export function oggOpusFile(seconds = 1): Uint8Array {
  const preSkip = 312;
  const head = [...asciiBytes('OpusHead'), 1, 1, preSkip & 0xff, preSkip >> 8, 0x80, 0xbb, 0, 0, 0, 0, 0];
  const vendor = asciiBytes('herald-test');
  const tags = [...asciiBytes('OpusTags'), vendor.length, 0, 0, 0, ...vendor, 0, 0, 0, 0];
  const granule = BigInt(Math.round(seconds * 48_000) + preSkip);
  return Uint8Array.from([
    ...oggPage(0x02, 0n, 0, head), // beginning of stream
    ...oggPage(0x00, 0n, 1, tags),
    ...oggPage(0x04, granule, 2, [0xf8, 0xff, 0xfe]), // end of stream
  ]);
}

/** An ISO base media box: 32-bit size, type, body. */
function box(type: string, body: number[]): number[] {
  const size = 8 + body.length;
  return [size >>> 24, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff, ...asciiBytes(type), ...body];
}

const u32 = (value: number) => [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];

/**
 * An M4A voice note: `ftyp` with `majorBrand` (`M4A ` as iTunes and ffmpeg write it, `isom` as many
 * phone recorders do), a `moov` whose `mvhd` says the file lasts `seconds`, and a small `mdat`.
 */
export function m4aFile(majorBrand: 'M4A ' | 'isom' = 'M4A ', seconds = 1): Uint8Array {
  const ftyp = box('ftyp', [...asciiBytes(majorBrand), ...u32(0x200), ...asciiBytes('M4A isomiso2mp41')]);
  const timescale = 1000;
  const matrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].flatMap(u32);
  const mvhd = box('mvhd', [
    ...u32(0), // version 0, no flags
    ...u32(0), // creation time
    ...u32(0), // modification time
    ...u32(timescale),
    ...u32(Math.round(seconds * timescale)),
    ...u32(0x10000), // rate 1.0
    0x01,
    0x00, // volume 1.0
    ...new Array(10).fill(0),
    ...matrix,
    ...new Array(24).fill(0),
    ...u32(2), // next track id
  ]);
  return Uint8Array.from([...ftyp, ...box('moov', mvhd), ...box('mdat', new Array(64).fill(0x21))]);
}

/** A PNG signature and IHDR chunk: enough to be recognized (nothing here decodes it). */
export function pngFile(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  return bytes;
}

export interface UploadField {
  bytes: Uint8Array;
  fileName: string;
  type: string;
}

/** POSTs a multipart form the way a browser would (the boundary is set by FormData). */
export function postForm(
  t: TestApp,
  path: string,
  fields: Record<string, string | UploadField>,
  auth: { cookie?: string; apiKey?: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else
      form.append(
        name,
        new File([value.bytes as Uint8Array<ArrayBuffer>], value.fileName, { type: value.type }),
      );
  }
  const headers: Record<string, string> = { origin: 'http://herald.test' };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
  return Promise.resolve(t.app.request(`http://herald.test${path}`, { method: 'POST', headers, body: form }));
}
