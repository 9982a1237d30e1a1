import { createRoute, z } from '@hono/zod-openapi';
import { desc } from 'drizzle-orm';
import { createRouter, jsonResponse, security, standardErrors } from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { decodeCursor, nextCursorOf, olderThan, pageQuerySchema } from '../../platform/pagination.ts';
import { requireStaff } from '../staff/staff.service.ts';
import { emailStatuses, outboundEmails } from './mail.table.ts';

export const mailRouter = createRouter();

const mailboxItemSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    kind: z.string(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    status: z.enum(emailStatuses),
    createdAt: timestamp(),
    sentAt: timestamp().nullable(),
  })
  .openapi('MailboxItem');

// The dev mailbox: mail Herald sent, readable by staff. With SMTP configured the bodies are cleared
// after sending, so this shows only the delivery log.
mailRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/mailbox',
    tags: ['Staff'],
    security,
    summary: 'Outbound mail, newest first (staff)',
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(mailboxItemSchema), nextCursor: z.string().nullable() }),
        'Mail',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'mailbox.read');
    const { limit } = c.req.valid('query');
    const cursor = decodeCursor(c.req.valid('query').cursor);
    const rows = await db
      .select()
      .from(outboundEmails)
      .where(olderThan(cursor, outboundEmails.createdAt, outboundEmails.id))
      .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      kind: row.kind,
      text: row.textBody,
      html: row.htmlBody,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    }));
    return c.json({ items, nextCursor: nextCursorOf(rows, limit) }, 200);
  },
);
