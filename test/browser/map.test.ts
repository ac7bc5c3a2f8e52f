/**
 * The map page in a real headless Chromium (Debian's package), served by a
 * running service over a real Redis: the drawing is checked in the browser
 * and a screenshot is kept in test-results/. Chromium is required: without
 * it this test fails and says how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlanRequest } from '../../src/contract/plan-request.js';
import type { PlanJob } from '../../src/contract/plan-job.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished } from '../helpers/jobs.js';
import { TODAY, exportRequest } from '../helpers/planned.js';
import { startService, type TestService } from '../helpers/service.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let service: TestService;
let context: BrowserContext;
let profile: string;
let page: Page;
let result: PlanResult;
const requested: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.`);
  }
  service = await startService();
  const worker = service.startWorker();
  const input = exportRequest();
  const submitted = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: input });
  const { id } = submitted.json<{ id: string }>();
  expect(await finished(worker, id)).toBe('completed');
  const job = (await service.app.inject({ method: 'GET', url: `/v1/plans/${id}` })).json<PlanJob>();
  if (job.result === undefined) throw new Error('the plan has no result');
  result = job.result;
  const request = PlanRequest.parse(input);
  checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), result, { today: TODAY });

  const address = await service.app.listen({ port: 0, host: '127.0.0.1' });
  profile = mkdtempSync(join(tmpdir(), 'tournee-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const response = await page.goto(`${address}/v1/plans/${id}/map`);
  expect(response?.status()).toBe(200);
}, 60_000);

afterAll(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await service.close();
});

/** Runs in the page: each tour path's colour, number of points and size on screen. */
const PATHS = `[...document.querySelectorAll('svg#map path.tour')].map((el) => {
  const box = el.getBoundingClientRect();
  return { stroke: getComputedStyle(el).stroke, points: el.getAttribute('d').split(/[ML]/).filter((p) => p.trim() !== '').length, width: box.width, height: box.height };
})`;
const Paths = z.array(z.object({ stroke: z.string(), points: z.number(), width: z.number(), height: z.number() }));

const visitsOf = (day: PlanResult['days'][number]) => day.stops.filter((s) => s.kind !== 'break');

describe('the map of the week in Chromium', () => {
  it('loads nothing but the page, and breaks no rule of its policy', () => {
    expect(requested).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('draws one path per day, each in its own colour, inside the map', async () => {
    const drawn: unknown = await page.evaluate(PATHS);
    const paths = Paths.parse(drawn);
    expect(paths).toHaveLength(result.days.length);
    expect(new Set(paths.map((p) => p.stroke)).size).toBe(result.days.length);
    result.days.forEach((day, i) => {
      expect(paths[i].points).toBe(visitsOf(day).length + 2);
      expect(paths[i].width + paths[i].height).toBeGreaterThan(0);
    });
    const map = await page.locator('svg#map').boundingBox();
    expect(map?.width).toBeGreaterThan(400);
  });

  it('numbers each day\'s visits in order, with the times in their hover titles', async () => {
    for (const day of result.days) {
      const group = page.locator(`g#day-${day.date}`);
      const numbers = await group.locator('g.stop > text').allTextContents();
      const visits = visitsOf(day);
      expect(numbers).toEqual(visits.map((_, i) => String(i + 1)));
      const titles = await group.locator('g.stop > title').allTextContents();
      visits.forEach((stop, i) => {
        expect(titles[i]).toContain(`${stop.start}–${stop.end}`);
        expect(titles[i]).toContain(stop.name ?? stop.id ?? '');
      });
    }
  });

  it('marks the unplanned accounts and the start', async () => {
    expect(result.unplanned.length).toBeGreaterThan(0);
    const titles = await page.locator('svg#map g.unplanned > title').allTextContents();
    expect(titles).toEqual(result.unplanned.map((u) => `Not planned: ${u.name ?? u.accountId}\n${u.message}`));
    expect(await page.locator('svg#map g.place.start').count()).toBe(1);
  });

  it('shows and hides a day from the legend (its inline script runs under the policy)', async () => {
    const first = result.days[0];
    const button = page.locator(`button[data-day="day-${first.date}"]`);
    const day = page.locator(`g#day-${first.date}`);
    expect(await day.isVisible()).toBe(true);
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await day.isVisible()).toBe(false);
    await button.click();
    expect(await day.isVisible()).toBe(true);
  });

  it('is kept as a screenshot', async () => {
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, 'map-of-the-week.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
  });
});
