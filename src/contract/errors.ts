/**
 * The error vocabulary every layer speaks: a stable code per kind of failure.
 * Layers below the API throw a `ServiceError` (or a subclass of their own)
 * with one of these codes; the API maps codes to HTTP statuses in one table.
 */

export const ERROR_CODES = [
  'validation',
  'unauthorized',
  'not_found',
  'already_finished',
  'not_completed',
  'body_too_large',
  'unsupported_media_type',
  'headers_too_large',
  'request_timeout',
  'idempotency_mismatch',
  'limit_exceeded',
  'option_unavailable',
  'rate_limited',
  'internal',
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One invalid part of a request and what is wrong with it, located by exactly
 * one of: a JSON pointer into the body, a header name, or a path parameter name.
 */
export type FieldError =
  | { readonly pointer: string; readonly detail: string }
  | { readonly header: string; readonly detail: string }
  | { readonly parameter: string; readonly detail: string };

export class ServiceError extends Error {
  override readonly name: string = 'ServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** RFC 6901 pointer from a path of keys and indices, as a URI fragment. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return '#' + path.map((k) => '/' + String(k).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
