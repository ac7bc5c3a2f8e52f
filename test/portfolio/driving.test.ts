import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/contract/common.js';
import { drivePerVisit, estimateDriving, geography, loadFactor, stopsPerTour, weeklyDrive, type DrivingModel } from '../../src/portfolio/driving.js';
import { nearest, project, unproject } from '../../src/portfolio/geometry.js';

const HOME: Location = { lat: 48, lon: -1.5 };
/** A location x km east and y km north of HOME, unrounded (unproject rounds to a metre). */
const KY = (6371 * Math.PI) / 180;
const at = (x: number, y: number): Location => ({ lat: HOME.lat + y / KY, lon: HOME.lon + x / (KY * Math.cos((HOME.lat * Math.PI) / 180)) });
/** 1 km of road per km, at 60 km/h: one minute per kilometre. */
const KM: Pick<DrivingModel, 'detourFactor' | 'speedKmh' | 'dayFill' | 'loadThreshold' | 'loadPenalty'> = { detourFactor: 1, speedKmh: 60, dayFill: 1, loadThreshold: 1, loadPenalty: 0 };

/** A 7 × 7 grid of accounts 1 km apart, centred on HOME; index of (x, y) is (y + 3) * 7 + x + 3. */
const GRID = Array.from({ length: 49 }, (_, i) => at((i % 7) - 3, Math.floor(i / 7) - 3));
const cell = (x: number, y: number) => (y + 3) * 7 + x + 3;

describe('the local plane', () => {
  it('measures kilometres around the origin', () => {
    // 0.1° of latitude = 6371 km × 0.1 × π/180 = 11.1195 km; of longitude at 48° N, × cos 48° = 7.4403 km.
    const plane = project([{ lat: 48.1, lon: -1.5 }, { lat: 48, lon: -1.4 }], HOME);
    expect([plane.xs[0], plane.ys[0]]).toEqual([0, expect.closeTo(11.1195, 3)]);
    expect([plane.xs[1], plane.ys[1]]).toEqual([expect.closeTo(7.4403, 3), 0]);
  });

  it('projects back to the same point, to a metre', () => {
    const back = unproject(7.4403, 11.1195, HOME);
    expect(back.lat).toBeCloseTo(48.1, 4);
    expect(back.lon).toBeCloseTo(-1.4, 4);
  });

  it('finds the same k nearest distances as a brute-force search', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const points = Array.from({ length: 300 }, () => at(60 * next() - 30, next() < 0.5 ? 5 * next() : 60 * next() - 30));
    const plane = project(points, HOME);
    const found = nearest(plane, 8);
    for (let i = 0; i < points.length; i++) {
      const all = points.map((_, j) => Math.hypot(plane.xs[i] - plane.xs[j], plane.ys[i] - plane.ys[j])).filter((_, j) => j !== i).sort((a, b) => a - b);
      expect(found.radius[i]).toBeCloseTo(all[7] ?? 0, 9);
    }
  });
});

describe('driving per visit', () => {
  const geo = geography(GRID, HOME);
  const weekly = new Float64Array(49).fill(1);

  it('charges a hop of κ/√δ, δ the visits around the account', () => {
    // (1, 1): 8 nearest at 1 km (4) and √2 km (4), so r = √2; 9 weekly visits in π·2 km²:
    // δ = 9 / 2π, hop = √(2π/9) = 0.8355 km. Corner (3, 3): r = 2√2 (8th nearest is (1, 1)), hop = √(8π/9) = 1.6711 km.
    const hop = drivePerVisit(geo, weekly, 5, { ...KM, lineHaul: 0, local: 1 });
    expect(hop[cell(1, 1)]).toBeCloseTo(0.8355, 3);
    expect(hop[cell(3, 3)]).toBeCloseTo(1.6711, 3);
  });

  it('halves the hop when the visits around are four times as many', () => {
    const hop = drivePerVisit(geo, new Float64Array(49).fill(4), 5, { ...KM, lineHaul: 0, local: 1 });
    expect(hop[cell(1, 1)]).toBeCloseTo(0.8355 / 2, 3);
  });

  it('shares the trip from home and back between the stops of a tour', () => {
    // (1, 1) is √2 km from home: 2 × 1.4142 / 5 stops = 0.5657 km per visit.
    const trip = drivePerVisit(geo, weekly, 5, { ...KM, lineHaul: 1, local: 0 });
    expect(trip[cell(1, 1)]).toBeCloseTo(0.5657, 3);
    expect(trip[cell(0, 0)]).toBeCloseTo(0, 3);
  });

  it('turns kilometres into minutes with the detour factor and speed', () => {
    // 0.8355 km × 1.3 at 50 km/h = 1.3034 min.
    const hop = drivePerVisit(geo, weekly, 5, { ...KM, detourFactor: 1.3, speedKmh: 50, lineHaul: 0, local: 1 });
    expect(hop[cell(1, 1)]).toBeCloseTo(1.3034, 3);
  });
});

