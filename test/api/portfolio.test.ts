import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { defaultConfig, type Config } from '../../src/config.js';
import { PortfolioAnalysis } from '../../src/contract/portfolio-analysis.js';
import { PORTFOLIO_EXAMPLE } from '../../src/contract/portfolio-example.js';
import { ProblemDocument } from '../../src/contract/problem.js';
import { detachedPlanQueue } from '../../src/queue/detached.js';

// The analysis needs no job store: the app runs without Redis (rate limits counted in memory).
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function post(body: unknown, config: Config = defaultConfig(), headers: Record<string, string> = {}) {
  app = await buildApp({ config, plans: detachedPlanQueue(), logger: false });
  return app.inject({ method: 'POST', url: '/v1/portfolio/analysis', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

describe('POST /v1/portfolio/analysis', () => {
  it('answers the analysis at once, as JSON', async () => {
    const res = await post(PORTFOLIO_EXAMPLE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    const analysis = PortfolioAnalysis.parse(res.json());
    expect(analysis.accounts.map((a) => a.id)).toEqual(PORTFOLIO_EXAMPLE.accounts.map((a) => a.id));
    // 261 weekdays in the year from 4 Jan 2027, less the 7 unavailable dates.
    expect(analysis.time.period).toMatchObject({ start: '2027-01-04', workingDays: 254 });
    expect(analysis.segmentation.abc.segments.map((s) => s.accounts)).toEqual([2, 2, 2]);
  });

  it('refuses an unknown field and a bad setting by their JSON pointers', async () => {
    const body = { ...PORTFOLIO_EXAMPLE, accounts: PORTFOLIO_EXAMPLE.accounts.map((a, i) => (i === 1 ? { ...a, revnue: 1 } : a)), options: { abc: { a: 0.9, b: 0.8 } } };
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const pointers = ProblemDocument.parse(res.json()).errors?.map((e) => ('pointer' in e ? e.pointer : ''));
    expect(pointers).toEqual(expect.arrayContaining(['#/accounts/1/revnue', '#/options/abc/b']));
  });

  it('refuses a prospecting target that leaves no time for accounts, by its pointer', async () => {
    const res = await post({ ...PORTFOLIO_EXAMPLE, prospecting: { visitsPerWeek: 50, visitMinutes: 120 } });
    expect(res.statusCode).toBe(400);
    expect(ProblemDocument.parse(res.json()).errors).toEqual([expect.objectContaining({ pointer: '#/prospecting/visitsPerWeek' })]);
  });

  it('refuses more accounts than the service accepts before validating them', async () => {
    const res = await post({ ...PORTFOLIO_EXAMPLE, accounts: [...PORTFOLIO_EXAMPLE.accounts, { id: 'not even valid' }] }, defaultConfig({ MAX_ACCOUNTS: '6' }));
    expect(res.statusCode).toBe(422);
    expect(ProblemDocument.parse(res.json()).errors).toEqual([{ pointer: '#/accounts', detail: '7 accounts; this service accepts at most 6.' }]);
  });

  it('wants an API key when the service has keys', async () => {
    const config = defaultConfig({ API_KEYS: 'crm:0123456789abcdef0123' });
    expect((await post(PORTFOLIO_EXAMPLE, config)).statusCode).toBe(401);
    await app?.close();
    expect((await post(PORTFOLIO_EXAMPLE, config, { 'x-api-key': '0123456789abcdef0123' })).statusCode).toBe(200);
  });
});
