import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../../test/fakes/fake-s3.ts';
import { ConfigError, parseConfig } from '../config.ts';
import { canonicalRequest, emptyPayloadHash, signRequest, uriEncode } from './sigv4.ts';
import { storageKey } from './storage.ts';
import { createS3Storage, type S3StorageOptions, s3ObjectUrl } from './storage-s3.ts';

const credentials = {
  bucket: 'herald-media',
  region: 'eu-west-1',
  accessKeyId: 'HERALDTESTKEY',
  secretAccessKey: 'fake-secret-access-key-0123456789',
};

let fake: FakeS3;
beforeAll(async () => {
  fake = await startFakeS3(credentials);
});
afterAll(() => fake.close());

const options = (overrides: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  ...credentials,
  endpoint: fake.url,
  forcePathStyle: true,
  unsignedPayload: false,
  timeoutMs: 5_000,
  maxObjectBytes: 1024 * 1024,
  ...overrides,
});

const bytesOf = (text: string) => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

describe('SigV4 signing', () => {
  it('signs the AWS documentation example (GET /test.txt with a Range header) to its published signature', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: emptyPayloadHash,
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('encodes every byte but the unreserved ones and sorts query parameters by encoded name', () => {
    expect(uriEncode("a b/c!'()*é~", false)).toBe('a%20b%2Fc%21%27%28%29%2A%C3%A9~');
    expect(uriEncode('a b/c', true)).toBe('a%20b/c');
    const { text } = canonicalRequest({
      method: 'get',
      path: '/',
      query: [
        ['prefix', 'a b'],
        ['list-type', '2'],
      ],
      headers: { Host: ' example.com ', 'X-Amz-Date': '20130524T000000Z' },
      payloadHash: emptyPayloadHash,
    });
    expect(text).toBe(
      `GET\n/\nlist-type=2&prefix=a%20b\nhost:example.com\nx-amz-date:20130524T000000Z\n\nhost;x-amz-date\n${emptyPayloadHash}`,
    );
  });
});

describe('S3 storage driver against a fake that checks signatures', () => {
  it('puts, reads, checks and deletes an object with path-style URLs and a hashed payload', async () => {
    const storage = createS3Storage(options());
    const key = storageKey('ws-s3', 'png', new Date('2026-01-02T00:00:00Z'));
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, bytesOf('picture bytes'));
    expect(textOf(await storage.get(key))).toBe('picture bytes');
    expect(await storage.exists(key)).toBe(true);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.key === key);
    expect(puts).toEqual([
      expect.objectContaining({
        style: 'path',
        error: null,
        payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('sends UNSIGNED-PAYLOAD when configured, and bucket-in-host URLs without path style', async () => {
    const storage = createS3Storage(
      options({
        forcePathStyle: false,
        unsignedPayload: true,
        endpoint: `http://s3.herald.test:${fake.port}`,
        // bucket.s3.herald.test has no DNS entry here: resolve it to the fake on loopback.
        lookup: (_host, lookupOptions, callback) => {
          const answer = callback as (e: null, address: unknown, family?: number) => void;
          if (lookupOptions.all) answer(null, [{ address: '127.0.0.1', family: 4 }]);
          else answer(null, '127.0.0.1', 4);
        },
      }),
    );
    const key = storageKey('ws-s3', 'mp4', new Date());
    expect(
      s3ObjectUrl(options({ forcePathStyle: false, endpoint: 'https://s3.example.com/base/' }), key).href,
    ).toBe(`https://herald-media.s3.example.com/base/${key}`);
    await storage.put(key, bytesOf('video'));
    expect(textOf(await storage.get(key))).toBe('video');
    expect(fake.requests.filter((r) => r.key === key)).toEqual([
      expect.objectContaining({
        method: 'PUT',
        style: 'virtual',
        payloadHash: 'UNSIGNED-PAYLOAD',
        error: null,
      }),
      expect.objectContaining({ method: 'GET', style: 'virtual', error: null }),
    ]);
  });

  it('a wrong secret is refused with SignatureDoesNotMatch and stores nothing', async () => {
    const storage = createS3Storage(options({ secretAccessKey: 'not-the-secret-the-server-holds' }));
    const key = storageKey('ws-s3', 'png', new Date());
    await expect(storage.put(key, bytesOf('x'))).rejects.toThrow(/403 SignatureDoesNotMatch/);
    await expect(storage.get(key)).rejects.toThrow(/403 SignatureDoesNotMatch/);
    expect(fake.objects.has(key)).toBe(false);
    // The error names the key and the S3 code, never the secret.
    await storage.put(key, bytesOf('x')).catch((error: Error) => {
      expect(error.message).not.toContain('not-the-secret');
    });
    const unknownKey = createS3Storage(options({ accessKeyId: 'SOMEONEELSE' }));
    await expect(unknownKey.exists(key)).rejects.toThrow(/403/);
  });

  it('refuses keys that could leave the bucket prefix before sending anything', async () => {
    const storage = createS3Storage(options());
    const before = fake.requests.length;
    for (const key of ['../x.png', 'a/../../b', '/abs', 'a//b', 'a\\b', '']) {
      await expect(storage.put(key, bytesOf('x')), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
    }
    expect(fake.requests.length).toBe(before);
  });

  it('an object longer than the read limit is refused rather than buffered', async () => {
    const key = storageKey('ws-s3', 'bin', new Date());
    await createS3Storage(options()).put(key, new Uint8Array(4096));
    await expect(createS3Storage(options({ maxObjectBytes: 1024 })).get(key)).rejects.toThrow(
      /over 1024 bytes/,
    );
  });
});

describe('storage settings', () => {
  it('STORAGE_DRIVER=s3 names every missing S3 setting at once', () => {
    let error: unknown;
    try {
      parseConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'media' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'S3_ENDPOINT: required when STORAGE_DRIVER is s3',
      'S3_REGION: required when STORAGE_DRIVER is s3',
      'S3_ACCESS_KEY_ID: required when STORAGE_DRIVER is s3',
      'S3_SECRET_ACCESS_KEY: required when STORAGE_DRIVER is s3',
    ]);
    expect(parseConfig({}).STORAGE_DRIVER).toBe('local');
    expect(parseConfig({}).STORAGE_PURGE_AFTER_DAYS).toBe(7);
  });
});
