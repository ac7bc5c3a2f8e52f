import type { Location } from '../contract/common.js';
import type { Matrix, TravelTimeSource } from '../contract/matrix.js';

export type { Matrix, TravelTimeSource } from '../contract/matrix.js';

export interface MatrixOptions {
  readonly signal?: AbortSignal;
}

/** Where travel times come from. Implementations do the I/O; the solver only sees the matrix. */
export interface TravelTimes {
  readonly source: TravelTimeSource;
  matrix(points: readonly Location[], options?: MatrixOptions): Promise<Matrix>;
}
