import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getIssues } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { PlanResult } from '../../src/contract/plan-result.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';

const CLI = fileURLToPath(new URL('../../dist/src/bin/cli.js', import.meta.url));
const SMALL = fileURLToPath(new URL('../../examples/small.json', import.meta.url));
const execute = promisify(execFile);
const env = { ...process.env, OSRM_URL: '' };
const run = (...args: string[]) => execute(process.execPath, [CLI, ...args], { env });

/** The example planned once, as JSON, and re-verified; the other formats are compared with it. */
let result: PlanResult;
let dir: string;
beforeAll(async () => {
  const { stdout } = await run('plan', SMALL, '--format', 'json');
  result = PlanResult.parse(JSON.parse(stdout));
  const request = PlanRequest.parse(JSON.parse(await readFile(SMALL, 'utf8')));
  checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), result, { today: '2026-11-23' });
  dir = mkdtempSync(join(tmpdir(), 'tournee-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const visits = () => result.days.reduce((n, d) => n + d.stops.filter((s) => s.kind !== 'break').length, 0);

describe('tournee plan', () => {
  it('prints a readable week by default', async () => {
    const { stdout } = await run('plan', SMALL);
    expect(stdout).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d{1,2} (Nov|Dec) 2026 {2}\(\d+ min drive/m);
    expect(stdout).toMatch(/Visits: \d+ of \d+ planned/);
  });

  it('prints the week in French with --locale fr, and plans in French', async () => {
    const { stdout } = await run('plan', SMALL, '--locale', 'fr');
    expect(stdout).toMatch(/^(lun|mar|mer|jeu|ven)\. \d{1,2} (nov|déc)\. 2026 {2}\(\d+ min de route/m);
    expect(stdout).toMatch(/Visites : \d+ sur \d+ planifiées/);
    const { stdout: json } = await run('plan', SMALL, '--locale', 'fr', '--json');
    expect(PlanResult.parse(JSON.parse(json)).locale).toBe('fr');
  });

  it('writes an iCalendar file with --format ics --out, breaks with --break', async () => {
    const file = join(dir, 'week.ics');
    await run('plan', SMALL, '--format', 'ics', '--break', '--out', file);
    const jcal: unknown = ICAL.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(jcal)) throw new Error('not one calendar');
    const events = new ICAL.Component(jcal).getAllSubcomponents('vevent');
    const breaks = result.days.reduce((n, d) => n + d.stops.filter((s) => s.kind === 'break').length, 0);
    expect(events).toHaveLength(visits() + breaks);
  });

  it('prints CSV and GeoJSON that independent parsers read', async () => {
    const { stdout: csv } = await run('plan', SMALL, '--format', 'csv', '--locale', 'fr');
    const rows: unknown = parse(csv, { bom: true, delimiter: ';' });
    expect(rows).toHaveLength(result.days.reduce((n, d) => n + d.stops.length, 1));
    const { stdout: geojson } = await run('plan', SMALL, '--format', 'geojson');
    expect(getIssues(geojson)).toEqual([]);
  });

  it('describes every option in --help and plan --help, exit 0', async () => {
    expect((await run('--help')).stdout).toContain('tournee plan <request.json>');
    const { stdout } = await run('plan', '--help');
    for (const option of ['--format', '--locale', '--break', '--out', '--json', '--help', 'text', 'json', 'ics', 'csv', 'geojson', 'map']) expect(stdout).toContain(option);
  });

  it('exits 1 with the invalid fields of a bad request, 2 on wrong usage', async () => {
    await expect(run('plan', CLI)).rejects.toMatchObject({ code: 1 });
    for (const args of [['frobnicate'], [], ['plan'], ['plan', SMALL, '--format', 'xml'], ['plan', SMALL, '--locale', 'de'], ['plan', SMALL, '--colour'], ['plan', SMALL, 'extra']]) {
      await expect(run(...args), args.join(' ')).rejects.toMatchObject({ code: 2 });
    }
  });
});
