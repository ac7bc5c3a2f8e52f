import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { PlanResult } from '../../src/contract/plan-result.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';

const CLI = fileURLToPath(new URL('../../dist/src/bin/cli.js', import.meta.url));
const SMALL = fileURLToPath(new URL('../../examples/small.json', import.meta.url));
const run = promisify(execFile);
const env = { ...process.env, OSRM_URL: '' };

describe('tournee plan', () => {
  it('plans a request file in process and prints the result as JSON', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'plan', SMALL, '--json'], { env });
    const result = PlanResult.parse(JSON.parse(stdout));
    const request = PlanRequest.parse(JSON.parse(await readFile(SMALL, 'utf8')));
    checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), result, { today: '2026-11-23' });
  });

  it('prints a readable week by default', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'plan', SMALL], { env });
    expect(stdout).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d{1,2} (Nov|Dec) 2026 {2}\(\d+ min drive/m);
    expect(stdout).toMatch(/Visits: \d+ of \d+ planned/);
  });

  it('exits 1 with the invalid fields of a bad request, 2 on bad usage', async () => {
    await expect(run(process.execPath, [CLI, 'plan', CLI], { env })).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [CLI, 'frobnicate'], { env })).rejects.toMatchObject({ code: 2 });
  });
});
