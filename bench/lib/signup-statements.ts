/**
 * What the BFF sends to Postgres for one `POST /v1/signups` with an `Idempotency-Key` (the widget sends
 * one per submit), once its tenant cache holds the key and the tariffs: the same SQL text, in the same
 * order, in the same round trips. `bench/bff.ts` runs it through postgres.js as the baseline, and
 * `test/bff/signup-statements.pg.test.ts` proves that the BFF sends exactly this list, so a change to
 * the request path shows up there first.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type postgres from 'postgres';

type Sql = postgres.Sql;

/** Values taken from a signup the BFF stored, so the baseline writes rows of the same size. */
export interface SignupSample {
  tenantId: string;
  tariffId: string;
  data: unknown;
  evidence: unknown;
  mandateText: string;
  ibanSealed: string;
  outboxPayload: unknown;
  responseBody: string;
}

interface Statement {
  sql: string;
  params(s: SignupSample, r: Run): unknown[];
}

/** One signup's own values. */
interface Run {
  n: number;
  now: Date;
  id: string;
  scope: string;
  key: string;
}

/** lib/idempotency.ts `claimCounted`: the route's rate-limit hit and the Idempotency-Key claim. */
const countAndClaim: Statement = {
  sql: `with hit as (
  insert into rate_limits (bucket, window_start, window_end, hits) values ($1, $2, $3, 1)
  on conflict (bucket) do update set hits = rate_limits.hits + 1
  returning hits
), claim as (
  insert into idempotency_keys (scope, key, tenant_id, request_hash, state, locked_until, expires_at, created_at)
  select $4, $5, $6, $7, 'in_progress', $8, $9, $10
  from hit where hit.hits <= $11
  on conflict (scope, key) do update set request_hash = excluded.request_hash, state = 'in_progress', response_status = null,
    response_body = null, response_headers = null, locked_until = excluded.locked_until, expires_at = excluded.expires_at, created_at = excluded.created_at
  where idempotency_keys.expires_at < excluded.created_at or (idempotency_keys.state = 'in_progress' and idempotency_keys.locked_until < excluded.created_at)
  returning 1
)
select hit.hits, exists (select 1 from claim) as claimed from hit`,
  params: (s, r) => {
    const start = Math.floor(r.now.getTime() / 3_600_000) * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const now = r.now.getTime();
    return [
      `signups.create|ip:raw-${r.n}|${start}`,
      iso(start),
      iso(start + 3_600_000),
      r.scope,
      r.key,
      s.tenantId,
      randomBytes(32).toString('hex'),
      iso(now + 60_000),
      iso(now + 86_400_000),
      iso(now),
      30,
    ];
  },
};

/**
 * messaging/outbox.ts `enqueue` → domain/budget.ts `budgetedInsert`: the confirmation e-mail counted
 * against its address's sliding hour and day (in bucket order) and written if within, one statement.
 */
const insertOutbox: Statement = {
  sql: `with b (bucket, previous_bucket, window_start, window_end, lim, weight) as (values ($1, $2, $3::timestamptz, $4::timestamptz, $5::int, $6::float8), ($7, $8, $9::timestamptz, $10::timestamptz, $11::int, $12::float8)),
hit as (
  insert into rate_limits (bucket, window_start, window_end, hits)
  select bucket, window_start, window_end, 1 from b order by bucket
  on conflict (bucket) do update set hits = rate_limits.hits + 1
  returning bucket, hits
),
counted as (
  select b.bucket, hit.hits, coalesce(p.hits, 0) as previous, hit.hits + coalesce(p.hits, 0) * b.weight > b.lim as over
  from b join hit on hit.bucket = b.bucket left join rate_limits p on p.bucket = b.previous_bucket
),
sent as (
  insert into outbox (tenant_id, channel, payload, sensitive)
  select $13::uuid, $14::outbox_channel, $15::jsonb, $16::boolean
  where not exists (select 1 from counted where over)
  returning id
)
select counted.bucket, counted.hits, counted.previous, (select id from sent) as id from counted`,
  params: (s, r) => {
    const to = createHash('sha256').update(`raw${r.n}@example.com`).digest('hex').slice(0, 32);
    const window = (name: string, limit: number, ms: number) => {
      const start = Math.floor(r.now.getTime() / ms) * ms;
      const weight = 1 - (r.now.getTime() - start) / ms;
      return [`${name}|${to}|${start}`, `${name}|${to}|${start - ms}`, new Date(start).toISOString(), new Date(start + ms).toISOString(), limit, weight];
    };
    return [...window('msg.link.to.d', 10, 86_400_000), ...window('msg.link.to.h', 5, 3_600_000), s.tenantId, 'email', JSON.stringify(s.outboxPayload), true];
  },
};

