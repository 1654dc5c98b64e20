import type { Context } from 'hono';
import type { AppEnv } from './context.js';

/** The caller's IP: the socket's peer, or with TRUST_PROXY the first `X-Forwarded-For` entry. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('deps').env.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
