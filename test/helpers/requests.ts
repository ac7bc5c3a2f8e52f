import type { PlanRequestInput } from '../../src/contract/plan-request.js';

/** A small valid request around Rennes: five accounts, one prospect, one week. */
export function smallRequest(overrides: Partial<PlanRequestInput> = {}): PlanRequestInput {
  return {
    timezone: 'Europe/Paris',
    rep: {
      id: 'rep-1',
      start: { lat: 48.1173, lon: -1.6778 },
      workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
      break: { minutes: 45, earliest: '12:00', latest: '13:30' },
    },
    horizon: { start: '2026-11-30', days: 7 },
    accounts: [
      { id: 'a1', name: 'Boulangerie Morel', location: { lat: 48.1, lon: -1.6 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 1 }, priority: 5, lastVisit: '2026-11-24' },
      { id: 'a2', name: 'Pharmacie du Centre', location: { lat: 48.2, lon: -1.7 }, visitMinutes: 30, frequency: { visits: 2, perWeeks: 1 }, priority: 5,
        openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' }, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '19:00' }] },
      { id: 'a3', location: { lat: 48.05, lon: -1.75 }, visitMinutes: 30, frequency: { visits: 1, perWeeks: 2 }, priority: 3, lastVisit: '2026-11-20' },
      { id: 'a4', location: { lat: 48.15, lon: -1.5 }, visitMinutes: 20, frequency: { visits: 1, perWeeks: 4 }, priority: 1, lastVisit: '2026-11-02' },
      { id: 'a5', location: { lat: 48.12, lon: -1.65 }, visitMinutes: 60, frequency: { visits: 1, perWeeks: 1 }, priority: 3, appointments: [{ date: '2026-12-02', start: '10:30' }] },
    ],
    prospects: [{ id: 'p1', location: { lat: 48.11, lon: -1.62 }, visitMinutes: 30, potential: 10000 }],
    prospecting: { visitsPerWeek: 1 },
    options: { timeLimitSeconds: 5, seed: 1, iterations: 200 },
    ...overrides,
  };
}
