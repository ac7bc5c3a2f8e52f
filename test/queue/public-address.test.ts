import { describe, expect, it } from 'vitest';
import { hostOf, specialPurpose } from '../../src/queue/public-address.js';

describe('callback addresses', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private use'],
    ['100.64.0.1', 'shared address space'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link local'],
    ['172.20.0.5', 'private use'],
    ['192.0.0.9', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation (TEST-NET-1)'],
    ['192.88.99.1', '6to4 relay anycast (deprecated)'],
    ['192.168.1.1', 'private use'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking'],
    ['198.51.100.7', 'documentation (TEST-NET-2)'],
    ['203.0.113.99', 'documentation (TEST-NET-3)'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'limited broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::7f00:1', 'IPv4/IPv6 translation (NAT64)'],
    ['64:ff9b:1::a00:1', 'local IPv4/IPv6 translation'],
    ['100::1', 'discard only'],
    ['2001::1', 'IETF protocol assignments (Teredo, benchmarking, ORCHID...)'],
    ['2001:2::1', 'IETF protocol assignments (Teredo, benchmarking, ORCHID...)'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::', '6to4'],
    ['3fff::1', 'documentation'],
    ['fd00::1', 'unique local'],
    ['fe80::1', 'link-local unicast'],
    ['fec0::1', 'site-local (deprecated)'],
    ['ff02::1', 'multicast'],
    ['[::1]', 'loopback'],
    ['not-an-address', 'not an IP address'],
  ])('%s is %s', (address, range) => {
    expect(specialPurpose(address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '198.20.0.1', '223.255.255.255', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e'])('%s is an ordinary address', (address) => {
    expect(specialPurpose(address)).toBeNull();
  });

  it('reads the host of a URL, IPv6 included', () => {
    expect(hostOf('http://[::1]:8080/hook')).toBe('::1');
    expect(hostOf('https://crm.example.com/hooks/plans')).toBe('crm.example.com');
  });
});
