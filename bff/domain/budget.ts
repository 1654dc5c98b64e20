import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { rateLimits } from '../db/schema/index.js';
import { ipKey } from '../lib/client-ip.js';
import { sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { type Counted, type RateRule, slidingHitsCte, slidingResults, slidingRetryAfter } from '../lib/rate-limit.js';

/**
 * The messaging budget: every SMS and e-mail the BFF sends passes it, whatever the route, because
 * `enqueue` (messaging/outbox.ts) will not write an e-mail or SMS without a {@link SendBudget} and counts
 * it here, in the statement that writes the message. Sliding windows (lib/rate-limit.ts), counted in
 * `rate_limits` in the sender's transaction: a refused send rolls back with it and counts nothing.
 *
 * | kind     | what                                   | per destination        | more                                                         |
 * |----------|----------------------------------------|------------------------|--------------------------------------------------------------|
 * | `pin`    | an SMS with a PIN                      | 5 / hour, 10 / day     | client address 60 / hour (5 / 10 min per number); account 10 / hour, 30 / day; tenant `SMS_BUDGET_PER_TENANT_HOUR` (1,000) |
 * | `link`   | an e-mail with a link that holds a token | 5 / hour, 10 / day   | account 10 / hour, 30 / day                                   |
 * | `notice` | an e-mail or SMS that only tells (changed password or address, login throttled) | 5 / hour, 10 / day (own counters) | SMS: tenant |
 * | `code`   | a location-link code to another account's admin (SMS and e-mail) | 6 / hour, 12 / day (own counters) | SMS: tenant; never the recipient's login-PIN or link counters |
 * | `receipt` | an e-mail confirming what its recipient did in the portal (a cancellation receipt, "your co-user confirmed") | 30 / hour, 100 / day (own counters) | — |
 * | `credentials` | new internet access credentials: the e-mail with the encrypted PDF and the SMS with its code | 10 / hour, 30 / day (own counters, e-mail and SMS apart) | account 30 / day per channel; SMS: tenant |
 *
 * Over budget, a `pin` or `link` is refused: 429 `rate_limited` with `Retry-After`. A `notice`, and a
 * send whose caller must not reveal whether an account exists (password reset), is dropped silently. A
 * `receipt` is sent and counted (the route that causes it has its own limit; a cancellation must be
 * confirmed), on counters of its own, so receipts never crowd out security notices to the same address.
 * `credentials` is refused over budget (429): the rotation that sends it rolls back with it, so nobody
 * gets new credentials they cannot receive. Each contract allows 3 rotations a day (`domain/credentials.ts`);
 * these counters bound an admin of many contracts, and never touch the recipient's login PINs.
 */

export type MessageKind = 'pin' | 'link' | 'notice' | 'receipt' | 'code' | 'credentials';

/** Settings of the budget that come from the environment; `flowContext` hands them to the flows. */
export interface BudgetSettings {
  /** SMS per tenant and hour (`SMS_BUDGET_PER_TENANT_HOUR`); default 1,000. */
  smsPerTenantHour?: number;
  /** Where the 80 % warning goes. */
  log?: Logger;
}

/** What a send is, for the budget: required by `enqueue` for every e-mail and SMS. */
export interface SendBudget extends BudgetSettings {
  kind: MessageKind;
  now: Date;
  /** The client address of the request that causes the send, when there is one. */
  ip?: string;
  /** The user (account) the message is for, when there is one. */
  userId?: string;
  /** The customer account the message is about (kind `credentials`: counted per account). */
  accountId?: string;
  /**
   * Over budget: `reject` (429, the default for `pin` and `link`), `drop` (send nothing, say nothing:
   * the default for `notice`), or `count` (send anyway: a reply that is itself bounded by a counted send).
   */
  exhausted?: 'reject' | 'drop' | 'count';
}

export const DEFAULT_SMS_PER_TENANT_HOUR = 1000;
const HOUR = 3600;
const DAY = 24 * HOUR;

const rule = (name: string, limit: number, windowSeconds: number): RateRule => ({ name, limit, windowSeconds });

/** The figures, documented in the README's "Messaging budgets". */
export const BUDGETS = {
  smsPerNumberHour: rule('msg.sms.to.h', 5, HOUR),
  smsPerNumberDay: rule('msg.sms.to.d', 10, DAY),
  /** All PIN routes together, from one client address: generous, so an office can help several people… */
  smsPerIpHour: rule('msg.sms.ip.h', 60, HOUR),
  /** …but tight per number from that address. */
  smsPerIpAndNumber: rule('msg.sms.ip-to', 5, 600),
  linkPerAddressHour: rule('msg.link.to.h', 5, HOUR),
  linkPerAddressDay: rule('msg.link.to.d', 10, DAY),
  noticePerAddressHour: rule('msg.notice.to.h', 5, HOUR),
  noticeSmsPerNumberHour: rule('msg.notice.sms.h', 5, HOUR),
  noticeSmsPerNumberDay: rule('msg.notice.sms.d', 10, DAY),
  noticePerAddressDay: rule('msg.notice.to.d', 10, DAY),
  /** Location-link codes to another account's admin: their own counters, so that nobody asking can use up that admin's login PINs. */
  codeSmsPerNumberHour: rule('msg.code.sms.h', 6, HOUR),
  codeSmsPerNumberDay: rule('msg.code.sms.d', 12, DAY),
  codeMailPerAddressHour: rule('msg.code.to.h', 6, HOUR),
  codeMailPerAddressDay: rule('msg.code.to.d', 12, DAY),
  receiptPerAddressHour: rule('msg.receipt.to.h', 30, HOUR),
  receiptPerAddressDay: rule('msg.receipt.to.d', 100, DAY),
  /** New internet access credentials: their own counters per destination and per customer account. */
  credentialsPerDestinationHour: rule('msg.cred.to.h', 10, HOUR),
  credentialsPerDestinationDay: rule('msg.cred.to.d', 30, DAY),
  credentialsPerAccountDay: rule('msg.cred.account.d', 30, DAY),
  perAccountHour: rule('msg.user.h', 10, HOUR),
  perAccountDay: rule('msg.user.d', 30, DAY),
} as const;

export const smsPerTenantHour = (limit: number) => rule('msg.sms.tenant.h', limit, HOUR);

/** Destinations are counted by a hash: the counters hold no addresses or numbers. */
const hashed = (value: string) => sha256(value.trim().toLowerCase()).slice(0, 32);

/** The counters one send hits. */
export function countersOf(tenantId: string, channel: 'email' | 'sms', to: string, b: SendBudget): Counted[] {
  // One mailbox, however its address is dressed: `anna+1@…` and `anna+2@…` share a budget.
  const dest = hashed(channel === 'email' ? to.replace(/\+[^@]*(?=@)/, '') : to);
  const account = b.userId ? [{ rule: BUDGETS.perAccountHour, key: b.userId }, { rule: BUDGETS.perAccountDay, key: b.userId }] : [];
  if (channel === 'sms' && b.kind === 'notice') {
    // A notice ("your e-mail address changed") has counters of its own: PINs cannot crowd it out, nor it them.
    return [
      { rule: BUDGETS.noticeSmsPerNumberHour, key: dest },
      { rule: BUDGETS.noticeSmsPerNumberDay, key: dest },
      { rule: smsPerTenantHour(b.smsPerTenantHour ?? DEFAULT_SMS_PER_TENANT_HOUR), key: tenantId },
    ];
  }
  if (b.kind === 'code') {
    // A location-link code (its requests are limited per requester and target in `requestLink`): its own
    // counters per destination, so that it never uses up the recipient's login PINs or links; SMS still on the tenant's budget.
    return channel === 'sms'
      ? [
          { rule: BUDGETS.codeSmsPerNumberHour, key: dest },
          { rule: BUDGETS.codeSmsPerNumberDay, key: dest },
          { rule: smsPerTenantHour(b.smsPerTenantHour ?? DEFAULT_SMS_PER_TENANT_HOUR), key: tenantId },
        ]
      : [
          { rule: BUDGETS.codeMailPerAddressHour, key: dest },
          { rule: BUDGETS.codeMailPerAddressDay, key: dest },
        ];
  }
  if (b.kind === 'credentials') {
    return [
      { rule: BUDGETS.credentialsPerDestinationHour, key: `${channel}|${dest}` },
      { rule: BUDGETS.credentialsPerDestinationDay, key: `${channel}|${dest}` },
      ...(b.accountId ? [{ rule: BUDGETS.credentialsPerAccountDay, key: `${channel}|${b.accountId}` }] : []),
      ...(channel === 'sms' ? [{ rule: smsPerTenantHour(b.smsPerTenantHour ?? DEFAULT_SMS_PER_TENANT_HOUR), key: tenantId }] : []),
    ];
  }
  if (channel === 'sms') {
    return [
      { rule: BUDGETS.smsPerNumberHour, key: dest },
      { rule: BUDGETS.smsPerNumberDay, key: dest },
      ...(b.ip ? [{ rule: BUDGETS.smsPerIpHour, key: ipKey(b.ip) }, { rule: BUDGETS.smsPerIpAndNumber, key: `${ipKey(b.ip)}|${dest}` }] : []),
      ...account,
      { rule: smsPerTenantHour(b.smsPerTenantHour ?? DEFAULT_SMS_PER_TENANT_HOUR), key: tenantId },
    ];
  }
  if (b.kind === 'receipt') {
    return [
      { rule: BUDGETS.receiptPerAddressHour, key: dest },
      { rule: BUDGETS.receiptPerAddressDay, key: dest },
    ];
  }
  if (b.kind === 'notice') {
    return [
      { rule: BUDGETS.noticePerAddressHour, key: dest },
      { rule: BUDGETS.noticePerAddressDay, key: dest },
    ];
  }
  return [{ rule: BUDGETS.linkPerAddressHour, key: dest }, { rule: BUDGETS.linkPerAddressDay, key: dest }, ...account];
}

export interface BudgetedInsert {
  tenantId: string;
  channel: 'email' | 'sms';
  payload: unknown;
  sensitive: boolean;
}

/**
 * Counts a send against its budget and writes the outbox row if it is within: one statement. Returns the
 * message id, or `undefined` when the send was dropped; throws a 429 when it is refused.
 */
export async function budgetedInsert(tx: Executor, row: BudgetedInsert, budget: SendBudget): Promise<string | undefined> {
  const to = (row.payload as { to: string }).to;
  const counters = countersOf(row.tenantId, row.channel, to, budget);
  const exhausted = budget.exhausted ?? (budget.kind === 'notice' ? 'drop' : budget.kind === 'receipt' ? 'count' : 'reject');
  const { cte, windows } = slidingHitsCte(counters, budget.now);
  const within = exhausted === 'count' ? sql`true` : sql`not exists (select 1 from counted where over)`;
  const result = await tx.execute(sql`with ${cte},
sent as (
  insert into outbox (tenant_id, channel, payload, sensitive)
  select ${row.tenantId}::uuid, ${row.channel}::outbox_channel, ${JSON.stringify(row.payload)}::jsonb, ${row.sensitive}::boolean
  where ${within}
  returning id
)
select counted.bucket, counted.hits, counted.previous, (select id from sent) as id from counted`);
  const rows = rowsOf<{ bucket: string; hits: number; previous: number; id: string | null }>(result);
  const results = slidingResults(windows, rows, budget.now);
  const id = rows[0]?.id ?? undefined;

  const tenant = results.find((r) => r.rule.name === 'msg.sms.tenant.h');
  if (tenant && tenant.hits === Math.ceil(tenant.rule.limit * 0.8)) {
    budget.log?.warn('sms budget 80% used', { tenantId: row.tenantId, used: tenant.hits, limit: tenant.rule.limit });
  }
  if (id) return id;
  if (exhausted === 'drop') {
    // Nothing was sent, so nothing counts: a flood of dropped sends must not keep a budget full.
    await tx
      .update(rateLimits)
      .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
      .where(inArray(rateLimits.bucket, [...windows.keys()]));
    budget.log?.info('message dropped: budget exhausted', { tenantId: row.tenantId, channel: row.channel, kind: budget.kind });
    return undefined;
  }
  // Refused: the transaction rolls back, this hit included; wait for the counter that frees up last.
  const over = results.filter((r) => !r.allowed);
  const retryAfter = Math.max(...over.map((r) => slidingRetryAfter(r.rule, r.hits - 1, r.previous, budget.now)));
  if (tenant && !tenant.allowed) budget.log?.warn('sms budget exhausted', { tenantId: row.tenantId, limit: tenant.rule.limit });
  throw new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(retryAfter) } });
}
