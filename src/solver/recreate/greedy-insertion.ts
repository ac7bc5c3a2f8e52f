/**
 * Greedy insertion: clients one by one, in the given order or most urgent
 * first (high miss penalty, then few patterns; ties in the given order), each
 * with its best pattern at its cheapest places, or left out when that is
 * cheaper.
 */
import type { Inserter, PatternChoice } from '../insertion.js';
import type { Problem } from '../problem.js';

/** Sorts clients by urgency, keeping the given order among equals. */
export function byUrgency(problem: Problem, clients: number[]): number[] {
  const { clients: cs } = problem;
  return clients.sort((a, b) => cs[b].missPenalty - cs[a].missPenalty || cs[a].patterns.length - cs[b].patterns.length);
}

/** Inserts the clients one by one; `stop`, polled every 32 clients, leaves the rest unserved. */
export function greedyInsertion(inserter: Inserter, problem: Problem, clients: number[], urgentFirst = true, stop?: () => boolean): void {
  const choice: PatternChoice = { pattern: -1, cost: 0, second: 0 };
  const order = urgentFirst ? byUrgency(problem, clients) : clients;
  for (let k = 0; k < order.length; k++) {
    if ((k & 31) === 31 && stop?.() === true) return;
    inserter.choose(order[k], false, choice);
    inserter.insertClient(order[k], choice.pattern);
  }
}
