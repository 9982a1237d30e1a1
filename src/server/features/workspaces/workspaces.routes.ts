import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { requireUser } from '../auth/actor.ts';
import { requireFeature } from '../plans/plans.service.ts';
import {
  acceptInvitation,
  inviteMember,
  listWorkspaceInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations.service.ts';
import { authorizeWorkspace } from './workspace-access.ts';
import { listWorkspacesOfUser } from './workspaces.queries.ts';
import {
  brandProfileBodySchema,
  brandProfileSchema,
  changeRoleBodySchema,
  createInvitationBodySchema,
  createWorkspaceBodySchema,
  invitationListSchema,
  invitationPreviewSchema,
  invitationSchema,
  memberListSchema,
  updateWorkspaceBodySchema,
  workspaceListSchema,
  workspaceSchema,
} from './workspaces.schemas.ts';
import {
  changeMemberRole,
  createWorkspace,
  deleteWorkspace,
  getBrandProfile,
  getWorkspaceOrThrow,
  listWorkspaceMembers,
  removeMember,
  saveBrandProfile,
  updateWorkspace,
} from './workspaces.service.ts';

const tags = ['Workspaces'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const memberParams = workspaceParams.extend({ userId: idParam('userId') });
const invitationParams = workspaceParams.extend({ invitationId: idParam('invitationId') });
const tokenParams = z.object({
  token: z
    .string()
    .min(10)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

function presentWorkspace(w: {
  id: string;
  name: string;
  slug: string;
  role: z.infer<typeof workspaceSchema>['role'];
  isPersonal: boolean;
  timezone: string;
  createdAt: Date;
}) {
  return {
    id: w.id,
    name: w.name,
    slug: w.slug,
    role: w.role,
    isPersonal: w.isPersonal,
    timezone: w.timezone,
    createdAt: w.createdAt.toISOString(),
  };
}

export const workspacesRouter = createRouter();

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces',
    tags,
    security,
    summary: 'Workspaces you belong to',
    responses: { 200: jsonResponse(workspaceListSchema, 'Your workspaces'), ...standardErrors },
  }),
  async (c) => {
    const actor = c.get('actor');
    const { db } = c.get('deps');
    if (actor.type === 'api_key') {
      const workspace = await getWorkspaceOrThrow(
        db,
        await authorizeWorkspace(db, actor, actor.workspaceId, 'read'),
      );
      return c.json({ items: [presentWorkspace(workspace)] }, 200);
    }
    const user = requireUser(c);
    return c.json({ items: (await listWorkspacesOfUser(db, user.userId)).map(presentWorkspace) }, 200);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces',
    tags,
    security,
    summary: 'Create a workspace (you become its owner)',
    request: { body: jsonBody(createWorkspaceBodySchema) },
    responses: { 201: jsonResponse(workspaceSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const user = requireUser(c);
    const workspace = await createWorkspace(c.get('deps').db, auditContextOf(c), {
      name: c.req.valid('json').name,
      ownerId: user.userId,
    });
    return c.json(presentWorkspace(workspace), 201);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}',
    tags,
    security,
    summary: 'One workspace',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(workspaceSchema, 'The workspace'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    return c.json(presentWorkspace(await getWorkspaceOrThrow(db, granted)), 200);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'patch',
    path: '/workspaces/{workspaceId}',
    tags,
    security,
    summary: 'Rename or change the timezone (admin)',
    request: { params: workspaceParams, body: jsonBody(updateWorkspaceBodySchema) },
    responses: { 200: jsonResponse(workspaceSchema, 'Updated'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'manage');
    return c.json(
      presentWorkspace(await updateWorkspace(db, auditContextOf(c), granted, c.req.valid('json'))),
      200,
    );
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}',
    tags,
    security,
    summary: 'Delete a workspace (owner)',
    request: { params: workspaceParams },
    responses: { 204: { description: 'Deleted' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'own');
    await deleteWorkspace(db, auditContextOf(c), granted);
    return c.body(null, 204);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/members',
    tags,
    security,
    summary: 'Members and their roles',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(memberListSchema, 'Members'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    const members = await listWorkspaceMembers(db, granted);
    return c.json({ items: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) }, 200);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'patch',
    path: '/workspaces/{workspaceId}/members/{userId}',
    tags,
    security,
    summary: "Change a member's role (admin)",
    request: { params: memberParams, body: jsonBody(changeRoleBodySchema) },
    responses: { 204: { description: 'Changed' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const { workspaceId, userId } = c.req.valid('param');
    const granted = await authorizeWorkspace(db, c.get('actor'), workspaceId, 'manage');
    await changeMemberRole(db, auditContextOf(c), granted, userId, c.req.valid('json').role);
    return c.body(null, 204);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}/members/{userId}',
    tags,
    security,
    summary: 'Remove a member (admin), or leave (yourself)',
    request: { params: memberParams },
    responses: { 204: { description: 'Removed' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const { workspaceId, userId } = c.req.valid('param');
    const actor = c.get('actor');
    const isLeaving = actor.type === 'user' && actor.userId === userId;
    const granted = await authorizeWorkspace(db, actor, workspaceId, isLeaving ? 'read' : 'manage');
    await removeMember(db, auditContextOf(c), granted, userId);
    return c.body(null, 204);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/invitations',
    tags,
    security,
    summary: 'Invitations (admin)',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(invitationListSchema, 'Invitations'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'manage',
    );
    return c.json({ items: await listWorkspaceInvitations(deps, granted) }, 200);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/invitations',
    tags,
    security,
    summary: 'Invite someone by email (admin)',
    request: { params: workspaceParams, body: jsonBody(createInvitationBodySchema) },
    responses: { 201: jsonResponse(invitationSchema, 'Invitation sent'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const granted = await authorizeWorkspace(deps.db, user, c.req.valid('param').workspaceId, 'manage');
    await requireFeature(deps.db, granted.workspaceId, 'team_collaboration');
    const inviter = { userId: user.userId, name: user.name };
    return c.json(await inviteMember(deps, auditContextOf(c), granted, inviter, c.req.valid('json')), 201);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}/invitations/{invitationId}',
    tags,
    security,
    summary: 'Revoke a pending invitation (admin)',
    request: { params: invitationParams },
    responses: { 204: { description: 'Revoked' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, invitationId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'manage');
    await revokeInvitation(deps, auditContextOf(c), granted, invitationId);
    return c.body(null, 204);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/invitations/{token}',
    tags,
    summary: 'What an invitation link offers (no sign-in needed)',
    request: { params: tokenParams },
    responses: { 200: jsonResponse(invitationPreviewSchema, 'The invitation'), ...standardErrors },
  }),
  async (c) => c.json(await previewInvitation(c.get('deps'), c.req.valid('param').token), 200),
);

workspacesRouter.openapi(
  createRoute({
    method: 'post',
    path: '/invitations/{token}/accept',
    tags,
    security,
    summary: 'Accept an invitation as the invited user',
    request: { params: tokenParams },
    responses: {
      200: jsonResponse(z.object({ workspaceId: z.string(), role: z.string() }), 'Joined'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await acceptInvitation(c.get('deps'), auditContextOf(c), user, c.req.valid('param').token),
      200,
    );
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/brand',
    tags,
    security,
    summary: 'The brand profile used by the Studio',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(brandProfileSchema, 'Brand profile'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    const brand = await getBrandProfile(db, granted);
    return c.json({ ...brand, updatedAt: brand.updatedAt ? brand.updatedAt.toISOString() : null }, 200);
  },
);

workspacesRouter.openapi(
  createRoute({
    method: 'put',
    path: '/workspaces/{workspaceId}/brand',
    tags,
    security,
    summary: 'Save the brand profile (admin)',
    request: { params: workspaceParams, body: jsonBody(brandProfileBodySchema) },
    responses: { 200: jsonResponse(brandProfileSchema, 'Saved'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'manage');
    const brand = await saveBrandProfile(db, auditContextOf(c), granted, c.req.valid('json'));
    return c.json({ ...brand, updatedAt: brand.updatedAt.toISOString() }, 200);
  },
);
