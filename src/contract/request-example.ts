/** The smallest useful plan request, shown in the OpenAPI document: a rep, two accounts, defaults for the rest. */

export const MINIMAL_REQUEST = {
  rep: {
    id: 'rep-rennes-01',
    start: { lat: 48.1173, lon: -1.6778 },
    workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
  },
  accounts: [
    { id: 'acc-0042', name: 'Boulangerie Morel', location: { lat: 48.1, lon: -1.6 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 1 }, priority: 5 },
    { id: 'acc-0007', location: { lat: 48.2, lon: -1.7 }, visitMinutes: 30, frequency: { visits: 1, perWeeks: 2 }, lastVisit: '2026-11-20' },
  ],
};
