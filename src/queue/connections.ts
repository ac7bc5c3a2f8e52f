import { Redis } from 'ioredis';

/**
 * For the API: fail fast when Redis is away (no offline queue, short command
 * timeout), so requests get a 503. Commands issued in the same tick by
 * concurrent requests go out in one write (auto-pipelining).
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000, enableAutoPipelining: true });
}

/** For workers: blocking commands wait as long as it takes; BullMQ requires maxRetriesPerRequest null. */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
