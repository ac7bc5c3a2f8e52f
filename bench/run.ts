/**
 * Benchmark runner: solves literature instances under a time limit per run
 * and reports the cost recomputed in double precision, the gap to the best
 * known solution and any rule the plan breaks by the benchmark's own
 * (unrounded) convention.
 *
 *   npm run build && node dist/bench/run.js --set pvrp --instances p01,p02 --seconds 10 --seeds 1
 *   npm run bench -- --set sales --seconds 10       # the product's own weeks against VROOM
 *   npm run bench -- --set sales --seconds 10 --vroom-spacing   # later visits spaced as VROOM reads them
 *
 * Options: --set sales|pvrp|solomon|cvrp, --instances a,b (default: every instance of the set's BKS
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
import { runSalesWeek, SALES_WEEKS, type SalesRow } from './sales.js';
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

interface SalesRun {
  readonly seconds: number;
  readonly seeds: number;
  readonly iterations: number | undefined;
  readonly params: Partial<SearchParams>;
  readonly vroomSpacing: boolean;
}

async function sales(dir: string, root: string, names: readonly string[] | undefined, run: SalesRun): Promise<void> {
  const { seconds, seeds, iterations, params, vroomSpacing } = run;
  const weeks = names?.map(Number) ?? SALES_WEEKS;
  const header = ['week', 'seed', 'jobs', 'planned', 'vroom_planned', 'priority', 'vroom_priority', 'priority_ratio', 'drive_min', 'vroom_drive_min', 'drive_ratio', 'iterations', 'seconds', 'violation'];
  console.log(header.join('\t'));
  const rows: SalesRow[] = [];
  const line = (r: SalesRow): string[] => [
    String(r.week), String(r.seed), String(r.jobs), String(r.planned), String(r.vroomPlanned), String(r.priority), String(r.vroomPriority),
    (r.priority / r.vroomPriority).toFixed(3), r.driveMinutes.toFixed(1), String(r.vroomDrive), (r.driveMinutes / r.vroomDrive).toFixed(3),
    String(r.iterations), r.seconds.toFixed(1), r.violation,
  ];
  for (let seed = 1; seed <= seeds; seed++) {
    for (const week of weeks) {
      const row = await runSalesWeek(join(dir, 'sales-weeks'), week, { seconds, seed, ...(iterations !== undefined && { iterations }), params, vroomSpacing });
      rows.push(row);
      console.log(line(row).join('\t'));
    }
  }
  for (let seed = 1; seed <= seeds; seed++) {
    const mine = rows.filter((r) => r.seed === seed);
    const sum = (f: (r: SalesRow) => number) => mine.reduce((t, r) => t + f(r), 0);
    const behind = mine.filter((r) => r.priority < r.vroomPriority).map((r) => r.week);
    console.log(
      `seed ${String(seed)}: planned ${String(sum((r) => r.planned))} (VROOM ${String(sum((r) => r.vroomPlanned))}), ` +
        `priority ${String(sum((r) => r.priority))} / ${String(sum((r) => r.vroomPriority))} = ${(sum((r) => r.priority) / sum((r) => r.vroomPriority)).toFixed(3)}, ` +
        `driving ${sum((r) => r.driveMinutes).toFixed(0)} / ${String(sum((r) => r.vroomDrive))} min = ${(sum((r) => r.driveMinutes) / sum((r) => r.vroomDrive)).toFixed(3)}, ` +
        `weeks with less priority than VROOM: ${behind.length === 0 ? 'none' : behind.join(' ')}, violations: ${String(mine.filter((r) => r.violation !== '').length)}`,
    );
  }
  const out = join(root, 'bench', 'results', `sales-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, [header, ...rows.map(line)].map((r) => r.join(',')).join('\n') + '\n');
  console.log(`written ${out}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'pvrp' },
      instances: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      seeds: { type: 'string', default: '1' },
      iterations: { type: 'string' },
      data: { type: 'string' },
      params: { type: 'string' },
      'vroom-spacing': { type: 'boolean', default: false },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '..', '..');
  const dir = values.data ?? resolve(root, '..', 'shared', 'benchmarks');
  const set = values.set;
  const seconds = Number(values.seconds);
  const seeds = Number(values.seeds);
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  const params = values.params === undefined ? {} : (JSON.parse(values.params) as Partial<SearchParams>);
  if (set === 'sales') {
    await sales(dir, root, values.instances?.split(','), { seconds, seeds, iterations, params, vroomSpacing: values['vroom-spacing'] });
    return;
  }
  if (!isSet(set)) throw new Error(`unknown set ${set}`);
  const bks = readBks(dir, set);
  const names = values.instances?.split(',') ?? [...bks.keys()];

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

await main();
