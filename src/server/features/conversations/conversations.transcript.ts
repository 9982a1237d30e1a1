import type { AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { generationTextOf, markCompleted, startGeneration } from './conversations.generate.ts';
import {
  type ConversationPatch,
  type ConversationRow,
  updateConversationFrom,
} from './conversations.queries.ts';
import type { TranscriptBody } from './conversations.schemas.ts';
import { type ConversationAccess, getConversation } from './conversations.service.ts';

function invalid(path: string, message: string) {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/** What the typed text changes: a voice note's transcript, or a photo's description and words. */
function patchOf(row: ConversationRow, body: TranscriptBody): ConversationPatch {
  if (!row.imageObjectId) {
    const transcript = body.transcript?.trim();
    if (body.imageAnalysis !== undefined)
      throw invalid('imageAnalysis', 'Only a photo has an image analysis');
    if (!transcript) throw invalid('transcript', 'Type what the recording says');
    return { transcript };
  }
  const imageAnalysis = body.imageAnalysis?.trim();
  if (!imageAnalysis) throw invalid('imageAnalysis', 'Describe what the photo shows');
  const transcript = body.transcript === undefined ? row.transcript : body.transcript.trim() || null;
  return { imageAnalysis, transcript };
}

/**
 * The user typed the transcript (or the photo's description) of a conversation that needs one, and
 * the generation starts. Only from `needs_transcript` (else 409). The conversation is claimed first
 * so two submissions cannot make two generations; a refused generation (402, 429) puts it back as
 * it was, so the user can try again.
 */
export async function submitTranscript(
  deps: AppDeps,
  access: ConversationAccess,
  conversationId: string,
  body: TranscriptBody,
  request: RequestInfo | null,
): Promise<ConversationRow> {
  const row = await getConversation(deps, access.workspaceId, conversationId);
  const conflict = () =>
    new AppError(
      'conflict',
      `This conversation is ${row.status}; it takes a transcript only while it needs one`,
      {
        status: row.status,
      },
    );
  if (row.status !== 'needs_transcript') throw conflict();
  const patch = patchOf(row, body);
  const claimed = await updateConversationFrom(deps.db, row.id, ['needs_transcript'], {
    ...patch,
    status: 'generating',
    error: null,
  });
  if (!claimed) throw conflict();
  let generation: Awaited<ReturnType<typeof startGeneration>>;
  try {
    generation = await startGeneration(
      deps,
      {
        ...access,
        conversationId: row.id,
        isImage: Boolean(row.imageObjectId),
        text: generationTextOf(claimed),
        platforms: row.platforms,
        tone: row.tone,
        language: body.language,
      },
      request,
    );
  } catch (error) {
    await updateConversationFrom(deps.db, row.id, ['generating'], {
      status: row.status,
      transcript: row.transcript,
      imageAnalysis: row.imageAnalysis,
      error: row.error,
      updatedAt: row.updatedAt,
    });
    throw error;
  }
  return (await markCompleted(deps, claimed, generation)) ?? claimed;
}
