/**
 * What a plan is, decided in one place from one atomic read. A single MULTI
 * reads the job's fields, its membership of the completed, failed and active
 * sets, and our cancel mark: BullMQ writes a job's result and its move to
 * "completed" in one script, so a reader never sees one without the other.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { JobStatus, PlanJob } from '../contract/plan-job.js';
import { PlanProgress } from '../contract/plan-job.js';
import { PlanResult } from '../contract/plan-result.js';
import { storeUnavailable } from './errors.js';
import type { QueueKeys } from './keys.js';

/** The reason a cancelled job fails with. */
export const CANCELLED = 'cancelled';

/** The job hash fields we read; BullMQ stores the job name in `name`, which is the plan's owner. */
const FIELDS = ['name', 'timestamp', 'processedOn', 'finishedOn', 'failedReason', 'ats', 'progress', 'returnvalue'] as const;
/** The same without the result, for views that need only the state. */
const STATE_FIELDS = FIELDS.slice(0, -1);

const Field = z.string().nullable();
const Reply = <T extends z.ZodType>(value: T) => z.tuple([z.null(), value]);
const Replies = z.tuple([
  Reply(z.array(Field).min(STATE_FIELDS.length).max(FIELDS.length)),
  Reply(Field),
  Reply(Field),
  Reply(z.number().nullable()),
  Reply(Field),
]);

/** Our record of a cancel request (and of a plan cancelled before it ran). */
export const CancelMark = z.object({ owner: z.string(), createdAt: z.string(), at: z.string() });
export type CancelMark = z.infer<typeof CancelMark>;

interface StoredJob {
  readonly owner: string;
  readonly timestamp: number;
  readonly processedOn?: number;
  readonly finishedOn?: number;
  readonly returnvalue?: string;
  readonly failedReason?: string;
  readonly attemptsStarted: number;
  readonly progress?: string;
}

export interface PlanSnapshot {
  readonly id: string;
  readonly job: StoredJob | null;
  readonly state: 'completed' | 'failed' | 'active' | 'waiting';
  readonly cancel: CancelMark | null;
}

/** One atomic read of a job; `result: false` leaves the (large) result in Redis. */
export async function readSnapshot(connection: Redis, keys: QueueKeys, id: string, { result = true } = {}): Promise<PlanSnapshot> {
  const replies = await connection
    .multi()
    .hmget(keys.job(id), ...(result ? FIELDS : STATE_FIELDS))
    .zscore(keys.completed, id)
    .zscore(keys.failed, id)
    .lpos(keys.active, id)
    .get(keys.cancelled(id))
    .exec();
  // A command that failed inside the transaction (a failing-over or loading Redis) leaves an error reply.
  const parsed = Replies.safeParse(replies);
  if (!parsed.success) throw storeUnavailable();
  const [[, fields], [, completed], [, failed], [, active], [, mark]] = parsed.data;
  const state = completed !== null ? 'completed' : failed !== null ? 'failed' : active !== null ? 'active' : 'waiting';
  return { id, job: storedJob(fields), state, cancel: mark === null ? null : parseMark(mark) };
}

function storedJob(fields: readonly (string | null)[]): StoredJob | null {
  const [name, timestamp, processedOn, finishedOn, failedReason, ats, progress, returnvalue] = fields;
  if (!name || !timestamp) return null;
  return {
    owner: name,
    timestamp: Number(timestamp),
    ...(processedOn ? { processedOn: Number(processedOn) } : {}),
    ...(finishedOn ? { finishedOn: Number(finishedOn) } : {}),
    ...(returnvalue ? { returnvalue } : {}),
    ...(failedReason ? { failedReason } : {}),
    attemptsStarted: Number(ats ?? '0'),
    ...(progress ? { progress } : {}),
  };
}

export function parseMark(text: string): CancelMark | null {
  const parsed = CancelMark.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

/** The owner of a plan, or null when there is none to see. */
export function ownerOf(snapshot: PlanSnapshot): string | null {
  return snapshot.job?.owner ?? snapshot.cancel?.owner ?? null;
}

/**
 * The plan as GET shows it, or null once it is gone: never stored, removed, or
 * finished more than `ttlMs` ago. Status is monotonic: queued → active →
 * completed | failed | cancelled; a cancel request shows as `cancelRequested`
 * until the plan has actually stopped.
 */
export function viewOf(snapshot: PlanSnapshot, ttlMs: number, now: number, { result = true } = {}): PlanJob | null {
  const { id, job, cancel } = snapshot;
  if (!job) {
    if (!cancel) return null;
    const at = Date.parse(cancel.at);
    if (at + ttlMs <= now) return null;
    return { id, status: 'cancelled', createdAt: cancel.createdAt, finishedAt: cancel.at, expiresAt: iso(at + ttlMs), attempts: 0, progress: null };
  }
  const status = statusOf(snapshot.state, job.failedReason);
  const finishedOn = job.finishedOn;
  const finished = status === 'completed' || status === 'failed' || status === 'cancelled';
  if (finished && finishedOn !== undefined && finishedOn + ttlMs <= now) return null;
  const base: PlanJob = {
    id,
    status,
    createdAt: iso(job.timestamp),
    attempts: job.attemptsStarted,
    progress: progressOf(job.progress),
    ...(job.processedOn ? { startedAt: iso(job.processedOn) } : {}),
    ...(finished && finishedOn !== undefined ? { finishedAt: iso(finishedOn), expiresAt: iso(finishedOn + ttlMs) } : {}),
    ...(!finished && cancel ? { cancelRequested: true } : {}),
  };
  if (status === 'completed' && result) {
    const parsed = PlanResult.safeParse(parseJson(job.returnvalue ?? ''));
    if (parsed.success) return { ...base, result: parsed.data };
    return { ...base, status: 'failed', error: { title: 'Unreadable result', detail: 'The stored plan does not match the result schema.' } };
  }
  if (status === 'failed') return { ...base, error: { title: 'Planning failed', detail: job.failedReason ?? 'unknown' } };
  return base;
}

function statusOf(state: PlanSnapshot['state'], failedReason: string | undefined): JobStatus {
  switch (state) {
    case 'completed':
      return 'completed';
    case 'failed':
      return failedReason === CANCELLED ? 'cancelled' : 'failed';
    case 'active':
      return 'active';
    case 'waiting':
      return 'queued';
  }
}

function progressOf(text: string | undefined): PlanJob['progress'] {
  if (text === undefined) return null;
  const parsed = PlanProgress.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
