/** Failures of the plan queue, coded in the contract's vocabulary; the API maps them to HTTP. */
import { ServiceError } from '../contract/errors.js';

export class PlanQueueError extends ServiceError {
  override readonly name = 'PlanQueueError';
}

/** The job store cannot be reached: worth a retry in a few seconds. */
export function storeUnavailable(detail = 'The job store (Redis) is unreachable; retry shortly.'): PlanQueueError {
  return new PlanQueueError('unavailable', detail, [], 5);
}
