// Voice-note transcription and photo description through the workspace's provider (SPEC §3 voice
// notes, ChefSocial image analysis). Without one, callers get `not_configured` and ask the user to
// type the transcript or the description instead.
import { APICallError, generateText, transcribe } from 'ai';
import type { Language } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { createLanguageModel, createTranscriptionModel } from '../studio/engines/llm/providers.ts';
import { loadProviderSettings, transcriptionTarget, visionTarget } from './provider-settings.ts';

/** A description longer than this is cut: it becomes part of a generation's input. */
const maxDescriptionChars = 4000;

function providerFailure(what: string, error: unknown): AppError {
  if (APICallError.isInstance(error)) {
    const reason = error.statusCode ? `answered HTTP ${error.statusCode}` : 'could not be reached';
    return new AppError('service_unavailable', `The ${what} provider ${reason}`);
  }
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('service_unavailable', `The ${what} provider did not answer in time`);
  }
  return new AppError('service_unavailable', `The ${what} provider gave no usable answer`);
}

/** The settings, or null when there are none or their key cannot be read (then nothing is usable). */
async function usableSettings(deps: AppDeps, workspaceId: string) {
  try {
    return await loadProviderSettings(deps, workspaceId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_configured') return null;
    throw error;
  }
}

export async function hasTranscription(deps: AppDeps, workspaceId: string): Promise<boolean> {
  return transcriptionTarget(await usableSettings(deps, workspaceId)) !== null;
}

export async function hasVision(deps: AppDeps, workspaceId: string): Promise<boolean> {
  return visionTarget(await usableSettings(deps, workspaceId)) !== null;
}

export async function transcribeAudio(
  deps: AppDeps,
  workspaceId: string,
  input: { bytes: Uint8Array; contentType: string; fileName: string; language?: Language },
): Promise<{ text: string; language: Language; durationSeconds: number | null }> {
  const target = transcriptionTarget(await loadProviderSettings(deps, workspaceId));
  if (!target) {
    throw new AppError(
      'not_configured',
      'No transcription provider is set for this workspace: type or paste the transcript instead',
    );
  }
  try {
    // The media type is read from the bytes (webm, ogg, mp3, wav, m4a all carry a signature).
    const result = await transcribe({
      model: createTranscriptionModel(target, target.model),
      audio: input.bytes,
      providerOptions: input.language ? { openai: { language: input.language } } : undefined,
      maxRetries: 1,
      abortSignal: AbortSignal.timeout(deps.config.LLM_TIMEOUT_MS),
    });
    const detected: Language | null =
      result.language === 'fr' ? 'fr' : result.language === 'en' ? 'en' : null;
    return {
      text: result.text.trim(),
      language: input.language ?? detected ?? 'en',
      durationSeconds: result.durationInSeconds ?? null,
    };
  } catch (error) {
    throw providerFailure('transcription', error);
  }
}

function describePrompt(language: Language): string {
  return language === 'fr'
    ? "Décris cette photo pour quelqu'un qui va écrire des posts sur les réseaux sociaux : ce qu'elle montre (plat, produit, lieu, personnes), les détails notables, les couleurs, l'ambiance. 3 à 6 phrases, en texte simple, sans Markdown."
    : 'Describe this photo for someone about to write social media posts about it: what it shows (dish, product, place, people), notable details, colours and mood. 3 to 6 sentences, plain text, no Markdown.';
}

export async function describeImage(
  deps: AppDeps,
  workspaceId: string,
  input: { bytes: Uint8Array; contentType: string; language: Language },
): Promise<string> {
  const target = visionTarget(await loadProviderSettings(deps, workspaceId));
  if (!target) {
    throw new AppError(
      'not_configured',
      'No vision-capable provider is set for this workspace: describe the photo in words instead',
    );
  }
  let text: string;
  try {
    const result = await generateText({
      model: createLanguageModel(target.provider, target.model),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: describePrompt(input.language) },
            { type: 'image', image: input.bytes, mediaType: input.contentType },
          ],
        },
      ],
      maxOutputTokens: 600,
      maxRetries: 1,
      timeout: deps.config.LLM_TIMEOUT_MS,
    });
    text = result.text.trim();
  } catch (error) {
    throw providerFailure('vision', error);
  }
  if (!text) throw new AppError('service_unavailable', 'The vision provider returned an empty description');
  return text.slice(0, maxDescriptionChars);
}
