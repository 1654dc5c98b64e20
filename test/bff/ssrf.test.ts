import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPublicAddress, publicOnlyLookup, type Resolver, UnsafeUrlError } from '../../bff/lib/ssrf.js';
import { startHttpSink } from './helpers/http-sink.js';

describe('isPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network"'],
    ['10.0.0.1', 'private 10/8'],
    ['10.255.255.255', 'private 10/8, last'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT, last'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback /8'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, last'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['192.168.1.1', 'private 192.168/16'],
    ['198.18.0.1', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback, long form'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local fd'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf:ffff::1', 'link-local, last'],
    ['fec0::1', 'site-local (deprecated)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'IPv4-mapped private, long form'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:c0a8:101::', '6to4 of a private address'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['100::1', 'discard-only'],
    ['not-an-ip', 'not an address'],
    ['', 'empty'],
    ['localhost', 'a name'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.216.34'],
    ['100.63.255.255'], // just below carrier-grade NAT
    ['100.128.0.0'], // just above
    ['172.15.255.255'], // just below 172.16/12
    ['172.32.0.0'], // just above
    ['169.253.255.255'],
    ['11.0.0.0'],
    ['223.255.255.254'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:80b::200e'],
    ['2001:4860:4860::8888'],
    ['::ffff:8.8.8.8'], // IPv4-mapped public
    ['64:ff9b::808:808'], // NAT64 of a public address
    ['2002:808:808::1'], // 6to4 of a public address
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

/** A resolver answering from a table, as DNS would; unknown names fail like NXDOMAIN. */
function fakeDns(table: Record<string, string[]>): Resolver & { table: Record<string, string[]> } {
  const resolve = async (host: string) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { table });
}

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeUrlError);
    return (error as UnsafeUrlError).reason;
  }
}

describe('assertPublicUrl', () => {
  const dns = fakeDns({
    'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
    'internal.example.com': ['10.1.2.3'],
    'mixed.example.com': ['93.184.216.34', '127.0.0.1'],
    'mapped.example.com': ['::ffff:192.168.0.10'],
  });

  it('accepts https to a host with public addresses only, and public IP literals', async () => {
    expect(await reason(assertPublicUrl('https://hooks.example.com/telkit', dns))).toBeUndefined();
    expect(await reason(assertPublicUrl('https://93.184.216.34:8443/x', dns))).toBeUndefined();
    expect(await reason(assertPublicUrl('https://[2606:4700:4700::1111]/x', dns))).toBeUndefined();
  });

  it('refuses anything but https', async () => {
    expect(await reason(assertPublicUrl('http://hooks.example.com/telkit', dns))).toBe('url_not_https');
    expect(await reason(assertPublicUrl('ftp://hooks.example.com/telkit', dns))).toBe('url_not_https');
  });

  it('refuses a host with any non-public address, and IP literals of such addresses in any spelling', async () => {
    for (const url of [
      'https://internal.example.com/',
      'https://mixed.example.com/',
      'https://mapped.example.com/',
      'https://127.0.0.1/',
      'https://2130706433/', // 127.0.0.1 as one number
      'https://0x7f.1/', // and in hex
      'https://[::1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://[fd00::1]:8443/',
      'https://0.0.0.0/',
    ]) {
      expect(await reason(assertPublicUrl(url, dns)), url).toBe('url_not_public');
    }
  });

  it('names the address it refused', async () => {
    await expect(assertPublicUrl('https://mixed.example.com/', dns)).rejects.toThrow('mixed.example.com resolves to 127.0.0.1, which is not a public address');
  });

  it('refuses a host that does not resolve', async () => {
    expect(await reason(assertPublicUrl('https://nowhere.example.com/', dns))).toBe('url_unresolvable');
  });

  it('resolves with the system resolver by default: localhost is loopback', async () => {
    expect(await reason(assertPublicUrl('https://localhost/'))).toBe('url_not_public');
  });
});

describe('publicOnlyLookup', () => {
  const lookupOnce = (lookup: ReturnType<typeof publicOnlyLookup>, host: string, options: Parameters<ReturnType<typeof publicOnlyLookup>>[1]) =>
    new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
      lookup(host, options, (error, address, family) => resolve({ error, address, family })),
    );

  it('answers with the checked addresses, one or all as asked, by family', async () => {
    const lookup = publicOnlyLookup(fakeDns({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] }));
    expect(await lookupOnce(lookup, 'hooks.example.com', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookupOnce(lookup, 'hooks.example.com', { family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
    expect((await lookupOnce(lookup, 'hooks.example.com', { all: true })).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
  });

  it('checks every lookup anew: a name that now resolves to a private address fails (DNS rebinding)', async () => {
    const dns = fakeDns({ 'rebind.example.com': ['93.184.216.34'] });
    const lookup = publicOnlyLookup(dns);
    expect((await lookupOnce(lookup, 'rebind.example.com', {})).error).toBeNull();
    dns.table['rebind.example.com'] = ['169.254.169.254'];
    const { error } = await lookupOnce(lookup, 'rebind.example.com', { all: true });
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect(error!.message).toContain('169.254.169.254');
  });

  it('a connection through it never reaches a loopback server', async () => {
    const sink = await startHttpSink();
    const port = new URL(sink.url).port;
    const attempt = (lookup?: ReturnType<typeof publicOnlyLookup>) =>
      new Promise<string>((resolve) => {
        const req = request(`http://localhost:${port}/hook`, { method: 'POST', lookup, agent: false }, (res) => {
          res.resume();
          resolve(`HTTP ${res.statusCode}`);
        });
        req.on('error', (error) => resolve(error.message));
        req.end('{}');
      });
    expect(await attempt()).toBe('HTTP 200'); // the server is there
    expect(await attempt(publicOnlyLookup())).toMatch(/^localhost resolves to .*, which is not a public address$/);
    expect(sink.requests).toHaveLength(1);
    await sink.close();
  });
});
