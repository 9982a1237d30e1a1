import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../app-context.ts';
import { findGeneration, type GenerationRow } from './generations.queries.ts';
import { presentGeneration } from './generations.schemas.ts';

/** How often the stream re-reads the row, how often it proves it is alive, and how long it stays open. */
export const eventTimings = { pollMs: 500, heartbeatMs: 15_000, maxOpenMs: 10 * 60_000 };

/**
 * Server-sent events for one generation (already authorized and loaded by the route): its current
 * state at once, then every change (the row is polled, which also sees changes made by a worker in
 * another process), a heartbeat comment while it is pending, and the end of the stream once it is
 * completed, partial or failed. A client that stays longer than maxOpenMs reconnects.
 */
export function streamGenerationEvents(c: Context<AppEnv>, first: GenerationRow) {
  const { db } = c.get('deps');
  const log = c.get('log');
  return streamSSE(
    c,
    async (stream) => {
      let aborted = false;
      stream.onAbort(() => {
        aborted = true;
      });
      const openedAt = Date.now();
      let lastBeat = openedAt;
      let sent = '';
      let row: GenerationRow | null = first;
      try {
        while (row && !aborted) {
          const data = JSON.stringify(presentGeneration(row));
          if (data !== sent) {
            await stream.writeSSE({ event: 'generation', data, id: String(row.updatedAt.getTime()) });
            sent = data;
          }
          if (row.status !== 'pending' || Date.now() - openedAt > eventTimings.maxOpenMs) break;
          await stream.sleep(eventTimings.pollMs);
          if (Date.now() - lastBeat >= eventTimings.heartbeatMs) {
            await stream.write(': heartbeat\n\n');
            lastBeat = Date.now();
          }
          row = await findGeneration(db, first.workspaceId, first.id);
        }
      } catch (error) {
        // A client gone mid-write, or the database unreachable: end the stream, the client reconnects.
        log.warn({ err: error, generationId: first.id }, 'generation event stream ended early');
      }
    },
    async (error) => {
      log.warn({ err: error, generationId: first.id }, 'generation event stream failed');
    },
  );
}
