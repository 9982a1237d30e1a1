import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-context.ts';
import type { AuditContext } from '../features/audit/audit.service.ts';
import { AppError } from '../platform/errors.ts';

/** Deeper JSON than any Herald body needs; PostgreSQL and recursive code both have stack limits. */
const maxNestingDepth = 64;
// PostgreSQL text cannot store U+0000, nor a lone UTF-16 surrogate (it has no UTF-8 form: the driver
// would fail with a 500 or store U+FFFD instead of what was sent).
const nulMessage = 'Must not contain the NUL character (U+0000)';
const surrogateMessage = 'Must be valid Unicode (a lone surrogate such as \\ud800 is not)';
// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /\p{Cs}/u;

function stringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return nulMessage;
  if (loneSurrogate.test(text)) return surrogateMessage;
  return undefined;
}

interface InputProblem {
  path: string;
  message: string;
}

// Walks the validated input iteratively (a recursive walk overflows the stack on JSON nested
// thousands of levels deep, which JSON.parse accepts): NUL characters, lone surrogates and excessive
// depth.
function inputProblems(value: unknown): InputProblem[] {
  const found: InputProblem[] = [];
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof item === 'string') {
      const problem = stringProblem(item);
      if (problem) found.push({ path: path.join('.'), message: problem });
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    if (path.length >= maxNestingDepth) {
      found.push({
        path: path.slice(0, 3).join('.'),
        message: `Must not nest deeper than ${maxNestingDepth} levels`,
      });
      break;
    }
    const entries = Array.isArray(item) ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
    for (const [key, child] of entries) {
      const problem = stringProblem(key);
      if (problem) found.push({ path: [...path, key].join('.'), message: problem });
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}

/**
 * Every feature router: validation failures are thrown so app.ts answers them with one 422 shape.
 * Validated params, query and bodies are also refused when a string holds U+0000 or a lone surrogate
 * (the database would fail on it with a 500 instead of saying which field is wrong) or when JSON nests
 * absurdly deep.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw result.error;
      const problems = inputProblems(result.data);
      if (problems.length > 0) throw new AppError('validation_failed', 'The request is not valid', problems);
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: errorSchema } };

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const standardErrors = {
  400: { description: 'Malformed request', content: errorContent },
  401: { description: 'Not signed in and no valid API key', content: errorContent },
  403: { description: 'Signed in, but not allowed', content: errorContent },
  404: { description: 'Not found (or not yours)', content: errorContent },
  413: { description: 'Body over the size limit', content: errorContent },
  422: { description: 'Validation failed; details name each bad path', content: errorContent },
  429: { description: 'Too many requests', content: errorContent },
} as const;

export function jsonBody<T extends z.ZodType>(schema: T, description = 'JSON body') {
  return { required: true, description, content: { 'application/json': { schema } } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const security: Array<Record<string, string[]>> = [{ session: [] }, { apiKey: [] }];

export const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: 'path' } });

export function auditContextOf(c: Context<AppEnv>, options: { asStaff?: boolean } = {}): AuditContext {
  return {
    actor: c.get('actor'),
    request: c.get('request'),
    piiSecret: c.get('deps').authSecret,
    asStaff: options.asStaff,
  };
}

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
