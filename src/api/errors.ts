/** The whole error contract of the API: a code, its HTTP status and its problem type. */

export const ERROR_STATUS = {
  validation: 400,
  unauthorized: 401,
  not_found: 404,
  already_finished: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  limit_exceeded: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLE: Record<ErrorCode, string> = {
  validation: 'The request is not valid',
  unauthorized: 'Missing or unknown API key',
  not_found: 'Not found',
  already_finished: 'The plan has already finished',
  body_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported media type',
  idempotency_mismatch: 'Idempotency-Key reused with a different request',
  limit_exceeded: 'The request exceeds a limit of this service',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'The service is temporarily unavailable',
};

/** One invalid field: a JSON pointer into the request and what is wrong with it. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function problemType(code: ErrorCode): string {
  return `urn:tournee:problem:${code.replaceAll('_', '-')}`;
}

/** RFC 6901 pointer from a path of keys and indices, as a URI fragment. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return '#' + path.map((k) => '/' + String(k).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
