/**
 * Local search to a local optimum: every served visit is tried against its
 * neighbours' visits of the same day and the route starts of that day with
 * each route operator (first improvement) until none improves, then every
 * client with the client operators (pattern change, insertion of unserved
 * clients), and again while the client operators improve. Pairs and clients
 * whose surroundings did not change since they were last tested are skipped.
 */
import type { ClientOperator, RouteOperator } from './operators/operator.js';
import { EPSILON } from './operators/operator.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

/** Passes (route or client) before giving up on reaching a local optimum. */
const MAX_PASSES = 100;

export class LocalSearch {
  /** When set, the full cost is recomputed after every move and must match the delta. */
  checkDeltas = false;
  /** Polled every few dozen moves tried; true ends the descent where it stands (a time limit). */
  stop: () => boolean = () => false;
  private ticks = 0;
  private readonly sol: Solution;
  private readonly routeOps: readonly RouteOperator[];
  private readonly clientOps: readonly ClientOperator[];
  private readonly neighbours: readonly Int32Array[];
  private readonly order: number[] = [];
  private readonly clientOrder: number[];
  /** Per visit node, the clock when all its pairs were last tested without an improving move. */
  private readonly tested: Int32Array;
  /** Shifts with identical attributes share a kind: one empty route of a kind stands for all. */
  private readonly kind: Int32Array;
  private readonly kindSeen: Int32Array;
  private readonly mark: Int32Array;
  private round = 0;
  /** Per client, the clock when the client operators last found nothing for it. */
  private readonly clientTested: Int32Array;
  /** Per client, every day of any of its patterns. */
  private readonly clientDays: readonly Int32Array[];
  /** Visits per day at the start of the client pass. */
  private readonly dayVisits: Int32Array;
  /** Days with more visits than this insert granularly, so only the neighbours' routes matter there. */
  private readonly granularFrom: number;
  /**
   * Required clients with a single one-day pattern: once served, the route operators
   * alone move their visits, and the client operators leave them be.
   */
  private readonly settled: Uint8Array;

  constructor(
    sol: Solution,
    routeOps: readonly RouteOperator[],
    clientOps: readonly ClientOperator[],
    neighbours: readonly Int32Array[],
    granularFrom = Infinity,
  ) {
    this.sol = sol;
    this.routeOps = routeOps;
    this.clientOps = clientOps;
    this.neighbours = neighbours;
    this.granularFrom = granularFrom;
    this.clientTested = new Int32Array(sol.problem.clients.length);
    const seen = new Uint8Array(sol.problem.numDays);
    this.clientDays = sol.problem.clients.map((c) => {
      seen.fill(0);
      for (const p of c.patterns) for (const d of p.days) seen[d] = 1;
      const days: number[] = [];
      seen.forEach((on, d) => {
        if (on === 1) days.push(d);
      });
      return Int32Array.from(days);
    });
    this.dayVisits = new Int32Array(sol.problem.numDays);
    this.clientOrder = sol.problem.clients.map((_, c) => c);
    this.tested = new Int32Array(sol.shiftOf.length);
    this.settled = Uint8Array.from(sol.problem.clients, (c) => {
      const single = c.patterns.length === 1 && c.patterns[0].days.length === 1;
      return single && !c.optional ? 1 : 0;
    });
    const kinds = new Map<string, number>();
    this.kind = Int32Array.from(sol.problem.shifts, (shift) => {
      const key = JSON.stringify({ ...shift, vehicle: 0 });
      const k = kinds.get(key) ?? kinds.size;
      kinds.set(key, k);
      return k;
    });
    this.kindSeen = new Int32Array(kinds.size);
    this.mark = new Int32Array(sol.problem.shifts.length);
  }

  run(rng: Rng): void {
    for (let pass = 0; pass < MAX_PASSES && !this.stop(); pass++) {
      // Client moves cost far more to test than route moves: they wait until the routes settle.
      if (this.routePass(rng)) continue;
      if (!this.clientPass(rng)) return;
    }
  }

  /** Whether to stop now; asks `stop` once every 32 calls. */
  private interrupted(): boolean {
    return (++this.ticks & 31) === 0 && this.stop();
  }

