// tournee analyse portfolio.json [--json] [--out analysis.json]: the portfolio analysis in this process.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ServiceError } from '../contract/errors.js';
import { PortfolioRequest } from '../contract/portfolio-request.js';
import { analysePortfolio } from '../portfolio/analyse.js';
import { formatAnalysis } from '../portfolio/format.js';
import { localDate } from '../queue/plan-queue.js';

const USAGE = 'usage: tournee analyse <portfolio.json> [--json] [--out analysis.json]';

/** Runs `tournee analyse` on its own arguments; returns the exit code. */
export async function analyseCommand(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [file] = positionals;
  if (values.help || positionals.length !== 1 || !file) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const request = PortfolioRequest.safeParse(json);
  if (!request.success) {
    console.error(`${file} is not a valid portfolio:`);
    for (const issue of request.error.issues) console.error(`  /${issue.path.join('/')}: ${issue.message}`);
    return 1;
  }
  const config = loadConfig(process.env);
  try {
    const analysis = analysePortfolio(request.data, { today: localDate(new Date(), request.data.timezone), speedKmh: config.HAVERSINE_SPEED_KMH, detourFactor: config.HAVERSINE_DETOUR_FACTOR });
    if (values.out) await writeFile(values.out, JSON.stringify(analysis, null, 2) + '\n');
    console.log(values.json ? JSON.stringify(analysis, null, 2) : formatAnalysis(request.data, analysis));
    return 0;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    console.error(`${file}: ${error.message}`);
    for (const e of error.errors) console.error(`  ${'pointer' in e ? e.pointer : ''}: ${e.detail}`);
    return 1;
  }
}
