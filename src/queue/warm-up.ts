/**
 * Plans of a batch that share points (a common depot, key accounts visited by
 * several reps) would each fetch the travel times among those points when they
 * run at the same time. The first plan of the batch to start fetches them into
 * the cache for every rep, under a lock; the others wait for it and then find
 * them there, so each of those cells is asked of OSRM once.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { Location } from '../contract/common.js';
import type { Config } from '../config.js';
import { batchQueueName } from './batch-queue.js';
import { queueKeys } from './keys.js';
import { parseJson } from './plan-view.js';

/** Longest a warm-up may hold the others back; past it they fetch for themselves. */
const LOCK_MS = 60_000;
const WAIT_MS = 100;

const Shared = z.object({ shared: z.array(z.array(Location)) });

export function warmUpKey(config: Pick<Config, 'QUEUE_PREFIX' | 'QUEUE_NAME'>, batchId: string): string {
  return `${queueKeys(config.QUEUE_PREFIX, batchQueueName(config)).job(batchId)}:warm`;
}

export async function warmBatch(
  redis: Redis,
  config: Pick<Config, 'QUEUE_PREFIX' | 'QUEUE_NAME' | 'RESULT_TTL_SECONDS'>,
  batchId: string,
  warm: (points: readonly Location[], options: { signal?: AbortSignal }) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const key = warmUpKey(config, batchId);
  if ((await redis.set(key, 'warming', 'PX', LOCK_MS, 'NX').catch(() => null)) === 'OK') {
    try {
      const job = queueKeys(config.QUEUE_PREFIX, batchQueueName(config)).job(batchId);
      const parsed = Shared.safeParse(parseJson((await redis.hget(job, 'data')) ?? ''));
      // One rep after the other: each only fetches the cells the ones before it did not.
      for (const points of parsed.success ? parsed.data.shared : []) if (points.length > 1) await warm(points, { signal });
      await redis.set(key, 'done', 'EX', config.RESULT_TTL_SECONDS);
    } catch {
      // Each plan fetches what it needs by itself, as without a warm-up.
      await redis.del(key).catch(() => 0);
    }
    return;
  }
  while (!signal.aborted && (await redis.get(key).catch(() => null)) === 'warming') {
    await delay(WAIT_MS, undefined, { signal }).catch(() => undefined);
  }
}
