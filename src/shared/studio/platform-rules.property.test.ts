import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildXThread,
  characterCount,
  checkOutput,
  countLinks,
  defaultPlatformLimits,
  normalizeWhitespace,
  type PlatformLimits,
  splitText,
  weightedLengthX,
} from './platform-rules.ts';
import { hostileText, looseHashtags } from './studio-arbitraries.test-support.ts';
import { toUnits } from './text-units.ts';

const noSpace = (text: string) => text.replace(/\s/g, '');
const fitters = {
  'X, 280 weighted': (part: string) => weightedLengthX(part) <= 280,
  'X with a 1/n prefix': (part: string) => weightedLengthX(`99/99 ${part}`) <= 280,
  'Threads, 500 characters and 5 links': (part: string) =>
    characterCount(part) <= 500 && countLinks(part) <= 5,
};

describe('splitText on arbitrary text', () => {
  for (const [name, fits] of Object.entries(fitters)) {
    it(`gives parts that all fit (${name}), keep every word in order, and are trimmed and non-empty`, () => {
      fc.assert(
        fc.property(hostileText(), (text) => {
          const parts = splitText(text, fits);
          for (const part of parts) {
            expect(part).not.toBe('');
            expect(part).not.toMatch(/^\s|\s$/);
            // The one allowed exception: a URL too long to fit anywhere (Threads only).
            if (!fits(part)) expect(part).toMatch(/^\S+$/);
          }
          // Cutting an over-long word only inserts part breaks: the characters stay, in order.
          expect(noSpace(parts.join(''))).toBe(noSpace(text));
          // Every word (a unit: French `Bonjour !` is one) that fits alone appears whole, in order.
          const joined = parts.join('\n');
          let from = 0;
          for (const unit of toUnits(text)) {
            if (!fits(unit.text)) continue;
            const at = joined.indexOf(unit.text, from);
            expect(at, unit.text).toBeGreaterThanOrEqual(0);
            from = at + unit.text.length;
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('never lets a part on X exceed 280 weighted characters', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        for (const part of splitText(text, fitters['X, 280 weighted']))
          expect(weightedLengthX(part)).toBeLessThanOrEqual(280);
      }),
      { numRuns: 100 },
    );
  });
});

describe('buildXThread on arbitrary text', () => {
  const limits = fc.record({
    maxWeightedLength: fc.integer({ min: 40, max: 280 }),
    maxTweets: fc.integer({ min: 1, max: 25 }),
  });

  it('always passes checkOutput for X, whatever the text, hashtags and limits', () => {
    fc.assert(
      fc.property(hostileText(), looseHashtags, limits, (text, tags, x) => {
        fc.pre(normalizeWhitespace(text.replace(/[\uFFFE\uFFFF]/g, '')) !== '');
        const platformLimits: PlatformLimits = { ...defaultPlatformLimits, x };
        const thread = buildXThread(text, tags, platformLimits);
        expect(checkOutput('x', thread, platformLimits)).toEqual([]);
        const n = thread.tweets.length;
        if (n > 1) expect(thread.tweets.every((tweet, i) => tweet.startsWith(`${i + 1}/${n} `))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the text whole when it fits in the thread', () => {
    fc.assert(
      fc.property(hostileText(60), (text) => {
        fc.pre(normalizeWhitespace(text) !== '' && weightedLengthX(text) < 4000);
        const thread = buildXThread(text, []);
        const bodies = thread.tweets.map((tweet) =>
          thread.tweets.length > 1 ? tweet.replace(/^\d+\/\d+ /, '') : tweet,
        );
        expect(noSpace(bodies.join(''))).toBe(noSpace(text.replace(/[\uFFFE\uFFFF]/g, '')));
      }),
      { numRuns: 100 },
    );
  });
});
