/**
 * One GET to OSRM with a per-attempt timeout, retried with exponential backoff and
 * jitter on transient failures only: 5xx (and 429 from a proxy), timeouts,
 * refused or reset connections. OSRM's own 4xx answers are returned, never retried.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { OsrmErrorResponse } from './osrm-schema.js';
import { OsrmRequestError, OsrmUnavailableError, errorText } from './errors.js';
import { getText } from './http-get.js';

/** The subset of a pino logger the travel-time layer uses. */
export interface MatrixLogger {
  warn(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  /** Per attempt, including reading the body. */
  readonly timeoutMs: number;
  /** First backoff; doubles each retry up to maxDelayMs, then jittered to [½, 1] of it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for the jitter. */
  readonly random: () => number;
  readonly logger?: MatrixLogger | undefined;
  /** Told of every attempt that got an answer or failed (not of one the caller aborted), for metrics. */
  readonly onRequest?: ((report: OsrmRequestReport) => void) | undefined;
}

export interface OsrmRequestReport {
  readonly url: string;
  readonly ms: number;
  /** ok: an answer; refused: OSRM's error answer (4xx); failed: timeout, connection error, 5xx, unreadable body. */
  readonly outcome: 'ok' | 'refused' | 'failed';
}

export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

/** A parsed answer: OSRM's success body, or its refusal (HTTP 4xx with a `code`). */
export type OsrmAnswer =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly code: string | undefined; readonly message: string };

class TransientError extends Error {
  override readonly name = 'TransientError';
}

export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** GETs `url`; throws OsrmUnavailableError once the retry budget is spent, or the caller's abort reason. */
export async function getOsrm(url: string, baseUrl: string, policy: RetryPolicy, signal?: AbortSignal): Promise<OsrmAnswer> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const started = performance.now();
    try {
      const answer = await attemptOnce(url, policy.timeoutMs, signal);
      policy.onRequest?.({ url, ms: performance.now() - started, outcome: answer.ok ? 'ok' : 'refused' });
      return answer;
    } catch (error) {
      signal?.throwIfAborted();
      policy.onRequest?.({ url, ms: performance.now() - started, outcome: 'failed' });
      if (!(error instanceof TransientError)) throw error;
      if (attempt >= policy.retries) throw new OsrmUnavailableError(baseUrl, attempt + 1, error);
      const delayMs = backoffMs(attempt, policy);
      policy.logger?.warn({ attempt: attempt + 1, delayMs, err: error.message }, 'OSRM request failed; retrying');
      await policy.sleep(delayMs, signal);
    }
  }
}

async function attemptOnce(url: string, timeoutMs: number, signal?: AbortSignal): Promise<OsrmAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let status: number;
  let text: string;
  try {
    ({ status, text } = await getText(url, combined));
  } catch (error) {
    signal?.throwIfAborted();
    if (timeout.aborted) throw new TransientError(`no answer within ${timeoutMs} ms`);
    throw new TransientError(errorText(error), { cause: error });
  }
  if (status >= 500 || status === 429) throw new TransientError(`HTTP ${status}: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (status < 300) throw new OsrmRequestError(`OSRM answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`, status);
    body = undefined;
  }
  if (status >= 200 && status < 300) return { ok: true, body };
  const refusal = OsrmErrorResponse.safeParse(body);
  if (!refusal.success) return { ok: false, status, code: undefined, message: text.slice(0, 200) };
  return { ok: false, status, code: refusal.data.code, message: refusal.data.message ?? '' };
}
