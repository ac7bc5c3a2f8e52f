/** The test double's own model and options; how it answers like osrm-routed is in contract.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairKey, startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';

let server: OsrmServer;
const noRoad = { south: 10, west: 10, north: 11, east: 11 };
beforeAll(async () => {
  server = await startOsrmServer({ maxTableSize: 2, noRoad: [noRoad], islands: [{ south: 20, west: 20, north: 21, east: 21 }] });
});
afterAll(async () => {
  await server.close();
});

async function get(path: string, on: OsrmServer = server): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${on.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('OSRM test double', () => {
  it('answers a table with the road model: durations, distances and snapped waypoints', async () => {
    const { status, body } = await get('/table/v1/driving/-1,48;-1,48.01?annotations=duration,distance&generate_hints=false');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'Ok', durations: [[0, 96.1], [96.1, 0]], distances: [[0, 1334.3], [1334.3, 0]] });
    expect(body).toHaveProperty('sources.0', { location: [-1, 48], name: '', distance: 0 });
  });

  it('refuses more than max² cells with TooBig', async () => {
    expect(await get('/table/v1/driving/0,0;0,1;0,2?sources=0;1&destinations=0;1')).toMatchObject({ status: 200 });
    expect(await get('/table/v1/driving/0,0;0,1;0,2')).toEqual({ status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } });
  });

  it('snaps a point off the roads to the nearest edge of its box, however far, and says how far', async () => {
    const { body } = await get('/table/v1/driving/0,0;10.5,10.9?generate_hints=false');
    // 0.1° north to the edge: 111 195 × 0.1 = 11 119.5 m.
    expect(body).toHaveProperty('sources.1', { location: [10.5, 11], name: '', distance: 11119.5 });
  });

  it('answers NoSegment only for a point beyond its radius or the server default radius', async () => {
    const refused = { status: 400, body: { code: 'NoSegment', message: 'Could not find a matching segment for coordinate 1' } };
    expect(await get('/table/v1/driving/0,0;10.5,10.9?radiuses=unlimited;11000')).toEqual(refused);
    expect(await get('/table/v1/driving/0,0;10.5,10.9?radiuses=unlimited;12000')).toMatchObject({ status: 200 });
    const strict = await startOsrmServer({ noRoad: [noRoad], defaultRadius: 1000 });
    expect(await get('/table/v1/driving/0,0;10.5,10.9', strict)).toEqual(refused);
    await strict.close();
  });

  it('refuses malformed queries where osrm-routed stops reading them', async () => {
    // Positions count from the start of the path: `/table/v1/driving/` is 18 characters.
    expect(await get('/table/v1/driving/0,0;abc')).toEqual({ status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed close to position 21' } });
    expect(await get('/table/v1/driving/0,0;1,1?sources=0;x')).toEqual({ status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed close to position 35' } });
    expect(await get('/table/v1/driving/0,0;1,1?sources=0&foo=1')).toEqual({ status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed close to position 35' } });
    expect(await get('/table/v1/driving/0,0;200,0')).toMatchObject({ status: 400, body: { code: 'InvalidOptions', message: 'Coordinates are invalid' } });
    expect(await get('/table/v1/driving/0,0;1,1?sources=2')).toMatchObject({ status: 400, body: { code: 'InvalidOptions' } });
  });

  it('leaves cells null between islands, and finds no route across', async () => {
    expect(await get('/table/v1/driving/0,0;20.5,20.5?annotations=duration')).toMatchObject({ status: 200, body: { durations: [[0, null], [null, 0]] } });
    expect(await get('/route/v1/driving/0,0;20.5,20.5')).toEqual({ status: 400, body: { code: 'NoRoute', message: 'Impossible route between points' } });
  });

  it('answers recorded cells, negative distances included, instead of the model for their pairs', async () => {
    const cells = new Map([[pairKey([-1, 48], [-1, 48.0001]), { duration: 0, distance: -1.2 }]]);
    const recorded = await startOsrmServer({ recorded: { cells } });
    const { body } = await get('/table/v1/driving/-1,48;-1,48.0001?annotations=duration,distance', recorded);
    expect(body).toMatchObject({ durations: [[0, 0], [1, 0]], distances: [[0, -1.2], [13.3, 0]] });
    await recorded.close();
  });

  it('counts every request, faulty ones included', async () => {
    const before = server.requests.length;
    server.setFault({ kind: 'status', status: 502 });
    expect((await fetch(`${server.url}/table/v1/driving/0,0;0,1`)).status).toBe(502);
    expect(server.requests.length).toBe(before + 1);
  });
});
