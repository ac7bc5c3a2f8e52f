#!/usr/bin/env node
// tournee plan request.json [--out result.json] [--json]: plans in this process, no Redis needed.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PlanRequest } from '../contract/plan-request.js';
import { loadConfig } from '../config.js';
import { formatWeek } from '../domain/format.js';
import { runPlan } from '../pipeline.js';
import { createProviders } from '../providers.js';
import { localDate } from '../queue/plan-queue.js';
import { analyseCommand } from './analyse.js';

const USAGE = 'usage: tournee plan <request.json> [--out result.json] [--json]';

async function main(): Promise<number> {
  if (process.argv[2] === 'analyse') return analyseCommand(process.argv.slice(3));
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [command, file] = positionals;
  if (values.help || command !== 'plan' || positionals.length !== 2 || !file) {
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
  const parsed = PlanRequest.safeParse(json);
  if (!parsed.success) {
    console.error(`${file} is not a valid plan request:`);
    for (const issue of parsed.error.issues) console.error(`  /${issue.path.join('/')}: ${issue.message}`);
    return 1;
  }
  const request = parsed.data;
  const config = loadConfig(process.env);
  const providers = createProviders(config);
  const started = performance.now();
  const result = await runPlan(request, {
    ...providers,
    today: localDate(new Date(), request.timezone),
    now: () => performance.now(),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2) + '\n');
  console.log(values.json ? JSON.stringify(result, null, 2) : formatWeek(result));
  console.error(`Planned in ${seconds} s${values.out ? `; result written to ${values.out}` : ''}.`);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`Planning failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
