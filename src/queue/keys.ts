import { createHash } from 'node:crypto';
import type { PlanRequest } from '../contract/plan-request.js';

/** What a plan job carries: the validated request and what makes a retry replay the same plan. */
export interface PlanJobData {
  readonly request: PlanRequest;
  /** The date the request was accepted, in the rep's time zone (default horizon start). */
  readonly today: string;
  readonly requestId: string;
  /** Digest of the request, to tell a replay of an Idempotency-Key from a different request. */
  readonly fingerprint: string;
  /** The batch the plan belongs to, if any. */
  readonly batchId?: string;
}

/**
 * Redis keys of the plan queue: BullMQ's own (its Redis layout, read directly
 * so that one MULTI sees a job's state and result together) and ours beside them.
 */
export function queueKeys(prefix: string, queueName: string) {
  const base = `${prefix}:${queueName}`;
  return {
    job: (jobId: string) => `${base}:${jobId}`,
    completed: `${base}:completed`,
    failed: `${base}:failed`,
    active: `${base}:active`,
    /** A cancel request, and the record of a plan cancelled while it waited (its job is gone). */
    cancelled: (jobId: string) => `${base}:cancelled:${jobId}`,
    /** The workers' metrics (metrics.ts). */
    metrics: `${base}:metrics`,
  };
}
export type QueueKeys = ReturnType<typeof queueKeys>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Stable JSON (sorted keys) so that the same request always has the same fingerprint. */
export function fingerprint(value: unknown): string {
  return sha256(JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v)));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortKeys(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
}
