/**
 * One ruin-and-recreate iteration: copy the current solution, remove some
 * clients (random, string or route removal), put clients back (greedy or
 * regret insertion, unserved clients included), descend with the local
 * search, and accept the result by record-to-record travel around the best
 * cost.
 *
 * When capacity is tight, the search may overload routes at a price per unit
 * of excess load: moves that pass through an overloaded route open up where a
 * hard limit blocks every exchange. The price adapts so that about
 * `feasibleShare` of the candidates fit; an overloaded candidate sometimes gets
 * a repair descent at ten times the price; only candidates that fit can
 * become the best solution.
 */
import { edgeCost } from './cost.js';
import { Inserter } from './insertion.js';
import { LocalSearch } from './local-search.js';
import { nearestClients } from './neighbours.js';
import { DaySwap } from './operators/day-swap.js';
import { OptionalEjection } from './operators/optional-ejection.js';
import { orOpt } from './operators/or-opt.js';
import { PatternChange } from './operators/pattern-change.js';
import { Relocate } from './operators/relocate.js';
import { Replace } from './operators/replace.js';
import { Swap } from './operators/swap.js';
import { TwoOpt } from './operators/two-opt.js';
import { TwoOptStar } from './operators/two-opt-star.js';
import { greedyInsertion } from './recreate/greedy-insertion.js';
import { regretInsertion } from './recreate/regret-insertion.js';
import { randomRemoval } from './ruin/random-removal.js';
import { routeRemoval } from './ruin/route-removal.js';
import { stringRemoval } from './ruin/string-removal.js';
import type { Problem } from './problem.js';
import type { Rng } from './rng.js';
import { Solution } from './solution.js';

export interface SearchParams {
  /** Neighbours per client in the granular neighbourhoods. */
  readonly neighbours: number;
  /** Most clients removed in one iteration: this share of the served ones, within [ruinMin, ruinMax]. */
  readonly ruinShare: number;
  readonly ruinMin: number;
  readonly ruinMax: number;
  /** Initial record-to-record threshold, as a share of the best routing cost; it decays to 0 over `cycle` iterations. */
  readonly threshold: number;
  readonly cycle: number;
  /** Share of iterations whose recreate serves every client that fits, even at a loss. */
  readonly forceServe: number;
  /** Share of iterations whose ruin empties a short route (out of the half that do not remove strings). */
  readonly routeRemoval: number;
  /** Days with more visits than this insert granularly in the local search (next to neighbours; see `Granular`). */
  readonly granularFrom: number;
  /** The same in recreate, where a removed client's neighbours are often removed too. */
  readonly recreateGranularFrom: number;
  /**
   * Share of candidates without excess load that the load price aims at, when
   * capacity binds; 0 keeps capacity a hard limit throughout.
   */
  readonly feasibleShare: number;
  /** Share of infeasible candidates that get a repair descent at ten times the load price. */
  readonly repair: number;
  /** Local-search operators left out, by name (to measure what each one brings). */
  readonly without: readonly string[];
  /**
   * Iterations without a new best after which the search starts again from a
   * fresh solution (and at least as many as it took to find the best); 0 never.
   */
  readonly restartAfter: number;
}

/** Iterations between adjustments of the load price. */
const PRICE_PERIOD = 100;

export const DEFAULT_PARAMS: SearchParams = {
  neighbours: 12, ruinShare: 0.25, ruinMin: 4, ruinMax: 30, threshold: 0.01, cycle: 2000, forceServe: 0.2,
  routeRemoval: 0.1, granularFrom: 30, recreateGranularFrom: 100, feasibleShare: 0.5, repair: 0.5,
  without: [], restartAfter: 0,
};

/** A working solution with its own insertion cache and operators. */
export class Workspace {
  readonly sol: Solution;
  readonly inserter: Inserter;
  readonly ls: LocalSearch;

