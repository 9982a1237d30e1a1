// What the LLM is asked to return, and how its answer becomes a Studio output. The model-facing
// schemas are the shared output schemas with two deliberate differences: hashtags are plain strings
// (a missing `#` is fixed here instead of costing a whole retry), and email has no `html` (Herald
// builds it from the text; model HTML is never stored).
import { z } from 'zod';
import { textToEmailHtml } from '../../../../../shared/studio/email-html.ts';
import {
  type Analysis,
  analysisSchema,
  emailOutputSchema,
  facebookOutputSchema,
  instagramOutputSchema,
  type Language,
  linkedinOutputSchema,
  type Platform,
  type PlatformOutputs,
  platformOutputSchemas,
  threadsOutputSchema,
  tiktokOutputSchema,
  xOutputSchema,
} from '../../../../../shared/studio/studio-types.ts';
import { normalizeHashtags } from '../../../../../shared/studio/text-measure.ts';
import { numberTweets, stripNumbering } from '../../../../../shared/studio/x-thread.ts';

const looseHashtags = z.array(z.string());

export const llmAnalysisSchema = analysisSchema.omit({ language: true });

export const llmOutputSchemas = {
  x: xOutputSchema.extend({ hashtags: looseHashtags }),
  threads: threadsOutputSchema,
  linkedin: linkedinOutputSchema.extend({ hashtags: looseHashtags }),
  instagram: instagramOutputSchema.extend({ hashtags: looseHashtags }),
  tiktok: tiktokOutputSchema.extend({ hashtags: looseHashtags }),
  facebook: facebookOutputSchema.extend({ hashtags: looseHashtags }),
  email: emailOutputSchema.omit({ html: true }),
} as const;

export function toAnalysis(value: z.infer<typeof llmAnalysisSchema>, language: Language): Analysis {
  return analysisSchema.parse({ ...value, language });
}

/** Thread parts numbered `1/n ` by Herald, whatever numbering (if any) the model wrote. */
export function numberThread(parts: string[]): string[] {
  const bare = parts.map(stripNumbering).filter((part) => part.length > 0);
  return bare.length === 0 ? [] : numberTweets(bare);
}

/**
 * Turns a model answer (already shaped by its llmOutputSchemas entry) into the platform's output,
 * then checks it against the shared schema. Returns the zod issues when it still does not fit.
 */
export function toPlatformOutput<P extends Platform>(
  platform: P,
  value: Record<string, unknown>,
): { ok: true; output: PlatformOutputs[P] } | { ok: false; issues: string[] } {
  const draft: Record<string, unknown> = { ...value };
  if (Array.isArray(draft.hashtags)) draft.hashtags = normalizeHashtags(draft.hashtags as string[]);
  if (platform === 'x' && Array.isArray(draft.tweets)) draft.tweets = numberThread(draft.tweets as string[]);
  if (platform === 'email' && typeof draft.text === 'string') draft.html = textToEmailHtml(draft.text);
  const parsed = platformOutputSchemas[platform].safeParse(draft);
  if (parsed.success) return { ok: true, output: parsed.data as PlatformOutputs[P] };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`),
  };
}
