/**
 * The binary form of a cached row: the travel times from one origin point, as
 * 16-byte little-endian entries, so that a 1,000-point hit reads a thousand
 * strings of 16 kB instead of a million hash fields.
 *
 *   cell: int32 latitude × 10^5, int32 longitude × 10^5 of the destination,
 *         int32 seconds, int32 metres
 *   snap: int32 SNAP_MARK, int32 0, float64 metres from the origin to its road
 *         (a row without it is not trusted: its origin was never fetched whole)
 *
 * Entries are appended as cells are fetched; a destination written twice is read
 * as its last entry.
 */
import type { Location } from '../contract/common.js';
import type { RawMatrix } from './table.js';

export const ENTRY_BYTES = 16;
/** Never a latitude × 10^5, which stays within ±9,000,000. */
const SNAP_MARK = 0x7fffffff;

/** A point rounded to 5 decimals (about a metre), as one exact number. */
export function pointCode(point: Location): number {
  return (Math.round(point.lat * 1e5) + 9_000_000) * 36_000_001 + (Math.round(point.lon * 1e5) + 18_000_000);
}

/** The origin's snapping distance, if known, then the given cells. */
export function encodeRow(snapMetres: number | undefined, destinations: readonly number[], durations: readonly number[], distances: readonly number[]): Buffer {
  const head = snapMetres === undefined ? 0 : 1;
  const row = Buffer.allocUnsafe((head + destinations.length) * ENTRY_BYTES);
  if (snapMetres !== undefined) {
    row.writeInt32LE(SNAP_MARK, 0);
    row.writeInt32LE(0, 4);
    row.writeDoubleLE(snapMetres, 8);
  }
  destinations.forEach((code, k) => {
    const at = (head + k) * ENTRY_BYTES;
    const lat = Math.floor(code / 36_000_001);
    row.writeInt32LE(lat - 9_000_000, at);
    row.writeInt32LE(code - lat * 36_000_001 - 18_000_000, at + 4);
    row.writeInt32LE(durations[k] ?? 0, at + 8);
    row.writeInt32LE(distances[k] ?? 0, at + 12);
  });
  return row;
}

/**
 * Fills row `i` of `raw` from a cached row, for the destinations among `columns`
 * (point code → indices of the requested points there), and marks those cells in
 * `known`. Returns the origin's snapping distance, or undefined for a row not to trust.
 */
export function decodeRow(row: Buffer, i: number, columns: ReadonlyMap<number, readonly number[]>, raw: RawMatrix, known: Uint8Array): number | undefined {
  if (row.length % ENTRY_BYTES !== 0 || row.length === 0 || row.readInt32LE(0) !== SNAP_MARK) return undefined;
  const n = raw.size;
  for (let at = ENTRY_BYTES; at < row.length; at += ENTRY_BYTES) {
    const code = (row.readInt32LE(at) + 9_000_000) * 36_000_001 + (row.readInt32LE(at + 4) + 18_000_000);
    const targets = columns.get(code);
    if (targets === undefined) continue;
    const duration = row.readInt32LE(at + 8);
    const distance = row.readInt32LE(at + 12);
    for (const j of targets) {
      raw.durations[i * n + j] = duration;
      raw.distances[i * n + j] = distance;
      known[i * n + j] = 1;
    }
  }
  return row.readDoubleLE(8);
}
