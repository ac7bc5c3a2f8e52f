import { storeUnavailable } from './errors.js';
import type { BatchQueue } from './batch-queue.js';
import type { PlanQueue } from './plan-queue.js';

/** A plan queue with no store behind it: enough to build the app for its OpenAPI document. */
export function detachedPlanQueue(): PlanQueue {
  const unavailable = () => Promise.reject(storeUnavailable('No job store is attached.'));
  return { submit: unavailable, get: unavailable, cancel: unavailable, read: unavailable, ended: unavailable, changed: unavailable, counts: unavailable, ping: unavailable, close: () => Promise.resolve() };
}

/** A batch queue with no store behind it, likewise. */
export function detachedBatchQueue(): BatchQueue {
  const unavailable = () => Promise.reject(storeUnavailable('No job store is attached.'));
  return { submit: unavailable, get: unavailable, cancel: unavailable, read: unavailable, outcome: unavailable, ended: unavailable, counts: unavailable, close: () => Promise.resolve() };
}
