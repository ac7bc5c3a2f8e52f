/** The HTTP side of the error contract: each code's status and problem title, in one table. */
import type { ErrorCode } from '../contract/errors.js';

export { ServiceError, jsonPointer, type ErrorCode, type FieldError } from '../contract/errors.js';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  not_found: 404,
  already_finished: 409,
  not_completed: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  request_timeout: 408,
  idempotency_mismatch: 422,
  limit_exceeded: 422,
  option_unavailable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const ERROR_TITLE: Record<ErrorCode, string> = {
  validation: 'The request is not valid',
  unauthorized: 'Missing or unknown API key',
  not_found: 'Not found',
  already_finished: 'The plan has already finished',
  not_completed: 'The plan has no result to export',
  body_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported media type',
  headers_too_large: 'The request headers are too large',
  request_timeout: 'The request took too long to arrive',
  idempotency_mismatch: 'Idempotency-Key reused with a different request',
  limit_exceeded: 'The request exceeds a limit of this service',
  option_unavailable: 'The request asks for something this service does not offer',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'The service is temporarily unavailable',
};

export function problemType(code: ErrorCode): string {
  return `urn:tournee:problem:${code.replaceAll('_', '-')}`;
}
