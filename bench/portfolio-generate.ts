/**
 * Seeded portfolios for the portfolio bench and the driving validation: a rep
 * in Vitré (Ille-et-Vilaine), accounts gathered in towns around it with some
 * countryside between, revenues spread as in real portfolios (log-normal: a
 * fifth of the accounts make most of the revenue), potentials above revenue,
 * and current frequencies set by revenue rank as sales managers usually do.
 * About 100 such accounts fill a rep's working week; 70 fill the time left
 * once admin and prospecting are counted.
 *
 *   npm run build && node dist/bench/portfolio-generate.js --accounts 70 --seed 7 > examples/portfolio.json
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Location } from '../src/contract/common.js';
import type { PlanRequestInput } from '../src/contract/plan-request.js';

type AccountInput = PlanRequestInput['accounts'][number];
type RepInput = PlanRequestInput['rep'];

export interface Shape {
  readonly accounts: number;
  /** Towns the accounts gather in, and the share of accounts spread over the countryside instead. */
  readonly towns: number;
  readonly rural: number;
  /** Radius of the territory, km. */
  readonly radiusKm: number;
  /** Where the rep lives: in the middle of the territory, or at its edge. */
  readonly home: 'centre' | 'edge';
}

export const VITRE: Location = { lat: 48.1236, lon: -1.2085 };

/** mulberry32: small, seeded, good enough to place accounts. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function offset(from: Location, eastKm: number, northKm: number): Location {
  const lat = from.lat + northKm / 111.195;
  const lon = from.lon + eastKm / (111.195 * Math.cos((from.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

/** A point uniformly in the disc of radius r around (0, 0), km. */
function inDisc(rand: () => number, r: number): [number, number] {
  const d = r * Math.sqrt(rand());
  const a = 2 * Math.PI * rand();
  return [d * Math.cos(a), d * Math.sin(a)];
}

export const REP: RepInput = {
  id: 'rep-vitre-01',
  start: VITRE,
  workingHours: [
    { days: ['mon', 'tue', 'wed', 'thu'], start: '08:00', end: '18:00' },
    { days: ['fri'], start: '08:00', end: '17:00' },
  ],
  break: { minutes: 45, earliest: '12:00', latest: '13:30' },
  maxVisitsPerDay: 10,
};

const LADDER = [
  { visits: 2, perWeeks: 1 },
  { visits: 1, perWeeks: 1 },
  { visits: 1, perWeeks: 2 },
  { visits: 1, perWeeks: 3 },
  { visits: 1, perWeeks: 4 },
  { visits: 1, perWeeks: 8 },
  { visits: 1, perWeeks: 13 },
] as const;

