import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ServiceError, ERROR_STATUS, ERROR_TITLE, jsonPointer, problemType, type ErrorCode, type FieldError } from '../errors.js';
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
      const errors = error.validation.flatMap((v) => fieldErrors(v, error.validationContext));
      return sendProblem(request, reply, 'validation', describeFields(errors.length), errors);
    }
    if (error instanceof ServiceError) return sendProblem(request, reply, error.code, error.message, error.errors, error.retryAfterSeconds);
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(request, reply, 'internal', 'The service produced an invalid response.');
    }
    const known = FASTIFY_CODES.get(error.code);
    // A body that is not JSON: the whole document is at fault.
    if (known) return sendProblem(request, reply, known, error.message, known === 'validation' ? [{ pointer: '#', detail: error.message }] : []);
    if (error.statusCode === 503) return sendProblem(request, reply, 'unavailable', error.message, [], 5);
    // Any other client error of the framework (a malformed URL, header or body) is the request's fault.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return sendProblem(request, reply, 'validation', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal', 'Something went wrong; the request id helps to find it in the logs.');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', `No route ${request.method} ${request.url}.`));
}

/** Where a schema error is: a pointer into the body, a header's name, or a path parameter's name; one entry per unknown field. */
function fieldErrors(v: FastifySchemaValidationError, context: string | undefined): FieldError[] {
  const path = v.instancePath.split('/').slice(1).filter((k) => k.length > 0);
  const first = path.at(0);
  if (context === 'headers' && first !== undefined) return [{ header: headerName(first), detail: v.message ?? 'invalid' }];
  if (context === 'params' && first !== undefined) return [{ parameter: first, detail: v.message ?? 'invalid' }];
  const unknown = v.keyword === 'unrecognized_keys' ? v.params.keys : undefined;
  if (Array.isArray(unknown)) {
    return unknown.map((key) => ({ pointer: jsonPointer([...path, String(key)]), detail: `unknown field "${String(key)}"` }));
  }
  return [{ pointer: jsonPointer(path), detail: v.message ?? 'invalid' }];
}

/** "idempotency-key" → "Idempotency-Key". */
function headerName(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

function problem(code: ErrorCode, detail: string, instance: string, requestId?: string, errors: readonly FieldError[] = []): ProblemDocument {
  return {
    type: problemType(code),
    title: ERROR_TITLE[code],
    status: ERROR_STATUS[code],
    detail,
    instance,
    ...(requestId === undefined ? {} : { requestId }),
    ...(errors.length > 0 ? { errors: [...errors] } : {}),
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  errors: readonly FieldError[] = [],
  retryAfterSeconds?: number,
): FastifyReply {
  const body = problem(code, detail, request.url.split('?')[0] ?? request.url, request.id, errors);
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (headers too
 * large, a request that never completes, garbage): a problem document too,
 * written on the socket, which is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'validation';
  const detail = code === 'headers_too_large' ? 'The request headers are larger than this service accepts.' : code === 'request_timeout' ? 'The request did not arrive in time.' : 'The request is not valid HTTP.';
  const body = JSON.stringify(problem(code, detail, '/'));
  const status = ERROR_STATUS[code];
  socket.end(
    `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${String(Buffer.byteLength(body))}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function describeFields(n: number): string {
  return n === 1 ? '1 field is invalid.' : `${String(n)} fields are invalid.`;
}
