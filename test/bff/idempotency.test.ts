import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, idempotencyKeys } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'idem');
});
afterAll(() => t.close());

const create = (body: unknown, key: string, credential = tenant.secretKey) =>
  call(t.app, 'POST', '/v1/api-keys', { key: credential, body, headers: { 'idempotency-key': key } });

describe('Idempotency-Key', () => {
  it('20 concurrent POSTs with one key and body create one row and all get the same answer', async () => {
    const body = { kind: 'publishable', label: 'concurrent' };
    const results = await Promise.all(Array.from({ length: 20 }, () => create(body, 'same-key-20')));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    // The replays answer alike, with the key withheld (it is never stored).
    const replays = results.filter((r) => r.headers.get('idempotency-replayed') === 'true');
    expect(replays).toHaveLength(19);
    const first = results.find((r) => !replays.includes(r))!;
    expect(new Set(replays.map((r) => r.text))).toEqual(new Set([JSON.stringify({ ...first.json, key: null })]));
    const rows = await t.db.select().from(apiKeys).where(eq(apiKeys.label, 'concurrent'));
    expect(rows).toHaveLength(1);
  });

  it('a later retry replays the stored response; the same key with another body is a 409', async () => {
    const first = await create({ kind: 'secret', label: 'retry' }, 'retry-key');
    const again = await create({ kind: 'secret', label: 'retry' }, 'retry-key');
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ ...first.json, key: null });
    const other = await create({ kind: 'secret', label: 'something else' }, 'retry-key');
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.label, 'retry'))).toHaveLength(1);
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.label, 'something else'))).toHaveLength(0);
  });

  it('a failed request releases the key, so the corrected request can use it', async () => {
    const bad = await create({ kind: 'nope' }, 'fix-key');
    expect(bad.status).toBe(422);
    const fixed = await create({ kind: 'publishable', label: 'fixed' }, 'fix-key');
    expect(fixed.status).toBe(201);
  });

  it('keys belong to one caller: another credential with the same key runs its own request', async () => {
    const other = await seedTenant(t.db, 'idem-other');
    const mine = await create({ kind: 'publishable', label: 'scoped' }, 'shared-key');
    const theirs = await create({ kind: 'publishable', label: 'scoped' }, 'shared-key', other.secretKey);
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(mine.json.id);
  });

  it('records are kept 24 h; after that the key is free again', async () => {
    const first = await create({ kind: 'publishable', label: 'day' }, 'day-key');
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const later = await create({ kind: 'publishable', label: 'day' }, 'day-key');
    expect(later.status).toBe(201);
    expect(later.json.id).not.toBe(first.json.id);
    const [record] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'day-key'));
    const keptFor = record!.expiresAt.getTime() - t.clock.now().getTime();
    expect(keptFor).toBeGreaterThan(24 * 60 * 60 * 1000 - 5_000);
    expect(keptFor).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
  });

  it('an invalid key is a 400', async () => {
    const res = await create({ kind: 'publishable' }, 'x'.repeat(256));
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_idempotency_key');
  });
});
