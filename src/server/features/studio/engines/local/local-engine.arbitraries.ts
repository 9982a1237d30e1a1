// Generated sources for the local engine's property test: English and French prose, emoji, URLs,
// very long words, CJK, Markdown (headings, lists, code blocks, inline code, images, HTML), one-line
// texts and 20,000-word texts, with and without a brand profile. Code always carries `codeMark`, so
// the test can prove no code ever reaches a post.
import fc from 'fast-check';
import type { PlatformLimits } from '../../../../../shared/studio/platform-rules.ts';
import { defaultPlatformLimits } from '../../../../../shared/studio/platform-rules.ts';
import {
  type BrandVoice,
  type Language,
  languages,
  tones,
} from '../../../../../shared/studio/studio-types.ts';

export const codeMark = 'zqxcode';

const englishWords =
  `the and of to a in is that for it with as on was our teams content article growth data platform
  launch customers revenue rose percent we you they LinkedIn Instagram Paris Acme Sarah Chen product design engineers
  release faster simple every week users feedback pricing model AI quality writing publish strategy market 2024 38%
  don't it's can't really amazing strong because however therefore study shows results`.split(/\s+/u);
const frenchWords =
  `le la les des du et est une un pour dans que qui pas sur au avec ce cette nous vous contenu
  équipe croissance données plateforme lancement clients chiffre d'affaires hausse l'article qu'il d'un réseau
  sociaux publication semaine Paris Dupont Acme Société Générale très déjà où ça être façon côté 38 % c'est n'est`.split(
    /\s+/u,
  );
const emoji = ['🎉', '🚀', '👩‍💻', '🇫🇷', '❤️', '👍🏽', '1️⃣', '🤖', '✨'];

const words = (pool: string[], max: number) =>
  fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: max }).map((list) => list.join(' '));
const ending = fc.constantFrom('.', '.', '.', '!', '?', ' !', ' ?', '…', '', ':');
const sentenceOf = (pool: string[]) =>
  fc
    .tuple(words(pool, 28), ending)
    .map(([text, end]) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${end}`);

const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
const longWord = fc.string({
  unit: fc.constantFrom('a', 'b', 'é', 'x', 'Z', '1', '-'),
  minLength: 60,
  maxLength: 3000,
});
const cjk = fc.string({
  unit: fc.constantFrom('日', '本', '語', '中', '文', '한', '국'),
  minLength: 1,
  maxLength: 400,
});
const chaos = fc.string({ unit: 'grapheme', maxLength: 60 });
const hashtagRun = fc
  .array(fc.stringMatching(/^#[a-z]{2,8}$/u), { minLength: 1, maxLength: 40 })
  .map((t) => t.join(' '));

/** A fragment of prose in one language, with the odd emoji, URL, long word or mess mixed in. */
const fragment = (pool: string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: sentenceOf(pool) },
    { weight: 2, arbitrary: fc.constantFrom(...emoji) },
    { weight: 2, arbitrary: url },
    { weight: 1, arbitrary: longWord },
    { weight: 1, arbitrary: cjk },
    { weight: 1, arbitrary: chaos },
    { weight: 1, arbitrary: hashtagRun },
  );
const paragraph = (pool: string[]) =>
  fc.array(fragment(pool), { minLength: 1, maxLength: 8 }).map((f) => f.join(' '));

const code = fc
  .array(
    fc.constantFrom(
      'const x = 1;',
      'if (a && b) { run(); }',
      'SELECT * FROM posts;',
      'npm install',
      'print("Hi.")',
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((lines) => [`${codeMark}_block();`, ...lines].join('\n'));

/** A Markdown block: paragraph, heading, list, fenced or indented code, inline code, image, HTML, quote. */
const markdownBlock = (pool: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: paragraph(pool) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 3 }), sentenceOf(pool))
        .map(([n, t]) => `${'#'.repeat(n)} ${t}`),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(sentenceOf(pool), { minLength: 1, maxLength: 6 })
        .map((items) => items.map((i) => `- ${i}`).join('\n')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('```', '```ts', '~~~'), code)
        .map(([fence, c]) => `${fence}\n${c}\n${fence.slice(0, 3)}`),
    },
    { weight: 1, arbitrary: sentenceOf(pool).map((t) => `${t} Run \`${codeMark}_inline --now\` first.`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(sentenceOf(pool), url)
        .map(([t, u]) => `${t} ![${codeMark}_alt](${u}) [read this](${u}).`),
    },
    {
      weight: 1,
      arbitrary: sentenceOf(pool).map((t) => `<div class="x">${codeMark}_html</div>\n\n${t} <b>bold</b>`),
    },
    {
      weight: 1,
      arbitrary: code.map((c) =>
        c
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      ),
    }, // indented code
    { weight: 1, arbitrary: sentenceOf(pool).map((t) => `> ${t}`) },
  );

