import type { Language, Platform, Tone } from '../../../shared/studio/studio-types.ts';
import type { Actor, AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Cursor } from '../../platform/pagination.ts';
import { hasTranscription, hasVision } from '../ai-providers/ai-providers.service.ts';
import { assertCanAfford } from '../billing/metering.service.ts';
import {
  assertStorageAvailable,
  type NewStorageObjectInput,
  withStoredObject,
} from '../storage/storage.service.ts';
import { imageGenerationText, jobActorOf, startGeneration } from './conversations.generate.ts';
import {
  type ConversationRow,
  findConversation,
  insertConversation,
  listConversations,
  type NewConversation,
} from './conversations.queries.ts';
import type { ImageForm, VoiceNoteForm } from './conversations.schemas.ts';
import { detectOrRefuse, minutesOf, readUpload, tooLongError } from './conversations.uploads.ts';
import { audioTypes, detectAudio, detectImage, imageTypes, wavDurationSeconds } from './media-types.ts';

export const transcribeJobName = 'conversations.transcribe';
export const describeImageJobName = 'conversations.describe-image';

export interface ConversationAccess {
  workspaceId: string;
  actor: Actor;
}

const uploaderOf = (actor: Actor) => (actor.type === 'anonymous' ? null : actor.userId);

interface Upload {
  access: ConversationAccess;
  object: NewStorageObjectInput;
  values: Omit<NewConversation, 'status'> & { id: string };
  isImage: boolean;
}

/**
 * The text is already there: the generation is created first, so a 402/429 (or invalid text) refuses
 * the upload before anything is stored; then the file and the finished conversation are written.
 */
async function generateAtOnce(
  deps: AppDeps,
  upload: Upload,
  text: string,
  language: Language | undefined,
  request: RequestInfo | null,
) {
  const { access, object, values } = upload;
  await assertStorageAvailable(deps.db, access.workspaceId, object.bytes.byteLength);
  const generation = await startGeneration(
    deps,
    {
      ...access,
      conversationId: values.id,
      isImage: upload.isImage,
      text,
      platforms: values.platforms,
      tone: values.tone,
      language,
    },
    request,
  );
  return withStoredObject(deps, object, (stored, tx) =>
    insertConversation(tx, {
      ...values,
      ...(upload.isImage ? { imageObjectId: stored.id } : { audioObjectId: stored.id }),
      status: 'completed',
      generationId: generation.id,
      language: generation.language,
    }),
  );
}

/** Stores the file and the conversation, and queues its job in the same transaction. */
function storeAndQueue(
  deps: AppDeps,
  upload: Upload,
  status: 'transcribing' | 'needs_transcript',
  job?: { name: string; language: Language | undefined; request: RequestInfo | null },
) {
  return withStoredObject(deps, upload.object, async (stored, tx) => {
    const row = await insertConversation(tx, {
      ...upload.values,
      ...(upload.isImage ? { imageObjectId: stored.id } : { audioObjectId: stored.id }),
      status,
    });
    if (job) {
      const data = {
        conversationId: row.id,
        actor: jobActorOf(upload.access.actor),
        language: job.language,
        request: job.request,
      };
      await deps.queue.send(job.name, data, { tx, singletonKey: row.id });
    }
    return row;
  });
}

interface CommonFields {
  platforms: Platform[];
  tone: Tone;
  language?: Language;
}

function baseValues(access: ConversationAccess, form: CommonFields) {
  return {
    id: crypto.randomUUID(),
    workspaceId: access.workspaceId,
    createdBy: uploaderOf(access.actor),
    platforms: form.platforms,
    tone: form.tone,
    // Until a transcript or the generation says otherwise.
    language: form.language ?? 'en',
  };
}

/**
 * A voice note: refused (413/415/422) before anything is stored when too big, not audio, or too long.
 * With `transcript` it generates at once and no voice minutes are charged (nothing was transcribed);
 * with a transcription provider it queues the transcription (voice minutes checked now, charged when
 * transcribed); otherwise it waits for the user to type the transcript.
 */
