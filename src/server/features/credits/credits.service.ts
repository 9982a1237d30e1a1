import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../app-context.ts';
import { type Database, executeFixed, type FixedStatement } from '../../platform/db.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import type { ActorType } from '../audit/audit.table.ts';
import { type CreditReason, creditBalances, creditLedger, operationCosts } from './credits.table.ts';

export interface CreditChange {
  workspaceId: string;
  /** Signed: negative spends, positive adds. */
  amount: number;
  operationType: string;
  reason: CreditReason;
  /** The same key twice changes the balance once. */
  idempotencyKey: string;
  details?: Record<string, unknown>;
  actor: { type: ActorType; id: string | null };
}

export interface CreditChangeResult {
  isDuplicate: boolean;
  entryId: string;
  balanceAfter: number;
}

export function ledgerActorOf(actor: Actor): CreditChange['actor'] {
  if (actor.type === 'user') return { type: 'user', id: actor.userId };
  if (actor.type === 'api_key') return { type: 'api_key', id: actor.keyId };
  return { type: 'system', id: null };
}

const ledgerConstraint = 'credit_ledger_idempotency_idx';

/** The ledger entry written under `idempotencyKey`, if any. */
export async function findLedgerEntry(db: Database, workspaceId: string, idempotencyKey: string) {
  const [entry] = await db
    .select({
      id: creditLedger.id,
      amount: creditLedger.amount,
      balanceAfter: creditLedger.balanceAfter,
      operationType: creditLedger.operationType,
    })
    .from(creditLedger)
    .where(and(eq(creditLedger.workspaceId, workspaceId), eq(creditLedger.idempotencyKey, idempotencyKey)));
  return entry ?? null;
}

// $1 id, $2 workspace, $3 operation, $4 signed amount, $5 reason, $6 details, $7 actor type,
// $8 actor id, $9 idempotency key, $10 created at.
const ledgerInsert = `insert into credit_ledger (id, workspace_id, operation_type, amount, balance_after, reason, details, actor_type, actor_id, idempotency_key, created_at)
  select $1, $2, $3, $4, changed.balance, $5, $6::jsonb, $7, $8, $9, $10::timestamptz from changed
  returning id, balance_after`;

const spendStatement: FixedStatement = {
  name: 'herald_credit_spend_v1',
  text: `with changed as (
    update credit_balances set balance = balance + $4::int
    where workspace_id = $2 and balance >= -($4::int) returning balance)
  ${ledgerInsert}`,
};

const addStatement: FixedStatement = {
  name: 'herald_credit_add_v1',
  text: `with changed as (
    insert into credit_balances (workspace_id, balance) values ($2, $4::int)
    on conflict (workspace_id) do update set balance = credit_balances.balance + excluded.balance
    returning balance)
  ${ledgerInsert}`,
};

/**
 * Changes a balance and writes its ledger row in ONE statement: the balance update and the ledger
 * insert commit together or not at all. A spend only matches when the balance covers it (row lock,
 * re-checked under concurrency), and the CHECK constraint backs that up. A repeated idempotency key
 * makes the insert fail on the unique index, which undoes the balance change of the same statement;
 * the earlier entry is returned instead.
 *
 * Pass `inTransaction: true` from inside a transaction: the statement then runs in a savepoint so a
 * duplicate does not abort the caller's transaction.
 */
export async function applyCreditChange(
  db: Database,
  change: CreditChange,
  options: { inTransaction?: boolean } = {},
): Promise<CreditChangeResult> {
  if (!Number.isInteger(change.amount) || change.amount === 0) {
    throw new AppError('validation_failed', 'A credit change is a non-zero whole number');
  }
  const values = [
    crypto.randomUUID(),
    change.workspaceId,
    change.operationType,
    change.amount,
    change.reason,
    JSON.stringify(change.details ?? {}),
    change.actor.type,
    change.actor.id,
    change.idempotencyKey,
    new Date().toISOString(),
  ];
  const statement = change.amount < 0 ? spendStatement : addStatement;
  const run = async (handle: Database) =>
    (await executeFixed<{ id: string; balance_after: number }>(handle, statement, values))[0] ?? null;
  let row: { id: string; balance_after: number } | null;
  try {
    row = options.inTransaction ? await db.transaction((tx) => run(tx)) : await run(db);
  } catch (error) {
    if (!isUniqueViolation(error, ledgerConstraint)) throw error;
    const earlier = await findLedgerEntry(db, change.workspaceId, change.idempotencyKey);
    if (!earlier) throw error;
    return { isDuplicate: true, entryId: earlier.id, balanceAfter: earlier.balanceAfter };
  }
  if (row) return { isDuplicate: false, entryId: row.id, balanceAfter: Number(row.balance_after) };
  // Nothing changed: either this key was already charged, or the balance does not cover the spend.
  const earlier = await findLedgerEntry(db, change.workspaceId, change.idempotencyKey);
  if (earlier) return { isDuplicate: true, entryId: earlier.id, balanceAfter: earlier.balanceAfter };
  const balance = await getCreditBalance(db, change.workspaceId);
  throw new AppError(
    'insufficient_credits',
    `This needs ${-change.amount} credits and the workspace has ${balance}`,
    {
      required: -change.amount,
      balance,
    },
  );
}

export async function getCreditBalance(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ balance: creditBalances.balance })
    .from(creditBalances)
    .where(eq(creditBalances.workspaceId, workspaceId));
  return row?.balance ?? 0;
}

/** What an operation costs a workspace on `planId`: the plan's override, else the default, else 0. */
export async function costOf(db: Database, operationType: string, planId: string): Promise<number> {
  const rows = await db
    .select({ planId: operationCosts.planId, credits: operationCosts.credits })
    .from(operationCosts)
    .where(
      and(
        eq(operationCosts.operationType, operationType),
        or(isNull(operationCosts.planId), eq(operationCosts.planId, planId)),
      ),
    );
  return (rows.find((r) => r.planId === planId) ?? rows.find((r) => r.planId === null))?.credits ?? 0;
}

export async function listOperationCosts(db: Database) {
  return db.select().from(operationCosts).orderBy(operationCosts.operationType);
}

/** Sets (or with `credits: null` removes a plan override of) an operation's cost. */
export async function setOperationCost(
  db: Database,
  input: { operationType: string; planId: string | null; credits: number | null },
) {
  const where = and(
    eq(operationCosts.operationType, input.operationType),
    input.planId ? eq(operationCosts.planId, input.planId) : isNull(operationCosts.planId),
  );
  await db.transaction(async (tx) => {
    await tx.delete(operationCosts).where(where);
    if (input.credits !== null) {
      await tx
        .insert(operationCosts)
        .values({ operationType: input.operationType, planId: input.planId, credits: input.credits });
    }
  });
}

export async function listLedger(
  db: Database,
  workspaceId: string,
  page: { cursor?: Cursor; limit: number },
) {
  const after = olderThan(page.cursor, creditLedger.createdAt, creditLedger.id);
  return db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.workspaceId, workspaceId), after))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(page.limit + 1);
}

/** For checks and the staff dashboard: the ledger's sum, which must equal the balance. */
export async function ledgerSum(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${creditLedger.amount}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.workspaceId, workspaceId));
  return row?.sum ?? 0;
}
