/** The immutable result of a search: what everyone outside the search sees. */

export interface PlanRoute {
  /** Index into `problem.shifts`. */
  readonly shift: number;
  /** Client indices in visiting order. */
  readonly visits: readonly number[];
}

export interface CostBreakdown {
  /** Sum of travel durations (seconds). */
  readonly travel: number;
  /** Sum of travel distances (problem units). */
  readonly distance: number;
  /** Penalties for required visits left out (patterns' penalties and missed clients). */
  readonly penalty: number;
  /** Prizes collected from optional clients (subtracted from the cost). */
  readonly prize: number;
  /** Fixed costs of the shifts whose routes are used; absent when none has one. */
  readonly fixed?: number;
  /** travel + distanceWeight·distance + fixed + penalty − prize. */
  readonly total: number;
}

export interface Plan {
  /** One entry per non-empty route. */
  readonly routes: readonly PlanRoute[];
  /** Per client, the index of the chosen pattern, or -1 when not served. */
  readonly patterns: readonly number[];
  readonly cost: CostBreakdown;
}

export interface Progress {
  readonly iteration: number;
  readonly bestCost: number;
  readonly elapsedMs: number;
}

/** Timing of one stop of a scheduled route (seconds from midnight). */
export interface StopTimes {
  readonly client: number;
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  readonly wait: number;
  readonly travel: number;
  readonly distance: number;
}

export interface RouteSchedule {
  readonly departure: number;
  readonly stops: readonly StopTimes[];
  /**
   * The break, when the tour takes one: it is taken after `after` stops
   * (0 = at the start location before leaving, stops.length = at the last
   * stop before driving back).
   */
  readonly break: { readonly after: number; readonly start: number; readonly end: number } | null;
  readonly returnTravel: number;
  readonly returnDistance: number;
  readonly returnTime: number;
  readonly travel: number;
  readonly distance: number;
  readonly load: number;
}
