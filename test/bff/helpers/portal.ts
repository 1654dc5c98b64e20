import { randomBytes } from 'node:crypto';
import type { Db } from '../../../bff/db/client.js';
import { accounts, users } from '../../../bff/db/schema/index.js';
import { issueLink } from '../../../bff/domain/links.js';
import { hashPassword } from '../../../bff/domain/passwords.js';
import { call, type TestApp, type TestTenant } from './app.js';
import { lastPin } from './outbox.js';

export interface TestUser {
  id: string;
  username: string;
  email: string;
  mobile: string;
  password: string;
}

let seq = 0;
/** A business account (or, with `accountType`, another kind) with its portal admin; with `password`, one already set. */
export async function seedUser(db: Db, tenant: TestTenant, options: { password?: string; accountType?: 'private' | 'professional' | 'business' } = {}): Promise<TestUser & { accountId: string; customerNumber: string }> {
  const tag = `${++seq}${randomBytes(3).toString('hex')}`;
  const [account] = await db
    .insert(accounts)
    .values({
      tenantId: tenant.id,
      accountType: options.accountType ?? 'business',
      customerNumber: `T${tag}`.toUpperCase(),
      username: `admin.${tag}`,
      displayName: `Firma ${tag}`,
      email: `admin.${tag}@firma.example`,
      mobile: `+49151${String(1_000_000 + seq).padStart(8, '0')}`,
    })
    .returning();
  const password = options.password ?? '';
  const [user] = await db
    .insert(users)
    .values({
      tenantId: tenant.id,
      role: 'account_admin',
      accountId: account!.id,
      username: account!.username,
      displayName: `Max ${tag}`,
      email: account!.email,
      mobile: account!.mobile,
      passwordHash: password ? await hashPassword(password) : null,
    })
    .returning();
  return { id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password, accountId: account!.id, customerNumber: account!.customerNumber };
}

/** A set-password link for a user, as the credentials or reset e-mail carries it. */
export const setPasswordToken = (db: Db, tenant: TestTenant, user: TestUser, now = new Date()) =>
  issueLink(db, { tenantId: tenant.id, subjectId: user.id, payload: { purpose: 'set_password' }, now });

let client = 0;
/** Browser-like calls of a tenant's widget: its publishable key and origin, one client address per helper (or `ip`). */
export function browser(t: TestApp, tenant: TestTenant, ip = `203.0.113.${++client % 250}`) {
  const send = (method: string, path: string, body?: unknown, session?: string) =>
    call(t.app, method, path, { key: session ?? tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': ip } });
  return {
    post: (path: string, body: unknown, session?: string) => send('POST', path, body, session),
    get: (path: string, session: string) => send('GET', path, undefined, session),
    patch: (path: string, body: unknown, session: string) => send('PATCH', path, body, session),
    del: (path: string, session: string) => send('DELETE', path, undefined, session),
    /** Username + password + the PIN from the outbox → the session token. */
    async login(user: TestUser, password = user.password) {
      const start = await send('POST', '/v1/sessions', { username: user.username, password });
      if (start.status !== 202) throw new Error(`login: ${start.status} ${start.text}`);
      const pin = await lastPin(t.db, tenant.id, user.mobile);
      const done = await send('POST', '/v1/sessions/verify', { challengeId: start.json.challengeId, pin });
      if (done.status !== 201) throw new Error(`verify: ${done.status} ${done.text}`);
      return done.json.token as string;
    },
  };
}

let coUser = 0;
/** A valid "add a co-user" body: a fresh e-mail address and mobile number each call. */
export function coUserBody(tariffId: string, overrides: Record<string, unknown> = {}) {
  const n = ++coUser;
  return {
    salutation: 'ms',
    firstName: 'Erika',
    lastName: `Muster${String.fromCharCode(97 + (n % 26))}`,
    email: `erika.${n}.${randomBytes(2).toString('hex')}@firma.example`,
    mobile: `0170 ${String(2_000_000 + n).padStart(7, '0')}`,
    tariffId,
    ...overrides,
  };
}