  constructor(problem: Problem, neighbours: readonly Int32Array[], granularFrom: number, without: readonly string[] = []) {
    this.sol = new Solution(problem);
    this.inserter = new Inserter(this.sol, { lists: neighbours, from: granularFrom });
    const allRouteOps = [
      new Relocate(this.sol), new Swap(this.sol), orOpt(this.sol, 2), orOpt(this.sol, 3),
      new TwoOpt(this.sol), new TwoOptStar(this.sol),
    ];
    const allClientOps = [
      new PatternChange(this.sol, this.inserter), new DaySwap(this.sol, this.inserter, neighbours),
      new Replace(this.sol, this.inserter), new OptionalEjection(this.sol, this.inserter),
    ];
    const names = [...allRouteOps, ...allClientOps].map((op) => op.name);
    for (const name of without) if (!names.includes(name)) throw new Error(`no operator is named ${name}; known: ${names.join(', ')}`);
    const routeOps = allRouteOps.filter((op) => !without.includes(op.name));
    const clientOps = allClientOps.filter((op) => !without.includes(op.name));
    this.ls = new LocalSearch(this.sol, routeOps, clientOps, neighbours, granularFrom);
  }
}

export class RuinRecreate {
  readonly current: Workspace;
  private readonly candidate: Workspace;
  private readonly neighbours: readonly Int32Array[];
  private readonly params: SearchParams;
  private readonly removed: number[] = [];
  private currentCost: number;
  /** Candidates without excess load since the last adjustment of the load price. */
  private feasibleSeen = 0;

  constructor(problem: Problem, params: SearchParams, checkDeltas: boolean) {
    this.params = params;
    this.neighbours = nearestClients(problem, params.neighbours);
    this.current = new Workspace(problem, this.neighbours, params.granularFrom, params.without);
    this.candidate = new Workspace(problem, this.neighbours, params.granularFrom, params.without);
    this.current.ls.checkDeltas = checkDeltas;
    this.candidate.ls.checkDeltas = checkDeltas;
    this.currentCost = 0;
  }

  /**
   * Builds the first solution: every client by urgency, then the local search.
   * `stop` (a time limit) may cut either short; the solution stays valid.
   */
  construct(rng: Rng, stop: () => boolean = () => false): number {
    const { sol, inserter, ls } = this.current;
    this.current.ls.stop = stop;
    this.candidate.ls.stop = stop;
    greedyInsertion(inserter, sol.problem, sol.problem.clients.map((_, c) => c), true, stop);
    ls.run(rng);
    if (this.params.feasibleShare > 0) this.setLoadWeight(initialLoadWeight(sol.problem));
    this.currentCost = sol.cost();
    return this.currentCost;
  }

  get restartAfter(): number {
    return this.params.restartAfter;
  }

  /** Replaces the current solution by a fresh one: every client in random order, then the local search. */
  restart(rng: Rng): void {
    const { sol, inserter, ls } = this.candidate;
    const clients = sol.problem.clients.map((_, c) => c);
    for (const c of clients) sol.removeClient(c);
    rng.shuffle(clients);
    regretInsertion(inserter, clients.filter((c) => sol.problem.clients[c].missPenalty > 0));
    greedyInsertion(inserter, sol.problem, clients.filter((c) => sol.problem.clients[c].missPenalty <= 0), false);
    ls.run(rng);
    this.current.sol.copyFrom(sol);
    this.currentCost = sol.cost();
  }

  /** The price of excess load, which the current solution holds (0: capacity stays hard). */
  private get loadWeight(): number {
    return this.current.sol.loadWeight;
  }

  private setLoadWeight(weight: number): void {
    this.current.sol.setLoadWeight(weight);
    this.candidate.sol.setLoadWeight(weight);
    this.currentCost = this.current.sol.cost();
  }

