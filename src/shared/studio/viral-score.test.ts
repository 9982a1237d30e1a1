import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildXThread } from './platform-rules.ts';
import { hostileText } from './studio-arbitraries.test-support.ts';
import type { Platform, PlatformOutputs, ViralScore } from './studio-types.ts';
import { scoreOutput, viralScoreBase } from './viral-score.ts';

const body = [
  'We shipped the new editor last week.',
  '',
  '- Live counters for every platform',
  '- Warnings before you post',
  '- Drafts saved with the generation',
  '',
  'The team measured the result for a month, and fewer posts were rejected.',
].join('\n');

const linkedin = (hook: string): PlatformOutputs['linkedin'] => ({
  hook,
  body: `${body}\n\n${'Each platform counts text its own way, so the editor counts like each of them. '.repeat(12)}`,
  cta: 'What would you add? Tell me in the comments.',
  hashtags: ['#product', '#writing', '#socialmedia'],
});

const expectedScore = (score: ViralScore) => {
  const total = score.reasons.reduce((sum, reason) => sum + reason.points, viralScoreBase);
  return Math.min(10, Math.max(1, Math.round(total)));
};

describe('the viral score', () => {
  it('scores a strong hook higher than a weak one with the same body', () => {
    const strong = scoreOutput('linkedin', linkedin('Why do 9 in 10 launch posts get ignored?'));
    const weak = scoreOutput(
      'linkedin',
      linkedin('In this article I want to talk about some of the things we did recently'),
    );
    const hook = (score: ViralScore) => score.reasons.find((reason) => reason.factor === 'hook')?.points ?? 0;
    expect(hook(strong)).toBeGreaterThan(hook(weak));
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(strong.reasons.find((r) => r.factor === 'hook')?.note).toMatch(/question.*number.*opens strongly/);
    expect(weak.reasons.find((r) => r.factor === 'hook')?.note).toMatch(/opens weakly/);
  });

  it('explains every factor with a signed contribution that sums to the score', () => {
    const score = scoreOutput('linkedin', linkedin('Why do 9 in 10 launch posts get ignored?'));
    expect(score.reasons.map((reason) => reason.factor)).toEqual([
      'hook',
      'length',
      'hashtags',
      'readability',
      'structure',
    ]);
    for (const reason of score.reasons) expect(reason.note.length).toBeGreaterThan(10);
    expect(score.score).toBe(expectedScore(score));
  });

  it('rewards each platform’s sweet spot for length', () => {
    const length = (score: ViralScore) => score.reasons.find((reason) => reason.factor === 'length');
    const shortTweet = scoreOutput('x', {
      tweets: ['A tweet of a useful length, long enough to say one clear thing really well.'],
      hashtags: [],
    });
    expect(length(shortTweet)?.points).toBe(2);
    const tiktok = scoreOutput('tiktok', {
      hook: 'Stop writing captions like this.',
      talkingPoints: Array.from(
        { length: 6 },
        () => 'Say one clear thing in a short sentence that people remember easily.',
      ),
      cta: 'Follow for part two.',
      caption: 'Captions that work',
      hashtags: ['#tips', '#writing', '#creator'],
    });
    expect(length(tiktok)).toMatchObject({ points: 2 });
    expect(length(tiktok)?.note).toMatch(/spoken words ≈ \d+ s of talking/);
    const subject = scoreOutput('email', { subject: 'Hi', previewText: '', html: '<p>x</p>', text: 'x' });
    expect(length(subject)?.points).toBeLessThan(2);
    expect(subject.reasons.find((reason) => reason.factor === 'hashtags')).toMatchObject({ points: 0 });
  });

  it('judges the hashtag count against the platform’s ideal', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`);
    const hashtags = (score: ViralScore) =>
      score.reasons.find((reason) => reason.factor === 'hashtags')?.points;
    expect(hashtags(scoreOutput('instagram', { caption: 'A caption.', hashtags: tags(10) }))).toBe(1);
    expect(hashtags(scoreOutput('instagram', { caption: 'A caption.', hashtags: [] }))).toBe(-0.5);
    expect(hashtags(scoreOutput('x', { tweets: ['Hello there.'], hashtags: tags(8) }))).toBe(-1);
  });

  it('measures readability in French too', () => {
    const french = scoreOutput('facebook', {
      text: 'Nous avons lancé un nouvel éditeur. Il compte comme chaque plateforme. Essayez-le dès aujourd’hui !',
      hashtags: [],
    });
    const hard = scoreOutput('facebook', {
      text: 'Conformément aux dispositions réglementaires précédemment mentionnées, l’administration départementale considère qu’une réorganisation institutionnelle systématique constitue manifestement une obligation incontournable pour l’ensemble des établissements concernés.',
      hashtags: [],
    });
    const readability = (score: ViralScore) =>
      score.reasons.find((reason) => reason.factor === 'readability');
    expect(readability(french)?.points).toBeGreaterThan(readability(hard)?.points ?? 0);
    expect(readability(hard)?.note).toMatch(/LIX \d+/);
  });

  it('is deterministic and always within 1–10, for any platform and text', () => {
    const platforms: Platform[] = ['x', 'threads', 'linkedin', 'instagram', 'tiktok', 'facebook', 'email'];
    fc.assert(
      fc.property(fc.constantFrom(...platforms), hostileText(80), hostileText(20), (platform, text, line) => {
        const hook = line.trim() || 'Hook';
        const caption = text.trim() || 'Caption';
        const outputs: PlatformOutputs = {
          x: buildXThread(caption, ['#a']),
          threads: { posts: [caption] },
          linkedin: { hook, body: text, cta: line, hashtags: ['#a'] },
          instagram: { caption, hashtags: [] },
          tiktok: { hook, talkingPoints: [caption], cta: line, caption: hook, hashtags: [] },
          facebook: { text: caption, hashtags: [] },
          email: { subject: hook, previewText: line, html: '<p>x</p>', text: caption },
        };
        const score = scoreOutput(platform, outputs[platform] as never);
        expect(Number.isInteger(score.score)).toBe(true);
        expect(score.score).toBeGreaterThanOrEqual(1);
        expect(score.score).toBeLessThanOrEqual(10);
        expect(score.score).toBe(expectedScore(score));
        expect(scoreOutput(platform, outputs[platform] as never)).toEqual(score);
      }),
      { numRuns: 150 },
    );
  });
});
