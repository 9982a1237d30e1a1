import { describe, expect, it } from 'vitest';
import {
  buildXThread,
  characterCount,
  checkOutput,
  countFields,
  defaultPlatformLimits,
  type PlatformLimits,
  renderPost,
  splitText,
  weightedLengthX,
} from './platform-rules.ts';

const fitsX = (part: string) => weightedLengthX(part) <= 280;
const upTo = (n: number) => (part: string) => characterCount(part) <= n;
const limitsWith = (patch: (limits: PlatformLimits) => void): PlatformLimits => {
  const limits = structuredClone(defaultPlatformLimits);
  patch(limits);
  return limits;
};
const sentences = (count: number, words = 12) =>
  Array.from(
    { length: count },
    (_, i) => `Sentence ${i + 1} ${'has several plain words '.repeat(words / 4).trim()}.`,
  ).join(' ');

describe('counting like the platforms count', () => {
  it('weighs an emoji 2 on X, a family emoji too, and counts it as one code point elsewhere', () => {
    expect(weightedLengthX('😀')).toBe(2);
    expect(weightedLengthX('a😀b')).toBe(4);
    expect(weightedLengthX('👨‍👩‍👧‍👦')).toBe(2);
    expect(characterCount('😀')).toBe(1);
    expect('😀'.length).toBe(2);
  });

  it('weighs every URL 23 on X however long it is', () => {
    expect(weightedLengthX('https://x.co')).toBe(23);
    expect(weightedLengthX(`https://example.com/${'a'.repeat(500)}`)).toBe(23);
    expect(weightedLengthX('example.com')).toBe(23);
    expect(weightedLengthX('see https://example.com/path?q=1 now')).toBe(4 + 23 + 4);
  });

  it('weighs CJK characters 2 on X and 1 elsewhere', () => {
    expect(weightedLengthX('日本語')).toBe(6);
    expect(characterCount('日本語')).toBe(3);
    expect(weightedLengthX('한국어')).toBe(6);
  });

  it('accepts a tweet of exactly 280 weighted characters and refuses 281', () => {
    expect(checkOutput('x', { tweets: ['a'.repeat(280)], hashtags: [] })).toEqual([]);
    expect(checkOutput('x', { tweets: ['中'.repeat(140)], hashtags: [] })).toEqual([]);
    const [violation] = checkOutput('x', { tweets: ['ok', 'a'.repeat(281)], hashtags: [] });
    expect(violation).toMatchObject({ path: ['tweets', 1], code: 'too_long', limit: 280, actual: 281 });
    expect(checkOutput('x', { tweets: ['中'.repeat(141)], hashtags: [] })[0]).toMatchObject({ actual: 282 });
  });

  it('counts the listed X hashtags the thread lacks on the last tweet, where they would be posted', () => {
    const output = { tweets: ['1/2 first', `2/2 ${'a'.repeat(270)}`], hashtags: ['#herald'] };
    expect(renderPost('x', output)[1]).toBe(`2/2 ${'a'.repeat(270)} #herald`);
    expect(checkOutput('x', output)[0]).toMatchObject({ path: ['tweets', 1], code: 'too_long', actual: 282 });
    const present = { tweets: ['1/2 about #Herald', '2/2 done'], hashtags: ['#herald'] };
    expect(renderPost('x', present)).toEqual(present.tweets);
  });
});

describe('splitting text at sentence and word boundaries', () => {
  it('splits French text at ! and ? that follow a space, keeping the mark with its sentence', () => {
    expect(splitText('Bonjour ! Comment ça va ? Très bien, merci.', upTo(20))).toEqual([
      'Bonjour !',
      'Comment ça va ?',
      'Très bien, merci.',
    ]);
  });

  it('keeps French quotes and non-breaking spaces with their words', () => {
    const parts = splitText(
      "Il a dit : « C'est fini. » Puis il est parti. Bonjour\u202F! Ça va\u00A0?",
      upTo(26),
    );
    expect(parts).toEqual([
      "Il a dit : « C'est fini. »",
      'Puis il est parti.',
      'Bonjour\u202F! Ça va\u00A0?',
    ]);
    for (const part of parts) expect(part).not.toMatch(/^[!?:;»]|«$/);
  });

  it('does not split after e.g., inside a decimal like 3.5 or inside a URL', () => {
    const text = 'Pick a tool, e.g. Herald. It costs 3.5 dollars. See https://example.com/a.b?c=1. Then go.';
    const parts = splitText(text, upTo(32));
    expect(parts).toEqual([
      'Pick a tool, e.g. Herald.',
      'It costs 3.5 dollars.',
      'See https://example.com/a.b?c=1.',
      'Then go.',
    ]);
  });

  it('splits a sentence too long alone between words', () => {
    const parts = splitText('one two three four five six seven eight nine ten', upTo(14));
    expect(parts).toEqual(['one two three', 'four five six', 'seven eight', 'nine ten']);
  });

  it('cuts a 500-character word, the only thing it ever cuts, into parts that fit', () => {
    const word = 'x'.repeat(500);
    const parts = splitText(`Short start. ${word} short end.`, fitsX);
    expect(parts).toEqual(['Short start.', 'x'.repeat(280), `${'x'.repeat(220)} short end.`]);
  });

  it('never cuts a URL: on X it weighs 23 wherever it lands', () => {
    const url = `https://example.com/${'a'.repeat(600)}`;
    const parts = splitText(`${'word '.repeat(60)}${url} end.`, fitsX);
    expect(parts.some((part) => part.includes(url))).toBe(true);
    for (const part of parts) expect(fitsX(part)).toBe(true);
  });

  it('returns no parts for blank text and collapses whitespace runs', () => {
    expect(splitText(' \n\t ', fitsX)).toEqual([]);
    expect(splitText('a \n\n b\t\tc', fitsX)).toEqual(['a b c']);
  });
});

