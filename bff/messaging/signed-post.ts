import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hmacSha256 } from '../lib/crypto.js';

export const SIGNATURE_HEADER = 'Telkit-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as receivers verify it. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacSha256(secret, `${unixSeconds}.${body}`)}`;
}

export interface SignedPostOptions {
  /** No answer within this time is a failure to retry. */
  timeoutMs?: number;
  /** Resolves the host for this connection (see `publicOnlyLookup` in lib/ssrf.ts). */
  lookup?: LookupFunction;
}

/**
 * POSTs signed JSON; a non-2xx answer (redirects are not followed) or no answer within the timeout is a
 * failure to retry. On `node:http` rather than `fetch`, so the caller can decide which addresses the
 * connection may go to.
 */
export async function signedPost(
  url: string,
  secret: string,
  id: string,
  payload: unknown,
  now: Date,
  options: SignedPostOptions = {},
): Promise<void> {
  const body = JSON.stringify(payload);
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'telkit',
          'Telkit-Message-Id': id,
          [SIGNATURE_HEADER]: signature(secret, body, Math.floor(now.getTime() / 1000)),
        },
        // With a lookup of its own, a fresh connection: a pooled one may have been opened without it.
        ...(options.lookup && { lookup: options.lookup, agent: false }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      },
      (res) => {
        res.resume(); // the answer's body is not read
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status > 299) throw new Error(`HTTP ${status} from ${target.host}`);
}
