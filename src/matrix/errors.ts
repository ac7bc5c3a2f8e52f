import type { OsrmAnswer } from './retry.js';

/**
 * Errors of the travel-time layer. Each carries a stable `code` so that one
 * table upstream can map it to an HTTP status or a job outcome.
 */

export type UnreachableReason = 'no-road-nearby' | 'snapped-too-far' | 'no-route';

/** A point the road network cannot serve, by its index in the requested list. */
export interface UnreachablePoint {
  readonly index: number;
  readonly reason: UnreachableReason;
  /** Metres from the point to the road it was snapped to, when known. */
  readonly snapMetres?: number;
}

function describe(point: UnreachablePoint): string {
  switch (point.reason) {
    case 'no-road-nearby':
      return `#${point.index} (no road nearby)`;
    case 'snapped-too-far':
      return `#${point.index} (nearest road ${Math.round(point.snapMetres ?? 0)} m away)`;
    case 'no-route':
      return `#${point.index} (no route to or from most other points)`;
  }
}

/** Some points cannot be snapped to a road or reached from the others: input to fix, not to retry. */
export class UnreachablePointsError extends Error {
  override readonly name = 'UnreachablePointsError';
  readonly code = 'UNREACHABLE_POINTS';
  readonly points: readonly UnreachablePoint[];

  constructor(points: readonly UnreachablePoint[]) {
    const sorted = [...points].sort((a, b) => a.index - b.index);
    const noun = sorted.length === 1 ? 'point' : 'points';
    super(`${sorted.length} ${noun} cannot be reached by road: ${sorted.map(describe).join(', ')}`);
    this.points = sorted;
  }

  /** Indices of the offending points, ascending. */
  get indices(): number[] {
    return this.points.map((p) => p.index);
  }
}

/** The routing engine did not answer usefully within the retry budget: transient, worth a later retry. */
export class OsrmUnavailableError extends Error {
  override readonly name = 'OsrmUnavailableError';
  readonly code = 'OSRM_UNAVAILABLE';
  readonly attempts: number;

  constructor(baseUrl: string, attempts: number, cause: unknown) {
    super(`OSRM at ${baseUrl} is unavailable: no usable answer after ${attempts} attempt(s) (last error: ${errorText(cause)})`, { cause });
    this.attempts = attempts;
  }
}

/**
 * The routing engine refused a request (HTTP 4xx other than an unsnappable point) or
 * answered something that is not OSRM v5 JSON: a configuration or programming error, never retried.
 */
export class OsrmRequestError extends Error {
  override readonly name = 'OsrmRequestError';
  readonly code = 'OSRM_REQUEST_REJECTED';
  readonly status: number;
  /** OSRM's own error code (`TooBig`, `InvalidQuery`, ...), when it sent one. */
  readonly osrmCode: string | undefined;

  constructor(message: string, status: number, osrmCode?: string) {
    super(message);
    this.status = status;
    this.osrmCode = osrmCode;
  }
}

/** A short, single-line description of any thrown value, including the cause of `fetch failed`. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error && cause.message !== '' && cause.message !== error.message) return `${error.message}: ${cause.message}`;
  return error.message;
}

/** The error for an OSRM refusal other than an unsnappable point. */
export function refusal(answer: Extract<OsrmAnswer, { ok: false }>, what: string, tooBigHint: string): OsrmRequestError {
  if (answer.code === 'TooBig') {
    return new OsrmRequestError(`OSRM refused ${what} as too big (TooBig: ${answer.message}): ${tooBigHint}`, answer.status, answer.code);
  }
  if (answer.status === 414) {
    return new OsrmRequestError(`OSRM (or a proxy before it) refused ${what} because its URL is too long (HTTP 414): lower maxUrlLength`, 414);
  }
  const code = answer.code ?? 'no code';
  return new OsrmRequestError(`OSRM refused ${what} (HTTP ${answer.status} ${code}): ${answer.message}`, answer.status, answer.code);
}

/** The point indices named by a `NoSegment` answer ("... for coordinate 3"), or undefined. */
export function unsnappedPoints(message: string, pointsAt: readonly (readonly number[])[]): readonly number[] | undefined {
  const position = /coordinate (\d+)/.exec(message)?.[1];
  return position === undefined ? undefined : pointsAt[Number(position)];
}
