/**
 * The HTTP client of callbacks. Its connector resolves the host itself, checks
 * every address against the special-purpose registries, and connects to the
 * address it checked: a name that changes its answer between a check and the
 * connection (DNS rebinding) cannot slip through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { assertPublic } from './public-address.js';

/** Resolves a host name to its addresses (injectable for tests). */
export type Lookup = (host: string) => Promise<readonly string[]>;

const systemLookup: Lookup = async (host) => (await dnsLookup(host, { all: true })).map((a) => a.address);

export interface CallbackClientOptions {
  /** Lets callbacks reach special-purpose addresses (tests, closed networks). */
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  readonly lookup?: Lookup;
}

export interface CallbackClient {
  /** POSTs a body; resolves to the status code, rejects when the address is refused or the connection fails. */
  post(url: string, headers: Record<string, string>, body: string): Promise<number>;
  close(): Promise<void>;
}

export function createCallbackClient(options: CallbackClientOptions): CallbackClient {
  const lookup = options.lookup ?? systemLookup;
  const connect = buildConnector({ timeout: options.timeoutMs });
  const agent = new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[(.*)\]$/, '$1');
      addressFor(host, lookup, options.allowPrivate).then(
        (address) => {
          const servername = isIP(host) === 0 ? host : undefined;
          connect({ ...connectOptions, hostname: address, ...(servername ? { servername } : {}) }, callback);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)), null);
        },
      );
    },
  });
  return {
    async post(url, headers, body) {
      const response = await request(url, { method: 'POST', headers, body, dispatcher: agent, signal: AbortSignal.timeout(options.timeoutMs) });
      await response.body.dump();
      return response.statusCode;
    },
    close: () => agent.close(),
  };
}

/** The address to connect to: the host itself when it is an address, else its first; every one is checked. */
async function addressFor(host: string, lookup: Lookup, allowPrivate: boolean): Promise<string> {
  const addresses = isIP(host) === 0 ? await lookup(host) : [host];
  const first = addresses.at(0);
  if (first === undefined) throw new Error(`callback host ${host} has no address`);
  if (!allowPrivate) for (const address of addresses) assertPublic(host, address);
  return first;
}