/** Current frequency by revenue rank (0 = largest), with some accounts a step off, as real portfolios have. */
function frequencyOf(rank: number, n: number, rand: () => number): (typeof LADDER)[number] {
  const q = rank / n;
  const base = q < 0.04 ? 0 : q < 0.2 ? 1 : q < 0.35 ? 2 : q < 0.5 ? 4 : q < 0.75 ? 5 : 6;
  const step = rand() < 0.15 ? (rand() < 0.5 ? -1 : 1) : 0;
  return LADDER[Math.max(0, Math.min(LADDER.length - 1, base + step))] ?? LADDER[4];
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

function openingHours(rand: () => number): AccountInput['openingHours'] {
  const u = rand();
  if (u < 0.3) return undefined;
  const days = u < 0.5 ? (['tue', 'wed', 'thu', 'fri', 'sat'] as const) : WEEKDAYS;
  return [
    { days: [...days], start: '08:30', end: '12:30' },
    { days: [...days], start: '14:00', end: '19:00' },
  ];
}

/** An ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A portfolio whose last visits are spread over each account's interval
 * before `start`, so that every week from `start` on carries its share.
 */
export function generatePortfolio(seed: number, shape: Shape, start: string): { rep: RepInput; accounts: AccountInput[] } {
  const rand = random(seed * 7919 + shape.accounts);
  const centre = shape.home === 'centre' ? VITRE : offset(VITRE, shape.radiusKm * 0.9, 0);
  const towns = Array.from({ length: shape.towns }, () => {
    const [x, y] = inDisc(rand, shape.radiusKm);
    return { x, y, spread: 0.8 + 2.2 * rand(), weight: 0.3 + rand() };
  });
  const totalWeight = towns.reduce((s, t) => s + t.weight, 0);
  const pick = () => {
    let u = rand() * totalWeight;
    for (const t of towns) if ((u -= t.weight) <= 0) return t;
    return towns[towns.length - 1] ?? { x: 0, y: 0, spread: 1, weight: 1 };
  };
  const revenues = Array.from({ length: shape.accounts }, () => Math.round(Math.exp(8.8 + 1.7 * gaussian(rand)) / 10) * 10);
  const rank = new Map([...revenues.keys()].sort((a, b) => (revenues[b] ?? 0) - (revenues[a] ?? 0)).map((i, r) => [i, r]));
  const accounts = revenues.map((revenue, i): AccountInput => {
    const r = rank.get(i) ?? 0;
    const [x, y] = rand() < shape.rural || towns.length === 0 ? inDisc(rand, shape.radiusKm) : townPoint(rand, pick());
    const frequency = frequencyOf(r, shape.accounts, rand);
    const interval = (7 * frequency.perWeeks) / frequency.visits;
    const share = 0.08 + 0.9 * rand() ** 1.4;
    const q = r / shape.accounts;
    const hours = openingHours(rand);
    return {
      id: `acc-${String(i + 1).padStart(4, '0')}`,
      name: nameOf(i),
      location: offset(centre, x, y),
      visitMinutes: q < 0.2 ? 60 : q < 0.5 ? 45 : 30,
      frequency,
      priority: q < 0.2 ? 5 : q < 0.5 ? 3 : 1,
      lastVisit: addDays(start, -1 - Math.floor(rand() * interval)),
      revenue,
      potential: Math.round(revenue / share / 10) * 10,
      segment: q < 0.2 ? 'A' : q < 0.5 ? 'B' : 'C',
      ...(hours === undefined ? {} : { openingHours: hours }),
    };
  });
  return { rep: REP, accounts };
}

const KINDS = ['Boulangerie', 'Restaurant', 'Hôtel', 'Épicerie', 'Café', 'Cantine', 'Brasserie', 'Crêperie', 'Traiteur', 'Supérette'];
const NAMES = ['Morel', 'Le Gall', 'Rault', 'Hervé', 'Guérin', 'Lebreton', 'Pichon', 'Collet', 'Rouxel', 'Jouan', 'Le Roux', 'Bertin', 'Gautier', 'Lemoine', 'Renaud', 'Hamon', 'Texier', 'Cadiou', 'Briand', 'Tanguy'];

/** A shop's name from its number: the same account keeps its name whatever the seed. */
function nameOf(i: number): string {
  return `${KINDS[i % KINDS.length] ?? ''} ${NAMES[(i * 7 + Math.floor(i / KINDS.length)) % NAMES.length] ?? ''}`;
}

function townPoint(rand: () => number, town: { x: number; y: number; spread: number }): [number, number] {
  return [town.x + town.spread * gaussian(rand), town.y + town.spread * gaussian(rand)];
}

/** French public holidays on weekdays in 2027, six weeks of leave and two training days. */
export const UNAVAILABLE_2027 = [
  '2027-03-29', '2027-05-06', '2027-05-17', '2027-07-14', '2027-11-01', '2027-11-11',
  ...['2027-04-19', '2027-04-20', '2027-04-21', '2027-04-22', '2027-04-23'],
  ...Array.from({ length: 19 }, (_, d) => addDays('2027-08-02', d)).filter((d) => ![6, 0].includes(new Date(`${d}T00:00:00Z`).getUTCDay())),
  ...['2027-12-20', '2027-12-21', '2027-12-22', '2027-12-23', '2027-12-24', '2027-12-27', '2027-12-28', '2027-12-29', '2027-12-30', '2027-12-31'],
  '2027-03-10', '2027-09-15',
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { accounts: { type: 'string', default: '70' }, seed: { type: 'string', default: '7' }, radius: { type: 'string', default: '35' }, prospecting: { type: 'string', default: '3' } },
  });
  const shape: Shape = { accounts: Number(values.accounts), towns: 12, rural: 0.25, radiusKm: Number(values.radius), home: 'centre' };
  const { rep, accounts } = generatePortfolio(Number(values.seed), shape, '2027-01-04');
  const portfolio = {
    timezone: 'Europe/Paris',
    rep: { ...rep, unavailableDates: UNAVAILABLE_2027 },
    period: { start: '2027-01-04', days: 364 },
    accounts,
    prospecting: { visitsPerWeek: Number(values.prospecting), visitMinutes: 45 },
  };
  console.log(JSON.stringify(portfolio, null, 2));
}
