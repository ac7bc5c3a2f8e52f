/**
 * An iCalendar VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, built from the
 * offsets Intl knows: one observance per offset change found in the year
 * before the plan and through it, each with its onset in local time.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of a zone at an instant (Intl's "GMT+01:00"). */
export function offsetMinutes(zone: string, at: number): number {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export interface Transition {
  /** The instant of the change (ms since the epoch). */
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** Offset changes between two instants: daily samples, each change narrowed to the minute. */
export function transitions(zone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  let before = offsetMinutes(zone, from);
  for (let t = from + DAY; t < to + DAY; t += DAY) {
    const after = offsetMinutes(zone, t);
    if (after === before) continue;
    let low = t - DAY;
    let high = t;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(zone, mid) === before) low = mid;
      else high = mid;
    }
    found.push({ at: high, from: before, to: after });
    before = after;
  }
  return found;
}

/** "+0100", "-0330". */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const UTC_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** "YYYYMMDDTHHMMSS" of an instant read on a clock `offset` minutes east of UTC. */
export function localStamp(at: number, offset: number): string {
  const iso = UTC_PARTS.formatToParts(at + offset * MINUTE);
  const part = (type: Intl.DateTimeFormatPartTypes) => iso.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}${part('month')}${part('day')}T${part('hour')}${part('minute')}${part('second')}`;
}

/**
 * The VTIMEZONE lines for `zone` covering [from, to]: an observance from 1970
 * with the offset in force a year before `from`, then one per change. An
 * offset above the smaller of the year's offsets is daylight saving time.
 */
export function vtimezone(zone: string, from: number, to: number): string[] {
  const start = from - 366 * DAY;
  const changes = transitions(zone, start, to);
  const initial = offsetMinutes(zone, start);
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const observance = (onset: string, before: number, after: number) => {
    const kind = after > standard ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${utcOffset(before)}`, `TZOFFSETTO:${utcOffset(after)}`, `END:${kind}`];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance('19700101T000000', initial, initial),
    ...changes.flatMap((c) => observance(localStamp(c.at, c.from), c.from, c.to)),
    'END:VTIMEZONE',
  ];
}
