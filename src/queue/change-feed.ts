/**
 * Wakes whoever waits on a job when BullMQ reports something about it (progress,
 * start, end, removal), so a stream of a plan's states needs no tight polling.
 * One QueueEvents reader per process, started on first use. Events only hurry a
 * reader: it still reads the job itself, and waits time out, so a missed event
 * costs a delay, never a state.
 */
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';

export interface ChangeFeed {
  /** Resolves at the next event about the job, after `timeoutMs`, or when `signal` aborts. */
  next(jobId: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

const EVENTS = ['progress', 'active', 'completed', 'failed', 'removed', 'waiting', 'delayed'] as const;

export function createChangeFeed(connection: Redis, queueName: string, prefix: string): ChangeFeed {
  let events: QueueEvents | undefined;
  let reader: Redis | undefined;
  const waiting = new Map<string, Set<() => void>>();
  const wake = ({ jobId }: { jobId: string }) => {
    const wakers = waiting.get(jobId);
    waiting.delete(jobId);
    for (const w of wakers ?? []) w();
  };
  const start = () => {
    if (events) return;
    // A blocking read needs its own connection that waits: the caller's may fail fast.
    reader = connection.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, commandTimeout: undefined, enableAutoPipelining: false });
    reader.on('error', () => undefined);
    events = new QueueEvents(queueName, { connection: reader, prefix });
    events.on('error', () => undefined);
    for (const name of EVENTS) events.on(name, wake);
  };
  return {
    next(jobId, timeoutMs, signal) {
      start();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          const wakers = waiting.get(jobId);
          wakers?.delete(done);
          if (wakers?.size === 0) waiting.delete(jobId);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener('abort', done, { once: true });
        if (signal?.aborted) done();
        else waiting.set(jobId, (waiting.get(jobId) ?? new Set()).add(done));
      });
    },
    async close() {
      for (const wakers of waiting.values()) for (const w of wakers) w();
      await events?.close();
      reader?.disconnect();
    },
  };
}
