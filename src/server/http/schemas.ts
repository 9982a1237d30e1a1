import { z } from '@hono/zod-openapi';

export const timestamp = () => z.string().openapi({ format: 'date-time' });

export const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown IANA timezone')
  .openapi({ example: 'Europe/Paris', description: 'An IANA timezone name' });
