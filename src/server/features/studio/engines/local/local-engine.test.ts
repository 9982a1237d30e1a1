import { describe, expect, it } from 'vitest';
import { checkOutput, defaultPlatformLimits } from '../../../../../shared/studio/platform-rules.ts';
import {
  type BrandVoice,
  type Language,
  type Platform,
  platforms,
  type Tone,
} from '../../../../../shared/studio/studio-types.ts';
import { analyzeText, createLocalEngine, detectLanguage } from './local-engine.ts';

const english = `# Why content repurposing beats writing from scratch

Most teams publish an article once and move on. That is a waste of good work. Content repurposing turns one article into a week of social posts for LinkedIn, X and Instagram.

Our data shows that repurposed posts get 38% more engagement than original posts. HubSpot found similar results in 2023.

## How to start

- Pick your best performing article from last quarter.
- Extract three key points and one strong hook.
- Adapt the tone for each platform, not just the length.

Run \`npx herald generate --secret-flag\` to try it, then read the guide at https://example.com/guide.

\`\`\`bash
curl https://internal.example/deploy --token abc123
\`\`\`

Content repurposing is not copy-pasting. Each platform has its own rules and its own audience. Sarah Chen, head of marketing at Acme, says content repurposing doubled their reach.`;

const french = `# Pourquoi réutiliser vos contenus

La plupart des équipes publient un article puis passent à autre chose. C'est du gaspillage ! La réutilisation de contenu transforme un article en une semaine de publications sur LinkedIn et Instagram.

Selon nos données, les publications réutilisées obtiennent 38 % d'engagement en plus. M. Dupont, directeur marketing chez Acme, l'a constaté dès 2023.

- Choisissez votre meilleur article du trimestre.
- Extrayez trois idées clés et une accroche forte.
- Adaptez le ton à chaque réseau social.

La réutilisation de contenu n'est pas du copier-coller. Chaque réseau a ses règles et son public.`;

const brand: BrandVoice = {
  brandName: 'Quillstone',
  specialties: null,
  ambiance: null,
  targetAudience: 'Busy marketing teams',
  uniqueSellingPoints: 'One source, every platform\nRules checked before anything is stored',
  personality: 'A meticulous editor who hates busywork',
  tone: 'Warm, witty and direct',
  keyMessages: 'Write once, publish everywhere.\nNever break a platform rule.',
};

const engine = createLocalEngine();

function generate(
  text: string,
  tone: Tone,
  options: { brand?: BrandVoice | null; language?: Language } = {},
) {
  return engine.generate({
    text,
    language: options.language ?? detectLanguage(text),
    platforms: [...platforms],
    tone,
    brand: options.brand ?? null,
    limits: defaultPlatformLimits,
  });
}

/** Every string of every output, for "does it appear anywhere" checks. */
function allText(outputs: object): string {
  return JSON.stringify(outputs);
}

const emoji = /\p{Extended_Pictographic}/u;

