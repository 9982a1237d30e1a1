/** True when `error` (or a cause it wraps, as Drizzle does) is a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (candidate.code === '23505') {
      return (
        !constraint || candidate.constraint === constraint || Boolean(candidate.message?.includes(constraint))
      );
    }
    current = candidate.cause;
  }
  return false;
}

/** Rows from `db.execute`: node-postgres returns `{ rows }`, PGlite the same shape. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
