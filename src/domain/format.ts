/** A PlanResult as readable text for a terminal: one block per day, then the totals and what was left out. */
import type { PlanResult } from '../contract/plan-result.js';
import { dayNumber, longDate } from './calendar.js';

export function formatWeek(result: PlanResult): string {
  const lines: string[] = [];
  for (const day of result.days) {
    lines.push(`${longDate(dayNumber(day.date))} ${day.date.slice(0, 4)}  (${day.driveMinutes} min drive, ${day.driveKm} km, ${day.visitMinutes} min of visits)`);
    lines.push(`  ${day.departure}        Depart`);
    for (const stop of day.stops) {
      if (stop.kind === 'break') {
        lines.push(`  ${stop.start}–${stop.end}  Break`);
        continue;
      }
      const label = stop.name ?? stop.id ?? '';
      const tags = [`${stop.travelMinutes} min drive`];
      if (stop.waitMinutes > 0) tags.push(`${stop.waitMinutes} min wait`);
      if (stop.kind === 'prospect') tags.push('prospect');
      if (stop.appointment === true) tags.push('appointment');
      lines.push(`  ${stop.start}–${stop.end}  ${label}  (${tags.join(', ')})`);
    }
    lines.push(`  ${day.return}        Back  (${day.returnTravelMinutes} min drive)`);
    lines.push('');
  }
  if (result.days.length === 0) lines.push('No visits planned.', '');

  const s = result.summary;
  const fallback = s.travelTimeFallback === true ? ' (fallback)' : '';
  lines.push(
    `Visits: ${s.visitsPlanned} of ${s.visitsRequired} planned, ${s.visitsMissed} missed; ${s.prospectVisits} prospect visit${s.prospectVisits === 1 ? '' : 's'}.`,
    `Driving: ${s.driveMinutes} min, ${s.driveKm} km. In visits: ${s.visitMinutes} min. Utilisation: ${Math.round(s.utilisation * 100)}%.`,
    `Travel times: ${s.travelTimeSource}${fallback}.`,
  );
  if (result.unplanned.length > 0) {
    lines.push('', 'Not planned:');
    for (const u of result.unplanned) {
      lines.push(`  ${u.accountId} (${u.visitsMissing} visit${u.visitsMissing === 1 ? '' : 's'}, ${u.reason}): ${u.message}`);
    }
  }
  return lines.join('\n');
}
