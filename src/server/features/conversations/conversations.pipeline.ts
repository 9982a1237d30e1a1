import type { Language } from '../../../shared/studio/studio-types.ts';
import type { AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { describeImage, transcribeAudio } from '../ai-providers/ai-providers.service.ts';
import { chargeOperation } from '../billing/metering.service.ts';
import { ledgerActorOf } from '../credits/credits.service.ts';
import { findStorageObject } from '../storage/storage.queries.ts';
import { readStorageObject } from '../storage/storage.service.ts';
import {
  conversationChargeKey,
  failConversation,
  generationTextOf,
  type JobActor,
  markCompleted,
  startGeneration,
} from './conversations.generate.ts';
import {
  type ConversationRow,
  findConversationById,
  updateConversationFrom,
} from './conversations.queries.ts';
import { maxImageTextChars, maxTranscriptChars } from './conversations.schemas.ts';
import { minutesOf, tooLongError } from './conversations.uploads.ts';
import { wavDurationSeconds } from './media-types.ts';

export interface ConversationJob {
  conversationId: string;
  actor: JobActor;
  language?: Language;
  request: RequestInfo | null;
}

interface Attempt {
  isLast: boolean;
}

/** Speech runs at about 150 words a minute: the length charged when nothing else measured it. */
const estimatedSeconds = (text: string) => (text.split(/\s+/).filter(Boolean).length / 150) * 60;

/**
 * Errors worth a retry: the provider was unreachable or failed on its side. A refusal (4xx-like
 * AppError) would be refused again, so it fails the conversation at once.
 */
const isRetryable = (error: unknown) => !(error instanceof AppError) || error.status >= 500;

const messageOf = (error: unknown, fallback: string) =>
  error instanceof AppError ? error.message : fallback;

async function readSource(deps: AppDeps, row: ConversationRow) {
  const objectId = row.imageObjectId ?? row.audioObjectId;
  const object = objectId ? await findStorageObject(deps.db, row.workspaceId, objectId) : null;
  if (!object) return null;
  try {
    return { object, bytes: await readStorageObject(deps, object) };
  } catch (error) {
    // The row is there but its file is gone: no retry brings it back.
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * Calls the provider. Returns its answer, or null once the conversation has been moved on: to
 * `needs_transcript` when the provider is no longer configured, to `failed` when the error will not
 * go away or this was the last attempt. Other errors are rethrown so the queue retries the job.
 */
async function callProvider<T>(
  deps: AppDeps,
  row: ConversationRow,
  job: ConversationJob,
  attempt: Attempt,
  call: () => Promise<T>,
): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_configured') {
      await updateConversationFrom(deps.db, row.id, ['transcribing'], {
        status: 'needs_transcript',
        error: error.message,
      });
      return null;
    }
    if (isRetryable(error) && !attempt.isLast) throw error;
    deps.log.warn({ err: error, conversationId: row.id }, 'conversation provider call failed for good');
    const what = row.imageObjectId ? 'describe the photo' : 'transcribe the recording';
    await failConversation(
      deps,
      row,
      ['transcribing'],
      messageOf(error, `The AI provider could not ${what}`),
      job.actor,
    );
    return null;
  }
}

