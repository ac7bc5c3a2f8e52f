/** The plan's sentences in French. */
import { dayNumber, formatDay, isoDate, longDate, shortDate } from '../calendar.js';
import type { Sentences, Span } from './sentences.js';

/** French writes the first of the month "1er"; Intl writes "1". */
const first = (text: string) => text.replace(/(^|\s)1(\s|$)/, '$11er$2');
const date = (day: number) => first(longDate(day, 'fr'));
const short = (day: number) => first(shortDate(day, 'fr'));
const dates = (days: readonly number[]) => days.map(date).join(', ');
const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
const many = (list: readonly unknown[], one: string, more: string) => (list.length > 1 ? more : one);
/** Closes a sentence, once: French short dates end in a period of their own ("24 nov."). */
const end = (text: string) => (text.endsWith('.') ? text : `${text}.`);

function between({ from, to }: Span): string {
  if (from === to) return `le ${short(from)}`;
  const sameMonth = isoDate(from).slice(0, 7) === isoDate(to).slice(0, 7);
  return `entre le ${sameMonth ? first(formatDay(from, 'fr', { day: 'numeric' })) : short(from)} et le ${short(to)}`;
}

function within(span: Span): string {
  return span.from > span.to ? `d'ici la fin du plan, le ${short(span.end)}` : between(span);
}

const LIMITS = { max_visits: 'du nombre maximal de visites par jour', max_drive: 'du temps de conduite maximal par jour', working_hours: 'des horaires de travail' } as const;

const day = (iso: string) => date(dayNumber(iso));

export const french: Sentences = {
  unreachable: (name, why) => `${name} n'est pas accessible par la route : ${why}.`,
  appointmentsOutsideHours: (name, days) =>
    `${many(days, 'Le rendez-vous', 'Les rendez-vous')} avec ${name} le ${dates(days)} ${many(days, 'tombe', 'tombent')} en dehors des horaires de travail du commercial.`,
  appointmentsOnDaysOff: (name, days) =>
    `${many(days, 'Le rendez-vous', 'Les rendez-vous')} avec ${name} le ${dates(days)} ${many(days, 'tombe un jour', 'tombent des jours')} où le commercial ne travaille pas.`,
  appointmentCollision: (name, day, start, other, otherStart) =>
    `Le rendez-vous avec ${name} le ${date(day)} à ${start} chevauche le rendez-vous avec ${other} à ${otherStart}, qui est conservé : le commercial ne peut pas être aux deux.`,
  appointmentsOverfull: (name, day, start, limit) =>
    `Le rendez-vous avec ${name} le ${date(day)} à ${start} ne tient pas avec les autres rendez-vous de la journée dans la limite ${LIMITS[limit]}.`,
  appointmentOutOfReach: (name, day, start, drive, dayStart) =>
    `Le rendez-vous avec ${name} le ${date(day)} à ${start} est hors d'atteinte : le trajet depuis le point de départ prend ${String(drive)} minutes et la journée commence à ${dayStart}.`,
  noDayHolds: () => 'Aucun jour travaillé du plan ne peut accueillir la visite.',
  spacing: (name, minGap, maxGap, previous, span, working) =>
    end(`Les visites chez ${name} doivent être espacées de ${String(minGap)} à ${String(maxGap)} jours ; après la visite du ${date(previous)}, ${
      working ? `le compte n'est ouvert aucun jour travaillé ${between(span)}` : `le commercial ne travaille pas ${within(span)}`
    }`),
  noWorkingDay: (name, span) => `Le commercial ne travaille pas ${within(span)}, quand la visite chez ${name} est due.`,
  notOpen: (name, minutes, span) => end(`${name} n'est ouvert ${String(minutes)} minutes d'affilée aucun jour travaillé ${between(span)}`),
  noRoom: (name, span) => `Aucun jour travaillé ${between(span)} ne peut accueillir la visite chez ${name}.`,
  tooFar: (name, minutes, span) =>
    `${name} est trop loin pour une visite de ${String(minutes)} minutes dans les horaires d'ouverture et de travail de tout jour ${between(span)}, même sur une journée vide.`,
  maxVisits: (limit, span) => `Aucun jour travaillé ${between(span)} ne peut prendre une visite de plus : la limite est de ${plural(limit, 'visite')} par jour.`,
  maxDrive: (name, limit, span) => `Ajouter ${name} à un jour travaillé ${between(span)} dépasserait ${String(limit)} minutes de conduite.`,
  full: (name, minutes, span) => `Tous les jours travaillés ${between(span)} sont pleins : aucune tournée n'a ${String(minutes)} minutes libres dans les horaires d'ouverture de ${name}.`,
  noBreak: (day, minutes, earliest, latest) =>
    `Pas de place pour la pause déjeuner le ${date(day)} : les rendez-vous ne laissent pas ${String(minutes)} minutes commençant entre ${earliest} et ${latest} ; ce jour est planifié sans pause.`,
  change: {
    moved: (name, from, to, why) => end(`Visite chez ${name} déplacée du ${day(from)} au ${day(to)} : ${why}`),
    dropped: (name, from, why) => end(`Visite chez ${name} du ${day(from)} retirée : ${why}`),
    added: (name, to, why) => end(`Visite chez ${name} ajoutée le ${day(to)} : ${why}`),
    repUnavailable: (d) => `le commercial est indisponible le ${day(d)}`,
    repOff: (d) => `le commercial ne travaille pas le ${day(d)}`,
    accountClosed: (name, d) => `${name} est fermé le ${day(d)}`,
    noRoomInHours: (name, d) => `les horaires d'ouverture de ${name} ne laissent pas de place pour la visite le ${day(d)}`,
    appointment: (d, time) => `un rendez-vous est fixé le ${day(d)} à ${time}`,
    outsideWindow: (d, cadence) => `le ${day(d)} n'est plus parmi les jours où la visite est due (${cadence})`,
    optimised: () => 'ce déplacement réduit la conduite de la semaine ou libère de la place pour d\'autres visites',
    due: (cadence) => `une visite est due (${cadence})`,
    unplanned: (message) => `elle n'a pas pu être planifiée : ${message.replace(/\.$/, '')}`,
    notDue: (next) => `aucune autre visite n'est due dans ce plan${next === undefined ? '' : ` (la prochaine est due le ${day(next)})`}`,
    accountRemoved: () => 'le compte ne figure plus dans la demande',
    cadence: (visits, perWeeks, lastVisit) => {
      const often = perWeeks === 1
        ? (visits === 1 ? 'chaque semaine' : visits === 2 ? 'deux fois par semaine' : `${String(visits)} fois par semaine`)
        : visits === 1 ? `toutes les ${String(perWeeks)} semaines` : `${String(visits)} visites toutes les ${String(perWeeks)} semaines`;
      return lastVisit === undefined ? `${often}, pas encore de visite` : `${often} ; dernière visite le ${short(dayNumber(lastVisit))}`;
    },
  },
};
