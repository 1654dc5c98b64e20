import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Guards against server-side request forgery: in production the BFF POSTs webhooks only to `https:` URLs
 * whose host resolves to public addresses, never into the network it runs in (cloud metadata at
 * 169.254.169.254, the database, other services). Checked when an endpoint is registered and again when
 * the connection is made, since DNS answers can change in between.
 */

/** IPv4 ranges that are not globally reachable unicast (IANA special-purpose registry), and IPv6 ones inside 2000::/3. */
const reserved = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255 broadcast
] as const) {
  reserved.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
] as const) {
  reserved.addSubnet(net, prefix, 'ipv6');
}

/** IPv6 global unicast. Everything outside is loopback, unspecified, unique-local, link-local, multicast … */
const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad read, a zone dropped). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x2002) return dotted(g[1]!, g[2]!);
  return undefined;
}

/**
 * Whether an IP address is globally reachable unicast: not private, loopback, link-local, carrier-grade
 * NAT, unique-local, unspecified, multicast, documentation or otherwise reserved. An IPv6 address that
 * embeds an IPv4 address (mapped, NAT64, 6to4) is judged by that IPv4 address. Anything else is false.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return !reserved.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return isPublicAddress(v4);
  const plain = address.split('%')[0]!;
  return globalUnicast.check(plain, 'ipv6') && !reserved.check(plain, 'ipv6');
}

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to every address it has. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true });

export type UnsafeUrlReason = 'url_not_https' | 'url_not_public' | 'url_unresolvable';

/** A URL the BFF must not call; `reason` is also the field error code. */
export class UnsafeUrlError extends Error {
  constructor(
    readonly reason: UnsafeUrlReason,
    message: string,
  ) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** Every address of `hostname`, when all of them are public; else an {@link UnsafeUrlError}. */
export async function resolvePublic(hostname: string, resolve: Resolver = systemResolver): Promise<ResolvedAddress[]> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  let addresses: ResolvedAddress[];
  try {
    addresses = family ? [{ address: host, family }] : await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    throw new UnsafeUrlError('url_unresolvable', `${host} does not resolve (${code})`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError('url_unresolvable', `${host} does not resolve`);
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused) {
    const where = refused.address === host ? host : `${host} resolves to ${refused.address}, which`;
    throw new UnsafeUrlError('url_not_public', `${where} is not a public address`);
  }
  return addresses;
}

/** Refuses a URL that is not `https:` or whose host has a non-public address now. */
export async function assertPublicUrl(url: string, resolve: Resolver = systemResolver): Promise<void> {
  const target = new URL(url);
  if (target.protocol !== 'https:') throw new UnsafeUrlError('url_not_https', `${target.protocol} URLs are not allowed, only https:`);
  await resolvePublic(target.hostname, resolve);
}

/**
 * A `lookup` for `http.request` / `net.connect` that fails unless every address is public, so the
 * connection goes to the very addresses that were checked (no DNS rebinding between check and connect).
 * IP literals never reach a lookup: check those with {@link assertPublicUrl} first.
 */
export function publicOnlyLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublic(hostname, resolve).then(
      (all) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}