  /**
   * Runs iteration `iteration` and returns the candidate with its cost. The
   * acceptance threshold is a share of `bestRouting`, the best solution's
   * routing cost, so that penalties do not widen it.
   */
  iterate(
    rng: Rng,
    iteration: number,
    bestCost: number,
    bestRouting: number,
  ): { cost: number; solution: Solution; feasible: boolean } {
    const { sol, inserter, ls } = this.candidate;
    sol.copyFrom(this.current.sol);
    const removed = this.removed;
    removed.length = 0;
    const served = sol.pattern.reduce((n, p) => (p >= 0 ? n + 1 : n), 0);
    const { ruinShare, ruinMin, ruinMax } = this.params;
    const most = Math.min(served, Math.max(ruinMin, Math.min(ruinMax, Math.round(ruinShare * served))));
    const count = rng.between(Math.min(1, most), most);
    const ruin = rng.float();
    if (ruin < this.params.routeRemoval) routeRemoval(sol, rng, count, removed);
    else if (ruin < 0.5) randomRemoval(sol, rng, count, removed);
    else stringRemoval(sol, rng, count, this.neighbours, removed);
    const pending: number[] = [];
    for (let c = 0; c < sol.pattern.length; c++) if (!sol.isServed(c)) pending.push(c);
    rng.shuffle(pending);
    inserter.forceServe = rng.float() < this.params.forceServe;
    inserter.granularFrom = this.params.recreateGranularFrom;
    if (rng.float() < 0.5) greedyInsertion(inserter, sol.problem, pending, rng.float() < 0.5);
    else regretInsertion(inserter, pending);
    inserter.forceServe = false;
    inserter.granularFrom = this.params.granularFrom;
    ls.run(rng);
    let feasible = this.loadWeight === 0 || sol.excessLoad() === 0;
    if (!feasible && rng.float() < this.params.repair) {
      sol.setLoadWeight(10 * this.loadWeight);
      ls.run(rng);
      sol.setLoadWeight(this.loadWeight);
      feasible = sol.excessLoad() === 0;
    }
    if (this.loadWeight > 0) this.adjustLoadWeight(iteration, feasible);
    const cost = sol.cost();
    const { threshold, cycle } = this.params;
    const share = threshold * (1 - (iteration % cycle) / cycle);
    if (cost < this.currentCost || cost < bestCost + share * bestRouting) {
      this.current.sol.copyFrom(sol);
      this.currentCost = cost;
    }
    return { cost, solution: sol, feasible };
  }

  /** Raises the load price when too few candidates fit the capacities, lowers it when nearly all do. */
  private adjustLoadWeight(iteration: number, feasible: boolean): void {
    if (feasible) this.feasibleSeen++;
    if ((iteration + 1) % PRICE_PERIOD !== 0) return;
    const share = this.feasibleSeen / PRICE_PERIOD;
    this.feasibleSeen = 0;
    const target = this.params.feasibleShare;
    if (share < target - 0.05) this.setLoadWeight(this.loadWeight * 1.2);
    else if (share > target + 0.05) this.setLoadWeight(this.loadWeight * 0.85);
  }
}

/**
 * The first price of a unit of excess load: the longest edge over the largest
 * demand, so that one client too many costs about one long detour. 0 unless
 * capacity is tight: demand at least half of what the whole fleet can carry.
 * With a looser fleet, capacity rarely blocks a move, and overloading would
 * only be a way to save routes.
 */
function initialLoadWeight(problem: Problem): number {
  const maxDemand = problem.clients.reduce((m, c) => Math.max(m, c.demand), 0);
  const total = problem.clients.reduce((t, c) => t + c.demand * Math.max(...c.patterns.map((p) => p.days.length), 0), 0);
  const fleet = problem.shifts.reduce((t, s) => t + s.capacity, 0);
  if (maxDemand <= 0 || total < 0.5 * fleet) return 0;
  let longest = 0;
  for (const a of problem.clients) {
    for (const b of problem.clients) longest = Math.max(longest, edgeCost(problem, a.location, b.location));
  }
  return Math.max(longest, 1e-6) / maxDemand;
}
