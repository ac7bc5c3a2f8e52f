import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallbackClient, type Lookup } from '../../src/queue/callback-http.js';
import { ForbiddenAddressError } from '../../src/queue/public-address.js';
import { startReceiver, type Receiver } from '../helpers/callback-receiver.js';

let hook: Receiver;
beforeEach(async () => {
  hook = await startReceiver();
});
afterEach(async () => {
  await hook.close();
});

/** A resolver that answers these addresses for every name. */
const resolvesTo = (...addresses: string[]): Lookup => () => Promise.resolve(addresses);
const port = () => new URL(hook.url).port;

describe('the callback client', () => {
  it('connects to the address its own lookup checked', async () => {
    const client = createCallbackClient({ allowPrivate: true, timeoutMs: 5000, lookup: resolvesTo('127.0.0.1') });
    expect(await client.post(`http://hooks.example:${port()}/hook`, { 'content-type': 'application/json' }, '{}')).toBe(204);
    expect(hook.count()).toBe(1);
    await client.close();
  });

  it('refuses, before connecting, a name that resolves to a special-purpose address', async () => {
    const client = createCallbackClient({ allowPrivate: false, timeoutMs: 5000, lookup: resolvesTo('127.0.0.1') });
    await expect(client.post(`http://hooks.example:${port()}/hook`, {}, '{}')).rejects.toThrow(ForbiddenAddressError);
    expect(hook.count()).toBe(0);
    await client.close();
  });

  it('refuses a name whose answers mix public and special-purpose addresses', async () => {
    const client = createCallbackClient({ allowPrivate: false, timeoutMs: 5000, lookup: resolvesTo('93.184.216.34', '198.18.0.1') });
    await expect(client.post('http://hooks.example/hook', {}, '{}')).rejects.toThrow(/198\.18\.0\.1.*benchmarking/);
    await client.close();
  });

  it.each(['http://198.18.0.1/', 'http://224.0.0.1/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[::ffff:127.0.0.1]/', 'http://[2002:7f00:1::]/'])(
    'refuses %s without resolving anything',
    async (url) => {
      const client = createCallbackClient({ allowPrivate: false, timeoutMs: 5000, lookup: () => Promise.reject(new Error('no lookup for an address')) });
      await expect(client.post(url, {}, '{}')).rejects.toThrow(ForbiddenAddressError);
      await client.close();
    },
  );
});
