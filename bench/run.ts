/**
 * Benchmark runner: solves literature instances under a time limit per run
 * and reports the cost recomputed in double precision, the gap to the best
 * known solution and any rule the plan breaks by the benchmark's own
 * (unrounded) convention.
 *
 *   npm run build && node dist/bench/run.js --set pvrp --instances p01,p02 --seconds 10 --seeds 1
 *
 * Options: --set pvrp|solomon|cvrp, --instances a,b (default: every instance of the set's BKS
 * file), --seconds per run (default 10), --seeds n (seeds 1..n, default 1), --iterations n
 * (iteration budget instead of only time), --data dir (default ../shared/benchmarks), --params '{json}'
 * (overrides of the search parameters, for tuning).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSearch, deadline, type SearchParams } from '../src/solver/index.js';
import { readInstance, type BenchSet } from './instances.js';
import { verify } from './verify.js';

interface Best {
  readonly cost: number;
  readonly vehicles?: number;
}

const bksFiles: Record<BenchSet, string> = { pvrp: 'pvrp/bks.csv', solomon: 'vrptw/solomon/bks.csv', cvrp: 'cvrp/bks.csv' };

function readBks(dir: string, set: BenchSet): Map<string, Best> {
  const rows = readFileSync(join(dir, bksFiles[set]), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const out = new Map<string, Best>();
  for (const r of rows) {
    const name = r[0] ?? '';
    if (set === 'pvrp') out.set(name, { cost: Number(r[4]) });
    if (set === 'solomon') out.set(name, { cost: Number(r.at(-1)), vehicles: Number(r[1]) });
    if (set === 'cvrp') out.set(name, { cost: Number(r[5]) });
  }
  return out;
}

function isSet(value: string): value is BenchSet {
  return value === 'pvrp' || value === 'solomon' || value === 'cvrp';
}

function main(): void {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'pvrp' },
      instances: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      seeds: { type: 'string', default: '1' },
      iterations: { type: 'string' },
      data: { type: 'string' },
      params: { type: 'string' },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '..', '..');
  const dir = values.data ?? resolve(root, '..', 'shared', 'benchmarks');
  const set = values.set;
  if (!isSet(set)) throw new Error(`unknown set ${set}`);
  const bks = readBks(dir, set);
  const names = values.instances?.split(',') ?? [...bks.keys()];
  const seconds = Number(values.seconds);
  const seeds = Number(values.seeds);
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  const params = values.params === undefined ? {} : (JSON.parse(values.params) as Partial<SearchParams>);

  const header = ['instance', 'seed', 'cost', 'bks', 'gap_pct', 'routes', 'bks_vehicles', 'iterations', 'seconds', 'violations'];
  const rows: string[][] = [];
  console.log(header.join('\t'));
  for (const name of names) {
    const instance = readInstance(dir, set, name);
    for (let seed = 1; seed <= seeds; seed++) {
      const started = performance.now();
      const search = createSearch(instance.problem, {
        seed,
        ...(iterations !== undefined && { maxIterations: iterations }),
        stop: deadline(started + seconds * 1000, () => performance.now()),
        params,
      });
      while (!search.step(1));
      const elapsed = (performance.now() - started) / 1000;
      const verdict = verify(instance, search.best());
      const best = bks.get(name);
      const gap = best ? (100 * (verdict.cost - best.cost)) / best.cost : NaN;
      const row = [
        name, String(seed), verdict.cost.toFixed(2), best?.cost.toFixed(2) ?? '', gap.toFixed(2), String(verdict.routes),
        best?.vehicles === undefined ? '' : String(best.vehicles), String(search.iterations()), elapsed.toFixed(1),
        String(verdict.violations.length),
      ];
      rows.push(row);
      console.log(row.join('\t'));
      for (const v of verdict.violations.slice(0, 5)) console.log(`  violation: ${v}`);
    }
  }
  const gaps = rows.map((r) => Number(r[4])).filter(Number.isFinite);
  if (gaps.length > 0) console.log(`mean gap ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(2)} % over ${gaps.length} runs`);
  const out = join(root, 'bench', 'results', `${set}-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  console.log(`written ${out}`);
}

main();
