import { createHash } from 'node:crypto';
import { getIssues } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import type { PlanJob } from '../../src/contract/plan-job.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished, searching } from '../helpers/jobs.js';
import { TODAY, exportRequest } from '../helpers/planned.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

const CRM = 'crm-key-0123456789abcdef';
const BATCH = 'batch-key-fedcba9876543210';

let service: TestService;
let worker: ReturnType<TestService['startWorker']>;
let id: string;
let result: PlanResult;

const get = (url: string, headers: Record<string, string> = {}, key = CRM) => service.app.inject({ method: 'GET', url, headers: { 'x-api-key': key, ...headers } });

/** Submits a request and waits for a worker to complete it; the plan is re-verified. */
async function plan(input: object, headers: Record<string, string> = {}): Promise<{ id: string; result: PlanResult }> {
  const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: input, headers: { 'x-api-key': CRM, ...headers } });
  expect(res.statusCode).toBe(202);
  const planId = res.json<{ id: string }>().id;
  expect(await finished(worker, planId)).toBe('completed');
  const job = (await get(`/v1/plans/${planId}`)).json<PlanJob>();
  if (job.result === undefined) throw new Error('no result');
  return { id: planId, result: job.result };
}

async function verify(input: object, planResult: PlanResult): Promise<void> {
  const request = PlanRequest.parse(input);
  checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), planResult, { today: TODAY });
}

function events(text: string): ICAL.Event[] {
  const jcal: unknown = ICAL.parse(text);
  if (!Array.isArray(jcal)) throw new Error('not one calendar');
  return new ICAL.Component(jcal).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

const visits = (r: PlanResult) => r.days.reduce((n, d) => n + d.stops.filter((s) => s.kind !== 'break').length, 0);

beforeAll(async () => {
  service = await startService(testConfig({ API_KEYS: `crm:${CRM},batch:${BATCH}` }));
  worker = service.startWorker();
  ({ id, result } = await plan(exportRequest()));
  await verify(exportRequest(), result);
});
afterAll(async () => {
  await service.close();
});

describe('exports of a completed plan', () => {
  it('GET /v1/plans/{id} stays JSON by default and for browsers, and says it varies', async () => {
    for (const accept of [undefined, '*/*', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
      const res = await get(`/v1/plans/${id}`, accept === undefined ? {} : { accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/Accept/);
    }
  });

  it('gives the calendar by Accept and at /plan.ics, one event per visit, breaks on request', async () => {
    const negotiated = await get(`/v1/plans/${id}`, { accept: 'text/calendar' });
    const direct = await get(`/v1/plans/${id}/plan.ics`);
    for (const res of [negotiated, direct]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(events(res.body)).toHaveLength(visits(result));
    }
    expect(direct.body).toBe(negotiated.body);
    expect(direct.headers['content-disposition']).toBe(`attachment; filename="${id}.ics"`);
    const breaks = result.days.filter((d) => d.stops.some((s) => s.kind === 'break')).length;
    expect(events((await get(`/v1/plans/${id}/plan.ics?break=true`)).body)).toHaveLength(visits(result) + breaks);
  });

  it('gives the CSV in the reader\'s language: ?locale=, else Accept-Language, else the plan\'s', async () => {
    const rows = (text: string, delimiter: string): unknown => parse(text, { bom: true, delimiter });
    const fr = await get(`/v1/plans/${id}/plan.csv`, { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(rows(fr.body, ';')).toHaveLength(result.days.reduce((n, d) => n + d.stops.length, 1));
    expect(fr.body).toContain('Trajet (km)');
    const en = await get(`/v1/plans/${id}/plan.csv?locale=en`, { 'accept-language': 'fr' });
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toContain('Drive (km)');
    const negotiated = await get(`/v1/plans/${id}`, { accept: 'text/csv' });
    expect(negotiated.headers['content-language']).toBe(result.locale);
  });

  it('gives GeoJSON that an independent checker accepts', async () => {
    for (const res of [await get(`/v1/plans/${id}/plan.geojson`), await get(`/v1/plans/${id}`, { accept: 'application/geo+json' })]) {
      expect(res.headers['content-type']).toBe('application/geo+json');
      expect(getIssues(res.body)).toEqual([]);
    }
  });

  it('serves the map with a policy that allows only its own inline style and script', async () => {
    const res = await get(`/v1/plans/${id}/map`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toMatch(/^default-src 'none'; /);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '';
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(policy).toContain(`style-src ${hash(style)}`);
    expect(policy).toContain(`script-src ${hash(script)}`);
    expect(policy).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe('exports: tenancy and plans without a result', () => {
  it('answers 404 for another key\'s plan, on every export', async () => {
    for (const path of ['plan.ics', 'plan.csv', 'plan.geojson', 'map']) {
      const res = await get(`/v1/plans/${id}/${path}`, {}, BATCH);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get(`/v1/plans/${id}`, { accept: 'text/calendar' }, BATCH)).statusCode).toBe(404);
    expect((await get(`/v1/plans/${id}/plan.ics`, {}, 'not-a-key-of-this-service-at-all')).statusCode).toBe(401);
  });

  it('answers 409 with a problem document while the plan has no result', async () => {
    // A search of two minutes without an iteration budget: running until it is cancelled below.
    const slow = { ...exportRequest(), options: { timeLimitSeconds: 120, seed: 1 } };
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: slow, headers: { 'x-api-key': CRM } });
    const queued = res.json<{ id: string }>().id;
    const outcome = finished(worker, queued);
    await searching(worker, queued);
    for (const r of [await get(`/v1/plans/${queued}/plan.ics`), await get(`/v1/plans/${queued}`, { accept: 'text/csv' })]) {
      expect(r.statusCode).toBe(409);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = r.json<{ type: string; detail: string }>();
      expect(problem.type).toBe('urn:tournee:problem:not-completed');
      expect(problem.detail).toMatch(new RegExp(`^Plan ${queued} is (queued|active); exports are available once it has completed\\.$`));
    }
    expect((await get(`/v1/plans/${queued}`)).statusCode).toBe(200);
    await service.app.inject({ method: 'DELETE', url: `/v1/plans/${queued}`, headers: { 'x-api-key': CRM } });
    await outcome;
    const cancelled = await get(`/v1/plans/${queued}/plan.csv`);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json<{ detail: string }>().detail).toBe(`Plan ${queued} is cancelled; exports are available only from a completed plan.`);
  });

  it('refuses an unknown locale with 400', async () => {
    const res = await get(`/v1/plans/${id}/plan.csv?locale=de`);
    expect(res.statusCode).toBe(400);
  });
});

describe('the language of a plan', () => {
  it('is chosen at submission from Accept-Language when the request names none, and kept in the result', async () => {
    const { result: french } = await plan(exportRequest(), { 'accept-language': 'fr-CA, en;q=0.5' });
    expect(french.locale).toBe('fr');
    await verify({ ...exportRequest(), options: { ...exportRequest().options, locale: 'fr' } }, french);
    const cafe = french.unplanned.find((u) => u.accountId === 'a6');
    expect(cafe?.message).toMatch(/n'est ouvert 30 minutes d'affilée aucun jour travaillé/);
  });

  it('follows options.locale over Accept-Language', async () => {
    const input = { ...exportRequest(), options: { ...exportRequest().options, locale: 'en' } };
    const { result: english } = await plan(input, { 'accept-language': 'fr' });
    expect(english.locale).toBe('en');
    await verify(input, english);
  });
});
