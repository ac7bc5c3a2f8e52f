/**
 * The words of the exports (CSV headers, calendar text, map labels) in each
 * language, behind one interface so that the languages stay in step. The
 * plan's own sentences (unplanned reasons) are not here: the plan carries them.
 */
import type { Locale } from '../contract/common.js';
import type { StopResult } from '../contract/plan-result.js';

export interface Labels {
  readonly kind: Readonly<Record<StopResult['kind'], string>>;
  readonly yes: string;
  readonly csvHeader: readonly string[];
  readonly appointment: string;
  readonly prospect: string;
  readonly start: string;
  readonly end: string;
  readonly notPlanned: string;
  readonly straight: string;
  readonly road: string;
  /** "Appointment: X"; French sets a space before the colon. */
  readonly colon: string;
  visitOfDay(order: number, count: number): string;
  arrival(time: string, waitMinutes: number): string;
  drive(minutes: number, km: string): string;
  calendarName(repId: string): string;
  mapTitle(repId: string): string;
  daySummary(visits: number, driveMinutes: number, km: string): string;
  weekSummary(planned: number, required: number, km: string): string;
  times(start: string, end: string, arrival: string): string;
}

const english: Labels = {
  kind: { account: 'Account', prospect: 'Prospect', break: 'Break' },
  yes: 'yes',
  csvHeader: ['Date', 'Day', 'Order', 'Kind', 'Id', 'Name', 'Arrival', 'Start', 'End', 'Wait (min)', 'Drive (min)', 'Drive (km)', 'Latitude', 'Longitude', 'Appointment'],
  appointment: 'Appointment',
  prospect: 'Prospect',
  start: 'Start',
  end: 'End',
  notPlanned: 'Not planned',
  straight: 'straight lines between stops (no road geometry)',
  road: 'road geometry',
  colon: ': ',
  visitOfDay: (order, count) => `Visit ${String(order)} of ${String(count)} of the day.`,
  arrival: (time, wait) => (wait > 0 ? `Arrival ${time}, ${String(wait)} min wait.` : `Arrival ${time}.`),
  drive: (minutes, km) => `Drive from the previous stop: ${String(minutes)} min, ${km} km.`,
  calendarName: (rep) => `Tournée ${rep}`,
  mapTitle: (rep) => `Week of ${rep}`,
  daySummary: (visits, minutes, km) => `${String(visits)} visit${visits === 1 ? '' : 's'}, ${String(minutes)} min, ${km} km`,
  weekSummary: (planned, required, km) => `${String(planned)} of ${String(required)} required visits planned, ${km} km`,
  times: (start, end, arrival) => `${start}–${end} (arrival ${arrival})`,
};

const french: Labels = {
  kind: { account: 'Compte', prospect: 'Prospect', break: 'Pause' },
  yes: 'oui',
  csvHeader: ['Date', 'Jour', 'Ordre', 'Type', 'Identifiant', 'Nom', 'Arrivée', 'Début', 'Fin', 'Attente (min)', 'Trajet (min)', 'Trajet (km)', 'Latitude', 'Longitude', 'Rendez-vous'],
  appointment: 'Rendez-vous',
  prospect: 'Prospect',
  start: 'Départ',
  end: 'Arrivée',
  notPlanned: 'Non planifié',
  straight: 'lignes droites entre les arrêts (pas de tracé routier)',
  road: 'tracé routier',
  colon: ' : ',
  visitOfDay: (order, count) => `Visite ${String(order)} sur ${String(count)} de la journée.`,
  arrival: (time, wait) => (wait > 0 ? `Arrivée ${time}, ${String(wait)} min d'attente.` : `Arrivée ${time}.`),
  drive: (minutes, km) => `Trajet depuis l'arrêt précédent : ${String(minutes)} min, ${km} km.`,
  calendarName: (rep) => `Tournée ${rep}`,
  mapTitle: (rep) => `Semaine de ${rep}`,
  daySummary: (visits, minutes, km) => `${String(visits)} visite${visits === 1 ? '' : 's'}, ${String(minutes)} min, ${km} km`,
  weekSummary: (planned, required, km) => `${String(planned)} visites planifiées sur ${String(required)} requises, ${km} km`,
  times: (start, end, arrival) => `${start}–${end} (arrivée ${arrival})`,
};

const BY_LOCALE: Readonly<Record<Locale, Labels>> = { en: english, fr: french };

export function labels(locale: Locale): Labels {
  return BY_LOCALE[locale];
}

/** A decimal number as the language writes it (no grouping): 21.7 or 21,7. */
export function decimal(value: number, locale: Locale): string {
  // Tiny values would print as 1e-7, which no spreadsheet reads as a coordinate.
  const text = Math.abs(value) < 1e-6 ? value.toFixed(9).replace(/\.?0+$/, '') : String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}
