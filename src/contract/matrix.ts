/** Travel times as every layer sees them: square matrices over a list of points. */

export type TravelTimeSource = 'osrm' | 'haversine';

/** Durations (seconds) and distances (metres) between points, row-major n×n. */
export interface Matrix {
  readonly size: number;
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  readonly source: TravelTimeSource;
}
