import type { LoggerOptions } from 'pino';

/** pino options shared by every process: JSON lines, secrets redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
  };
}
