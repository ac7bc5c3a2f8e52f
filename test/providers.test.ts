import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from '../src/config.js';
import { cachePrefix, createProviders } from '../src/providers.js';
import { startOsrmServer, type OsrmServer } from './helpers/osrm-server.js';

let server: OsrmServer;
const far = { lat: 48.2, lon: -1.6 };
const points = [{ lat: 48.1, lon: -1.7 }, far];

beforeAll(async () => {
  server = await startOsrmServer({ snapMetres: ([lon, lat]) => (lon === far.lon && lat === far.lat ? 2345 : 10) });
});
afterAll(async () => {
  await server.close();
});

describe('OSRM_MAX_SNAP_METERS', () => {
  it('defaults to 1,000 m and must be a positive number', () => {
    expect(loadConfig({}).OSRM_MAX_SNAP_METERS).toBe(1000);
    expect(loadConfig({ OSRM_MAX_SNAP_METERS: '2500' }).OSRM_MAX_SNAP_METERS).toBe(2500);
    expect(() => loadConfig({ OSRM_MAX_SNAP_METERS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ OSRM_MAX_SNAP_METERS: 'far' })).toThrow(/OSRM_MAX_SNAP_METERS/);
  });

  it('names an account farther from a road than the setting, with the distance', async () => {
    const osrm = createProviders(defaultConfig({ OSRM_URL: server.url })).travelTimes('osrm');
    const error = await osrm.matrix(points).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNREACHABLE_POINTS', points: [{ index: 1, reason: 'snapped-too-far', snapMetres: 2345 }] });
  });

  it('accepts that account when the setting allows its distance', async () => {
    const osrm = createProviders(defaultConfig({ OSRM_URL: server.url, OSRM_MAX_SNAP_METERS: '3000' })).travelTimes('osrm');
    expect(await osrm.matrix(points)).toMatchObject({ size: 2, source: 'osrm' });
  });
});

describe('the travel-time cache under a hash-tagged queue prefix', () => {
  it('keys its rows without the tag, so they spread over a cluster\'s slots', () => {
    expect(cachePrefix('{tournee}')).toBe('tournee');
    expect(cachePrefix('acme-{eu}')).toBe('acme-eu');
  });
});
