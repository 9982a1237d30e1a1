// One structured-output call to a model, turned into a plain outcome: the parsed value, or what went
// wrong in words the next attempt's prompt (and, in the end, the user) can use. Tokens are counted
// for failed answers too: an answer that was not valid JSON was still billed by the provider.
import { APICallError, generateText, type LanguageModel, NoObjectGeneratedError, Output } from 'ai';
import type { z } from 'zod';

export interface TokenUsage {
  input: number;
  output: number;
}

export type CallFailureKind = 'bad_json' | 'bad_shape' | 'http' | 'auth' | 'timeout';

export type CallOutcome<T> =
  | { ok: true; value: T; usage: TokenUsage }
  | { ok: false; kind: CallFailureKind; detail: string; usage: TokenUsage };

export interface StructuredCall<T> {
  model: LanguageModel;
  schema: z.ZodType<T>;
  /** Names the object for providers that use it (JSON schema name, tool name). */
  name: string;
  system: string;
  prompt: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

const noUsage: TokenUsage = { input: 0, output: 0 };

function tokensOf(usage: { inputTokens?: number; outputTokens?: number } | undefined): TokenUsage {
  return { input: usage?.inputTokens ?? 0, output: usage?.outputTokens ?? 0 };
}

/** The schema issues somewhere down an error's cause chain, as `path: message` lines. */
function issuesOf(error: unknown): string[] {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const issues = (current as { issues?: unknown }).issues;
    if (Array.isArray(issues)) {
      return issues.slice(0, 10).map((issue: { path?: PropertyKey[]; message?: string }) => {
        const path = (issue.path ?? []).map(String).join('.');
        return `${path || '(answer)'}: ${issue.message ?? 'invalid'}`;
      });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return [];
}

function isJsonParseFailure(error: NoObjectGeneratedError): boolean {
  const causeName = (error.cause as { name?: string } | undefined)?.name ?? '';
  return causeName.includes('JSONParseError') || error.text === undefined || error.text === '';
}

export async function callForObject<T>(call: StructuredCall<T>): Promise<CallOutcome<T>> {
  try {
    const result = await generateText({
      model: call.model,
      system: call.system,
      prompt: call.prompt,
      output: Output.object({ schema: call.schema, name: call.name }),
      // Herald counts and spaces its own attempts (STUDIO_LLM_MAX_ATTEMPTS), with feedback in each.
      maxRetries: 0,
      timeout: call.timeoutMs,
      abortSignal: call.signal,
    });
    return { ok: true, value: result.output as T, usage: tokensOf(result.usage) };
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    if (NoObjectGeneratedError.isInstance(error)) {
      const usage = tokensOf(error.usage);
      if (isJsonParseFailure(error)) {
        return { ok: false, kind: 'bad_json', detail: 'the answer was not one valid JSON object', usage };
      }
      const issues = issuesOf(error);
      return {
        ok: false,
        kind: 'bad_shape',
        detail: `the answer did not match the schema (${issues.join('; ') || 'fields missing or mistyped'})`,
        usage,
      };
    }
    if (APICallError.isInstance(error)) {
      const status = error.statusCode;
      if (status === 401 || status === 403) {
        return {
          ok: false,
          kind: 'auth',
          detail: `the provider refused the API key (HTTP ${status})`,
          usage: noUsage,
        };
      }
      return {
        ok: false,
        kind: 'http',
        detail: status ? `the provider answered HTTP ${status}` : 'the provider could not be reached',
        usage: noUsage,
      };
    }
    const name = (error as { name?: string } | null)?.name ?? '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, kind: 'timeout', detail: `no answer within ${call.timeoutMs} ms`, usage: noUsage };
    }
    // Anything else (an unexpected response body, a provider-side error event) counts as a failed
    // attempt rather than crashing the whole generation.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: 'http', detail: `the call failed: ${message.slice(0, 200)}`, usage: noUsage };
  }
}
