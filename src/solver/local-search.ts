/**
 * Local search to a local optimum: every served visit is tried against its
 * neighbours' visits of the same day and the route starts of that day with
 * each route operator (first improvement), then every client with the client
 * operators (pattern change, insertion of unserved clients).
 */
import type { ClientOperator, RouteOperator } from './operators/operator.js';
import { EPSILON } from './operators/operator.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

/** Passes over all visits before giving up on reaching a local optimum. */
const MAX_PASSES = 50;

export class LocalSearch {
  /** When set, the full cost is recomputed after every move and must match the delta. */
  checkDeltas = false;
  private readonly sol: Solution;
  private readonly routeOps: readonly RouteOperator[];
  private readonly clientOps: readonly ClientOperator[];
  private readonly neighbours: readonly Int32Array[];
  private readonly order: number[] = [];
  private readonly clientOrder: number[];
  /** Per visit node, the clock when all its pairs were last tested without an improving move. */
  private readonly tested: Int32Array;

  constructor(
    sol: Solution,
    routeOps: readonly RouteOperator[],
    clientOps: readonly ClientOperator[],
    neighbours: readonly Int32Array[],
  ) {
    this.sol = sol;
    this.routeOps = routeOps;
    this.clientOps = clientOps;
    this.neighbours = neighbours;
    this.clientOrder = sol.problem.clients.map((_, c) => c);
    this.tested = new Int32Array(sol.shiftOf.length);
  }

  run(rng: Rng): void {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const routeMoves = this.routePass(rng);
      const clientMoves = this.clientPass(rng);
      if (!routeMoves && !clientMoves) return;
    }
  }

  private routePass(rng: Rng): boolean {
    const { sol, order } = this;
    order.length = 0;
    for (let node = 0; node < sol.shiftOf.length; node++) if (sol.shiftOf[node] >= 0) order.push(node);
    rng.shuffle(order);
    const D = sol.problem.numDays;
    const starts = sol.problem.clients.length * D;
    const { shiftOf, routeStamp } = sol;
    let improved = false;
    for (const u of order) {
      const day = u % D;
      // A pair whose two routes are unchanged since u was last tested holds no improving move.
      const since = this.tested[u];
      const now = sol.now();
      for (const c of this.neighbours[Math.floor(u / D)]) {
        const v = c * D + day;
        if (shiftOf[u] < 0 || shiftOf[v] < 0) continue;
        if (routeStamp[shiftOf[u]] < since && routeStamp[shiftOf[v]] < since) continue;
        if (this.tryRouteOps(u, v)) improved = true;
      }
      for (const s of sol.problem.shiftsByDay[day]) {
        if (shiftOf[u] < 0) break;
        if (routeStamp[shiftOf[u]] < since && routeStamp[s] < since) continue;
        if (this.tryRouteOps(u, starts + s)) improved = true;
      }
      this.tested[u] = now;
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
    let improved = false;
    for (const c of this.clientOrder) {
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

  private check(name: string, before: number, delta: number): void {
    const after = this.sol.cost();
    if (Math.abs(before + delta - after) > 1e-6 * Math.max(1, Math.abs(after))) {
      throw new Error(`${name}: cost went from ${before} to ${after}, but the move claimed ${delta}`);
    }
  }
}
