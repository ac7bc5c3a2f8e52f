/**
 * The plan job processor. BullMQ runs this compiled file in a child process
 * (a sandboxed processor), so the search never blocks the worker's event loop
 * and the job lock keeps being renewed. Children are reused between jobs: the
 * only module state is the configuration and one Redis connection.
 */
import { UnrecoverableError, WaitingError, type SandboxedJob } from 'bullmq';
import { Redis } from 'ioredis';
import { PlanRequest } from '../contract/plan-request.js';
import { PlanResult } from '../contract/plan-result.js';
import { loadConfig, type Config } from '../config.js';
import { PlanCancelledError, runPlan } from '../pipeline.js';
import { OsrmUnavailableError } from '../matrix/errors.js';
import { createProviders, isPermanentTravelTimeError } from '../providers.js';
import { createCallbackSender, type CallbackSender } from './callbacks.js';
import { createTally, travelTimeMetrics, type Tally } from './metrics.js';
import { CANCELLED } from './plan-view.js';
import { queueKeys, type PlanJobData } from './keys.js';
import { warmBatch } from './warm-up.js';

let state: Shared | undefined;

interface Shared {
  readonly config: Config;
  readonly redis: Redis;
  readonly cache: Redis;
  readonly callbacks: CallbackSender;
  /** This child's metrics, added to the shared ones at the end of each job. */
  readonly tally: Tally;
  /** Aborted when the worker stops this child (SIGTERM at shutdown). */
  readonly stopping: AbortSignal;
}

function shared(): Shared {
  if (!state) {
    const config = loadConfig(process.env);
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 5000 });
    const cacheUrl = config.MATRIX_CACHE_REDIS_URL;
    const cache = cacheUrl && cacheUrl !== config.REDIS_URL ? new Redis(cacheUrl, { maxRetriesPerRequest: 1, commandTimeout: 5000 }) : redis;
    // Failed commands surface where they are used; the matrix cache falls back to fetching.
    redis.on('error', () => undefined);
    cache.on('error', () => undefined);
    const stopping = new AbortController();
    process.once('SIGTERM', () => {
      stopping.abort();
    });
    const tally = createTally(redis, queueKeys(config.QUEUE_PREFIX, config.QUEUE_NAME).metrics);
    state = { config, redis, cache, callbacks: createCallbackSender(config, redis), tally, stopping: stopping.signal };
  }
  return state;
}

export default async function processPlan(
  job: SandboxedJob<PlanJobData, PlanResult>,
  token?: string,
  signal?: AbortSignal,
): Promise<PlanResult> {
  const { config, redis, cache, callbacks, tally, stopping } = shared();
  const keys = queueKeys(config.QUEUE_PREFIX, config.QUEUE_NAME);
  const url = job.data.request.callbackUrl;
  // Queued before the plan ends too, so a worker lost right after it still delivers; the delivery waits for the end.
  const notify = async () => {
    if (url) await callbacks.send({ planId: job.id, url }).catch(() => undefined);
  };

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
  const stop = AbortSignal.any([cancel.signal, stopping, ...(signal ? [signal] : [])]);
  const started = performance.now();
  // Measured here, and flushed before the job ends, so its metrics are in Redis when BullMQ says it ended.
  const timed = (outcome: 'completed' | 'failed' | 'cancelled' | 'retried') => {
    tally.observe('jobSeconds', { outcome }, (performance.now() - started) / 1000);
  };
  try {
    if ((await redis.exists(keys.cancelled(job.id)).catch(() => 0)) === 1) throw new UnrecoverableError(CANCELLED);
    const result = await plan(job, { config, redis, cache, tally }, stop);
    await notify();
    timed('completed');
    return result;
  } catch (error) {
    if (stopping.aborted && !cancel.signal.aborted) {
      // The worker is shutting down: the plan goes back to the queue for another worker, unharmed.
      await job.moveToWait(token).catch(() => undefined);
      throw new WaitingError();
    }
    const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) await notify();
    timed(error instanceof Error && error.message === CANCELLED ? 'cancelled' : final ? 'failed' : 'retried');
    throw error;
  } finally {
    clearInterval(watch);
    await tally.flush();
  }
}

const CANCEL_POLL_MS = 250;

/** Runs the pipeline; every failure leaves as an error BullMQ knows whether to retry. */
async function plan(job: SandboxedJob<PlanJobData, PlanResult>, { config, redis, cache, tally }: Pick<Shared, 'config' | 'redis' | 'cache' | 'tally'>, signal: AbortSignal): Promise<PlanResult> {
  const parsed = PlanRequest.safeParse(job.data.request);
  if (!parsed.success) throw new UnrecoverableError(`invalid request: ${parsed.error.message}`);
  const providers = createProviders(config, cache, travelTimeMetrics(tally));
  const onOsrm = !parsed.data.matrix && (parsed.data.options.travelTimes ?? providers.defaultSource) === 'osrm';
  if (job.data.batchId !== undefined && onOsrm && providers.warm) await warmBatch(redis, config, job.data.batchId, providers.warm, signal);
  let iterations = 0;
  let result: PlanResult;
  try {
    result = await runPlan(parsed.data, {
      ...providers,
      today: job.data.today,
      now: () => performance.now(),
      signal,
      onProgress: (progress) => {
        tally.count('iterations', {}, progress.iteration - iterations);
        iterations = progress.iteration;
        void job.updateProgress({ ...progress });
      },
    });
  } catch (error) {
    if (error instanceof PlanCancelledError || signal.aborted) throw new UnrecoverableError(CANCELLED);
    // Only an unreachable routing engine is worth another attempt; the rest would fail the same way.
    if (error instanceof OsrmUnavailableError) throw new Error(`The road-network service (OSRM) did not answer after ${String(error.attempts)} attempt(s).`);
    throw new UnrecoverableError(isPermanentTravelTimeError(error) ? error.message : `planning failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The result is checked here, so a plan is never reported complete and then unreadable.
  const checked = PlanResult.safeParse(result);
  if (!checked.success) throw new UnrecoverableError(`planning produced an invalid result: ${checked.error.message}`);
  return checked.data;
}
