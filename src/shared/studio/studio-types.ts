// The Studio's contract, shared by the server (engines, generations API) and the web UI (editors,
// live counters). Pure zod + types: no Node or DOM imports, so both sides bundle it.
import { z } from 'zod';

export const platforms = ['x', 'threads', 'linkedin', 'instagram', 'tiktok', 'facebook', 'email'] as const;
export type Platform = (typeof platforms)[number];
export const platformSchema = z.enum(platforms);

export const platformLabels: Record<Platform, string> = {
  x: 'X thread',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  tiktok: 'TikTok script',
  facebook: 'Facebook',
  email: 'Email',
};

/** The four named tones, and `brand`: the workspace brand profile's own tone. */
export const tones = ['educational', 'conversational', 'opinionated', 'authority', 'brand'] as const;
export type Tone = (typeof tones)[number];
export const toneSchema = z.enum(tones);

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];
export const languageSchema = z.enum(languages);

const line = z.string().trim();
const hashtag = z
  .string()
  .trim()
  .regex(/^#[\p{L}\p{N}_]+$/u, 'a hashtag is # followed by letters, digits or _');

// Each platform's structured output (SPEC §3). What is posted is composed from these parts by
// renderPost() in platform-rules.ts; the rules check that composed text, so an edit to any part
// is counted the way the platform counts it.
export const xOutputSchema = z.object({
  /** Posted in order as a reply chain; each already carries its `1/n` numbering. */
  tweets: z.array(line.min(1)).min(1),
  hashtags: z.array(hashtag),
});
export const threadsOutputSchema = z.object({
  posts: z.array(line.min(1)).min(1),
});
export const linkedinOutputSchema = z.object({
  hook: line.min(1),
  body: line,
  cta: line,
  hashtags: z.array(hashtag),
});
export const instagramOutputSchema = z.object({
  caption: line.min(1),
  hashtags: z.array(hashtag),
});
export const tiktokOutputSchema = z.object({
  hook: line.min(1),
  talkingPoints: z.array(line.min(1)).min(1),
  cta: line,
  caption: line.min(1),
  hashtags: z.array(hashtag),
});
export const facebookOutputSchema = z.object({
  text: line.min(1),
  hashtags: z.array(hashtag),
});
export const emailOutputSchema = z.object({
  subject: line.min(1),
  previewText: line,
  /** Safe HTML built by Herald (escaped text in a fixed set of tags), never raw model HTML. */
  html: z.string().min(1),
  text: z.string().min(1),
});

export const platformOutputSchemas = {
  x: xOutputSchema,
  threads: threadsOutputSchema,
  linkedin: linkedinOutputSchema,
  instagram: instagramOutputSchema,
  tiktok: tiktokOutputSchema,
  facebook: facebookOutputSchema,
  email: emailOutputSchema,
} as const;

export type XOutput = z.infer<typeof xOutputSchema>;
export type ThreadsOutput = z.infer<typeof threadsOutputSchema>;
export type LinkedinOutput = z.infer<typeof linkedinOutputSchema>;
export type InstagramOutput = z.infer<typeof instagramOutputSchema>;
export type TiktokOutput = z.infer<typeof tiktokOutputSchema>;
export type FacebookOutput = z.infer<typeof facebookOutputSchema>;
export type EmailOutput = z.infer<typeof emailOutputSchema>;
export interface PlatformOutputs {
  x: XOutput;
  threads: ThreadsOutput;
  linkedin: LinkedinOutput;
  instagram: InstagramOutput;
  tiktok: TiktokOutput;
  facebook: FacebookOutput;
  email: EmailOutput;
}
export type PlatformOutput = PlatformOutputs[Platform];

export const analysisSchema = z.object({
  coreMessage: line.min(1),
  keyPoints: z.array(line.min(1)).min(1),
  topic: line.min(1),
  audience: line.min(1),
  keywords: z.array(line.min(1)),
  entities: z.array(line.min(1)),
  language: languageSchema,
});
export type Analysis = z.infer<typeof analysisSchema>;

/** The workspace brand profile fields an engine may use (all optional; null when unset). */
export interface BrandVoice {
  brandName: string | null;
  specialties: string | null;
  ambiance: string | null;
  targetAudience: string | null;
  uniqueSellingPoints: string | null;
  personality: string | null;
  tone: string | null;
  keyMessages: string | null;
}

/** A viral score 1–10 with the reasons behind it, each reason a signed contribution. */
export interface ViralScore {
  score: number;
  reasons: Array<{
    factor: 'hook' | 'length' | 'hashtags' | 'readability' | 'structure';
    points: number;
    note: string;
  }>;
}
