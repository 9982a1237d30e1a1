import type { Actor, RequestInfo } from '../../app-context.ts';
import { hmacSha256Hex } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { type ActorType, auditLogs } from './audit.table.ts';

/** Who did it and from where; built once per request (or once for a job with `systemAudit`). */
export interface AuditContext {
  actor: Actor;
  request: RequestInfo | null;
  piiSecret: string;
  /** Staff acting through the admin API are recorded as `staff`, not as the user they are. */
  asStaff?: boolean;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  workspaceId?: string | null;
  details?: Record<string, unknown>;
}

// Details keys that can name a person are stored as keyed hashes: the log can still show that two
// entries concern the same address without holding the address. Any email address elsewhere (free text
// such as a suspension reason, lists) is replaced by its hash too. `to` is not a key here: it also means
// the new value of a change (`{ from, to }`), and a recipient address under it is caught as an address.
const piiKeys = new Set(['email', 'name', 'phone', 'ip', 'ipAddress', 'invitedEmail', 'address']);
// Split on separators first and test whole words, so a long string costs linear time.
const wordSeparators = /([\s<>"'`,;:()[\]]+)/;
const emailWord = /^[^@]+@[^@]+\.[^@]+$/;

function hashEmailsIn(secret: string, text: string): string {
  if (!text.includes('@')) return text;
  return text
    .split(wordSeparators)
    .map((word) => (emailWord.test(word) ? hashPii(secret, word) : word))
    .join('');
}

export function hashPii(secret: string, value: string): string {
  return `hash:${hmacSha256Hex(secret, value.trim().toLowerCase()).slice(0, 24)}`;
}

function scrubValue(secret: string, value: unknown, isPiiKey: boolean): unknown {
  if (typeof value === 'string') {
    return isPiiKey ? hashPii(secret, value) : hashEmailsIn(secret, value);
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(secret, item, isPiiKey));
  if (value && typeof value === 'object') return scrubDetails(secret, value as Record<string, unknown>);
  return value;
}

function scrubDetails(secret: string, details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value !== undefined) out[key] = scrubValue(secret, value, piiKeys.has(key));
  }
  return out;
}

function actorColumns(context: AuditContext): { actorType: ActorType; actorId: string | null } {
  const { actor } = context;
  switch (actor.type) {
    case 'user':
      return { actorType: context.asStaff ? 'staff' : 'user', actorId: actor.userId };
    case 'api_key':
      return { actorType: 'api_key', actorId: actor.keyId };
    default:
      return { actorType: 'system', actorId: null };
  }
}

/** The one way anything writes the audit log. Pass the transaction so the entry commits with the change. */
export async function recordAudit(db: Database, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values({
    ...actorColumns(context),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    workspaceId: entry.workspaceId ?? null,
    details: scrubDetails(context.piiSecret, entry.details ?? {}),
    ipAddress: context.request?.ipAddress ?? null,
    userAgent: context.request?.userAgent?.slice(0, 500) ?? null,
  });
}

export function systemAudit(piiSecret: string): AuditContext {
  return { actor: { type: 'anonymous' }, request: null, piiSecret };
}
