import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ServiceError, ERROR_STATUS, ERROR_TITLE, problemType, type ErrorCode, type FieldError } from '../errors.js';
import type { ProblemDocument } from '../../contract/problem.js';

/** Fastify's own error codes that are the client's fault, and what they mean to us. */
const FASTIFY_CODES = new Map<string, ErrorCode>(Object.entries({
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation',
  FST_ERR_VALIDATION: 'validation',
} satisfies Record<string, ErrorCode>));

/** One error contract: every failure leaves as application/problem+json. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({ pointer: `#${v.instancePath === '/' ? '' : v.instancePath}`, detail: v.message ?? 'invalid' }));
      return sendProblem(request, reply, 'validation', describeFields(errors.length), errors);
    }
    if (error instanceof ServiceError) return sendProblem(request, reply, error.code, error.message, error.errors, error.retryAfterSeconds);
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(request, reply, 'internal', 'The service produced an invalid response.');
    }
    const known = FASTIFY_CODES.get(error.code);
    if (known) return sendProblem(request, reply, known, error.message);
    if (error.statusCode === 429) return sendProblem(request, reply, 'rate_limited', error.message);
    if (error.statusCode === 503) return sendProblem(request, reply, 'unavailable', error.message, [], 5);
    // Any other client error of the framework (a malformed URL, header or body) is the request's fault.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return sendProblem(request, reply, 'validation', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal', 'Something went wrong; the request id helps to find it in the logs.');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', `No route ${request.method} ${request.url}.`));
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  errors: readonly FieldError[] = [],
  retryAfterSeconds?: number,
): FastifyReply {
  const status = ERROR_STATUS[code];
  const body: ProblemDocument = {
    type: problemType(code),
    title: ERROR_TITLE[code],
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(errors.length > 0 ? { errors: [...errors] } : {}),
  };
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

function describeFields(n: number): string {
  return n === 1 ? '1 field is invalid.' : `${String(n)} fields are invalid.`;
}