export async function createVoiceNote(
  deps: AppDeps,
  access: ConversationAccess,
  form: VoiceNoteForm,
  request: RequestInfo | null,
): Promise<ConversationRow> {
  const { config } = deps;
  const bytes = await readUpload(form.audio, config.VOICE_NOTE_MAX_BYTES, 'audio');
  const media = detectOrRefuse(bytes, form.audio, 'audio', detectAudio, audioTypes);
  let seconds = form.durationSeconds ?? null;
  if (media.format === 'wav') {
    seconds = wavDurationSeconds(bytes);
    if (seconds === null) {
      throw new AppError('unsupported_media_type', 'The WAV file has a damaged or inconsistent header', {
        field: 'audio',
      });
    }
  }
  if (seconds !== null && seconds > config.VOICE_NOTE_MAX_SECONDS) {
    throw tooLongError(seconds, config.VOICE_NOTE_MAX_SECONDS);
  }
  const values = {
    ...baseValues(access, form),
    durationSeconds: seconds === null ? null : Math.ceil(seconds),
    transcript: form.transcript ?? null,
  };
  const upload: Upload = {
    access,
    values,
    isImage: false,
    object: {
      workspaceId: access.workspaceId,
      uploadedBy: values.createdBy,
      purpose: 'voice_note',
      fileName: form.audio.name,
      contentType: media.contentType,
      extension: media.extension,
      bytes,
    },
  };
  if (form.transcript) return generateAtOnce(deps, upload, form.transcript, form.language, request);
  if (!(await hasTranscription(deps, access.workspaceId)))
    return storeAndQueue(deps, upload, 'needs_transcript');
  // An unknown length is checked as one minute, the least it can cost; the job charges the real one.
  await assertCanAfford(deps, {
    workspaceId: access.workspaceId,
    unit: 'voice_minutes',
    quantity: minutesOf(seconds ?? 1),
    operationType: 'voice_minute',
  });
  return storeAndQueue(deps, upload, 'transcribing', {
    name: transcribeJobName,
    language: form.language,
    request,
  });
}

/**
 * A photo: with `description` it generates at once; with a vision model the description is made by
 * a job (`transcribing` while it runs; the `image` operation is charged when it is made); otherwise
 * the user writes it (`needs_transcript`). `text` is kept in `transcript`: the user's own words.
 */
export async function createImageNote(
  deps: AppDeps,
  access: ConversationAccess,
  form: ImageForm,
  request: RequestInfo | null,
): Promise<ConversationRow> {
  const bytes = await readUpload(form.image, deps.config.IMAGE_MAX_BYTES, 'image');
  const media = detectOrRefuse(bytes, form.image, 'image', detectImage, imageTypes);
  const values = {
    ...baseValues(access, form),
    transcript: form.text ?? null,
    imageAnalysis: form.description ?? null,
  };
  const upload: Upload = {
    access,
    values,
    isImage: true,
    object: {
      workspaceId: access.workspaceId,
      uploadedBy: values.createdBy,
      purpose: 'image',
      fileName: form.image.name,
      contentType: media.contentType,
      extension: media.extension,
      bytes,
    },
  };
  if (form.description) {
    const text = imageGenerationText(form.description, form.text ?? null);
    return generateAtOnce(deps, upload, text, form.language, request);
  }
  if (!(await hasVision(deps, access.workspaceId))) return storeAndQueue(deps, upload, 'needs_transcript');
  await assertCanAfford(deps, {
    workspaceId: access.workspaceId,
    unit: 'images',
    quantity: 1,
    operationType: 'image',
  });
  return storeAndQueue(deps, upload, 'transcribing', {
    name: describeImageJobName,
    language: form.language,
    request,
  });
}

export async function getConversation(deps: Pick<AppDeps, 'db'>, workspaceId: string, id: string) {
  const row = await findConversation(deps.db, workspaceId, id);
  if (!row) throw notFound('Conversation');
  return row;
}

export function listWorkspaceConversations(
  deps: Pick<AppDeps, 'db'>,
  workspaceId: string,
  page: { cursor?: Cursor; limit: number },
) {
  return listConversations(deps.db, workspaceId, page);
}
