/**
 * How long a portfolio analysis takes: generated portfolios of 5,000
 * accounts (a region's worth: 60 towns over a 60 km radius, analysed
 * against one rep's calendar, so the capacity part splits it between
 * dozens of reps), through the pure analysis and through the HTTP route
 * (JSON parse, validation, analysis, response check and serialisation).
 *
 *   npm run bench:portfolio -- --accounts 5000 --seeds 3 --runs 5
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/api/app.js';
import { defaultConfig } from '../src/config.js';
import { PortfolioRequest } from '../src/contract/portfolio-request.js';
import { analysePortfolio } from '../src/portfolio/analyse.js';
import { detachedPlanQueue } from '../src/queue/detached.js';
import { UNAVAILABLE_2027, generatePortfolio } from './portfolio-generate.js';

const { values } = parseArgs({ options: { accounts: { type: 'string', default: '5000' }, seeds: { type: 'string', default: '3' }, runs: { type: 'string', default: '5' } } });
const accounts = Number(values.accounts);
const runs = Number(values.runs);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Milliseconds of each run after one warm-up run. */
async function time(run: () => unknown): Promise<number[]> {
  await run();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

const app = await buildApp({ config: defaultConfig({ MAX_ACCOUNTS: String(accounts), RATE_LIMIT_SUBMIT: '0' }), plans: detachedPlanQueue(), logger: false });
const rows: { seed: number; validate: number; analyse: number; http: number; bytes: number; reps: number }[] = [];
console.log('seed\tvalidate_ms\tanalyse_ms\thttp_ms\thttp_max_ms\tresponse_kB\treps_needed');
for (let seed = 1; seed <= Number(values.seeds); seed++) {
  const { rep, accounts: list } = generatePortfolio(seed, { accounts, towns: 60, rural: 0.2, radiusKm: 60, home: 'centre' }, '2027-01-04');
  const body = { timezone: 'Europe/Paris', rep: { ...rep, unavailableDates: UNAVAILABLE_2027 }, period: { start: '2027-01-04', days: 364 }, accounts: list, prospecting: { visitsPerWeek: 3 } };
  const payload = JSON.stringify(body);
  const request = PortfolioRequest.parse(body);
  const deps = { today: '2027-01-01', speedKmh: 50, detourFactor: 1.3 };
  const validate = await time(() => PortfolioRequest.parse(JSON.parse(payload)));
  const analyse = await time(() => analysePortfolio(request, deps));
  let bytes = 0;
  const http = await time(async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/portfolio/analysis', payload, headers: { 'content-type': 'application/json' } });
    if (res.statusCode !== 200) throw new Error(`HTTP ${String(res.statusCode)}: ${res.body.slice(0, 300)}`);
    bytes = res.rawPayload.length;
  });
  const reps = analysePortfolio(request, deps).capacity.remedies?.reps.needed ?? 1;
  const row = { seed, validate: median(validate), analyse: median(analyse), http: median(http), bytes, reps };
  rows.push(row);
  console.log([seed, row.validate.toFixed(0), row.analyse.toFixed(0), row.http.toFixed(0), Math.max(...http).toFixed(0), (bytes / 1024).toFixed(0), reps].join('\t'));
}
const mean = (f: (r: (typeof rows)[number]) => number) => (rows.reduce((s, r) => s + f(r), 0) / rows.length).toFixed(0);
console.log(`mean over seeds (median of ${String(runs)} runs each): validation ${mean((r) => r.validate)} ms, analysis ${mean((r) => r.analyse)} ms, HTTP round trip ${mean((r) => r.http)} ms for ${String(accounts)} accounts`);
await app.close();
