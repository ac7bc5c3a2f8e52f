import { describe, expect, it } from 'vitest';
import { assertPublicAddress, hostOf, isPrivateAddress } from '../../src/queue/public-address.js';

describe('callback addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['93.184.216.34', false],
    ['2001:db8::1', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('reads the host of a URL, IPv6 included', () => {
    expect(hostOf('http://[::1]:8080/hook')).toBe('::1');
    expect(hostOf('https://crm.example.com/hooks/plans')).toBe('crm.example.com');
  });

  it('refuses private hosts, by address or by name, unless allowed', async () => {
    await expect(assertPublicAddress('http://169.254.169.254/latest/meta-data', false)).rejects.toThrow(/private address 169.254.169.254/);
    await expect(assertPublicAddress('http://localhost:3000/x', false)).rejects.toThrow(/private address/);
    await expect(assertPublicAddress('http://169.254.169.254/', true)).resolves.toBeUndefined();
    await expect(assertPublicAddress('http://93.184.216.34/hook', false)).resolves.toBeUndefined();
  });
});
