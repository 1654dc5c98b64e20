import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialRotations, webhookEndpoints } from '../../bff/db/schema/index.js';
import { seal } from '../../bff/lib/crypto.js';
import { WEBHOOK_SECRET_PURPOSE } from '../../bff/messaging/worker.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedContract, TEST_SECRET } from './helpers/contracts.js';
import { browser, seedUser } from './helpers/portal.js';

// Postgres only: real concurrent transactions on several connections. The contract's row lock makes
// MAX_ROTATIONS_PER_DAY hold for rotations that race with different Idempotency-Keys (not a replay).
let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  const operator = await seedTenant(t.db, 'cred-pg-op');
  tenant = await seedTenant(t.db, 'cred-pg', { parentId: operator.id });
  await t.db
    .insert(webhookEndpoints)
    .values({ tenantId: operator.id, url: 'https://cred-pg-op.example/hook', eventTypes: ['contract.credentials_rotated'], secretSealed: seal(TEST_SECRET, WEBHOOK_SECRET_PURPOSE, 'whsec_pg') });
});
afterAll(() => t?.close());

describe('concurrent rotations', () => {
  it('6 at once with different Idempotency-Keys: exactly 3 × 200 and 3 × 429 rotation_limit, 3 rotation rows', async () => {
    const user = await seedUser(t.db, tenant, { password: 'admin-password-long-enough' });
    const session = await browser(t, tenant).login(user);
    const c = await seedContract(t.db, tenant, user.accountId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(t.app, 'POST', `/v1/contracts/${c.id}/internet-credentials`, {
          key: session,
          origin: tenant.origin,
          body: { consent: true },
          headers: { 'idempotency-key': `race-${i}`, 'x-forwarded-for': `198.51.100.${i + 1}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, results.map((r) => r.text).join('\n')).toEqual([200, 200, 200, 429, 429, 429]);
    expect(results.filter((r) => r.status === 429).every((r) => r.json.code === 'rotation_limit')).toBe(true);
    expect(results.filter((r) => r.status === 200).map((r) => r.json.sequence).sort()).toEqual([1, 2, 3]);
    expect(await t.db.select().from(credentialRotations).where(eq(credentialRotations.contractId, c.id))).toHaveLength(3);
  });
});
