import type { Profile } from '../../contract/portal.js';
import type { Db } from '../db/client.js';
import { ApiError } from '../lib/errors.js';
import { audit, userActor } from './audit.js';
import { burnChallenge, type PasskeyContext, PasskeyRefused, verifyPasskeyLogin } from './passkeys.js';
import type { PinContext } from './pins.js';
import { createSession, profileOf } from './sessions.js';
import { mayLogIn } from './sub-users.js';

/**
 * Sign-in with a passkey (no password, no PIN): the assertion checked by `verifyPasskeyLogin`, then the
 * same rules as after a PIN (a co-user whose contract ended is nobody); the session records `passkey`.
 * A refused answer still ends its challenge and is audited (`passkey.failed`, why but never the
 * library's text): that happens after the sign-in's transaction rolled back, so it is kept.
 */
export async function completePasskeyLogin(
  db: Db,
  o: PasskeyContext & PinContext & { challengeId: string; credential: Record<string, unknown>; ip?: string },
): Promise<{ session: { token: string; expiresAt: Date }; user: Profile }> {
  try {
    return await db.transaction(async (tx) => {
      const user = await verifyPasskeyLogin(tx, o);
      if (!(await mayLogIn(tx, user))) throw new ApiError(401, 'invalid_credentials');
      const session = await createSession(tx, { tenantId: user.tenantId, userId: user.id, source: 'login', factor: 'passkey', now: o.now });
      await audit(tx, { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, action: 'login.succeeded', target: { type: 'user', id: user.id }, ip: o.ip, data: { factor: 'passkey' } });
      return { session, user: await profileOf(tx, user) };
    });
  } catch (error) {
    if (error instanceof PasskeyRefused) {
      await db.transaction(async (tx) => {
        await burnChallenge(tx, o);
        const { user } = error;
        await audit(
          tx,
          user
            ? { tenantId: o.tenant.id, actor: userActor(user), account: user.accountId, action: 'passkey.failed', target: { type: 'user', id: user.id }, ip: o.ip, data: { reason: error.reason } }
            : { tenantId: o.tenant.id, actor: { kind: 'system' }, action: 'passkey.failed', ip: o.ip, data: { reason: error.reason } },
        );
      });
    }
    throw error;
  }
}
