import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { aiProviderKinds } from './ai-providers.table.ts';

// Printable ASCII without spaces: every vendor's model names and keys fit, and a pasted key with a
// trailing newline or a stray space is refused instead of failing later at the provider.
const token = /^[\x21-\x7e]+$/;

const modelName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(token, 'must be printable characters without spaces')
  .openapi({ example: 'gpt-4o-mini' });

/** An http(s) API root; credentials, queries and fragments are refused (they would be stored in clear). */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not hold credentials; put the key in apiKey' });
    } else if (url.search || url.hash || value.includes('?') || value.includes('#')) {
      ctx.addIssue({ code: 'custom', message: 'must not have a query or a fragment' });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''))
  .openapi({ example: 'http://127.0.0.1:11434/v1', description: 'API root including its version path' });

export const aiProviderSchema = z
  .object({
    kind: z.enum(aiProviderKinds),
    model: z.string().nullable(),
    baseUrl: z.string().nullable(),
    hasApiKey: z.boolean(),
    /** The key's last four characters, so a person can tell which key is set. */
    keyHint: z.string().nullable(),
    transcriptionModel: z.string().nullable(),
    visionModel: z.string().nullable(),
    updatedAt: timestamp().nullable(),
  })
  .openapi('AiProvider');

export const updateAiProviderBodySchema = z
  .object({
    kind: z.enum(aiProviderKinds),
    model: modelName.nullable().optional(),
    baseUrl: baseUrlSchema.nullable().optional(),
    apiKey: z
      .string()
      .trim()
      .min(8)
      .max(1000)
      .regex(token, 'must be printable characters without spaces')
      .nullable()
      .optional()
      .openapi({ description: 'Omit to keep the stored key, null to remove it. Never returned.' }),
    transcriptionModel: modelName.nullable().optional().openapi({ example: 'whisper-1' }),
    visionModel: modelName.nullable().optional().openapi({ example: 'gpt-4o-mini' }),
  })
  .strict()
  .openapi('UpdateAiProvider', {
    description:
      'Replaces the settings: an omitted field other than apiKey is cleared. `model` is required for ' +
      'openai, anthropic and openai-compatible; `baseUrl` for openai-compatible; an API key for openai ' +
      'and anthropic. Changing kind or baseUrl while a key is stored needs the key again (or null), so ' +
      'a stored key is only ever sent where it was entered for.',
  });

export type UpdateAiProviderBody = z.infer<typeof updateAiProviderBodySchema>;
