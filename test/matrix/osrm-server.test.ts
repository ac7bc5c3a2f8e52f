/** The test server answers like osrm-routed, so the client tests mean something. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';

let server: OsrmServer;
beforeAll(async () => {
  server = await startOsrmServer({ maxTableSize: 2, noRoad: [{ south: 10, west: 10, north: 11, east: 11 }] });
});
afterAll(async () => {
  await server.close();
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('OSRM test server', () => {
  it('answers a table with durations, distances and snapped waypoints', async () => {
    const { status, body } = await get('/table/v1/driving/-1,48;-1,48.01?annotations=duration,distance');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'Ok', durations: [[0, 96.1], [96.1, 0]], distances: [[0, 1334.3], [1334.3, 0]] });
    expect(body).toHaveProperty('sources.0.distance', 0);
  });

  it('refuses more than max² cells with TooBig, like osrm-routed', async () => {
    expect(await get('/table/v1/driving/0,0;0,1;0,2?sources=0;1&destinations=0;1')).toMatchObject({ status: 200 });
    expect(await get('/table/v1/driving/0,0;0,1;0,2')).toEqual({ status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } });
  });

  it('answers NoSegment with the index of the coordinate off the roads', async () => {
    expect(await get('/table/v1/driving/0,0;10.5,10.5')).toEqual({
      status: 400,
      body: { code: 'NoSegment', message: 'Could not find a matching segment for coordinate 1' },
    });
  });

  it('answers InvalidQuery for malformed coordinates and InvalidOptions for out-of-range ones', async () => {
    expect(await get('/table/v1/driving/0,0;abc')).toMatchObject({ status: 400, body: { code: 'InvalidQuery' } });
    expect(await get('/table/v1/driving/0,0;200,0')).toMatchObject({ status: 400, body: { code: 'InvalidOptions' } });
  });

  it('counts every request, faulty ones included', async () => {
    const before = server.requests.length;
    server.setFault({ kind: 'status', status: 502 });
    expect((await fetch(`${server.url}/table/v1/driving/0,0;0,1`)).status).toBe(502);
    expect(server.requests.length).toBe(before + 1);
  });
});