async function transcribeStep(deps: AppDeps, row: ConversationRow, job: ConversationJob, attempt: Attempt) {
  const source = await readSource(deps, row);
  if (!source)
    return failConversation(deps, row, ['transcribing'], 'The recording is no longer stored', job.actor);
  const { object, bytes } = source;
  const result = await callProvider(deps, row, job, attempt, () =>
    transcribeAudio(deps, row.workspaceId, {
      bytes,
      contentType: object.contentType,
      fileName: object.fileName,
      language: job.language,
    }),
  );
  if (!result) return null;
  const text = result.text.trim().slice(0, maxTranscriptChars);
  if (!text) {
    return updateConversationFrom(deps.db, row.id, ['transcribing'], {
      status: 'needs_transcript',
      error: 'No speech was found in the recording. Type what it says instead.',
    });
  }
  // Measured lengths (the WAV header, the provider) beat the client's hint; words are the last resort.
  const wav = object.contentType === 'audio/wav' ? wavDurationSeconds(bytes) : null;
  const measured = Math.max(wav ?? 0, result.durationSeconds ?? 0);
  const seconds = measured || row.durationSeconds || estimatedSeconds(text);
  const limit = deps.config.VOICE_NOTE_MAX_SECONDS;
  if (seconds > limit)
    return failConversation(deps, row, ['transcribing'], tooLongError(seconds, limit).message, job.actor);
  try {
    await chargeOperation(deps, {
      workspaceId: row.workspaceId,
      unit: 'voice_minutes',
      quantity: minutesOf(seconds),
      operationType: 'voice_minute',
      idempotencyKey: conversationChargeKey(row),
      actor: ledgerActorOf(job.actor),
      request: job.request,
      details: { conversationId: row.id, seconds: Math.ceil(seconds) },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return failConversation(deps, row, ['transcribing'], error.message, job.actor);
  }
  return updateConversationFrom(deps.db, row.id, ['transcribing'], {
    status: 'generating',
    transcript: text,
    language: job.language ?? result.language,
    durationSeconds: Math.ceil(seconds),
  });
}

async function describeStep(deps: AppDeps, row: ConversationRow, job: ConversationJob, attempt: Attempt) {
  const source = await readSource(deps, row);
  if (!source)
    return failConversation(deps, row, ['transcribing'], 'The photo is no longer stored', job.actor);
  const { object, bytes } = source;
  const description = await callProvider(deps, row, job, attempt, () =>
    describeImage(deps, row.workspaceId, {
      bytes,
      contentType: object.contentType,
      language: job.language ?? row.language,
    }),
  );
  if (description === null) return null;
  const analysis = description.trim().slice(0, maxImageTextChars);
  if (!analysis) {
    return updateConversationFrom(deps.db, row.id, ['transcribing'], {
      status: 'needs_transcript',
      error: 'The vision model returned no description. Describe the photo instead.',
    });
  }
  try {
    await chargeOperation(deps, {
      workspaceId: row.workspaceId,
      unit: 'images',
      quantity: 1,
      operationType: 'image',
      idempotencyKey: conversationChargeKey(row),
      actor: ledgerActorOf(job.actor),
      request: job.request,
      details: { conversationId: row.id },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return failConversation(deps, row, ['transcribing'], error.message, job.actor);
  }
  return updateConversationFrom(deps.db, row.id, ['transcribing'], {
    status: 'generating',
    imageAnalysis: analysis,
  });
}

async function generateStep(deps: AppDeps, row: ConversationRow, job: ConversationJob, attempt: Attempt) {
  try {
    const generation = await startGeneration(
      deps,
      {
        workspaceId: row.workspaceId,
        actor: job.actor,
        conversationId: row.id,
        isImage: Boolean(row.imageObjectId),
        text: generationTextOf(row),
        platforms: row.platforms,
        tone: row.tone,
        language: job.language ?? (row.imageObjectId ? undefined : row.language),
      },
      job.request,
    );
    return markCompleted(deps, row, generation);
  } catch (error) {
    if (isRetryable(error) && !attempt.isLast) throw error;
    deps.log.warn({ err: error, conversationId: row.id }, 'conversation generation failed');
    return failConversation(
      deps,
      row,
      ['generating'],
      messageOf(error, 'The generation could not be started'),
      job.actor,
    );
  }
}

/**
 * The jobs `conversations.transcribe` and `conversations.describe-image`: one step per status, each
 * moving the row on only from the status it expects, so a retry resumes where the last run stopped
 * and a finished conversation is left alone. The charge is keyed by conversation (charged once),
 * and the generation is looked up by conversation before one is made.
 */
export async function runConversationJob(deps: AppDeps, job: ConversationJob, attempt: Attempt) {
  let row: ConversationRow | null = await findConversationById(deps.db, job.conversationId);
  try {
    if (row?.status === 'transcribing') {
      row = row.imageObjectId
        ? await describeStep(deps, row, job, attempt)
        : await transcribeStep(deps, row, job, attempt);
    }
    if (row?.status === 'generating') await generateStep(deps, row, job, attempt);
  } catch (error) {
    if (!attempt.isLast || !row) throw error;
    // Out of retries on an error of ours (the database, say): the conversation must not stay in
    // progress for ever.
    deps.log.error({ err: error, conversationId: row.id }, 'conversation job failed for good');
    await failConversation(
      deps,
      row,
      ['transcribing', 'generating'],
      'Something went wrong on our side',
      job.actor,
    );
  }
}
