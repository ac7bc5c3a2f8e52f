import type { Logger, LoggerOptions } from 'pino';

/** pino options shared by every process: JSON lines, secrets redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
  };
}

export interface OutageLog {
  /** A failure talking to the dependency: the first is logged, then one summary per interval. */
  failed(err: Error): void;
  /** The dependency answers again (logged once, with how long it was down). */
  recovered(): void;
}

/**
 * Logs a dependency that is down once, then at a calm rate: a reconnecting
 * client reports every attempt, and a log line with a stack per attempt
 * drowns everything else.
 */
export function outageLog(logger: Logger, dependency: string, intervalMs = 60_000, now: () => number = Date.now): OutageLog {
  let since: number | undefined;
  let lastLogged = 0;
  let suppressed = 0;
  return {
    failed(err) {
      const t = now();
      if (since === undefined) {
        since = t;
        lastLogged = t;
        suppressed = 0;
        logger.warn({ dependency, err: err.message }, `${dependency} is unreachable`);
        return;
      }
      suppressed += 1;
      if (t - lastLogged < intervalMs) return;
      logger.warn({ dependency, err: err.message, downForMs: t - since, failures: suppressed }, `${dependency} is still unreachable`);
      lastLogged = t;
      suppressed = 0;
    },
    recovered() {
      if (since === undefined) return;
      logger.info({ dependency, downForMs: now() - since }, `${dependency} is reachable again`);
      since = undefined;
    },
  };
}
