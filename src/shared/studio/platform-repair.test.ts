import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  characterCount,
  checkOutput,
  defaultPlatformLimits,
  type PlatformLimits,
  renderPost,
  repairOutput,
  stripNumbering,
  weightedLengthX,
} from './platform-rules.ts';
import { hashtags, hostileText, looseHashtags } from './studio-arbitraries.test-support.ts';
import type { Platform, PlatformOutputs } from './studio-types.ts';

const sentences = (count: number) =>
  Array.from({ length: count }, (_, i) => `Point ${i + 1} is a sentence of a handful of words.`).join(' ');

describe('repairing outputs that break the rules', () => {
  it('returns a valid output as it is', () => {
    const output = { tweets: ['Fine as it is.'], hashtags: [] };
    expect(repairOutput('x', output)).toEqual(output);
  });

  it('splits an overlong tweet again and renumbers the thread', () => {
    const repaired = repairOutput('x', {
      tweets: ['1/2 Short opener.', `2/2 ${sentences(12)}`],
      hashtags: ['#ai'],
    });
    expect(repaired).not.toBeNull();
    const tweets = repaired?.tweets ?? [];
    expect(tweets.length).toBeGreaterThan(2);
    expect(tweets[0]).toBe(`1/${tweets.length} Short opener.`);
    for (const tweet of tweets) expect(weightedLengthX(tweet)).toBeLessThanOrEqual(280);
    expect(tweets[tweets.length - 1]).toMatch(/#ai$/);
  });

  it('trims a thread with too many tweets to the cap and renumbers it', () => {
    const tweets = Array.from({ length: 30 }, (_, i) => `${i + 1}/30 Tweet number ${i + 1}.`);
    const repaired = repairOutput('x', { tweets, hashtags: [] });
    expect(repaired?.tweets).toHaveLength(25);
    expect(repaired?.tweets[24]).toBe('25/25 Tweet number 25.');
  });

  it('drops X hashtags that no longer fit on the last tweet', () => {
    const repaired = repairOutput('x', { tweets: [`${'a'.repeat(270)}.`], hashtags: ['#one', '#two'] });
    expect(repaired).toEqual({ tweets: [`${'a'.repeat(270)}. #one`], hashtags: ['#one'] });
  });

  it('splits an overlong Threads post and one with too many links', () => {
    const links = Array.from({ length: 8 }, (_, i) => `https://site${i}.com`).join(' ');
    const repaired = repairOutput('threads', { posts: [sentences(20), links] });
    expect(repaired).not.toBeNull();
    expect(checkOutput('threads', repaired)).toEqual([]);
    expect(repaired?.posts.join(' ')).toContain('https://site7.com');
  });

  it('trims a LinkedIn body at a sentence end, keeping hook, call to action and hashtags', () => {
    const post = {
      hook: 'Why most launches fail',
      body: sentences(120),
      cta: 'What do you think?',
      hashtags: ['#launch'],
    };
    const repaired = repairOutput('linkedin', post);
    expect(repaired).toMatchObject({ hook: post.hook, cta: post.cta, hashtags: post.hashtags });
    expect(repaired?.body).toMatch(/words\.$/);
    const length = characterCount(renderPost('linkedin', repaired as PlatformOutputs['linkedin'])[0]);
    expect(length).toBeLessThanOrEqual(3000);
    expect(length).toBeGreaterThan(2900);
  });

  it('cuts a body without sentence ends at a word, with an ellipsis', () => {
    const repaired = repairOutput('facebook', { text: 'word '.repeat(20_000), hashtags: [] });
    expect(repaired?.text).toMatch(/word…$/);
    expect(characterCount(repaired?.text ?? '')).toBeLessThanOrEqual(63_206);
  });

  it('drops Instagram hashtags beyond the cap, counting those in the caption', () => {
    const tags = Array.from({ length: 40 }, (_, i) => `#t${i}`);
    expect(repairOutput('instagram', { caption: 'Hello', hashtags: tags })?.hashtags).toEqual(
      tags.slice(0, 30),
    );
    const five: PlatformLimits = { ...defaultPlatformLimits, instagram: { maxChars: 2200, maxHashtags: 5 } };
    const repaired = repairOutput(
      'instagram',
      { caption: 'Hi #a #b #c', hashtags: ['#b', '#x', '#y', '#z'] },
      five,
    );
    expect(repaired).toEqual({ caption: 'Hi #a #b #c', hashtags: ['#b', '#x', '#y'] });
  });

  it('rebuilds unsafe email HTML from the text body, escaped', () => {
    const repaired = repairOutput('email', {
      subject: 'Hello',
      previewText: '',
      html: '<p onclick="x()">Hi</p><script>steal()</script>',
      text: 'Hi <friends> & co.\nSecond line.\n\nNew paragraph.',
    });
    expect(repaired?.html).toBe('<p>Hi &lt;friends&gt; &amp; co.<br>Second line.</p>\n<p>New paragraph.</p>');
  });

  it('trims an email subject and preview text at a word boundary', () => {
    const repaired = repairOutput('email', {
      subject: 'A subject line that goes on and on well past what any inbox shows of it before cutting',
      previewText: 'word '.repeat(40),
      html: '<p>x</p>',
      text: 'x',
    });
    expect(repaired?.subject).toBe(
      'A subject line that goes on and on well past what any inbox shows of it…',
    );
    expect(characterCount(repaired?.subject ?? '')).toBeLessThanOrEqual(78);
    expect(repaired?.previewText).toMatch(/word…$/);
  });

  it('normalizes loose hashtags and returns null for what it cannot fix', () => {
    expect(repairOutput('facebook', { text: 'Hi', hashtags: ['coffee time', '#Café!', '#café'] })).toEqual({
      text: 'Hi',
      hashtags: ['#coffeetime', '#Café'],
    });
    expect(repairOutput('linkedin', { hook: '' } as never)).toBeNull();
    const hugeUrl = `https://example.com/${'a'.repeat(600)}`;
    expect(repairOutput('threads', { posts: [hugeUrl] })).toBeNull();
  });
});

const line = hostileText(40);
const longText = hostileText(400);
const outputs: { [P in Platform]: fc.Arbitrary<PlatformOutputs[P]> } = {
  x: fc.record({ tweets: fc.array(longText, { minLength: 1, maxLength: 40 }), hashtags: looseHashtags }),
  threads: fc.record({ posts: fc.array(longText, { minLength: 1, maxLength: 15 }) }),
  linkedin: fc.record({ hook: line, body: longText, cta: line, hashtags: looseHashtags }),
  instagram: fc.record({ caption: longText, hashtags: fc.oneof(looseHashtags, hashtags) }),
  tiktok: fc.record({
    hook: line,
    talkingPoints: fc.array(line, { minLength: 1, maxLength: 8 }),
    cta: line,
    caption: longText,
    hashtags: looseHashtags,
  }),
  facebook: fc.record({ text: longText, hashtags: looseHashtags }),
  email: fc.record({
    subject: line,
    previewText: line,
    html: fc.oneof(
      longText,
      fc.constantFrom('<p>ok</p>', '<script>x</script>', '<a href="javascript:x">y</a>'),
    ),
    text: longText,
  }),
};

describe('repairOutput on arbitrary outputs', () => {
  for (const platform of Object.keys(outputs) as Platform[]) {
    it(`yields a ${platform} output that passes checkOutput, or null`, () => {
      const limits = fc.constantFrom(defaultPlatformLimits, {
        ...defaultPlatformLimits,
        x: { maxWeightedLength: 280, maxTweets: 3 },
        instagram: { maxChars: 300, maxHashtags: 3 },
        threads: { maxChars: 120, maxLinks: 1, maxPosts: 4 },
        email: { maxSubjectChars: 20, maxPreviewChars: 30 },
      });
      fc.assert(
        fc.property(
          outputs[platform] as fc.Arbitrary<PlatformOutputs[Platform]>,
          limits,
          (output, platformLimits) => {
            const repaired = repairOutput(platform, output, platformLimits);
            if (repaired !== null) expect(checkOutput(platform, repaired, platformLimits)).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe('thread numbering', () => {
  it('strips 1/n numbering but not text like 24/7', () => {
    expect(stripNumbering('3/12 Third.')).toBe('Third.');
    expect(stripNumbering('(2/3) Second.')).toBe('Second.');
    expect(stripNumbering('1/ First.')).toBe('First.');
    expect(stripNumbering('24/7 support matters.')).toBe('24/7 support matters.');
  });
});
