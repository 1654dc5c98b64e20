import { BlockList, isIP, SocketAddress } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';

/**
 * Which proxies in front of the BFF are trusted to append to `X-Forwarded-For` (`TRUST_PROXY`): a number
 * of hops (`1`: one load balancer; `true` means 1, `false` 0), or the addresses and CIDR ranges of the
 * proxies (`10.0.0.0/8,127.0.0.1,fd00::/8`).
 */
export type TrustProxy = number | readonly string[];

/** `TRUST_PROXY` as configured; undefined when it is neither a hop count nor a list of addresses/CIDRs. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return 0;
  if (v === 'true') return 1;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length > 0 && list.every((entry) => toSubnet(entry)) ? list : undefined;
}

/** `10.0.0.0/8` → the subnet; a bare address is a /32 (/128). Undefined when malformed. */
function toSubnet(entry: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [raw = '', bits, extra] = entry.split('/');
  if (extra !== undefined) return undefined;
  const address = normalizeIp(raw);
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; `[2001:db8::1]:443` → `2001:db8::1`; `192.0.2.1:1234` → `192.0.2.1`. */
export function normalizeIp(value: string): string {
  let ip = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1]! : ip.toLowerCase();
}

/**
 * What per-address limits count a client by (`byIp`, the SMS budget's per-address counters): an IPv4
 * address as it is (`::ffff:`-mapped ones too); an IPv6 address by its /64, the network one subscriber
 * is given, canonical (`2001:DB8:0:0::1`, `2001:db8::2` → `2001:db8::/64`), so a client cannot step
 * around a limit by rotating addresses within its own network. Anything else (`unknown`) as it is.
 * The prefix is fixed (see the README's "Trusted proxies"); evidence and audit keep the full address.
 */
export function ipKey(ip: string, prefix = 64): string {
  const address = normalizeIp(ip).replace(/%.*$/, ''); // a zone (`fe80::1%eth0`) is no part of the address
  if (isIP(address) !== 6) return address;
  const words = ipv6Words(address);
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return [words[6]! >> 8, words[6]! & 255, words[7]! >> 8, words[7]! & 255].join('.'); // ::ffff:c000:201 → 192.0.2.1
  }
  const masked = words.map((w, i) => w & (0xffff << (16 - Math.min(Math.max(prefix - 16 * i, 0), 16))) & 0xffff);
  const network = new SocketAddress({ address: masked.map((w) => w.toString(16)).join(':'), family: 'ipv6' }).address;
  return `${network}/${prefix}`;
}

/** A valid IPv6 address as its eight 16-bit words: `::` expanded, a dotted IPv4 tail (`64:ff9b::192.0.2.1`) as two words. */
function ipv6Words(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted ? `${address.slice(0, dotted.index)}${((+dotted[1]! << 8) | +dotted[2]!).toString(16)}:${((+dotted[3]! << 8) | +dotted[4]!).toString(16)}` : address;
  const [head = '', tail] = text.split('::');
  const words = (part: string) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  if (tail === undefined) return words(head);
  return [...words(head), ...Array<number>(8 - words(head).length - words(tail).length).fill(0), ...words(tail)];
}

const blockLists = new WeakMap<readonly string[], BlockList>();
function trustedList(networks: readonly string[]): BlockList {
  let list = blockLists.get(networks);
  if (!list) {
    list = new BlockList();
    for (const entry of networks) {
      const subnet = toSubnet(entry);
      if (subnet) list.addSubnet(subnet.address, subnet.prefix, subnet.type);
    }
    blockLists.set(networks, list);
  }
  return list;
}

/**
 * The client's address from the socket's peer and `X-Forwarded-For`: walking from the right (the peer
 * first, then the entries the proxies appended), trusted hops are skipped and the first address not
 * added by a trusted proxy is the client. Entries further left are written by the client and ignored.
 */
export function resolveClientIp(peer: string, forwarded: string | undefined, trust: TrustProxy): string {
  const hops = typeof trust === 'number' ? trust : undefined;
  if (hops === 0 || !forwarded) return normalizeIp(peer);
  const chain = forwarded.split(',');
  if (hops !== undefined) {
    // The peer is hop 1; hop n is the (n-1)-th entry from the right. All trusted: the left-most entry.
    const entry = chain[Math.max(chain.length - hops, 0)]!;
    return normalizeIp(entry) || normalizeIp(peer);
  }
  const list = trustedList(trust as readonly string[]);
  let candidate = normalizeIp(peer);
  for (let i = chain.length; ; i--) {
    const type = isIP(candidate);
    if (type === 0 || !list.check(candidate, type === 4 ? 'ipv4' : 'ipv6')) return candidate;
    if (i === 0) return candidate;
    const next = normalizeIp(chain[i - 1]!);
    if (!next) return candidate;
    candidate = next;
  }
}

/** The caller's IP, as {@link resolveClientIp} finds it with `TRUST_PROXY`. Every client address of the BFF comes from here. */
export function clientIp(c: Context<AppEnv>): string {
  return resolveClientIp(c.env?.incoming?.socket?.remoteAddress ?? 'unknown', c.req.header('x-forwarded-for'), c.get('deps').env.trustProxy);
}
