/** A PlanResult as readable text for a terminal: one block per day, then the totals and what was left out. */
import type { Locale } from '../contract/common.js';
import type { PlanResult } from '../contract/plan-result.js';
import { dayNumber, longDate } from './calendar.js';

interface Words {
  day(driveMinutes: number, driveKm: string, visitMinutes: number): string;
  depart: string;
  back(minutes: number): string;
  break: string;
  drive(minutes: number): string;
  wait(minutes: number): string;
  prospect: string;
  appointment: string;
  none: string;
  visits(planned: number, required: number, missed: number, prospects: number): string;
  driving(minutes: number, km: string, visitMinutes: number, utilisation: number): string;
  source(source: string, fallback: boolean): string;
  notPlanned: string;
  missing(visits: number): string;
}

const s = (n: number, word: string, plural = `${word}s`) => `${String(n)} ${n === 1 ? word : plural}`;

const WORDS: Readonly<Record<Locale, Words>> = {
  en: {
    day: (drive, km, visits) => `${String(drive)} min drive, ${km} km, ${String(visits)} min of visits`,
    depart: 'Depart',
    back: (minutes) => `Back  (${String(minutes)} min drive)`,
    break: 'Break',
    drive: (minutes) => `${String(minutes)} min drive`,
    wait: (minutes) => `${String(minutes)} min wait`,
    prospect: 'prospect',
    appointment: 'appointment',
    none: 'No visits planned.',
    visits: (planned, required, missed, prospects) =>
      `Visits: ${String(planned)} of ${String(required)} planned, ${String(missed)} missed; ${s(prospects, 'prospect visit')}.`,
    driving: (minutes, km, visits, utilisation) =>
      `Driving: ${String(minutes)} min, ${km} km. In visits: ${String(visits)} min. Utilisation: ${String(utilisation)}%.`,
    source: (source, fallback) => `Travel times: ${source}${fallback ? ' (fallback)' : ''}.`,
    notPlanned: 'Not planned:',
    missing: (visits) => s(visits, 'visit'),
  },
  fr: {
    day: (drive, km, visits) => `${String(drive)} min de route, ${km} km, ${String(visits)} min de visites`,
    depart: 'Départ',
    back: (minutes) => `Retour  (${String(minutes)} min de route)`,
    break: 'Pause',
    drive: (minutes) => `${String(minutes)} min de route`,
    wait: (minutes) => `${String(minutes)} min d'attente`,
    prospect: 'prospect',
    appointment: 'rendez-vous',
    none: 'Aucune visite planifiée.',
    visits: (planned, required, missed, prospects) =>
      `Visites : ${String(planned)} sur ${String(required)} planifiées, ${s(missed, 'manquée')} ; ${s(prospects, 'visite de prospect', 'visites de prospects')}.`,
    driving: (minutes, km, visits, utilisation) =>
      `Conduite : ${String(minutes)} min, ${km} km. En visite : ${String(visits)} min. Taux d'occupation : ${String(utilisation)} %.`,
    source: (source, fallback) => `Temps de trajet : ${source}${fallback ? ' (repli)' : ''}.`,
    notPlanned: 'Non planifié :',
    missing: (visits) => s(visits, 'visite'),
  },
};

/** Kilometres as the language writes them: 21.7 or 21,7. */
function kmText(km: number, locale: Locale): string {
  return locale === 'fr' ? String(km).replace('.', ',') : String(km);
}

/** The week in the given language (by default the plan's); the plan's own sentences stay in its language. */
export function formatWeek(result: PlanResult, locale: Locale = result.locale): string {
  const w = WORDS[locale];
  const lines: string[] = [];
  for (const day of result.days) {
    lines.push(`${longDate(dayNumber(day.date), locale)} ${day.date.slice(0, 4)}  (${w.day(day.driveMinutes, kmText(day.driveKm, locale), day.visitMinutes)})`);
    lines.push(`  ${day.departure}        ${w.depart}`);
    for (const stop of day.stops) {
      if (stop.kind === 'break') {
        lines.push(`  ${stop.start}–${stop.end}  ${w.break}`);
        continue;
      }
      const label = stop.name ?? stop.id ?? '';
      const tags = [w.drive(stop.travelMinutes)];
      if (stop.waitMinutes > 0) tags.push(w.wait(stop.waitMinutes));
      if (stop.kind === 'prospect') tags.push(w.prospect);
      if (stop.appointment === true) tags.push(w.appointment);
      lines.push(`  ${stop.start}–${stop.end}  ${label}  (${tags.join(', ')})`);
    }
    lines.push(`  ${day.return}        ${w.back(day.returnTravelMinutes)}`);
    lines.push('');
  }
  if (result.days.length === 0) lines.push(w.none, '');

  const sum = result.summary;
  lines.push(
    w.visits(sum.visitsPlanned, sum.visitsRequired, sum.visitsMissed, sum.prospectVisits),
    w.driving(sum.driveMinutes, kmText(sum.driveKm, locale), sum.visitMinutes, Math.round(sum.utilisation * 100)),
    w.source(sum.travelTimeSource, sum.travelTimeFallback === true),
  );
  if (result.unplanned.length > 0) {
    lines.push('', w.notPlanned);
    for (const u of result.unplanned) {
      lines.push(`  ${u.accountId} (${w.missing(u.visitsMissing)}, ${u.reason}): ${u.message}`);
    }
  }
  return lines.join('\n');
}