describe('building an X thread', () => {
  it('leaves a text that fits one tweet unnumbered, with its hashtags', () => {
    expect(buildXThread('Ship small, ship often.', ['#devops', 'shipping'])).toEqual({
      tweets: ['Ship small, ship often. #devops #shipping'],
      hashtags: ['#devops', '#shipping'],
    });
  });

  it('numbers every tweet i/n and counts the number toward 280 when the thread grows past 9 tweets', () => {
    for (const count of [24, 25, 26, 27, 28, 29, 30, 31, 45, 80]) {
      const thread = buildXThread(sentences(count), ['#herald']);
      const n = thread.tweets.length;
      thread.tweets.forEach((tweet, i) => {
        expect(tweet.startsWith(`${i + 1}/${n} `)).toBe(true);
        expect(weightedLengthX(tweet)).toBeLessThanOrEqual(280);
      });
      expect(checkOutput('x', thread)).toEqual([]);
    }
    const sizes = [26, 27, 28, 29, 30].map((count) => buildXThread(sentences(count), []).tweets.length);
    expect(sizes).toContain(9);
    expect(sizes).toContain(10);
  });

  it('appends hashtags to the last tweet as far as they fit and drops the rest', () => {
    const thread = buildXThread(`${'a'.repeat(200)}. ${'b'.repeat(260)}.`, ['#one', '#two', '#three']);
    expect(thread.tweets).toHaveLength(2);
    expect(thread.tweets[1]).toBe(`2/2 ${'b'.repeat(260)}. #one #two`);
    expect(thread.hashtags).toEqual(['#one', '#two']);
  });

  it('cuts a 20,000-word text to 25 tweets that end cleanly', () => {
    const words = Array.from({ length: 20_000 }, (_, i) =>
      i % 15 === 14 ? 'word.' : i % 15 === 0 ? 'Word' : 'word',
    );
    const thread = buildXThread(words.join(' '), ['#long']);
    expect(thread.tweets).toHaveLength(25);
    expect(thread.tweets[24]).toMatch(/^25\/25 .*\.( #long)?$/);
    expect(checkOutput('x', thread)).toEqual([]);
    const noStops = buildXThread('word '.repeat(20_000), []);
    expect(noStops.tweets[24]).toMatch(/…$/);
    expect(checkOutput('x', noStops)).toEqual([]);
  });

  it('respects a lower tweet cap from the settings', () => {
    const limits = limitsWith((l) => {
      l.x.maxTweets = 3;
    });
    const thread = buildXThread(sentences(40), [], limits);
    expect(thread.tweets).toHaveLength(3);
    expect(thread.tweets[0].startsWith('1/3 ')).toBe(true);
    expect(checkOutput('x', thread, limits)).toEqual([]);
    expect(
      checkOutput(
        'x',
        thread,
        limitsWith((l) => (l.x.maxTweets = 2)),
      )[0],
    ).toMatchObject({ code: 'too_many_parts' });
  });
});

describe('checking each platform', () => {
  it('refuses a Threads post with more than 5 links, or more posts than allowed', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.com`).join(' ');
    expect(checkOutput('threads', { posts: [links(5)] })).toEqual([]);
    expect(checkOutput('threads', { posts: ['fine', links(6)] })[0]).toMatchObject({
      path: ['posts', 1],
      code: 'too_many_links',
      limit: 5,
      actual: 6,
    });
    expect(checkOutput('threads', { posts: Array(11).fill('post') })[0]).toMatchObject({
      code: 'too_many_parts',
    });
    expect(checkOutput('threads', { posts: ['é'.repeat(501)] })[0]).toMatchObject({
      code: 'too_long',
      actual: 501,
    });
  });

  it('caps Instagram hashtags, counting those in the caption too, at a configurable number', () => {
    const tags = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `#tag${i + from}`);
    expect(checkOutput('instagram', { caption: 'Hi', hashtags: tags(30) })).toEqual([]);
    expect(checkOutput('instagram', { caption: 'Hi', hashtags: tags(31) })[0]).toMatchObject({
      path: ['hashtags'],
      code: 'too_many_hashtags',
      actual: 31,
    });
    expect(
      checkOutput('instagram', { caption: `Hi ${tags(2, 100).join(' ')}`, hashtags: tags(29) })[0],
    ).toMatchObject({ actual: 31 });
    const five = limitsWith((l) => (l.instagram.maxHashtags = 5));
    expect(checkOutput('instagram', { caption: 'Hi', hashtags: tags(6) }, five)[0]).toMatchObject({
      limit: 5,
    });
  });

  it('counts the composed LinkedIn post against 3,000 characters', () => {
    const post = {
      hook: 'Hook',
      body: 'b'.repeat(3000 - 4 - 2 - 2 - 3 - 2 - 2),
      cta: 'CTA',
      hashtags: ['#a'],
    };
    expect(characterCount(renderPost('linkedin', post)[0])).toBe(3000);
    expect(checkOutput('linkedin', post)).toEqual([]);
    expect(checkOutput('linkedin', { ...post, body: `${post.body}b` })[0]).toMatchObject({
      path: [],
      actual: 3001,
    });
  });

  it('reports unsafe email HTML as a violation', () => {
    const email = (html: string) => ({ subject: 'News', previewText: 'Inside', html, text: 'Hello' });
    expect(checkOutput('email', email('<p>Hello <a href="https://herald.dev">there</a><br></p>'))).toEqual(
      [],
    );
    for (const html of [
      '<p>x</p><script>alert(1)</script>',
      '<style>p{}</style>',
      '<iframe src="https://evil.test"></iframe>',
      '<p onclick="steal()">x</p>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="jav&#x61;script&colon;alert(1)">x</a>',
      '<a title="a > b" onmouseover="x()">x</a>',
    ]) {
      const violations = checkOutput('email', email(html));
      expect(violations.length, html).toBeGreaterThan(0);
      expect(violations[0]).toMatchObject({ path: ['html'], code: 'invalid_shape' });
    }
    expect(checkOutput('email', email('<p>Turn it on = off, see javascript: the good parts</p>'))).toEqual(
      [],
    );
  });

  it('checks the email subject and preview text lengths', () => {
    const email = { subject: 's'.repeat(79), previewText: 'p'.repeat(141), html: '<p>x</p>', text: 'x' };
    expect(checkOutput('email', email).map((v) => v.path[0])).toEqual(['subject', 'previewText']);
  });

  it('reports a wrong shape and empty parts instead of throwing', () => {
    expect(checkOutput('x', { tweets: [] as string[], hashtags: [] })[0]).toMatchObject({
      path: ['tweets'],
      code: 'empty',
    });
    expect(checkOutput('x', { tweets: ['  '], hashtags: [] })[0]).toMatchObject({ code: 'empty' });
    expect(checkOutput('linkedin', { hook: 'x' })[0]).toMatchObject({ code: 'invalid_shape' });
    expect(checkOutput('facebook', null)[0]).toMatchObject({ code: 'invalid_shape' });
    expect(checkOutput('instagram', { caption: 'x', hashtags: ['no hash'] })[0]).toMatchObject({
      code: 'invalid_shape',
    });
  });
});

describe('live counters', () => {
  it('gives one counter per limited field, counted the way the platform counts', () => {
    expect(
      countFields('x', { tweets: ['1/2 😀', '2/2 https://example.com/very/long/path'], hashtags: [] }),
    ).toEqual([
      { path: ['tweets', 0], used: 6, limit: 280, unit: 'weighted' },
      { path: ['tweets', 1], used: 27, limit: 280, unit: 'weighted' },
    ]);
    expect(countFields('threads', { posts: ['a', 'bb'] }).map((c) => c.used)).toEqual([1, 2]);
    expect(countFields('linkedin', { hook: 'H', body: 'B', cta: '', hashtags: ['#t'] })).toEqual([
      { path: [], used: 8, limit: 3000, unit: 'characters' },
    ]);
    expect(countFields('instagram', { caption: 'Hi', hashtags: ['#a'] })[0]).toMatchObject({
      path: ['caption'],
      used: 6,
    });
    const tiktok = { hook: 'h', talkingPoints: ['p'], cta: '', caption: 'Cap', hashtags: ['#a'] };
    expect(countFields('tiktok', tiktok)[0]).toMatchObject({ path: ['caption'], used: 6, limit: 2200 });
    expect(countFields('facebook', { text: 'T', hashtags: [] })[0]).toMatchObject({
      path: ['text'],
      used: 1,
      limit: 63206,
    });
    const email = { subject: 'Sub', previewText: 'Pre', html: '<p>x</p>', text: 'x' };
    expect(countFields('email', email).map((c) => [c.path[0], c.used, c.limit])).toEqual([
      ['subject', 3, 78],
      ['previewText', 3, 140],
    ]);
  });
});
