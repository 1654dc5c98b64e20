import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import type { Db } from '../../../bff/db/client.js';
import { tenants, users } from '../../../bff/db/schema/index.js';
import { issueRecoveryCodes } from '../../../bff/domain/factors.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../../bff/domain/totp.js';
import type { TestApp } from './app.js';

/** The code an authenticator app with `secret` shows at `now`. */
export const totpCode = (secret: string, now: Date) => generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });

/** Adds a confirmed authenticator app to the user (as the profile would) and returns its secret. */
export async function enrolTotp(t: TestApp, userId: string): Promise<string> {
  const [user] = await t.db.select().from(users).where(eq(users.id, userId));
  const [tenant] = await t.db.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  const now = t.clock.now();
  const { secret } = await startTotpEnrolment(t.db, { tenant: tenant!, user: user!, secret: t.deps.env.secret, now });
  if (!(await confirmTotpEnrolment(t.db, { user: user!, code: totpCode(secret, now), secret: t.deps.env.secret, now }))) throw new Error('TOTP enrolment failed');
  // The confirming code used up this time step: the next login needs the next one.
  t.clock.advance(30_000);
  return secret;
}

/** Ten recovery codes for the user, formatted as shown. */
export async function giveRecoveryCodes(t: TestApp, userId: string): Promise<string[]> {
  const [user] = await t.db.select().from(users).where(eq(users.id, userId));
  return issueRecoveryCodes(t.db, { user: user!, secret: t.deps.env.secret, now: t.clock.now() });
}

/** No mobile number on the user and its account (a passkey or app user). */
export async function dropMobile(db: Db, userId: string) {
  await db.update(users).set({ mobile: null }).where(eq(users.id, userId));
}
