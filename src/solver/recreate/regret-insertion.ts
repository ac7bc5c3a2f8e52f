/**
 * Regret insertion: repeatedly serves the pending client whose best option
 * beats its second best by the most (leaving it out counts as an option), so
 * clients with few good places go first.
 */
import type { Inserter, PatternChoice } from '../insertion.js';

export function regretInsertion(inserter: Inserter, clients: readonly number[]): void {
  const pending = [...clients];
  const choice: PatternChoice = { pattern: -1, cost: 0, second: 0 };
  while (pending.length > 0) {
    let pick = 0;
    let pickPattern = -1;
    let bestRegret = -Infinity;
    let bestCost = Infinity;
    for (let i = 0; i < pending.length; i++) {
      inserter.choose(pending[i], false, choice);
      const regret = choice.second - choice.cost;
      if (regret > bestRegret || (regret === bestRegret && choice.cost < bestCost)) {
        pick = i;
        pickPattern = choice.pattern;
        bestRegret = regret;
        bestCost = choice.cost;
      }
    }
    inserter.insertClient(pending[pick], pickPattern);
    pending.splice(pick, 1);
  }
}
