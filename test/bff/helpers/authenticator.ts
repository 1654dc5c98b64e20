import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { eq } from 'drizzle-orm';
import { tenants } from '../../../bff/db/schema/index.js';
import { createSession } from '../../../bff/domain/sessions.js';
import type { TestApp, TestTenant } from './app.js';
import { browser, type TestUser } from './portal.js';

// A software passkey for API tests without a browser (after docs/engineering/second-factors-softauth.mjs.txt):
// one ES256 key, attestation "none", a counter that grows with every use. What a browser would take from
// the page (origin) and the options (RP ID) can be set, to act out answers made for another site.

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

/** Authenticator data flags: user present, user verified, attested credential data. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

type Options = Record<string, any>;

export interface SoftAuthenticator {
  /** The credential id (base64url), as the BFF stores it. */
  credentialId: string;
  /** The answer to registration options (`navigator.credentials.create`), made on `origin`. */
  create(options: Options, origin: string, o?: { rpId?: string; userVerified?: boolean }): Record<string, unknown>;
  /** The answer to sign-in options (`navigator.credentials.get`), made on `origin`. */
  get(options: Options, origin: string, o?: { rpId?: string; userVerified?: boolean; counter?: number }): Record<string, unknown>;
}

export function softAuthenticator(): SoftAuthenticator {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(16);
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  let counter = 0;
  let userHandle: string | undefined;

  const authData = (rpId: string, flags: number, o: { attested: boolean; counter?: number }) => {
    counter = o.counter ?? counter + 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const base = Buffer.concat([sha256(rpId), Buffer.from([flags]), count]);
    if (!o.attested) return base;
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    return Buffer.concat([base, Buffer.alloc(16), length, credentialId, Buffer.from(cose)]);
  };

  return {
    credentialId: b64u(credentialId),
    create(options, origin, o = {}) {
      userHandle = options.user?.id;
      const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }));
      const data = authData(o.rpId ?? options.rp.id, UP | (o.userVerified === false ? 0 : UV) | AT, { attested: true });
      const attestation = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', data]]) as never);
      return {
        id: b64u(credentialId),
        rawId: b64u(credentialId),
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(clientData), attestationObject: b64u(attestation), transports: ['internal'] },
      };
    },
    get(options, origin, o = {}) {
      const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
      const data = authData(o.rpId ?? options.rpId, UP | (o.userVerified === false ? 0 : UV), { attested: false, counter: o.counter });
      // ES256 signatures are DER-encoded in WebAuthn, which is node's default.
      const signature = sign('sha256', Buffer.concat([data, sha256(clientData)]), privateKey);
      return {
        id: b64u(credentialId),
        rawId: b64u(credentialId),
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(clientData), authenticatorData: b64u(data), signature: b64u(signature), ...(userHandle && { userHandle }) },
      };
    },
  };
}

/** Passkeys for a test tenant: its RP ID becomes its origin's host (set before the tenant is first read, or the cache holds the old row). */
export async function usePasskeys(t: TestApp, tenant: TestTenant): Promise<string> {
  const rpId = new URL(tenant.origin).hostname;
  await t.db.update(tenants).set({ webauthnRpId: rpId }).where(eq(tenants.id, tenant.id));
  t.deps.tenantCache.invalidate(tenant.id);
  return rpId;
}

/** A session of `user` as after a login by SMS, and its step-up (the password again). */
export async function steppedUpSession(t: TestApp, tenant: TestTenant, user: TestUser): Promise<string> {
  const { token } = await createSession(t.db, { tenantId: tenant.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() });
  const up = await browser(t, tenant).post('/v1/me/step-up', { password: user.password }, token);
  if (up.status !== 200) throw new Error(`step-up: ${up.status} ${up.text}`);
  return token;
}

/** The profile's "add a passkey": options, the authenticator's answer on the tenant's origin, then the answer sent. */
export async function registerPasskey(t: TestApp, tenant: TestTenant, session: string, authenticator = softAuthenticator(), label?: string) {
  const b = browser(t, tenant);
  const options = await b.post('/v1/me/factors/passkeys/options', undefined, session);
  if (options.status !== 200) throw new Error(`passkey options: ${options.status} ${options.text}`);
  const credential = authenticator.create(options.json.options, tenant.origin);
  const added = await b.post('/v1/me/factors/passkeys', { challengeId: options.json.challengeId, credential, ...(label && { label }) }, session);
  return { authenticator, added };
}
