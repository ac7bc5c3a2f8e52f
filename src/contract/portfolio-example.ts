/**
 * A small portfolio shown in the OpenAPI document: a rep in Vitré and six
 * accounts of a food-service wholesaler, with revenue, potential and the
 * CRM's own segment; the rest is left to the defaults.
 */

const HOURS = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }];

export const PORTFOLIO_EXAMPLE = {
  timezone: 'Europe/Paris',
  rep: {
    id: 'rep-vitre-01',
    start: { lat: 48.1236, lon: -1.2085 },
    workingHours: HOURS,
    break: { minutes: 45, earliest: '12:00', latest: '13:30' },
    unavailableDates: ['2027-05-06', '2027-05-07', '2027-08-02', '2027-08-03', '2027-08-04', '2027-08-05', '2027-08-06'],
  },
  period: { start: '2027-01-04', days: 365 },
  accounts: [
    { id: 'acc-001', name: 'Supermarché des Rochers', location: { lat: 48.1275, lon: -1.2126 }, visitMinutes: 60, frequency: { visits: 1, perWeeks: 1 }, revenue: 182000, potential: 240000, segment: 'A' },
    { id: 'acc-002', name: 'Hôtel du Château', location: { lat: 48.1241, lon: -1.2079 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 2 }, revenue: 21500, potential: 95000, segment: 'B' },
    { id: 'acc-003', name: 'Restaurant Le Vieux Moulin', location: { lat: 48.0689, lon: -1.3301 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 2 }, revenue: 16800, potential: 22000, segment: 'B' },
    { id: 'acc-004', name: 'Boulangerie Morel', location: { lat: 48.2163, lon: -1.1402 }, visitMinutes: 30, frequency: { visits: 1, perWeeks: 4 }, revenue: 3900, potential: 9000, segment: 'C' },
    { id: 'acc-005', name: 'Cave des Lices', location: { lat: 48.0552, lon: -1.1104 }, visitMinutes: 30, frequency: { visits: 1, perWeeks: 2 }, revenue: 2100, potential: 4000, segment: 'C' },
    { id: 'acc-006', name: 'Cantine scolaire de Châteaubourg', location: { lat: 48.1108, lon: -1.4008 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 4 }, revenue: 9400, potential: 61000 },
  ],
  prospecting: { visitsPerWeek: 2 },
};
