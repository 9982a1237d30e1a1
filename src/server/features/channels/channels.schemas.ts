import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { channelKinds, channelStatuses } from './channels.table.ts';
import { oauthProviderKinds } from './oauth-providers.ts';

export const channelSchema = z
  .object({
    id: z.string(),
    kind: z.enum(channelKinds),
    name: z.string(),
    status: z.enum(channelStatuses),
    externalAccountId: z.string().nullable(),
    externalAccountName: z.string().nullable(),
    authorUrn: z.string().nullable(),
    scopes: z.string().nullable(),
    tokenExpiresAt: timestamp().nullable(),
    /** The receiver's origin only: the full URL works as a password. */
    webhookUrl: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('Channel');

export const connectLinkedInBodySchema = z
  .object({
    as: z.enum(['member', 'organization']).default('member'),
    /** A LinkedIn page's numeric id; without it, every page the member administers is connected. */
    organizationId: z
      .string()
      .regex(/^\d{1,20}$/, 'A LinkedIn organization id is digits only')
      .optional(),
  })
  .strict()
  .refine((body) => body.as === 'organization' || body.organizationId === undefined, {
    message: 'organizationId needs "as": "organization"',
    path: ['organizationId'],
  })
  .openapi('ConnectLinkedIn', { example: { as: 'organization', organizationId: '1001' } });

export const authorizeUrlSchema = z.object({ authorizeUrl: z.string() }).openapi('OAuthAuthorizeUrl');

export const oauthCallbackParamsSchema = z.object({
  provider: z.enum(oauthProviderKinds).openapi({ param: { name: 'provider', in: 'path' } }),
});

export const oauthCallbackQuerySchema = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
