import { type Logger, pino } from 'pino';

export type { Logger };

// Anything that may carry a secret is redacted before it reaches a log line.
const redactPaths = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'apiKey',
  '*.apiKey',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'herald' }, redact: { paths: redactPaths, censor: '[redacted]' } },
    destination as pino.DestinationStream | undefined,
  );
}