describe('the local engine', () => {
  it('reports itself as local-1, free of tokens and cost', async () => {
    const result = await generate(english, 'educational');
    expect(engine.kind).toBe('local');
    expect(engine.model).toBe('local-1');
    expect(result.model).toBe('local-1');
    expect(result.tokens).toEqual({ input: 0, output: 0 });
    expect(result.costUsdMicros).toBe(0);
  });

  it('gives the same result for the same request', async () => {
    const first = await generate(english, 'conversational', { brand });
    const second = await generate(english, 'conversational', { brand });
    expect(second).toEqual(first);
  });

  it('writes every platform within its rules', async () => {
    for (const tone of ['educational', 'conversational', 'opinionated', 'authority', 'brand'] as const) {
      const result = await generate(english, tone, { brand });
      expect(result.failures).toEqual({});
      for (const platform of platforms) {
        expect(checkOutput(platform, result.outputs[platform], defaultPlatformLimits)).toEqual([]);
      }
    }
  });

  it('never quotes code from a code block or inline code, and keeps links as URLs', async () => {
    const result = await generate(english, 'educational');
    const text = allText(result.outputs);
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('internal.example');
    expect(text).not.toContain('--secret-flag');
    expect(result.outputs.linkedin?.cta).toContain('https://example.com/guide');
    expect(result.outputs.email?.html).toContain('<a href="https://example.com/guide">');
  });

  it('draws the analysis from the text itself', () => {
    const analysis = analyzeText(english, 'en', null);
    const source = english.replace(/\s+/gu, ' ');
    expect(source).toContain(analysis.coreMessage);
    expect(analysis.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(analysis.keyPoints.length).toBeLessThanOrEqual(5);
    for (const point of analysis.keyPoints) expect(source).toContain(point);
    expect(analysis.topic).toBe('Why content repurposing beats writing from scratch');
    expect(analysis.keywords).toContain('content repurposing');
    expect(analysis.entities).toEqual(expect.arrayContaining(['LinkedIn', 'Acme']));
    expect(analysis.audience).toBe('marketers and content creators');
    expect(analysis.language).toBe('en');
  });

  it('takes the audience from the brand profile when it names one', () => {
    expect(analyzeText(english, 'en', brand).audience).toBe('Busy marketing teams');
  });

  it('makes each tone visible', async () => {
    const hooks = new Map<Tone, string>();
    for (const tone of ['educational', 'conversational', 'opinionated', 'authority'] as const) {
      hooks.set(tone, (await generate(english, tone)).outputs.linkedin?.hook ?? '');
    }
    expect(hooks.get('educational')).toContain("here's what you need to know");
    expect(hooks.get('opinionated')).toMatch(/^Unpopular opinion: /u);
    expect(hooks.get('opinionated')).not.toBe(hooks.get('educational'));
    expect(hooks.get('conversational')).toMatch(/\?/u);
    expect(hooks.get('conversational')).toMatch(emoji);
    expect(hooks.get('authority')).toMatch(/^Key findings/u);
    expect(new Set(hooks.values()).size).toBe(4);

    const educational = await generate(english, 'educational');
    expect(educational.outputs.linkedin?.body).toMatch(/^1\. /mu);
    const opinionated = await generate(english, 'opinionated');
    expect(opinionated.outputs.linkedin?.body).toContain("I'm convinced");
    const authority = await generate(`${english} 🎉🚀`, 'authority', { brand });
    expect(allText(authority.outputs)).not.toMatch(emoji);
    // Data first: the authority body opens with the sentence carrying figures.
    expect(authority.outputs.linkedin?.body).toMatch(/^Our data shows that repurposed posts get 38%/u);
  });

  it('builds the brand tone from the brand profile’s own words', async () => {
    const result = await generate(english, 'brand', { brand });
    expect(result.outputs.linkedin?.hook).toMatch(/^The Quillstone take, warm, witty and direct: /u);
    expect(result.outputs.linkedin?.cta).toContain('— Quillstone, a meticulous editor who hates busywork');
  });

  it('uses the brand profile: name, key message, selling points and audience', async () => {
    const result = await generate(english, 'educational', { brand });
    const linkedin = result.outputs.linkedin;
    expect(linkedin?.cta).toContain('Quillstone');
    expect(linkedin?.body).toContain('Write once, publish everywhere');
    expect(linkedin?.body).toContain('One source, every platform');
    expect(linkedin?.body).toContain('Written for busy marketing teams.');
    expect(linkedin?.hashtags).toContain('#Quillstone');
    expect(result.outputs.facebook?.text).toContain('Rules checked before anything is stored');
    expect(result.outputs.email?.text).toContain('Why Quillstone?');
  });

  it('writes French for a French text', async () => {
    const result = await generate(french, 'opinionated', { brand });
    expect(result.analysis.language).toBe('fr');
    expect(result.outputs.linkedin?.hook).toMatch(/^Mon avis : /u);
    expect(result.outputs.linkedin?.cta).toContain("D'accord ou pas ?");
    const educational = await generate(french, 'educational');
    expect(educational.outputs.linkedin?.hook).toContain("voici ce qu'il faut savoir");
    expect(educational.outputs.email?.subject).toContain("ce qu'il faut savoir");
    expect(educational.analysis.audience).toBe('les marketeurs et les créateurs de contenu');
    // Hashtags keep accented letters.
    expect(educational.outputs.instagram?.hashtags.some((tag) => /[éèà]/u.test(tag))).toBe(true);
  });

  it('makes hashtags in CamelCase from letters and digits only', async () => {
    const result = await generate(english, 'educational');
    expect(result.outputs.linkedin?.hashtags).toContain('#ContentRepurposing');
    for (const tag of result.outputs.instagram?.hashtags ?? []) expect(tag).toMatch(/^#[\p{L}\p{N}]+$/u);
  });

  it('escapes the source into the email’s fixed set of tags', async () => {
    const result = await generate(
      'Compare a < b & "c" in <em>our</em> test. Then <script>alert(1)</script> ship it.',
      'educational',
    );
    const html = result.outputs.email?.html ?? '';
    expect(html).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(html).not.toMatch(/<script|alert\(1\)/u);
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gu)].map((match) => match[1]));
    for (const tag of tags) expect(['p', 'h2', 'ul', 'li', 'strong', 'a']).toContain(tag);
  });

  it('does not end a sentence at the dot inside Node.js, v2.5 or example.com', () => {
    const text =
      'Herald runs as one Node.js process with an embedded database. Version 2.5 is out today. The docs live at example.com for everyone.';
    const analysis = analyzeText(text, 'en', null);
    const quoted = [analysis.coreMessage, ...analysis.keyPoints];
    expect(quoted).toContain('Herald runs as one Node.js process with an embedded database.');
    expect(quoted).toContain('Version 2.5 is out today.');
    expect(quoted.some((sentence) => /^(js|5|com)\b/.test(sentence))).toBe(false);
  });

  it('handles a one-line text and a text that is only code', async () => {
    const oneLine = await generate('We shipped dark mode today.', 'conversational');
    expect(oneLine.analysis.coreMessage).toBe('We shipped dark mode today.');
    expect(oneLine.failures).toEqual({});

    const onlyCode = await generate('```ts\nconst token = "s3cr3t";\n```', 'educational', { brand });
    expect(onlyCode.failures).toEqual({});
    expect(onlyCode.analysis.coreMessage).toBe('Quillstone has something new to share.');
    expect(allText(onlyCode.outputs)).not.toContain('s3cr3t');
    for (const platform of platforms as readonly Platform[]) expect(onlyCode.outputs[platform]).toBeDefined();
  });

  it('stays within the rules on pathological text', async () => {
    const inputs = [
      'a'.repeat(100_000),
      `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
      '!['.repeat(30_000),
      '*a '.repeat(20_000),
      'M. '.repeat(20_000),
      '🎉'.repeat(30_000),
      Array.from({ length: 2000 }, (_, i) => `- item ${i} https://example.com/${i}`).join('\n'),
    ];
    for (const text of inputs) {
      const result = await generate(text, 'educational');
      expect(result.failures).toEqual({});
      for (const platform of platforms) {
        expect(checkOutput(platform, result.outputs[platform], defaultPlatformLimits)).toEqual([]);
      }
    }
  });

  it('detects English and French', () => {
    expect(detectLanguage(english)).toBe('en');
    expect(detectLanguage(french)).toBe('fr');
    expect(detectLanguage('The launch went well and we are happy with it.')).toBe('en');
    expect(detectLanguage("Le lancement s'est bien passé et nous en sommes ravis.")).toBe('fr');
    expect(
      detectLanguage(
        `Voici la nouvelle version de notre outil.\n\n\`\`\`js\nconst the = 'and of to is that it for with';\n\`\`\``,
      ),
    ).toBe('fr');
    expect(detectLanguage('🚀')).toBe('en');
  });
});
