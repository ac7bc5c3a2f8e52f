/**
 * Thousands of generated and mutated bodies against POST /v1/plans on a real
 * queue: never a 5xx, and every refusal is a problem document that says where
 * the request is wrong.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let service: TestService;
beforeAll(async () => {
  service = await startService(testConfig({ RATE_LIMIT_SUBMIT: '0', RATE_LIMIT_READ: '0', MAX_ACCOUNTS: '50' }));
});
afterAll(async () => {
  await service.close();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const valid = (): Json => JSON.parse(JSON.stringify(smallRequest())) as Json;

/** Every path to a value inside a JSON document. */
function paths(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}

/** The document with the value at `path` replaced (or removed, for `undefined`). */
function edit(doc: Json, path: Path, change: (v: Json) => Json | undefined): Json {
  if (path.length === 0) return change(doc) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(doc) && typeof head === 'number') {
    const copy = [...doc];
    const next = rest.length === 0 ? change(doc[head] ?? null) : edit(doc[head] ?? null, rest, change);
    if (next === undefined) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && typeof head === 'string') {
    const copy = { ...doc };
    const next = rest.length === 0 ? change(doc[head] ?? null) : edit(doc[head] ?? null, rest, change);
    if (next === undefined) Reflect.deleteProperty(copy, head);
    else copy[head] = next;
    return copy;
  }
  return doc;
}

function toJson(v: fc.JsonValue | undefined): Json {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

const extremes = fc.constantFrom<Json>(0, -1, 1e308, -1e308, 2 ** 53, 0.1, '', 'x'.repeat(400), '9999-12-31', '24:00', [], {}, null, true, 'osrm');
const anyJson: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue({ maxDepth: 2 }).map(toJson), extremes);

/** One mutation of a document: drop, replace, add an unknown field, repeat or wrap a value. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom('drop', 'replace', 'unknown', 'repeat', 'wrap'), anyJson, fc.string({ minLength: 1, maxLength: 12 }));

function mutate(doc: Json, [pick, kind, value, key]: [number, string, Json, string]): Json {
  const all = paths(doc);
  const path = all[pick % all.length] ?? [];
  switch (kind) {
    case 'drop':
      return edit(doc, path, () => undefined);
    case 'replace':
      return edit(doc, path, () => value);
    case 'unknown':
      return edit(doc, path, (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, [key]: value } : value));
    case 'repeat':
      return edit(doc, path, (v) => (Array.isArray(v) ? [...v, ...v] : [v, v]));
    default:
      return edit(doc, path, (v) => [v]);
  }
}

interface Problem {
  status: number;
  type: string;
  errors?: { pointer?: string; header?: string; parameter?: string; detail: string }[];
}

const outcomes = { accepted: 0, refused: 0 };

async function check(body: Json): Promise<void> {
  const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (res.statusCode === 202) {
    outcomes.accepted += 1;
    return;
  }
  outcomes.refused += 1;
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json<Problem>();
  expect(problem.status).toBe(res.statusCode);
  expect(problem.type).toMatch(/^urn:tournee:problem:/);
  expect(problem.errors?.length, res.body).toBeGreaterThan(0);
  for (const error of problem.errors ?? []) expect(error.pointer, res.body).toMatch(/^#(\/|$)/);
}

describe('POST /v1/plans under fuzzing', () => {
  it('answers any JSON document with 202 or a located problem, never 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyJson, check), { numRuns: 1000 });
  });

  it('answers mutated plan requests with 202 or a located problem, never 5xx', async () => {
    const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((steps) => steps.reduce(mutate, valid()));
    await fc.assert(fc.asyncProperty(mutated, check), { numRuns: 3000 });
    // The mutations reach both sides: some survive validation, most do not.
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
  });
});