  private routePass(rng: Rng): boolean {
    const { sol, order } = this;
    order.length = 0;
    for (let node = 0; node < sol.shiftOf.length; node++) if (sol.shiftOf[node] >= 0) order.push(node);
    rng.shuffle(order);
    const D = sol.problem.numDays;
    const { shiftOf, routeStamp } = sol;
    let improved = false;
    for (const u of order) {
      if (this.interrupted()) return improved;
      const day = u % D;
      // A pair whose two routes are unchanged since u was last tested holds no improving move.
      const since = this.tested[u];
      if (routeStamp[shiftOf[u]] < since && sol.dayStamp[day] < since) continue;
      const now = sol.now();
      for (const c of this.neighbours[Math.floor(u / D)]) {
        const v = c * D + day;
        if (shiftOf[v] < 0) continue;
        if (routeStamp[shiftOf[u]] < since && routeStamp[shiftOf[v]] < since) continue;
        if (this.tryRouteOps(u, v)) improved = true;
      }
      if (this.tryStarts(u, day, since)) improved = true;
      this.tested[u] = now;
    }
    return improved;
  }

  /**
   * Pairs visit u with the route starts worth trying: its own route, the
   * routes of its neighbours that day, and one empty route per kind of shift.
   */
  private tryStarts(u: number, day: number, since: number): boolean {
    const { sol, mark } = this;
    const { shiftOf, routeStamp } = sol;
    const D = sol.problem.numDays;
    const starts = sol.problem.clients.length * D;
    const round = ++this.round;
    let marked = false;
    let improved = false;
    for (const s of sol.problem.shiftsByDay[day]) {
      const empty = sol.routes[s].length === 0;
      if (empty) {
        if (this.kindSeen[this.kind[s]] === round) continue;
        this.kindSeen[this.kind[s]] = round;
      }
      if (routeStamp[shiftOf[u]] < since && routeStamp[s] < since) continue;
      if (!empty) {
        if (!marked) {
          marked = true;
          mark[shiftOf[u]] = round;
          for (const c of this.neighbours[Math.floor(u / D)]) {
            const r = shiftOf[c * D + day];
            if (r >= 0) mark[r] = round;
          }
        }
        if (mark[s] !== round) continue;
      }
      if (this.tryRouteOps(u, starts + s)) improved = true;
    }
    return improved;
  }

  private tryRouteOps(u: number, v: number): boolean {
    for (const op of this.routeOps) {
      const delta = op.evaluate(u, v);
      if (delta < -EPSILON) {
        const before = this.checkDeltas ? this.sol.cost() : 0;
        op.apply(u, v);
        if (this.checkDeltas) this.check(op.name, before, delta);
        return true;
      }
    }
    return false;
  }

  private clientPass(rng: Rng): boolean {
    rng.shuffle(this.clientOrder);
    for (let d = 0; d < this.dayVisits.length; d++) this.dayVisits[d] = this.sol.visitsOnDay(d);
    let improved = false;
    for (const c of this.clientOrder) {
      if (this.interrupted()) return improved;
      if (this.settled[c] === 1 && this.sol.pattern[c] >= 0) continue;
      if (this.unchangedAround(c)) continue;
      this.clientTested[c] = this.sol.now();
      for (const op of this.clientOps) {
        const delta = op.evaluate(c);
        if (delta < -EPSILON) {
          const before = this.checkDeltas ? this.sol.cost() : 0;
          op.apply(c);
          if (this.checkDeltas) this.check(op.name, before, delta);
          improved = true;
        }
      }
    }
    return improved;
  }

  /**
   * Whether nothing a client operator looks at for `c` changed since c was
   * last tested: on each of its days, the whole day when insertion scans it
   * all, else the routes holding c or its neighbours.
   */
  private unchangedAround(c: number): boolean {
    const since = this.clientTested[c];
    if (since === 0) return false;
    const { sol } = this;
    const { shiftOf, routeStamp, dayStamp } = sol;
    const D = sol.problem.numDays;
    for (const d of this.clientDays[c]) {
      if (dayStamp[d] < since) continue;
      if (this.dayVisits[d] <= this.granularFrom) return false;
      const own = shiftOf[c * D + d];
      if (own >= 0 && routeStamp[own] >= since) return false;
      for (const v of this.neighbours[c]) {
        const s = shiftOf[v * D + d];
        if (s >= 0 && routeStamp[s] >= since) return false;
      }
    }
    return true;
  }

  private check(name: string, before: number, delta: number): void {
    const after = this.sol.cost();
    if (Math.abs(before + delta - after) > 1e-6 * Math.max(1, Math.abs(after))) {
      throw new Error(`${name}: cost went from ${before} to ${after}, but the move claimed ${delta}`);
    }
  }
}
