import { z } from '@hono/zod-openapi';
import { timestamp, timezoneSchema } from '../../http/schemas.ts';
import { workspaceRoles } from './workspaces.table.ts';

export const roleSchema = z.enum(workspaceRoles).openapi('WorkspaceRole');

export const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    role: roleSchema,
    isPersonal: z.boolean(),
    timezone: z.string(),
    createdAt: timestamp(),
  })
  .openapi('Workspace');

export const workspaceListSchema = z.object({ items: z.array(workspaceSchema) });

const workspaceName = z.string().trim().min(1).max(80);

export const createWorkspaceBodySchema = z.object({ name: workspaceName }).strict();
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBodySchema>;

export const updateWorkspaceBodySchema = z
  .object({ name: workspaceName.optional(), timezone: timezoneSchema.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field');
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceBodySchema>;

export const memberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: timestamp(),
  })
  .openapi('Member');
export const memberListSchema = z.object({ items: z.array(memberSchema) });
export const changeRoleBodySchema = z.object({ role: roleSchema }).strict();

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: timestamp(),
    createdAt: timestamp(),
  })
  .openapi('Invitation');
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });
export const createInvitationBodySchema = z
  .object({ email: z.email().max(254), role: roleSchema.default('member') })
  .strict();
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;

export const invitationPreviewSchema = z
  .object({
    workspaceName: z.string(),
    email: z.string(),
    role: roleSchema,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: timestamp(),
  })
  .openapi('InvitationPreview');

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a #rrggbb color');
const brandText = (max: number) => z.string().trim().max(max).nullable().optional();

export const brandProfileBodySchema = z
  .object({
    brandName: brandText(120),
    primaryColor: hexColor.nullable().optional(),
    secondaryColor: hexColor.nullable().optional(),
    fonts: brandText(200),
    specialties: brandText(2000),
    ambiance: brandText(2000),
    targetAudience: brandText(2000),
    uniqueSellingPoints: brandText(2000),
    personality: brandText(2000),
    tone: brandText(200),
    keyMessages: brandText(4000),
  })
  .strict();
export type BrandProfileBody = z.infer<typeof brandProfileBodySchema>;

export const brandProfileSchema = z
  .object({
    brandName: z.string().nullable(),
    primaryColor: z.string().nullable(),
    secondaryColor: z.string().nullable(),
    fonts: z.string().nullable(),
    specialties: z.string().nullable(),
    ambiance: z.string().nullable(),
    targetAudience: z.string().nullable(),
    uniqueSellingPoints: z.string().nullable(),
    personality: z.string().nullable(),
    tone: z.string().nullable(),
    keyMessages: z.string().nullable(),
    updatedAt: timestamp().nullable(),
  })
  .openapi('BrandProfile');
