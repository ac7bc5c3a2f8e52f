import type { Location } from '../api/schemas/common.js';

export type TravelTimeSource = 'osrm' | 'haversine';

/** Durations (seconds) and distances (metres) between points, row-major n×n. */
export interface Matrix {
  readonly size: number;
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  readonly source: TravelTimeSource;
}

export interface MatrixOptions {
  readonly signal?: AbortSignal;
}

/** Where travel times come from. Implementations do the I/O; the solver only sees the matrix. */
export interface TravelTimes {
  readonly source: TravelTimeSource;
  matrix(points: readonly Location[], options?: MatrixOptions): Promise<Matrix>;
}
