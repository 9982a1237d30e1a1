// Staff import and export a workspace's subscribers (issue 7: "staff or workspace admins"), e.g. when
// moving a customer over from another tool. Staff are usually not members, so these live under /staff
// and check the staff role instead; what is written is audited as staff.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { auditContextOf, createRouter, idParam, security, standardErrors } from '../../http/router.ts';
import { notFound } from '../../platform/errors.ts';
import { requireStaff } from '../staff/staff.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { exportSubscribers, importSubscribers } from './subscribers.service.ts';
import {
  csvBody,
  csvDownloadHeaders,
  csvRequestBody,
  csvResponse,
  importDescription,
  importResultResponse,
} from './subscribers-csv.http.ts';

const tags = ['Staff: subscribers'];
const base = '/staff/workspaces/{workspaceId}/subscribers';
const params = z.object({ workspaceId: idParam('workspaceId') });

export const staffSubscribersRouter = createRouter();

/** Staff act on the workspace with an owner's reach over its subscribers. */
async function staffAccess(
  db: Parameters<typeof requireStaff>[0],
  workspaceId: string,
): Promise<WorkspaceAccess> {
  const [workspace] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw notFound('Workspace');
  return { workspaceId, role: 'owner' };
}

staffSubscribersRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/export`,
    tags,
    security,
    summary: "A workspace's subscribers as CSV (staff: subscribers.manage)",
    request: { params },
    responses: { 200: csvResponse, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    await requireStaff(deps.db, c.get('actor'), 'subscribers.manage');
    const access = await staffAccess(deps.db, c.req.valid('param').workspaceId);
    return c.body(await exportSubscribers(deps, access), 200, csvDownloadHeaders);
  },
);

staffSubscribersRouter.openapi(
  createRoute({
    method: 'post',
    path: `${base}/import`,
    tags,
    security,
    summary: 'Import already-confirmed subscribers into a workspace (staff: subscribers.manage)',
    description: importDescription,
    request: { params, body: csvRequestBody },
    responses: { 201: importResultResponse, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    await requireStaff(deps.db, c.get('actor'), 'subscribers.manage');
    const access = await staffAccess(deps.db, c.req.valid('param').workspaceId);
    const text = await csvBody(c);
    return c.json(await importSubscribers(deps, auditContextOf(c, { asStaff: true }), access, text), 201);
  },
);
