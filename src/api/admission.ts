/**
 * What a plan request must pass besides its schema: the configured size
 * limits, checked on the raw body before validation (cheap, so a huge body is
 * refused before the schema walks it), then what only this service's setup
 * can tell (is OSRM configured, is the callback address callable).
 */
import { isIP } from 'node:net';
import type { Config } from '../config.js';
import type { PlanRequest } from '../contract/plan-request.js';
import { MAX_PREVIOUS_VISITS } from '../contract/plan-request.js';
import { hostOf, specialPurpose } from '../queue/public-address.js';
import { ServiceError, jsonPointer, type FieldError } from './errors.js';

type Path = (string | number)[];

/** Refuses a body over the configured limits, looking only at a few lengths and numbers. */
export function checkSize(body: unknown, config: Config): void {
  const errors = [...sizeErrors(body, config, []), ...optionErrors(body, config)];
  const long = longArray(body, MAX_PREVIOUS_VISITS);
  if (long) errors.push(over(long.path, long.length, MAX_PREVIOUS_VISITS, 'items'));
  if (errors.length > 0) throw new ServiceError('limit_exceeded', 'The request is larger than this service accepts.', errors);
}

/** The same for a batch: its number of reps, and each rep's portfolio as a plan's. */
export function checkBatchSize(body: unknown, config: Config): void {
  const reps = field(body, 'reps');
  const errors = optionErrors(body, config);
  if (Array.isArray(reps)) {
    if (reps.length > config.MAX_BATCH_REPS) errors.push(over(['reps'], reps.length, config.MAX_BATCH_REPS, 'reps'));
    reps.slice(0, config.MAX_BATCH_REPS).forEach((rep, i) => errors.push(...sizeErrors(rep, config, ['reps', i])));
  }
  const long = longArray(body, MAX_PREVIOUS_VISITS);
  if (long) errors.push(over(long.path, long.length, MAX_PREVIOUS_VISITS, 'items'));
  if (errors.length > 0) throw new ServiceError('limit_exceeded', 'The request is larger than this service accepts.', errors);
}

function over(path: Path, value: number, max: number, what: string): FieldError {
  return { pointer: jsonPointer(path), detail: `${String(value)} ${what}; this service accepts at most ${String(max)}.` };
}

/** A portfolio's limits: accounts and prospects. */
function sizeErrors(body: unknown, config: Config, at: Path): FieldError[] {
  const errors: FieldError[] = [];
  const accounts = field(body, 'accounts');
  const prospects = field(body, 'prospects');
  if (Array.isArray(accounts) && accounts.length > config.MAX_ACCOUNTS) errors.push(over([...at, 'accounts'], accounts.length, config.MAX_ACCOUNTS, 'accounts'));
  if (Array.isArray(prospects) && prospects.length > config.MAX_PROSPECTS) errors.push(over([...at, 'prospects'], prospects.length, config.MAX_PROSPECTS, 'prospects'));
  return errors;
}

/** The horizon's length and the solver's time. */
function optionErrors(body: unknown, config: Config): FieldError[] {
  const errors: FieldError[] = [];
  const days = field(field(body, 'horizon'), 'days');
  const seconds = field(field(body, 'options'), 'timeLimitSeconds');
  if (typeof days === 'number' && days > config.MAX_HORIZON_DAYS) errors.push(over(['horizon', 'days'], days, config.MAX_HORIZON_DAYS, 'horizon days'));
  if (typeof seconds === 'number' && seconds > config.MAX_TIME_LIMIT_SECONDS) errors.push(over(['options', 'timeLimitSeconds'], seconds, config.MAX_TIME_LIMIT_SECONDS, 'seconds of solver time'));
  return errors;
}

/** Refuses what this service cannot do for a valid request. */
export function checkOffer(request: PlanRequest, config: Config): void {
  if (request.options.travelTimes === 'osrm' && !config.OSRM_URL) {
    const detail = 'This service has no road network (OSRM) configured: ask for "haversine" or leave travelTimes out.';
    throw new ServiceError('option_unavailable', detail, [{ pointer: jsonPointer(['options', 'travelTimes']), detail }]);
  }
  const host = request.callbackUrl === undefined ? undefined : hostOf(request.callbackUrl);
  if (host === undefined || config.CALLBACK_ALLOW_PRIVATE) return;
  const range = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : isIP(host) !== 0 ? specialPurpose(host) : null;
  if (range !== null) {
    const detail = `callbackUrl points to a ${range} address, which this service does not call.`;
    throw new ServiceError('validation', detail, [{ pointer: jsonPointer(['callbackUrl']), detail }]);
  }
}

/** A body's own field, read without trusting its shape. */
function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}

/**
 * The first array longer than `max`, depth first; its path is built only once
 * it is found. An explicit stack: a deeply nested body cannot exhaust the call stack.
 */
function longArray(value: unknown, max: number): { path: Path; length: number } | undefined {
  const stack: { value: unknown; key: string | number; parent: number }[] = [{ value, key: '', parent: -1 }];
  const seen: { key: string | number; parent: number }[] = [];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const node = top.value;
    if (typeof node !== 'object' || node === null) continue;
    const at = seen.push({ key: top.key, parent: top.parent }) - 1;
    if (Array.isArray(node)) {
      if (node.length > max) return { path: pathTo(seen, at), length: node.length };
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], key: i, parent: at });
      continue;
    }
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: field(node, keys[i] ?? ''), key: keys[i] ?? '', parent: at });
  }
  return undefined;
}

/** The keys from the body's root down to node `at` of `seen`. */
function pathTo(seen: readonly { key: string | number; parent: number }[], at: number): Path {
  const path: (string | number)[] = [];
  for (let k = at; k > 0; k = seen[k]?.parent ?? 0) path.unshift(seen[k]?.key ?? '');
  return path;
}
