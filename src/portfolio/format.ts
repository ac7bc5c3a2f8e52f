/** The analysis as text for a terminal: one screen of figures, then the frequency changes worth reading. */
import type { PortfolioAnalysis, Workload } from '../contract/portfolio-analysis.js';
import type { PortfolioRequest } from '../contract/portfolio-request.js';
import { describe } from './ladder.js';
import { amount, percent } from './reasons.js';

const QUADRANT_NAMES = { keep: 'to keep', vivier: 'vivier (fragile)', develop: 'to develop', maintain: 'to maintain at low cost' } as const;

/** How many frequency changes and lowerings are listed (the JSON has them all). */
const LISTED = 15;

export function formatAnalysis(request: PortfolioRequest, analysis: PortfolioAnalysis): string {
  return [...header(request, analysis), '', ...segments(analysis), '', ...time(analysis), '', ...capacity(analysis), '', ...suggestion(request, analysis), '', ...costs(analysis)].join('\n');
}

function header(request: PortfolioRequest, a: PortfolioAnalysis): string[] {
  const p = a.time.period;
  return [`Portfolio of ${String(request.accounts.length)} accounts, rep ${request.rep.id}, ${p.start} to ${p.end}`];
}

function segments(a: PortfolioAnalysis): string[] {
  const { abc, matrix, crm } = a.segmentation;
  const lines = [`Segments by cumulative revenue (A to ${percent(abc.thresholds.a)}, B to ${percent(abc.thresholds.b)})`];
  for (const s of abc.segments) {
    lines.push(`  ${s.segment}  ${pad(s.accounts, 5)} accounts (${percent(s.accountShare)})  revenue ${amount(s.revenue)} (${percent(s.revenueShare)})  potential ${amount(s.potential)}`);
  }
  if (abc.unrated > 0) lines.push(`  ${String(abc.unrated)} accounts without revenue`);
  lines.push(`Potential × share of wallet (high potential from ${amount(matrix.potentialSplit)}, high share from ${percent(matrix.shareSplit)})`);
  for (const q of matrix.quadrants) {
    lines.push(`  ${QUADRANT_NAMES[q.quadrant].padEnd(24)} ${pad(q.accounts, 5)} accounts  revenue ${amount(q.revenue)}  potential ${amount(q.potential)}  headroom ${amount(q.headroom)}`);
  }
  if (crm.length > 0) lines.push(`CRM segments: ${crm.map((c) => `${c.segment} ${String(c.accounts)} (A ${String(c.abc.A)}, B ${String(c.abc.B)}, C ${String(c.abc.C)})`).join('; ')}`);
  return lines;
}

function time(a: PortfolioAnalysis): string[] {
  const w = a.time.perWeek;
  return [
    `Time per worked week (${String(a.time.period.workingDays)} working days, ${String(a.time.period.workedWeeks)} worked weeks)`,
    `  ${hours(w.workingHours)} working − ${hours(w.nonVisitHours)} non-visit − ${hours(w.prospectingHours)} prospecting = ${hours(w.availableHours)} for account visits and their driving`,
    `  driving estimated at ${String(a.driving.minutesPerVisit)} min a visit, ${String(a.driving.stopsPerTour)} visits a tour${a.driving.calibrated ? ` (calibrated ×${String(a.driving.scale)})` : ''}`,
  ];
}

function workload(w: Workload): string {
  return `${String(w.visitsPerWeek)} visits a week: ${hours(w.visitHours)} of visits + ${hours(w.drivingHours)} of driving = ${hours(w.requiredHours)} against ${hours(w.availableHours)}, ${w.fits ? 'fits' : 'does not fit'} (load ${percent(w.load)})`;
}

function capacity(a: PortfolioAnalysis): string[] {
  const lines = ['Capacity at the current frequencies', `  ${workload(a.capacity.current)}`];
  const r = a.capacity.remedies;
  if (r === null) return lines;
  const lower = r.lowerFrequencies;
  lines.push(`  To fit, ${String(a.capacity.shortfallHours)} h a week short, any of:`);
  lines.push(`  - lower ${String(lower.changes.length)} frequencies${lower.fits ? '' : ' (not enough on its own)'}, those freeing most time first:`);
  const largest = [...lower.changes].sort((x, y) => y.hoursFreed - x.hoursFreed);
  for (const c of largest.slice(0, LISTED)) lines.push(`      ${c.accountId}: ${describe(c.from)} → ${describe(c.to)} (${c.hoursFreed.toFixed(2)} h a week)`);
  if (lower.changes.length > LISTED) lines.push(`      … and ${String(lower.changes.length - LISTED)} more (see --json)`);
  lines.push(`  - add ${String(r.addRepDaysPerWeek)} rep-days a week`);
  lines.push(`  - ${String(r.reps.needed)} reps, the portfolio split by geography:`);
  for (const t of r.reps.territories) {
    const from = t.rep === 1 ? 'home' : `${String(t.home.lat)}, ${String(t.home.lon)}`;
    lines.push(`      rep ${String(t.rep)} (from ${from}): ${String(t.accountIds.length)} accounts, revenue ${amount(t.revenue)}, ${hours(t.workload.requiredHours)} a week${t.workload.fits ? '' : ' (does not fit)'}`);
  }
  return lines;
}

function suggestion(request: PortfolioRequest, a: PortfolioAnalysis): string[] {
  const c = a.suggestion.changes;
  const names = new Map(request.accounts.map((acc) => [acc.id, acc.name]));
  const changed = a.accounts.filter((r) => r.change !== 'same').sort((x, y) => Math.abs(y.visitsPerYearChange) - Math.abs(x.visitsPerYearChange));
  const lines = ['Suggested frequencies', `  ${workload(a.suggestion.workload)}`, `  ${String(c.more)} accounts more often, ${String(c.fewer)} less often, ${String(c.same)} unchanged; the largest changes:`];
  for (const r of changed.slice(0, LISTED)) {
    const name = names.get(r.id);
    lines.push(`  ${r.id}${name === undefined ? '' : ` ${name}`} (${r.visitsPerYearChange > 0 ? '+' : ''}${String(r.visitsPerYearChange)} visits a year): ${r.reason}`);
  }
  return lines;
}

function costs(a: PortfolioAnalysis): string[] {
  const c = a.costs;
  const figures = (f: PortfolioAnalysis['costs']['total']['current']) =>
    `${amount(f.visitsPerYear)} visits ${amount(f.cost)}${f.costShareOfRevenue === null ? '' : ` (${percent(f.costShareOfRevenue)} of revenue)`}`;
  const lines = [`Cost of the visits at ${amount(c.costPerVisit)} a visit, current → suggested`];
  for (const s of c.segments) lines.push(`  ${s.segment.padEnd(7)} ${figures(s.current)} → ${figures(s.suggested)}`);
  lines.push(`  ${'total'.padEnd(7)} ${figures(c.total.current)} → ${figures(c.total.suggested)}`);
  return lines;
}

function hours(h: number): string {
  return `${h.toFixed(1)} h`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}
