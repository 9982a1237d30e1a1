import { z } from 'zod';
import type { Language, Platform, Tone } from '../../../shared/studio/studio-types.ts';
import type { Actor, AppDeps, RequestInfo } from '../../app-context.ts';
import { refundOperation } from '../billing/metering.service.ts';
import { ledgerActorOf } from '../credits/credits.service.ts';
import { createGeneration } from '../generations/generations.service.ts';
import {
  type ConversationRow,
  findGenerationOfSource,
  updateConversationFrom,
} from './conversations.queries.ts';
import type { ConversationStatus } from './conversations.table.ts';

/** Who asked, carried into the jobs so the generation and the charges name the same person or key. */
export const jobActorSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('user'),
    userId: z.string(),
    sessionId: z.string(),
    email: z.string(),
    name: z.string(),
  }),
  z.object({
    type: z.literal('api_key'),
    keyId: z.string(),
    workspaceId: z.string(),
    scope: z.enum(['read', 'read_write']),
    userId: z.string().nullable(),
  }),
]);
export type JobActor = z.infer<typeof jobActorSchema>;

export const jobRequestSchema = z
  .object({ requestId: z.string(), ipAddress: z.string().nullable(), userAgent: z.string().nullable() })
  .nullable()
  .default(null);

export function jobActorOf(actor: Actor): JobActor {
  if (actor.type === 'anonymous') throw new Error('an anonymous actor cannot start a conversation');
  return actor;
}

/**
 * A photo's generation text: the user's own words first (they say what the post is about), then the
 * description of the photo as its own paragraph. No labels such as "Photo:" are added, because the
 * engines would copy them into the posts.
 */
export function imageGenerationText(analysis: string, userText: string | null): string {
  const words = userText?.trim();
  return words ? `${words}\n\n${analysis.trim()}` : analysis.trim();
}

/** The text a conversation generates from: the transcript of a voice note, or a photo's words. */
export function generationTextOf(row: ConversationRow): string {
  if (row.imageObjectId) return imageGenerationText(row.imageAnalysis ?? '', row.transcript);
  return row.transcript ?? '';
}

export interface GenerationRequest {
  workspaceId: string;
  actor: Actor;
  conversationId: string;
  isImage: boolean;
  text: string;
  platforms: Platform[];
  tone: Tone;
  /** Omitted: the generation detects it from the text. */
  language?: Language;
}

/** Creates the generation (quota and credits are checked by it before any work: 402/429). */
export async function startGeneration(
  deps: AppDeps,
  input: GenerationRequest,
  request: RequestInfo | null,
): Promise<{ id: string; language: Language }> {
  const existing = await findGenerationOfSource(deps.db, input.workspaceId, input.conversationId);
  if (existing) return existing;
  const { generation } = await createGeneration(
    deps,
    { workspaceId: input.workspaceId, actor: input.actor },
    {
      text: input.text,
      platforms: input.platforms,
      tone: input.tone,
      language: input.language,
      sourceType: input.isImage ? 'image' : 'voice_note',
      sourceId: input.conversationId,
    },
    request,
  );
  return { id: generation.id, language: generation.language };
}

/** The conversation's generation exists: it is done (the generation has its own status). */
export function markCompleted(
  deps: Pick<AppDeps, 'db'>,
  row: ConversationRow,
  generation: { id: string; language: Language },
) {
  return updateConversationFrom(deps.db, row.id, ['generating'], {
    status: 'completed',
    generationId: generation.id,
    language: generation.language,
    error: null,
  });
}

/** The idempotency key of a conversation's own charge (voice minutes, or the vision description). */
export const conversationChargeKey = (row: Pick<ConversationRow, 'id' | 'imageObjectId'>) =>
  row.imageObjectId ? `image:${row.id}` : `voice:${row.id}`;

/** Ends a conversation as failed with a message a person can act on, and gives back its own charge. */
export async function failConversation(
  deps: AppDeps,
  row: ConversationRow,
  from: ConversationStatus[],
  message: string,
  actor: Actor,
) {
  const failed = await updateConversationFrom(deps.db, row.id, from, { status: 'failed', error: message });
  if (failed) {
    await refundOperation(deps, {
      workspaceId: row.workspaceId,
      idempotencyKey: conversationChargeKey(row),
      actor: ledgerActorOf(actor),
    });
  }
  return failed;
}
