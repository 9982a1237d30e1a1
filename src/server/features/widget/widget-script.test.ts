import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/harness.ts';
import { buildWidgetScript } from './widget.script.ts';

// /widget.js: one small file (the budget is 8 KB gzipped), served with caching headers.

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

describe('widget.js', () => {
  it('builds into one minified script of at most 8 KB gzipped, using a Shadow DOM', async () => {
    const script = await buildWidgetScript();
    expect(script.gzipped.byteLength).toBeLessThanOrEqual(8192);
    const code = script.code.toString('utf8');
    expect(code).toContain('attachShadow');
    expect(code).toContain('currentScript');
    // One IIFE, no module syntax a classic <script> could not run.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('is served plain or gzipped with an ETag, Cache-Control and 304', async () => {
    const plain = await t.call('GET', '/widget.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('javascript');
    expect(plain.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const code = Buffer.from(await plain.arrayBuffer());

    const gzipped = await t.call('GET', '/widget.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await gzipped.arrayBuffer());
    expect(bytes.byteLength).toBeLessThanOrEqual(8192);
    expect(gunzipSync(bytes).equals(code)).toBe(true);

    for (const response of [plain, gzipped]) {
      const etag = response.headers.get('etag') as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await t.call('GET', '/widget.js', {
        headers: {
          'if-none-match': etag,
          'accept-encoding': response.headers.get('content-encoding') ? 'gzip' : 'identity',
        },
      });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
  });
});
