import { readFile } from 'node:fs/promises';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { openApiText } from '../../src/api/openapi.js';
import { defaultConfig } from '../../src/config.js';
import { detachedPlanQueue } from '../../src/queue/detached.js';

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
  const properties = own.find(([k]) => k === 'properties')?.[1];
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
});
