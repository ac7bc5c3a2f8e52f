#!/usr/bin/env node
// tournee plan request.json [--format …] [--locale …] [--out …]: plans in this process, no Redis needed.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../contract/common.js';
import { PlanRequest } from '../contract/plan-request.js';
import type { PlanResult } from '../contract/plan-result.js';
import { loadConfig } from '../config.js';
import { formatWeek } from '../domain/format.js';
import { toCsv } from '../export/csv.js';
import { toGeoJson } from '../export/geojson.js';
import { toICalendar } from '../export/ics.js';
import { weekMap } from '../export/map.js';
import { runPlan } from '../pipeline.js';
import { createProviders } from '../providers.js';
import { localDate } from '../queue/plan-queue.js';
import { analyseCommand } from './analyse.js';

const FORMATS = ['text', 'json', 'ics', 'csv', 'geojson', 'map'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Tournée plans the week of a field sales rep: which account on which day, in which order, at what time.

Usage:
  tournee plan <request.json> [options]   plan a request in this process (no Redis needed)
  tournee analyse <portfolio.json> [...]  analyse a portfolio: segments, time, frequencies, capacity
  tournee --help                          this help
  tournee plan --help                     the options of plan
  tournee analyse --help                  the options of analyse

The request is the JSON body of POST /v1/plans (see openapi/openapi.json and examples/).
Exit codes: 0 planned, 1 invalid request or planning failed, 2 wrong usage.`;

const PLAN_HELP = `Usage: tournee plan <request.json> [options]

Plans the request in this process and prints the plan.

Options:
  --format <format>  What to print (default text):
                       text     the week, day by day, then the totals and the unplanned visits
                       json     the plan result, as GET /v1/plans/{id} gives it in "result"
                       ics      an iCalendar file: one event per visit, in the rep's time zone
                       csv      one row per stop; in French ';' and decimal commas
                       geojson  a GeoJSON FeatureCollection: tours, visits, start, unplanned accounts
                       map      a self-contained HTML page with the map of the week
  --locale <en|fr>   Language of the plan and of the output (default: the request's
                     options.locale, else en)
  --break            With --format ics: add the lunch breaks as events
  --out <file>       Write the output to this file instead of standard output
  --json             Same as --format json
  -h, --help         This help

Travel times are haversine estimates unless OSRM_URL names an OSRM server
(HAVERSINE_SPEED_KMH and HAVERSINE_DETOUR_FACTOR tune the estimate).

Examples:
  tournee plan examples/week.json
  tournee plan examples/week.json --locale fr --format csv --out week.csv
  tournee plan examples/week.json --format ics --break --out week.ics`;

class UsageError extends Error {}

interface Command {
  readonly help: 'general' | 'plan' | null;
  readonly file: string;
  readonly format: Format;
  readonly locale: Locale | undefined;
  readonly withBreak: boolean;
  readonly out: string | undefined;
}

function command(args: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        locale: { type: 'string' },
        break: { type: 'boolean', default: false },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  const name = positionals.at(0);
  const file = positionals.at(1);
  const extra = positionals.slice(2);
  const none = { file: '', format: 'text', locale: undefined, withBreak: false, out: undefined } as const;
  if (values.help) return { ...none, help: name === 'plan' ? 'plan' : 'general' };
  if (name === undefined) throw new UsageError('no command given');
  if (name !== 'plan') throw new UsageError(`unknown command "${name}"`);
  if (file === undefined) throw new UsageError('plan needs a request file');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`);
  const format = values.json ? 'json' : (values.format ?? 'text');
  const knownFormat = FORMATS.find((f) => f === format);
  if (knownFormat === undefined) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const locale = values.locale === undefined ? undefined : LOCALES.find((l) => l === values.locale);
  if (values.locale !== undefined && locale === undefined) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
  return { help: null, file, format: knownFormat, locale, withBreak: values.break, out: values.out };
}

function render(result: PlanResult, format: Format, withBreak: boolean): string {
  switch (format) {
    case 'text':
      return formatWeek(result) + '\n';
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'ics':
      return toICalendar(result, { locale: result.locale, withBreak, revisedAt: Date.now() });
    case 'csv':
      return toCsv(result, result.locale);
    case 'geojson':
      return JSON.stringify(toGeoJson(result)) + '\n';
    case 'map':
      return weekMap(result, result.locale).html;
  }
}

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === 'analyse') return analyseCommand(args.slice(1));
  let cmd: Command;
  try {
    cmd = command(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`tournee: ${error.message}\n\n${HELP}`);
    return 2;
  }
  if (cmd.help !== null) {
    console.log(cmd.help === 'plan' ? PLAN_HELP : HELP);
    return 0;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(cmd.file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${cmd.file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const parsed = PlanRequest.safeParse(json);
  if (!parsed.success) {
    console.error(`${cmd.file} is not a valid plan request:`);
    for (const issue of parsed.error.issues) console.error(`  /${issue.path.join('/')}: ${issue.message}`);
    return 1;
  }
  const request = cmd.locale === undefined ? parsed.data : { ...parsed.data, options: { ...parsed.data.options, locale: cmd.locale } };
  const providers = createProviders(loadConfig(process.env));
  const started = performance.now();
  const result = await runPlan(request, { ...providers, today: localDate(new Date(), request.timezone), now: () => performance.now() });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const output = render(result, cmd.format, cmd.withBreak);
  if (cmd.out === undefined) process.stdout.write(output);
  else await writeFile(cmd.out, output);
  console.error(`Planned in ${seconds} s${cmd.out === undefined ? '' : `; written to ${cmd.out}`}.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Planning failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
