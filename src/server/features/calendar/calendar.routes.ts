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
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  calendarNoteSchema,
  calendarQuerySchema,
  calendarSchema,
  createNoteBodySchema,
  maxNoteChars,
  updateNoteBodySchema,
} from './calendar.schemas.ts';
import { createNote, deleteNote, getCalendar, updateNote } from './calendar.service.ts';

const tags = ['Calendar'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const noteParams = workspaceParams.extend({ noteId: idParam('noteId') });
const base = '/workspaces/{workspaceId}/calendar';

export const calendarRouter = createRouter();

calendarRouter.openapi(
  createRoute({
    method: 'get',
    path: base,
    tags,
    security,
    summary: 'Posts and notes by day, in the workspace timezone',
    description:
      'Month view: the Monday-first weeks covering the month of `date`; week view: Monday to Sunday around `date`. A post sits on the day of its scheduled time, or of its publication once published; drafts without a time are not shown. To reschedule, POST /posts/{postId}/schedule.',
    request: { params: workspaceParams, query: calendarQuerySchema },
    responses: { 200: jsonResponse(calendarSchema, 'The calendar'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json(await getCalendar(deps, granted, c.req.valid('query')), 200);
  },
);

calendarRouter.openapi(
  createRoute({
    method: 'post',
    path: `${base}/notes`,
    tags,
    security,
    summary: 'Pin a note to a day',
    description: `The note is 1 to ${maxNoteChars} characters.`,
    request: { params: workspaceParams, body: jsonBody(createNoteBodySchema) },
    responses: { 201: jsonResponse(calendarNoteSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    return c.json(await createNote(deps, auditContextOf(c), granted, c.req.valid('json')), 201);
  },
);

calendarRouter.openapi(
  createRoute({
    method: 'patch',
    path: `${base}/notes/{noteId}`,
    tags,
    security,
    summary: 'Edit a note or move it to another day',
    request: { params: noteParams, body: jsonBody(updateNoteBodySchema) },
    responses: { 200: jsonResponse(calendarNoteSchema, 'The note'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, noteId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json(await updateNote(deps, granted, noteId, c.req.valid('json')), 200);
  },
);

calendarRouter.openapi(
  createRoute({
    method: 'delete',
    path: `${base}/notes/{noteId}`,
    tags,
    security,
    summary: 'Delete a note',
    request: { params: noteParams },
    responses: { 204: { description: 'Deleted' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, noteId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await deleteNote(deps, granted, noteId);
    return c.body(null, 204);
  },
);
