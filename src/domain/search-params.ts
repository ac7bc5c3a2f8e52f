/**
 * How the search is tuned for a rep's weeks. The solver's defaults suit the
 * literature's instances (hundreds of clients, capacities); a rep's weeks are
 * smaller and bound by time: a few dozen visits, breaks and opening hours,
 * where good plans lie in basins a few per cent apart. There the search pays
 * for bolder steps: larger ruins, a wider acceptance band over longer cycles,
 * and a fresh start when it has stalled for a while. Measured on the sales
 * weeks (README, "Solver quality").
 */
import type { SearchParams } from '../solver/ruin-recreate.js';

export const WEEK_SEARCH: Partial<SearchParams> = {
  ruinShare: 0.4,
  threshold: 0.05,
  cycle: 5000,
  restartAfter: 1000,
};
