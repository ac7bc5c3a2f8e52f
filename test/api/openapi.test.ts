import { readFile } from 'node:fs/promises';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { openApiText } from '../../src/api/openapi.js';
import { defaultConfig } from '../../src/config.js';
import { detachedPlanQueue } from '../../src/queue/detached.js';
import { PlanJob, Submitted } from '../../src/contract/plan-job.js';
import { PlanGeoJson } from '../../src/contract/plan-geojson.js';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { PortfolioAnalysis } from '../../src/contract/portfolio-analysis.js';
import { PORTFOLIO_EXAMPLE } from '../../src/contract/portfolio-example.js';
import { PortfolioRequest } from '../../src/contract/portfolio-request.js';
import { ProblemDocument } from '../../src/contract/problem.js';
import { UNPLANNED_REASONS } from '../../src/contract/plan-result.js';
import { minimalRequest } from '../../src/api/examples.js';
import { z } from 'zod';

async function generated(): Promise<string> {
  const app = await buildApp({ config: defaultConfig(), plans: detachedPlanQueue(), logger: false });
  try {
    return openApiText(app);
  } finally {
    await app.close();
  }
}

/** Paths of schema objects that say nothing ({}), which would document nothing. */
function emptySchemas(node: unknown, path: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const entries = Object.entries(node);
  const isSchemaSlot = path.at(-1) === 'schema' || path.at(-2) === 'properties' || path.at(-1) === 'items';
  if (isSchemaSlot && entries.length === 0) return [path.join('/')];
  return entries.flatMap(([k, v]) => emptySchemas(v, [...path, k]));
}

/** Properties without a description: the document must explain every field. */
function undescribed(node: unknown, path: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = Object.entries(node as Record<string, unknown>);
  // Only an object schema's `properties` lists fields (GeoJSON has a field named "properties").
  const properties = own.some(([k, v]) => k === 'type' && v === 'object') ? own.find(([k]) => k === 'properties')?.[1] : undefined;
  const here =
    typeof properties === 'object' && properties !== null
      ? Object.entries(properties as Record<string, unknown>).flatMap(([name, schema]) =>
          typeof schema === 'object' && schema !== null && !('description' in schema) && !('$ref' in schema) ? [[...path, name].join('/')] : [],
        )
      : [];
  return [...here, ...own.flatMap(([k, v]) => undescribed(v, [...path, k]))];
}

describe('OpenAPI document', () => {
  it('is committed and up to date (run `npm run openapi` after changing a schema)', async () => {
    const committed = await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await generated());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = JSON.parse(await generated()) as Parameters<typeof validate>[0];
    const result = await validate(doc);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('documents every schema (no empty schema objects)', async () => {
    expect(emptySchemas(JSON.parse(await generated()))).toEqual([]);
  });

  it('describes every field', async () => {
    const doc = JSON.parse(await generated()) as { components: unknown };
    expect(undescribed(doc.components)).toEqual([]);
  });

  it('serves the document and the docs page', async () => {
    const app = await buildApp({ config: defaultConfig(), plans: detachedPlanQueue(), logger: false });
    try {
      const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
      expect(doc.statusCode).toBe(200);
      expect(doc.json<{ openapi: string; paths: Record<string, unknown> }>().paths).toHaveProperty('/v1/plans');
      const docs = await app.inject({ method: 'GET', url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toMatch(/text\/html/);
    } finally {
      await app.close();
    }
  });

  it('describes every operation: an operationId, its responses with their media type, example and headers', async () => {
    const doc = Document.parse(JSON.parse(await generated()));
    const schemas: Record<string, z.ZodType> = { Submitted, PlanJob, PlanGeoJson, Problem: ProblemDocument, PortfolioAnalysis };
    const success = ['application/json', 'text/calendar', 'text/csv', 'application/geo+json', 'text/html'];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.description, `${where} ${status}`).not.toBe('Default Response');
          expect(Object.keys(response.headers ?? {}), `${where} ${status}`).toContain('x-request-id');
          const media = Object.keys(response.content ?? {});
          if (Number(status) >= 400 || OTHER_MEDIA.has(operation.operationId ?? '') || Number(status) === 204) {
            expect(media, `${where} ${status}`).toEqual(mediaOf(operation.operationId ?? '', Number(status)));
          } else expect(media.length > 0 && media.every((m) => success.includes(m)), `${where} ${status}: ${media.join()}`).toBe(true);
          for (const { schema, example } of Object.values(response.content ?? {})) {
            expect(example, `${where} ${status} has an example`).toBeDefined();
            const ref = schema.$ref?.split('/').at(-1) ?? '';
            const zod = new Map(Object.entries(schemas)).get(ref);
            if (zod) expect(zod.safeParse(example).error?.issues ?? [], `${where} ${status}`).toEqual([]);
            if (ref === 'Problem') expect(example, `${where} ${status}`).toMatchObject({ status: Number(status) });
          }
          if (status === '429' || status === '503') expect(Object.keys(response.headers ?? {}), `${where} ${status}`).toContain('retry-after');
        }
      }
    }
    expect(Object.keys(new Map(Object.entries(operation(doc, '/v1/plans', 'post')?.responses ?? {})).get('202')?.headers ?? {})).toEqual(expect.arrayContaining(['location', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']));
  });

  it('declares both ways of sending an API key, on the plan routes only', async () => {
    const doc = Document.parse(JSON.parse(await generated()));
    expect(doc.components.securitySchemes).toMatchObject({ apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, bearer: { type: 'http', scheme: 'bearer' } });
    expect(operation(doc, '/v1/plans', 'post')?.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
    expect(operation(doc, '/v1/portfolio/analysis', 'post')?.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
    expect(operation(doc, '/health', 'get')?.security).toEqual([]);
  });

  it('explains every unplanned reason code', async () => {
    const text = await generated();
    for (const code of UNPLANNED_REASONS) expect(text).toContain(`| \`${code}\` |`);
  });

  it('shows a minimal request that the schema accepts', () => {
    expect(PlanRequest.safeParse(minimalRequest).success).toBe(true);
  });

  it('shows an example portfolio that the schema accepts', () => {
    expect(PortfolioRequest.safeParse(PORTFOLIO_EXAMPLE).error?.issues ?? []).toEqual([]);
  });
});

/** The media type each response carries: problems for errors, none for 204, JSON unless the operation streams or serves text. */
const OTHER_MEDIA = new Map([['streamPlanEvents', 'text/event-stream'], ['metrics', 'text/plain']]);
function mediaOf(operationId: string, status: number): string[] {
  if (status >= 400) return ['application/problem+json'];
  if (status === 204) return [];
  return [OTHER_MEDIA.get(operationId) ?? 'application/json'];
}

const Media = z.object({ schema: z.object({ $ref: z.string().optional() }).loose(), example: z.unknown() });
const Response = z.object({ description: z.string(), headers: z.record(z.string(), z.unknown()).optional(), content: z.record(z.string(), Media).optional() });
const Operation = z.object({ operationId: z.string().optional(), security: z.array(z.record(z.string(), z.array(z.string()))).optional(), responses: z.record(z.string(), Response) }).loose();
const Document = z.object({
  paths: z.record(z.string(), z.record(z.string(), Operation)),
  components: z.object({ securitySchemes: z.record(z.string(), z.unknown()) }).loose(),
});

function operation(doc: z.infer<typeof Document>, path: string, method: string): z.infer<typeof Operation> | undefined {
  return new Map(Object.entries(new Map(Object.entries(doc.paths)).get(path) ?? {})).get(method);
}
