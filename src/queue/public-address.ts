/**
 * Where callbacks may go. Every range of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries is refused (loopback, private, shared,
 * link-local, documentation, benchmarking, translation and tunnelling
 * prefixes...), and so is multicast: a callback URL must not let a client
 * probe the service's own network. The check runs on the address the HTTP
 * client actually connects to (see callback-http.ts), not on a name resolved
 * beforehand.
 */
import { BlockList, isIP } from 'node:net';

/** [prefix, length, name] of each refused IPv4 range. */
const IPV4: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private use'],
  ['100.64.0.0', 10, 'shared address space'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link local'],
  ['172.16.0.0', 12, 'private use'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.31.196.0', 24, 'AS112-v4'],
  ['192.52.193.0', 24, 'AMT'],
  ['192.88.99.0', 24, '6to4 relay anycast (deprecated)'],
  ['192.168.0.0', 16, 'private use'],
  ['192.175.48.0', 24, 'direct delegation AS112 service'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'limited broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** [prefix, length, name] of each refused IPv6 range. */
const IPV6: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['::ffff:0:0', 96, 'IPv4-mapped'],
  ['64:ff9b::', 96, 'IPv4/IPv6 translation (NAT64)'],
  ['64:ff9b:1::', 48, 'local IPv4/IPv6 translation'],
  ['100::', 64, 'discard only'],
  ['100:0:0:1::', 64, 'dummy prefix'],
  ['2001::', 23, 'IETF protocol assignments (Teredo, benchmarking, ORCHID...)'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['2620:4f:8000::', 48, 'direct delegation AS112 service'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'segment routing (SRv6) SIDs'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local unicast'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

const ranges: { list: BlockList; name: string; family: 'ipv4' | 'ipv6' }[] = [
  ...IPV4.map(([net, bits, name]) => ({ list: subnet(net, bits, 'ipv4'), name, family: 'ipv4' as const })),
  ...IPV6.map(([net, bits, name]) => ({ list: subnet(net, bits, 'ipv6'), name, family: 'ipv6' as const })),
];

function subnet(net: string, bits: number, family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(net, bits, family);
  return list;
}

/** The special-purpose range an address belongs to, or null for an ordinary public address; anything unparsable is refused. */
export function specialPurpose(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare);
  if (version === 0) return 'not an IP address';
  const family = version === 6 ? 'ipv6' : 'ipv4';
  return ranges.find((r) => r.family === family && r.list.check(bare, family))?.name ?? null;
}

/** The host of a URL, as a bare address or name. */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
}

/** Refuses a special-purpose address, naming it and its range. */
export function assertPublic(host: string, address: string): void {
  const range = specialPurpose(address);
  if (range !== null) {
    const via = host === address ? '' : ` (${host} resolves to it)`;
    throw new ForbiddenAddressError(`callback address ${address}${via} is ${range}, which this service does not call`);
  }
}