// A fence never closed runs to the end of the text, so it can only come last (followed by another
// fence it would turn that one's code into prose, which is what Markdown says it is).
const unclosedFence = fc.option(
  code.map((c) => `\`\`\`\n${c}`),
  { nil: null, freq: 6 },
);
const document = (pool: string[]) =>
  fc
    .tuple(fc.array(markdownBlock(pool), { minLength: 1, maxLength: 12 }), unclosedFence)
    .map(([blocks, last]) => [...blocks, ...(last ? [last] : [])].join('\n\n'));

/** Every kind of source the engine must handle, mixed. */
export const source: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: document(englishWords) },
  { weight: 3, arbitrary: document(frenchWords) },
  { weight: 2, arbitrary: document([...englishWords, ...frenchWords]) },
  { weight: 2, arbitrary: sentenceOf(englishWords) }, // one line
  { weight: 1, arbitrary: sentenceOf(frenchWords) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom(...emoji), url, longWord, cjk, chaos).filter((t) => t.trim() !== ''),
  },
  { weight: 1, arbitrary: code.map((c) => `\`\`\`\n${c}\n\`\`\``) }, // nothing but code
);

/** About 20,000 words: generated paragraphs repeated (varied by their position) until long enough. */
export const hugeSource: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(englishWords, frenchWords),
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 8, maxLength: 8 }),
  )
  .chain(([pool, salts]) =>
    fc.array(markdownBlock(pool), { minLength: 8, maxLength: 8 }).map((blocks) => {
      const out: string[] = [];
      let count = 0;
      for (let i = 0; count < 20_000; i++) {
        const block = `${blocks[i % blocks.length]}\n\n${pool[((salts[i % salts.length] as number) + i) % pool.length]}.`;
        out.push(block);
        count += block.match(/\S+/gu)?.length ?? 0;
      }
      return out.join('\n\n');
    }),
  );

const field = fc.option(
  fc.oneof(
    sentenceOf(englishWords),
    sentenceOf(frenchWords),
    fc.constantFrom('Warm, witty and direct', 'Chaleureux et ludique', 'Formal; precise', '🚀 bold'),
    chaos,
    longWord,
  ),
  { nil: null },
);

export const brand: fc.Arbitrary<BrandVoice | null> = fc.option(
  fc.record({
    brandName: fc.option(
      fc.oneof(fc.constantFrom('Acme', 'Chez Marie', 'Café ☕ Bleu', 'Ünïcode Ltd'), chaos, longWord),
      {
        nil: null,
      },
    ),
    specialties: field,
    ambiance: field,
    targetAudience: field,
    uniqueSellingPoints: field,
    personality: field,
    tone: field,
    keyMessages: field,
  }),
  { nil: null },
);

/** The defaults, or the tightest the settings allow (STUDIO_*), with Threads and TikTok tightened too. */
export const limits: fc.Arbitrary<PlatformLimits> = fc.constantFrom(defaultPlatformLimits, {
  ...defaultPlatformLimits,
  x: { maxWeightedLength: 280, maxTweets: 1 },
  threads: { maxChars: 500, maxLinks: 1, maxPosts: 2 },
  instagram: { maxChars: 2200, maxHashtags: 0 },
  tiktok: { maxCaptionChars: 2200, maxHashtags: 0 },
  email: { maxSubjectChars: 20, maxPreviewChars: 40 },
});

export const tone = fc.constantFrom(...tones);
export const language = fc.option(fc.constantFrom<Language>(...languages), { nil: undefined });