describe('stops per tour', () => {
  const day = { minutes: 540, maxVisits: undefined, perWeek: 5 };

  it('fills a day to its share of working time', () => {
    // 0.8 × 540 min / 60 min per stop = 7.2 stops; 30 visits a week need only 5 such days.
    expect(stopsPerTour(day, 30, 60, 0.8)).toBeCloseTo(7.2, 9);
  });

  it('keeps to the visits-per-day limit, overfills days when the week needs it, and holds no more than the week', () => {
    expect(stopsPerTour({ ...day, maxVisits: 6 }, 20, 60, 0.8)).toBe(6);
    // 50 visits over 5 days: 10 a day, whatever a day should hold.
    expect(stopsPerTour(day, 50, 60, 0.8)).toBe(10);
    expect(stopsPerTour(day, 3, 60, 0.8)).toBe(3);
  });

  it('settles tours and driving together: the week is the sum of its visits', () => {
    const geo = geography(GRID, HOME);
    const rates = Float64Array.from(GRID, (_, i) => (i % 2 === 0 ? 1 : 0.25));
    const estimate = estimateDriving(geo, rates, new Float64Array(49).fill(45), day, { ...KM, lineHaul: 1, local: 0.7, dayFill: 0.8 });
    expect(estimate.weeklyMinutes).toBeCloseTo(weeklyDrive(rates, estimate.perVisit), 9);
    const minutesPerStop = 45 + estimate.weeklyMinutes / rates.reduce((s, r) => s + r, 0);
    expect(estimate.stopsPerTour).toBeCloseTo((0.8 * 540) / minutesPerStop, 1);
  });
});

describe('the load factor', () => {
  const day = { minutes: 540, maxVisits: undefined, perWeek: 5 };
  const model = { loadThreshold: 0.55, loadPenalty: 1.25 };

  it('adds driving only when visits fill more than the threshold of the working week', () => {
    // 1,890 of 2,700 working minutes are visits: 0.70, 0.15 over 0.55, so 1 + 1.25 × 0.15 = 1.1875.
    expect(loadFactor(1890, day, model)).toBeCloseTo(1.1875, 9);
    expect(loadFactor(1350, day, model)).toBe(1);
  });

  it('scales the whole estimate', () => {
    const geo = geography(GRID, HOME);
    const rates = new Float64Array(49).fill(1);
    const light = estimateDriving(geo, rates, new Float64Array(49).fill(20), day, { ...KM, lineHaul: 1, local: 0.7, ...model });
    // 49 visits of 40 min = 1,960 min: 0.726 of the week, factor 1 + 1.25 × 0.176 = 1.2199; the tours are as long.
    const heavy = estimateDriving(geo, rates, new Float64Array(49).fill(40), day, { ...KM, lineHaul: 1, local: 0.7, ...model, dayFill: 100 });
    const lightFlat = estimateDriving(geo, rates, new Float64Array(49).fill(20), day, { ...KM, lineHaul: 1, local: 0.7, dayFill: 100 });
    expect(light.weeklyMinutes).toBeCloseTo(estimateDriving(geo, rates, new Float64Array(49).fill(20), day, { ...KM, lineHaul: 1, local: 0.7 }).weeklyMinutes, 9);
    expect(heavy.weeklyMinutes / lightFlat.weeklyMinutes).toBeCloseTo(1 + 1.25 * (1960 / 2700 - 0.55), 6);
  });
});
