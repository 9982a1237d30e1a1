import { z } from '@hono/zod-openapi';
import { languages, platforms, tones } from '../../../shared/studio/studio-types.ts';
import { iso } from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import type { ConversationRow } from './conversations.queries.ts';
import { conversationStatuses } from './conversations.table.ts';

/** A transcript becomes the generation's text, so it has the generation's input limit. */
export const maxTranscriptChars = 100_000;
/** A photo's description, and the words a user adds to a photo: each at most this long. */
export const maxImageTextChars = 20_000;

// Multipart fields arrive as strings (or Files); an empty field counts as absent.
const emptyAsAbsent = (value: unknown) => (value === '' ? undefined : value);

const platformsField = z.preprocess(
  (value) => (Array.isArray(value) ? value.join(',') : value),
  z
    .string({ error: 'Comma-separated platforms, e.g. x,linkedin' })
    .max(200)
    .transform((list) =>
      list
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(platforms))
        .min(1)
        .max(platforms.length)
        .refine((list) => new Set(list).size === list.length, 'Each platform at most once'),
    ),
);

const fileField = (name: string) =>
  z.instanceof(File, { message: `Attach the file as the multipart field \`${name}\`` });

const optionalText = (max: number) =>
  z.preprocess(emptyAsAbsent, z.string().trim().min(1).max(max).optional());

const commonFields = {
  platforms: platformsField,
  tone: z.enum(tones),
  language: z.preprocess(emptyAsAbsent, z.enum(languages).optional()),
};

export const voiceNoteFormSchema = z.object({
  audio: fileField('audio'),
  ...commonFields,
  transcript: optionalText(maxTranscriptChars),
  durationSeconds: z.preprocess(emptyAsAbsent, z.coerce.number().positive().max(86_400).optional()),
});
export type VoiceNoteForm = z.infer<typeof voiceNoteFormSchema>;

export const imageFormSchema = z.object({
  image: fileField('image'),
  ...commonFields,
  description: optionalText(maxImageTextChars),
  text: optionalText(maxImageTextChars),
});
export type ImageForm = z.infer<typeof imageFormSchema>;

export const transcriptBodySchema = z
  .object({
    transcript: z
      .string()
      .max(maxTranscriptChars)
      .optional()
      .openapi({
        description: `Voice note: what was said (required, at most ${maxTranscriptChars} characters). Photo: the words to post with it (optional, at most ${maxImageTextChars}); empty clears them.`,
        example: 'We shipped offline mode today: drafts now save without a connection.',
      }),
    imageAnalysis: z
      .string()
      .max(maxImageTextChars)
      .optional()
      .openapi({
        description: `Photo only: what the photo shows, in words (required for a photo, at most ${maxImageTextChars} characters).`,
      }),
    language: z.enum(languages).optional().openapi({ description: 'Detected from the text when omitted' }),
  })
  .strict();
export type TranscriptBody = z.infer<typeof transcriptBodySchema>;

// For the OpenAPI document only: the routes read multipart bodies themselves (after checking access,
// so nobody uploads megabytes to be told they may not), so these are not zod schemas.
const commonFormProperties = {
  platforms: {
    type: 'string' as const,
    example: 'x,linkedin',
    description: `Comma-separated, 1 to 7 of ${platforms.join(', ')}`,
  },
  tone: { type: 'string' as const, enum: [...tones] },
  language: { type: 'string' as const, enum: [...languages], description: 'Detected when omitted' },
};

export const voiceNoteFormDoc = {
  type: 'object' as const,
  required: ['audio', 'platforms', 'tone'],
  properties: {
    audio: { type: 'string' as const, format: 'binary', description: 'webm, ogg, mp3, wav or m4a' },
    ...commonFormProperties,
    transcript: {
      type: 'string' as const,
      description: 'Skips transcription: the generation starts at once',
    },
    durationSeconds: {
      type: 'number' as const,
      description: 'The recording length as the client measured it (WAV files are measured by Herald)',
    },
  },
};

export const imageFormDoc = {
  type: 'object' as const,
  required: ['image', 'platforms', 'tone'],
  properties: {
    image: { type: 'string' as const, format: 'binary', description: 'jpeg, png or webp' },
    ...commonFormProperties,
    description: { type: 'string' as const, description: 'What the photo shows; skips the vision model' },
    text: { type: 'string' as const, description: 'Your words to post with the photo' },
  },
};

export const conversationSchema = z
  .object({
    id: z.string(),
    status: z.enum(conversationStatuses),
    transcript: z.string().nullable(),
    imageAnalysis: z.string().nullable(),
    language: z.enum(languages),
    durationSeconds: z.number().nullable(),
    audioObjectId: z.string().nullable(),
    imageObjectId: z.string().nullable(),
    platforms: z.array(z.enum(platforms)),
    tone: z.enum(tones),
    generationId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: timestamp(),
  })
  .openapi('Conversation');
export type ConversationView = z.infer<typeof conversationSchema>;

export const conversationPageSchema = z.object({
  items: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export function presentConversation(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    status: row.status,
    transcript: row.transcript,
    imageAnalysis: row.imageAnalysis,
    language: row.language,
    durationSeconds: row.durationSeconds,
    audioObjectId: row.audioObjectId,
    imageObjectId: row.imageObjectId,
    platforms: row.platforms,
    tone: row.tone,
    generationId: row.generationId,
    error: row.error,
    createdAt: iso(row.createdAt),
  };
}
