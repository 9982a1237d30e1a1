// One error type for every failed request, whichever of the two server error
// shapes produced it: Herald's `{ error: { code, message, details } }` envelope
// or better-auth's top-level `{ code, message }`.

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiError extends Error {
  name: 'ApiError';
  status: number;
  code: string;
  fieldErrors: FieldError[];
  details?: unknown;
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof Error && value.name === 'ApiError';
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function readFieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const message = readString(record.message);
    const rawPath = record.path;
    const path = Array.isArray(rawPath) ? rawPath.join('.') : readString(rawPath);
    return message && path !== undefined ? [{ path, message }] : [];
  });
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return 'We could not find what you were looking for.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return `The request failed (${status}).`;
}

export function createApiError(status: number, body: unknown): ApiError {
  let code = `HTTP_${status}`;
  let message: string | undefined;
  let details: unknown;

  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const envelope = record.error;
    if (typeof envelope === 'object' && envelope !== null) {
      const inner = envelope as Record<string, unknown>;
      code = readString(inner.code) ?? code;
      message = readString(inner.message);
      details = inner.details;
    } else {
      code = readString(record.code) ?? code;
      message = readString(record.message) ?? readString(envelope);
      details = record.details;
    }
  }

  const error = new Error(message ?? fallbackMessage(status)) as ApiError;
  error.name = 'ApiError';
  error.status = status;
  error.code = code;
  error.details = details;
  error.fieldErrors = readFieldErrors(details);
  return error;
}

export function createNetworkError(cause: unknown): ApiError {
  const error = new Error('Could not reach the server. Check your connection and try again.', {
    cause,
  }) as ApiError;
  error.name = 'ApiError';
  error.status = 0;
  error.code = 'NETWORK_ERROR';
  error.fieldErrors = [];
  return error;
}

/** The message for a field, matching `email` against paths like `body.email`. */
export function getFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.fieldErrors.find((f) => f.path === field || f.path.endsWith(`.${field}`))?.message;
}

/**
 * The message to show in a form banner: nothing when every problem is already
 * shown next to one of the form's fields.
 */
export function getFormError(error: unknown, fields: readonly string[] = []): string | undefined {
  if (!error) return undefined;
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  const unmatched = error.fieldErrors.filter(
    (f) => !fields.some((field) => f.path === field || f.path.endsWith(`.${field}`)),
  );
  if (error.fieldErrors.length > 0 && unmatched.length === 0) return undefined;
  if (unmatched.length > 0 && error.status === 422) {
    return unmatched.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join(' ');
  }
  return error.message;
}
