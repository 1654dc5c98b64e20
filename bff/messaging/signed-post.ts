import { hmacSha256 } from '../lib/crypto.js';

export const SIGNATURE_HEADER = 'Telkit-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as receivers verify it. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacSha256(secret, `${unixSeconds}.${body}`)}`;
}

/** POSTs signed JSON; a non-2xx answer or no answer within `timeoutMs` is a failure to retry. */
export async function signedPost(
  url: string,
  secret: string,
  id: string,
  payload: unknown,
  now: Date,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'telkit',
      'Telkit-Message-Id': id,
      [SIGNATURE_HEADER]: signature(secret, body, Math.floor(now.getTime() / 1000)),
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
}
