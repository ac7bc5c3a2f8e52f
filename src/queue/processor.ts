/**
 * The plan job processor. BullMQ runs this compiled file in a child process
 * (a sandboxed processor), so the search never blocks the worker's event loop
 * and the job lock keeps being renewed. Children are reused between jobs: the
 * only module state is the configuration and one Redis connection.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { Redis } from 'ioredis';
import { PlanRequest } from '../api/schemas/plan-request.js';
import type { PlanResult } from '../api/schemas/plan-result.js';
import { loadConfig, type Config } from '../config.js';
import { PlanCancelledError, runPlan } from '../pipeline.js';
import { createProviders, isPermanentTravelTimeError } from '../providers.js';
import { CANCELLED } from './plan-queue.js';
import { queueKeys, type PlanJobData } from './keys.js';

let state: { config: Config; redis: Redis; cache: Redis } | undefined;

function shared(): { config: Config; redis: Redis; cache: Redis } {
  if (!state) {
    const config = loadConfig(process.env);
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const cacheUrl = config.MATRIX_CACHE_REDIS_URL;
    const cache = cacheUrl && cacheUrl !== config.REDIS_URL ? new Redis(cacheUrl, { maxRetriesPerRequest: 1 }) : redis;
    // Failed commands surface where they are used; the matrix cache falls back to fetching.
    redis.on('error', () => undefined);
    cache.on('error', () => undefined);
    state = { config, redis, cache };
  }
  return state;
}

export default async function processPlan(
  job: SandboxedJob<PlanJobData, PlanResult>,
  _token?: string,
  signal?: AbortSignal,
): Promise<PlanResult> {
  const { config, redis, cache } = shared();
  const keys = queueKeys(config.QUEUE_PREFIX, config.QUEUE_NAME);
  if ((await redis.exists(keys.cancelled(job.id)).catch(() => 0)) === 1) throw new UnrecoverableError(CANCELLED);

  // A cancel request is a mark in Redis; watching it works whoever holds the job.
  const cancel = new AbortController();
  const watch = setInterval(() => {
    redis.exists(keys.cancelled(job.id)).then(
      (n) => {
        if (n === 1) cancel.abort();
      },
      () => undefined,
    );
  }, CANCEL_POLL_MS);
  const stop = signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal;
  try {
    return await plan(job, config, cache, stop);
  } finally {
    clearInterval(watch);
  }
}

const CANCEL_POLL_MS = 250;

async function plan(job: SandboxedJob<PlanJobData, PlanResult>, config: Config, cache: Redis, signal: AbortSignal): Promise<PlanResult> {
  const parsed = PlanRequest.safeParse(job.data.request);
  if (!parsed.success) throw new UnrecoverableError(`invalid request: ${parsed.error.message}`);
  const providers = createProviders(config, cache);
  try {
    return await runPlan(parsed.data, {
      travelTimes: providers.travelTimes,
      defaultSource: providers.defaultSource,
      ...(providers.geometry ? { geometry: providers.geometry } : {}),
      fallbackToHaversine: config.OSRM_FALLBACK_HAVERSINE,
      today: job.data.today,
      now: () => performance.now(),
      signal,
      onProgress: (progress) => {
        void job.updateProgress({ ...progress });
      },
    });
  } catch (error) {
    if (error instanceof PlanCancelledError || signal.aborted) throw new UnrecoverableError(CANCELLED);
    if (isPermanentTravelTimeError(error)) throw new UnrecoverableError(error.message);
    throw error;
  }
}
