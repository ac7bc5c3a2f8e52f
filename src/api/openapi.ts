/**
 * The OpenAPI side of the routes: responses with their media type, example
 * and headers, and the document's security schemes. Schemas stay zod (the
 * type provider turns them into JSON Schema); this adds what zod cannot say.
 */
import type { FastifyInstance } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemDocument } from '../contract/problem.js';

/** A response header as the document shows it. */
interface HeaderDoc {
  readonly description: string;
  readonly type: 'string' | 'integer';
}

export const HEADERS = {
  location: { description: 'Where to poll the plan: `/v1/plans/{id}`.', type: 'string' },
  'retry-after': { description: 'Seconds to wait before trying again.', type: 'integer' },
  'x-request-id': { description: 'Id of the request in the service logs; a caller\'s own `x-request-id` (1 to 128 of `A-Za-z0-9_.-`) is kept.', type: 'string' },
  'x-ratelimit-limit': { description: 'Requests this API key may make in the current window.', type: 'integer' },
  'x-ratelimit-remaining': { description: 'Requests left in the current window.', type: 'integer' },
  'x-ratelimit-reset': { description: 'Seconds until the window resets.', type: 'integer' },
  'content-language': { description: 'Language of the export\'s own text: `?locale=`, else `Accept-Language`, else the plan\'s language.', type: 'string' },
  'content-disposition': { description: 'A file name for the download: `attachment; filename="plan-….ics"`.', type: 'string' },
  'content-security-policy': { description: 'Allows the page\'s own inline style and script (by hash) and nothing else: no request leaves the page.', type: 'string' },
} as const satisfies Record<string, HeaderDoc>;
type HeaderName = keyof typeof HEADERS;

const RATE_LIMIT_HEADERS: readonly HeaderName[] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** Why each status happens, as response descriptions. */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: each invalid field, header or parameter is listed with a JSON pointer or its name.',
  401: 'No API key, or an unknown one (`WWW-Authenticate: Bearer`).',
  404: 'No such plan or batch for this API key (never existed, belongs to another key, or past its retention).',
  409: 'The plan or batch has already ended.',
  413: 'The body is larger than the service accepts (`BODY_LIMIT_BYTES`).',
  415: 'The body is not `application/json`.',
  422: 'The request is valid but exceeds a limit of this service, asks for an option it does not offer, or reuses an Idempotency-Key with another body.',
  429: 'Too many requests for this API key in the current window; retry after `Retry-After` seconds.',
  503: 'The job store (Redis) is unreachable; retry after `Retry-After` seconds.',
};

interface ResponseDoc {
  readonly description: string;
  readonly content: Record<string, { readonly schema: z.ZodType; readonly example: unknown }>;
  readonly headers?: Record<string, { readonly description: string; readonly type: string }>;
}

function headersOf(names: readonly HeaderName[]): Record<string, HeaderDoc> {
  return Object.fromEntries(names.map((name) => [name, HEADERS[name]]));
}

/** A JSON response with its example and headers. */
export function jsonResponse(description: string, schema: z.ZodType, example: unknown, headers: readonly HeaderName[] = []): ResponseDoc {
  return { description, content: { 'application/json': { schema, example } }, ...(headers.length > 0 ? { headers: headersOf(headers) } : {}) };
}

/** A response in one or more media types, each with its schema and example. */
export function mediaResponse(description: string, content: Record<string, { readonly schema: z.ZodType; readonly example: unknown }>, headers: readonly HeaderName[] = []): ResponseDoc {
  return { description, content, ...(headers.length > 0 ? { headers: headersOf(headers) } : {}) };
}

/** A response without a body (fastify-swagger leaves out the content of a null schema). */
export function emptyResponse(description: string): z.ZodNull {
  return z.null().meta({ description });
}

/** Problem responses (application/problem+json), one per status of `examples`; `descriptions` replaces the usual ones. */
export function problemResponses(
  examples: Partial<Record<number, unknown>>,
  rateLimited = false,
  descriptions: Readonly<Record<string, string>> = {},
): Record<number, ResponseDoc> {
  return Object.fromEntries(
    Object.entries(examples).map(([status, example]) => {
      const headers: HeaderName[] = [...(rateLimited ? RATE_LIMIT_HEADERS : []), ...(status === '429' || status === '503' ? ['retry-after' as const] : [])];
      const usual = PROBLEM_DESCRIPTIONS[Number(status)] ?? 'A problem.';
      const doc: ResponseDoc = {
        description: new Map(Object.entries(descriptions)).get(status) ?? usual,
        content: { 'application/problem+json': { schema: ProblemDocument, example } },
        ...(headers.length > 0 ? { headers: headersOf(headers) } : {}),
      };
      return [status, doc];
    }),
  );
}

export { RATE_LIMIT_HEADERS };

const Extras = z.record(
  z.string(),
  z.looseObject({
    headers: z.record(z.string(), z.object({ description: z.string(), type: z.string() })).optional(),
    content: z.record(z.string(), z.looseObject({ example: z.unknown().optional() })).optional(),
  }),
);
const Converted = z.record(z.string(), z.looseObject({ content: z.record(z.string(), z.looseObject({})).optional() }));

/**
 * Defaults are told in words, not as JSON Schema `default`: client generators
 * (openapi-typescript) read a `default` as "always present" and would make
 * every defaulted request field mandatory.
 */
const zodToJsonConfig = {
  override: (ctx: { jsonSchema: { default?: unknown; description?: string } }) => {
    const { jsonSchema } = ctx;
    if (!('default' in jsonSchema)) return;
    const said = `Default: \`${JSON.stringify(jsonSchema.default)}\`.`;
    jsonSchema.description = jsonSchema.description === undefined ? said : `${jsonSchema.description} ${said}`;
    delete jsonSchema.default;
  },
};
const jsonSchemaTransform = createJsonSchemaTransform({ zodToJsonConfig });
export const transformObject = createJsonSchemaTransformObject({ zodToJsonConfig });

/**
 * The type provider's transform, then what it leaves out: response headers
 * (every response also carries `x-request-id`) and media type examples.
 */
export const transform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const extras = Extras.safeParse(input.schema.response);
  const converted = Converted.safeParse(out.schema.response);
  if (!extras.success || !converted.success) return out;
  const extraOf = new Map(Object.entries(extras.data));
  const response = Object.fromEntries(
    Object.entries(converted.data).map(([status, doc]) => {
      const extra = extraOf.get(status);
      // @fastify/swagger turns each header's JSON Schema into a header object.
      const headers = { ...extra?.headers, 'x-request-id': HEADERS['x-request-id'] };
      const content = Object.fromEntries(
        Object.entries(doc.content ?? {}).map(([type, media]) => {
          const example = new Map(Object.entries(extra?.content ?? {})).get(type)?.example;
          return [type, example === undefined ? media : { ...media, example }];
        }),
      );
      return [status, { ...doc, content, headers }];
    }),
  );
  return { ...out, schema: { ...out.schema, response } };
};

/** Both ways of sending an API key; the document always declares them (without API_KEYS the service asks for none). */
export const SECURITY_SCHEMES = {
  apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from `API_KEYS`.' },
  bearer: { type: 'http', scheme: 'bearer', description: 'The same API key as a Bearer token.' },
} as const;
export const SECURED: { [scheme: string]: string[] }[] = [{ apiKey: [] }, { bearer: [] }];

/** The OpenAPI document as committed in openapi/openapi.json: stable key order, 2-space indent. */
export function openApiText(app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n';
}
