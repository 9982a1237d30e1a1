// One error type and one table from code to HTTP status; app.ts turns both into the JSON envelope.
export const errorStatusByCode = {
  bad_request: 400,
  invalid_json: 400,
  invalid_signature: 401,
  unauthenticated: 401,
  payment_required: 402,
  insufficient_credits: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  // An output that breaks its platform's rules (Studio); details.violations lists each one.
  rule_violation: 422,
  // GitHub refused (or could not be asked about) the repository and credentials given.
  github_rejected: 422,
  rate_limited: 429,
  quota_exceeded: 429,
  internal: 500,
  service_unavailable: 503,
  not_configured: 503,
} as const;

export type ErrorCode = keyof typeof errorStatusByCode;
export type ErrorStatus = (typeof errorStatusByCode)[ErrorCode];

export class AppError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatusByCode[code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