/** `signup.created` to the tenant's webhook endpoints (none here: the statement writes no row). */
const emitSignupCreated: Statement = {
  sql: `
    insert into "outbox" ("tenant_id", "channel", "payload", "endpoint_id")
    select "webhook_endpoints"."tenant_id", 'webhook', $1::jsonb, "webhook_endpoints"."id"
    from "webhook_endpoints"
    where "webhook_endpoints"."tenant_id" = $2 and "webhook_endpoints"."event_types" && array[$3, '*']::text[]`,
  params: (s, r) => [
    JSON.stringify({ event: 'signup.created', data: { signupId: r.id, accountType: 'private', status: 'pending_confirmation', locale: 'de' } }),
    s.tenantId,
    'signup.created',
  ],
};

const insertSignup: Statement = {
  sql: 'insert into "signups" ("id", "tenant_id", "account_type", "status", "tariff_id", "data", "display_name", "email", "mobile", "locale", "payment_method", "evidence", "created_at", "confirmed_at", "handle_hash") values ($1, $2, $3, default, $4, $5, $6, $7, $8, $9, $10, $11, $12, default, $13) returning "id", "tenant_id", "account_type", "status", "tariff_id", "data", "display_name", "email", "mobile", "locale", "payment_method", "evidence", "created_at", "confirmed_at", "handle_hash"',
  params: (s, r) => [r.id, s.tenantId, 'private', s.tariffId, s.data, 'Anna Muster', `raw${r.n}@example.com`, '+491701234567', 'de', 'sepa', s.evidence, r.now, randomBytes(32).toString('hex')],
};

const insertMandate: Statement = {
  sql: 'insert into "sepa_mandates" ("id", "tenant_id", "signup_id", "reference", "scheme", "account_holder", "iban_sealed", "iban_last4", "bic", "mandate_text", "signed_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
  params: (s, r) => [s.tenantId, r.id, `RAW-${randomBytes(12).toString('hex')}`, 'core', 'Anna Muster', s.ibanSealed, '3000', null, s.mandateText, r.now],
};

const insertLink: Statement = {
  sql: 'insert into "email_links" ("id", "tenant_id", "purpose", "subject_id", "token_hash", "expires_at", "used_at", "superseded_at", "payload", "created_at") values (default, $1, $2, $3, $4, $5, default, default, $6, $7)',
  params: (s, r) => [s.tenantId, 'signup', r.id, randomBytes(32).toString('hex'), new Date(r.now.getTime() + 86_400_000), { purpose: 'signup' }, r.now],
};

const storeResponse: Statement = {
  sql: 'update "idempotency_keys" set "state" = $1, "response_status" = $2, "response_body" = $3, "response_headers" = $4 where ("idempotency_keys"."scope" = $5 and "idempotency_keys"."key" = $6)',
  params: (s, r) => ['done', 201, s.responseBody, { 'content-type': 'application/json' }, r.scope, r.key],
};

/**
 * The round trips, in order; the statements of one round trip go out together (pipelined). `begin` and
 * `commit` are the transaction's own (postgres.js sends them as `begin ` and `commit`).
 */
export const SIGNUP_ROUND_TRIPS: readonly (readonly string[])[] = [
  [countAndClaim.sql],
  ['begin '],
  [insertOutbox.sql, emitSignupCreated.sql, insertSignup.sql, insertMandate.sql, insertLink.sql],
  ['commit'],
  [storeResponse.sql],
];

const run = (s: SignupSample, r: Run, sql: Sql | postgres.TransactionSql, st: Statement) =>
  sql.unsafe(st.sql, st.params(s, r) as postgres.ParameterOrJSON<never>[], { prepare: true });

let counter = 0;

/** One signup's statements through postgres.js, as the BFF sends them. */
export async function rawSignup(sql: Sql, sample: SignupSample): Promise<void> {
  const n = counter++;
  const r: Run = { n, now: new Date(), id: randomUUID(), scope: `${sample.tenantId}:raw`, key: `raw-${randomUUID()}` };
  await run(sample, r, sql, countAndClaim);
  await sql.begin((tx) => [insertOutbox, emitSignupCreated, insertSignup, insertMandate, insertLink].map((st) => run(sample, r, tx, st)));
  await run(sample, r, sql, storeResponse);
}

/** Reads the values of the newest signup the BFF stored for the tenant. */
export async function signupSample(sql: Sql, tenantId: string): Promise<SignupSample> {
  const [row] = await sql`
    select s.tariff_id, s.data, s.evidence, m.mandate_text, m.iban_sealed, o.payload as outbox_payload, k.response_body
    from signups s
    join sepa_mandates m on m.signup_id = s.id
    join outbox o on o.tenant_id = s.tenant_id and o.payload->>'to' = s.email
    left join idempotency_keys k on k.tenant_id = s.tenant_id and k.state = 'done'
    where s.tenant_id = ${tenantId}
    order by s.created_at desc, k.created_at desc
    limit 1`;
  if (!row) throw new Error('no signup stored yet to take the sample from');
  return {
    tenantId,
    tariffId: row.tariff_id,
    data: row.data,
    evidence: row.evidence,
    mandateText: row.mandate_text,
    ibanSealed: row.iban_sealed,
    outboxPayload: row.outbox_payload,
    responseBody: row.response_body ?? '{"id":"00000000-0000-4000-8000-000000000000","status":"pending_confirmation","email":"anna@example.com","mandateReference":"DR-20261121-000000000000"}',
  };
}
