import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { AppEnv } from '../app-context.ts';
import { AppError, errorBody } from '../platform/errors.ts';

function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** The one place an exception becomes a response: AppError → its status, ZodError → 422, else 500. */
export function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof AppError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status as ContentfulStatusCode);
  }
  if (error instanceof ZodError) {
    return c.json(errorBody('validation_failed', 'The request is not valid', zodDetails(error)), 422);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400)
      return c.json(errorBody('invalid_json', error.message || 'Malformed request body'), 400);
    if (status === 413) return c.json(errorBody('payload_too_large', 'The request body is too large'), 413);
    if (status === 415) {
      return c.json(errorBody('unsupported_media_type', 'Send the body as application/json'), 415);
    }
    if (status < 500) return c.json(errorBody('bad_request', error.message || 'Bad request'), status);
  }
  (c.get('log') ?? c.get('deps').log).error({ err: error }, 'unhandled error');
  return c.json(
    errorBody('internal', 'Something went wrong on our side. The request id identifies it in our logs.'),
    500,
  );
}
