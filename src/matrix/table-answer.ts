/**
 * Copying an OSRM table answer into the rectangle being assembled. A 1,000-point
 * matrix brings a million cells through here, so the answer is checked by its
 * shape and sizes, and each cell by its type as it is copied, instead of by a
 * schema per cell.
 */
import { z } from 'zod';
import type { TableRequest } from './chunk.js';
import { OsrmRequestError } from './errors.js';
import { UNREACHABLE } from './table.js';

/** The rectangle of sources × destinations one `table()` call fills, block by block. */
export interface Sink {
  readonly rowIndex: ReadonlyMap<number, number>;
  readonly colIndex: ReadonlyMap<number, number>;
  readonly cols: number;
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  readonly snapMetres: Map<number, number>;
  readonly unsnapped: Set<number>;
}

const Waypoint = z.object({ distance: z.number().nonnegative() });

/** Rows stay unchecked here: their sizes and cells are checked while copying. */
const TableEnvelope = z.object({
  code: z.literal('Ok'),
  durations: z.array(z.unknown()),
  distances: z.array(z.unknown()),
  sources: z.array(Waypoint),
  destinations: z.array(Waypoint),
});

function notOsrm(detail: string): OsrmRequestError {
  return new OsrmRequestError(`OSRM table answer is not OSRM v5 JSON: ${detail}`, 200);
}

/** The rows as arrays of `cols` cells each, or an error naming the first misfit. */
function rowsOf(name: string, rows: readonly unknown[], request: TableRequest): unknown[][] {
  if (rows.length !== request.rows) throw notOsrm(`${name} has ${rows.length} rows for a ${request.rows}×${request.cols} request`);
  return rows.map((row, r) => {
    if (!Array.isArray(row) || row.length !== request.cols) throw notOsrm(`${name}[${r}] is not a row of ${request.cols} cells`);
    const cells: unknown[] = row;
    return cells;
  });
}

function notACell(name: string, value: unknown, r: number, c: number): OsrmRequestError {
  return notOsrm(`${name}[${r}][${c}] is ${JSON.stringify(value)}, not a number or null`);
}

/** Copies the answer to `request` into the sink. */
export function readTableAnswer(request: TableRequest, body: unknown, sink: Sink): void {
  const parsed = TableEnvelope.safeParse(body);
  if (!parsed.success) throw notOsrm(z.prettifyError(parsed.error));
  const answer = parsed.data;
  const durations = rowsOf('durations', answer.durations, request);
  const distances = rowsOf('distances', answer.distances, request);
  if (answer.sources.length !== request.rows || answer.destinations.length !== request.cols) {
    throw notOsrm(`${answer.sources.length} sources and ${answer.destinations.length} destinations for a ${request.rows}×${request.cols} request`);
  }
  const targets = Int32Array.from(request.destinations, (d) => sink.colIndex.get(d) ?? 0);
  const columns = Int32Array.from(request.colOf);
  request.sources.forEach((s, k) => {
    const r = request.rowOf[k] ?? 0;
    const durationRow = durations[r] ?? [];
    const distanceRow = distances[r] ?? [];
    const base = (sink.rowIndex.get(s) ?? 0) * sink.cols;
    for (let m = 0; m < targets.length; m++) {
      const c = columns[m];
      const duration: unknown = durationRow[c];
      const distance: unknown = distanceRow[c];
      const cell = base + targets[m];
      // OSRM answers a small negative distance (about -1 m, in 0 s) between two points
      // snapped onto the same road segment: that is 0.
      if (typeof duration === 'number' && typeof distance === 'number') {
        sink.durations[cell] = duration > 0 ? Math.round(duration) : 0;
        sink.distances[cell] = distance > 0 ? Math.round(distance) : 0;
      } else if ((duration === null || typeof duration === 'number') && (distance === null || typeof distance === 'number')) {
        sink.durations[cell] = UNREACHABLE;
        sink.distances[cell] = UNREACHABLE;
      } else {
        throw typeof duration === 'number' || duration === null ? notACell('distances', distance, r, c) : notACell('durations', duration, r, c);
      }
    }
    sink.snapMetres.set(s, answer.sources[r]?.distance ?? 0);
  });
  request.destinations.forEach((d, m) => sink.snapMetres.set(d, answer.destinations[request.colOf[m] ?? 0]?.distance ?? 0));
}
