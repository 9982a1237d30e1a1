import { and, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { creditLedger } from '../src/server/features/credits/credits.table.ts';
import type { GenerationView } from '../src/server/features/generations/generations.schemas.ts';
import { generations } from '../src/server/features/generations/generations.table.ts';
import { outboundEmails } from '../src/server/features/mail/mail.table.ts';
import { usageEvents } from '../src/server/features/usage/usage.table.ts';
import { json, type signUp, type TestApp } from './harness.ts';

// Helpers the Studio's generation tests share.

export type StudioUser = Awaited<ReturnType<typeof signUp>>;

export const studioArticle = `# Why small teams should publish a changelog

Shipping is only half of the work. A changelog tells customers what changed and why it matters to them.
Teams that publish one every week see fewer support tickets, because people find answers before they ask.

Start small: one entry per release, written for the reader rather than for the engineer. Link to the docs at https://example.com/docs when a change needs more than a paragraph.

The habit compounds. After three months the changelog becomes the best record of how the product grew.`;

export function studioKit(t: TestApp, clock: { advance(ms: number): void }, signUpUser: typeof signUp) {
  /** POST /generations as the user, a second later than the last request (list order is exact). */
  function generate(user: StudioUser, body: Record<string, unknown>) {
    clock.advance(1000);
    return t.call('POST', `/api/v1/workspaces/${user.workspaceId}/generations`, {
      cookie: user.cookie,
      body,
    });
  }

  async function getOne(user: StudioUser, id: string) {
    const path = `/api/v1/workspaces/${user.workspaceId}/generations/${id}`;
    return json<GenerationView>(await t.call('GET', path, { cookie: user.cookie }));
  }

  /** Rows a refused request must not add: generations, credit ledger entries, usage events. */
  async function rowCounts(workspaceId: string) {
    const [gens] = await t.deps.db
      .select({ n: count() })
      .from(generations)
      .where(eq(generations.workspaceId, workspaceId));
    const [ledger] = await t.deps.db
      .select({ n: count() })
      .from(creditLedger)
      .where(eq(creditLedger.workspaceId, workspaceId));
    const [usage] = await t.deps.db
      .select({ n: count() })
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    return { generations: gens?.n, ledger: ledger?.n, usage: usage?.n };
  }

  /** The ledger entries of generation charges and their refunds, oldest first. */
  async function generationCharges(workspaceId: string) {
    const rows = await t.deps.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.workspaceId, workspaceId))
      .orderBy(creditLedger.createdAt);
    return rows.filter((row) => row.operationType.startsWith('generation.'));
  }

  /** Reads the billing overview once, which gives the period's credit grant. */
  async function touchBilling(user: StudioUser) {
    const path = `/api/v1/workspaces/${user.workspaceId}/billing`;
    expect((await t.call('GET', path, { cookie: user.cookie })).status).toBe(200);
  }

  /** A new user joined to the owner's workspace with `role`, through a real invitation. */
  async function joinAs(owner: StudioUser, email: string, role: 'member' | 'viewer') {
    const user = await signUpUser(t, email);
    const invited = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/invitations`, {
      cookie: owner.cookie,
      body: { email, role },
    });
    expect(invited.status).toBe(201);
    const [mail] = await t.deps.db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, email), eq(outboundEmails.kind, 'invitation')));
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
    const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
    expect(accepted.status).toBe(200);
    return { ...user, workspaceId: owner.workspaceId };
  }

  return { generate, getOne, rowCounts, generationCharges, touchBilling, joinAs };
}

/** Reads `event: generation` messages off a text/event-stream one at a time; null once it closed. */
export function generationEventReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(): Promise<GenerationView | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
        if (lines.includes('event: generation') && data.length) {
          return JSON.parse(data.join('\n')) as GenerationView;
        }
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
    }
  };
}
