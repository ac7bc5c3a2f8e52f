/**
 * Reps of a batch that share accounts, planned at the same time on OSRM
 * travel times: the OSRM test double counts the cells it is asked for, and
 * each cell any plan needs is asked for exactly once, the shared ones
 * included, because the batch fetches them into the cache before the plans
 * read it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchRequest, SubmittedBatch, repPlan, type BatchRequestInput } from '../../src/contract/batch.js';
import { pointsOf } from '../../src/domain/compile.js';
import { pointKey } from '../../src/matrix/cached.js';
import { createOsrm } from '../../src/matrix/osrm.js';
import { smallBatch, smallRep } from '../helpers/batches.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { batchEnded } from '../helpers/jobs.js';
import { startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let osrm: OsrmServer;
let service: TestService | undefined;
beforeEach(async () => {
  osrm = await startOsrmServer();
});
afterEach(async () => {
  await service?.close();
  await osrm.close();
  service = undefined;
});

/** Four key accounts that every rep visits. */
const KEY_ACCOUNTS = [0, 1, 2, 3].map((k) => ({
  id: `key-${String(k)}`,
  location: { lat: 48.11 + 0.01 * k, lon: -1.68 + 0.01 * k },
  visitMinutes: 30,
  frequency: { visits: 1, perWeeks: 1 },
  priority: 5,
  lastVisit: '2026-11-24',
}));

/** Distinct directed cells among each rep's points, counted once across reps. */
function neededCells(request: BatchRequest): number {
  const cells = new Set<string>();
  for (const rep of request.reps) {
    const keys = pointsOf(repPlan(request, rep)).map(pointKey);
    for (const from of keys) for (const to of keys) cells.add(`${from}>${to}`);
  }
  return cells.size;
}

describe('a batch whose reps share accounts', () => {
  it('asks OSRM for each cell once, even with the plans running side by side', async () => {
    service = await startService(testConfig({ OSRM_URL: osrm.url, WORKER_CONCURRENCY: '3' }));
    const input: BatchRequestInput = smallBatch(3, {
      options: { timeLimitSeconds: 10, seed: 1, iterations: 30, travelTimes: 'osrm' },
      reps: [0, 1, 2].map((i) => smallRep(i, KEY_ACCOUNTS)),
    });
    const request = BatchRequest.parse(input);
    // Each rep: its home, 3 accounts of its own and the 4 shared: 3 × 8² − 2 × 4² = 160 cells.
    expect(neededCells(request)).toBe(160);

    const res = await service.app.inject({ method: 'POST', url: '/v1/batches', payload: input });
    const submitted = SubmittedBatch.parse(res.json());
    const worker = service.startWorker();
    await batchEnded(worker, submitted.id);

    const tables = osrm.requests.filter((r) => r.service === 'table');
    expect(tables.reduce((sum, r) => sum + r.sources * r.destinations, 0)).toBe(160);

    // And the plans are right on those times.
    const client = createOsrm({ baseUrl: osrm.url });
    for (const [i, ref] of submitted.plans.entries()) {
      const rep = request.reps.at(i);
      const plan = await service.plans.read(ref.planId);
      if (!rep || !plan?.result) throw new Error(`no result for ${ref.repId}`);
      expect(plan.result.summary.travelTimeSource).toBe('osrm');
      const own = repPlan(request, rep);
      checkPlanResult(own, await client.matrix(pointsOf(own)), plan.result, { today: '2026-11-23' });
    }
  });
});
