// fast-check generators of hostile prose for the platform-rules properties: emoji, CJK, URLs
// (some very long), words far longer than a tweet, French punctuation and whitespace runs.
import fc from 'fast-check';

const word = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéàçABCZ0123456789'),
  minLength: 1,
  maxLength: 12,
});
const longWord = fc.string({ unit: fc.constantFrom(...'abcxyzé'), minLength: 200, maxLength: 700 });
const url = fc.oneof(
  fc.constantFrom('https://example.com', 'example.org/path', 'https://x.co/a?b=c#d', 'www.herald.dev/docs.'),
  fc
    .string({ unit: fc.constantFrom(...'abcdef0123456789/-_'), minLength: 0, maxLength: 900, size: 'max' })
    .map((path) => `https://example.com/${path}`),
);
const emoji = fc.constantFrom('😀', '👨‍👩‍👧‍👦', '🇫🇷', '❤️', '✅', '👍🏽');
const cjk = fc.string({ unit: fc.constantFrom(...'日本語中文한국어字'), minLength: 1, maxLength: 40 });
const punctuation = fc.constantFrom(
  '.',
  '!',
  '?',
  '…',
  ',',
  ' !',
  ' ?',
  ' :',
  ' ;',
  '« ',
  ' »',
  'e.g.',
  '3.5',
  '#tag',
  '@someone',
  '"',
  '(',
  ')',
);
const whitespace = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00A0', '\u202F', ' \n \t ');
const anyGrapheme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 });

const fragment = fc.oneof(
  { arbitrary: word, weight: 10 },
  { arbitrary: whitespace, weight: 10 },
  { arbitrary: punctuation, weight: 4 },
  { arbitrary: url, weight: 2 },
  { arbitrary: emoji, weight: 2 },
  { arbitrary: cjk, weight: 1 },
  { arbitrary: longWord, weight: 1 },
  { arbitrary: anyGrapheme, weight: 1 },
);

/** Text built from hostile fragments, up to a few thousand characters. */
export const hostileText = (maxFragments = 300) =>
  fc.array(fragment, { maxLength: maxFragments, size: 'large' }).map((parts) => parts.join(''));

/** Hashtags as a model might send them: some with #, some with spaces or punctuation, some huge. */
export const looseHashtags = fc.array(
  fc.oneof(
    word,
    word.map((w) => `#${w}`),
    fc.constantFrom('#café', 'two words', '#', '#!!', '#ok_1'),
    longWord.map((w) => `#${w}`),
  ),
  { maxLength: 40 },
);

/** Properly formed hashtags. */
export const hashtags = fc.array(
  word.map((w) => `#${w}`),
  { maxLength: 40 },
);
