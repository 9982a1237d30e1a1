import { z } from '@hono/zod-openapi';
import { timestamp, timezoneSchema } from '../../http/schemas.ts';
import { roleSchema } from '../workspaces/workspaces.schemas.ts';

const notificationPreferencesSchema = z.object({
  productUpdates: z.boolean(),
  usageWarnings: z.boolean(),
  billing: z.boolean(),
  weeklyDigest: z.boolean(),
});

const onboardingSchema = z.object({
  completedSteps: z.array(z.string().max(64)).max(50),
  dismissed: z.boolean(),
});

export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    language: z.enum(['en', 'fr']),
    timezone: z.string(),
    notificationPreferences: notificationPreferencesSchema,
    onboarding: onboardingSchema,
    deletionScheduledFor: timestamp().nullable(),
    createdAt: timestamp(),
  })
  .openapi('User');

export const meSchema = z
  .object({
    user: userSchema,
    staffRole: z.enum(['super_admin', 'admin', 'support']).nullable(),
    workspaces: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        slug: z.string(),
        role: roleSchema,
        isPersonal: z.boolean(),
      }),
    ),
  })
  .openapi('Me');

export const apiKeyIdentitySchema = z
  .object({
    apiKey: z.object({ id: z.string(), workspaceId: z.string(), scope: z.enum(['read', 'read_write']) }),
  })
  .openapi('ApiKeyIdentity');

export const updateProfileBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    language: z.enum(['en', 'fr']).optional(),
    timezone: timezoneSchema.optional(),
    notificationPreferences: notificationPreferencesSchema.partial().strict().optional(),
    onboarding: onboardingSchema.partial().strict().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field');
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;

export const sessionSchema = z
  .object({
    id: z.string(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: timestamp(),
    expiresAt: timestamp(),
    isCurrent: z.boolean(),
  })
  .openapi('Session');
