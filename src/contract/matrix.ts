/** Travel times as every layer sees them: square matrices over a list of points. */

/** A provider of travel times that the service can ask. */
export type TravelTimeSource = 'osrm' | 'haversine';

/** Where a plan's travel times came from: a provider, or the request itself. */
export type MatrixSource = TravelTimeSource | 'request';

/** Durations (seconds) and distances (metres) between points, row-major n×n. */
export interface Matrix {
  readonly size: number;
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  readonly source: MatrixSource;
}
