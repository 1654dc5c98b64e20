import { and, eq, sql } from 'drizzle-orm';
import { earliestPortingDate } from '../../contract/porting.js';
import { addDays, addMonths, berlinDate, firstOfNextMonth } from '../../contract/terms.js';
import type { AccountType } from '../../contract/tenant.js';
import { customerNumber } from '../../contract/rules.js';
import type { Executor } from '../db/client.js';
import { WORKPLACE_SEAL } from '../domain/port-orders.js';
import {
  accountLinks,
  accounts,
  customers,
  licencePrices,
  portOrderNumbers,
  portOrders,
  portOrderWorkplaces,
  type SignupData,
  signups,
  statusHistory,
  subUsers,
  tariffs,
  temporaryNumbers,
  tenantOrigins,
  tenants,
  users,
} from '../db/schema/index.js';
import { hashPassword } from '../domain/passwords.js';
import { storeKey } from '../domain/api-keys.js';
import { seal } from '../lib/crypto.js';
import { createEndpoint } from '../domain/webhooks.js';
import { webhookEndpoints } from '../db/schema/webhooks.js';
import { assignTemporaryNumbers } from '../domain/temporary-numbers.js';
import { seedDemoContracts } from './demo-contracts.js';

/** Fixed ids and keys of the demo tenants. Development only: `server.ts` never seeds in production. */
export const DEMO = {
  operator: {
    id: '00000000-0000-4000-8000-00000000d001',
    publishableKey: 'tk_pub_demo',
    secretKey: 'tk_sec_demo',
  },
  reseller: {
    id: '00000000-0000-4000-8000-00000000d002',
    publishableKey: 'tk_pub_demo_reseller',
    secretKey: 'tk_sec_demo_reseller',
  },
  /** Logins of the reseller's demo users; their SMS PINs appear in the dev outbox. */
  admin: { accountId: '00000000-0000-4000-8000-00000000da01', username: 'demo.admin', password: 'Demo-Admin-Passwort-2026', customerNumber: customerNumber('DR', 9_000_001) },
  agent: { username: 'demo.agent', password: 'Demo-Agent-Passwort-2026' },
  /** An active co-user of the demo business account, who logs in and sees only its profile. */
  coUser: { username: 'aylin.kaya', password: 'Demo-Mitbenutzer-2026' },
  /** A location linked to the demo business account ("Filiale Zürich"), with a login of its own admin. */
  location: {
    accountId: '00000000-0000-4000-8000-00000000da11',
    signupId: '00000000-0000-4000-8000-00000000d5a2',
    username: 'filiale.zuerich',
    password: 'Demo-Standort-2026',
    customerNumber: customerNumber('DR', 9_000_011),
  },
  /** A business account of its own that a newcomer links from `tk-locations` (the code arrives in the dev outbox). */
  unlinked: {
    accountId: '00000000-0000-4000-8000-00000000da21',
    signupId: '00000000-0000-4000-8000-00000000d5a3',
    username: 'werkstatt.bern',
    password: 'Demo-Werkstatt-2026',
    customerNumber: customerNumber('DR', 9_000_021),
  },
  /** The demo business account's own signup: its company data prefills "Neuen Standort bestellen". */
  adminSignupId: '00000000-0000-4000-8000-00000000d5a1',
  /**
   * Number porting for `demo.agent` (PRODUCT.md §3.5): a customer, a draft left at the numbers step and a
   * submitted order (Bern numbers, +41 31 …, so the demo can still enter Zürich numbers such as
   * 044 123 45 67 without `in_open_order`), and the reseller's pool of temporary numbers.
   */
  porting: {
    productCode: 'cloud-pbx-business',
    customerId: '00000000-0000-4000-8000-00000000dc01',
    draftOrderId: '00000000-0000-4000-8000-00000000d0a1',
    draftReference: 'PO-DEMO01',
    submittedOrderId: '00000000-0000-4000-8000-00000000d0a2',
    submittedReference: 'PO-DEMO02',
    /** The temporary-number pool: +41 58 510 00 00 – 49. */
    pool: { first: 585_100_000, size: 50 },
  },
} as const;

/** The `seal` purpose of workplace and support-login passwords of port orders (AES-256-GCM, `lib/crypto.ts`). */

type TariffSeed = {
  code: string;
  currency?: string;
  /** A PBX product for number porting (`tk-porting`): lists no account types, so the signup does not offer it. */
  forPorting?: boolean;
  name: string;
  accountTypes: AccountType[];
  monthlyPriceCents: number;
  oneOffFeeCents: number;
  minimumTermMonths: number;
  noticePeriodMonths: number;
  /** A co-user tariff (`tk-sub-users`): lists no account types, so the signup does not offer it. */
  forSubUsers?: boolean;
};

const operatorTariffs: TariffSeed[] = [
  { code: 'relay-basis', name: 'Relay Basis', accountTypes: ['private'], monthlyPriceCents: 490, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1 },
  { code: 'relay-plus', name: 'Relay Plus', accountTypes: ['private', 'professional'], monthlyPriceCents: 990, oneOffFeeCents: 990, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'relay-beruf', name: 'Relay Beruf', accountTypes: ['professional'], monthlyPriceCents: 1490, oneOffFeeCents: 0, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'relay-business', name: 'Relay Business', accountTypes: ['business'], monthlyPriceCents: 2990, oneOffFeeCents: 4900, minimumTermMonths: 24, noticePeriodMonths: 3 },
  { code: 'relay-mitbenutzer', name: 'Relay Mitbenutzer', accountTypes: [], monthlyPriceCents: 790, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1, forSubUsers: true },
  { code: 'relay-mitbenutzer-plus', name: 'Relay Mitbenutzer Plus', accountTypes: [], monthlyPriceCents: 1290, oneOffFeeCents: 990, minimumTermMonths: 12, noticePeriodMonths: 1, forSubUsers: true },
];

const resellerTariffs: TariffSeed[] = [
  { code: 'partner-privat', name: 'Partner Privat', accountTypes: ['private'], monthlyPriceCents: 590, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1 },
  { code: 'partner-beruf', name: 'Partner Beruf', accountTypes: ['professional'], monthlyPriceCents: 1590, oneOffFeeCents: 0, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'partner-business', name: 'Partner Business', accountTypes: ['business'], monthlyPriceCents: 3490, oneOffFeeCents: 2900, minimumTermMonths: 12, noticePeriodMonths: 3 },
  { code: 'partner-mitbenutzer', name: 'Partner Mitbenutzer', accountTypes: [], monthlyPriceCents: 990, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1, forSubUsers: true },
  { code: 'partner-mitbenutzer-plus', name: 'Partner Mitbenutzer Plus', accountTypes: [], monthlyPriceCents: 1490, oneOffFeeCents: 990, minimumTermMonths: 12, noticePeriodMonths: 1, forSubUsers: true },
  { code: DEMO.porting.productCode, name: 'Cloud PBX Business', accountTypes: [], monthlyPriceCents: 3900, oneOffFeeCents: 0, currency: 'CHF', minimumTermMonths: 12, noticePeriodMonths: 3, forPorting: true },
];

/**
 * Creates or refreshes the demo tenants, keys, origins and tariffs. Safe to run at every start. `secret`
 * (the server's, `env.secret`) seals the demo port order's passwords; without it they are left unset.
 */
export async function seedDemo(db: Executor, publicUrl: string, options: { secret?: string } = {}): Promise<void> {
  const origin = new URL(publicUrl).origin;
  await db.transaction(async (tx) => {
    const common = {
      termsVersion: '2026-01',
      locales: ['de', 'en'],
      defaultLocale: 'de',
      termsUrl: `${origin}/legal/terms`,
      privacyUrl: `${origin}/legal/privacy`,
      imprintUrl: `${origin}/legal/imprint`,
    };
    const demoTenants: (typeof tenants.$inferInsert & { id: string })[] = [
      {
        id: DEMO.operator.id,
        parentId: null,
        kind: 'operator',
        slug: 'demo-telecom',
        name: 'Demo Telecom',
        theme: { 'color-primary': '#0b57d0' },
        supportEmail: 'support@demo-telecom.example',
        supportPhone: '+49 30 1234567',
        supportHours: 'Mo–Fr 8–18 Uhr',
        mailFromName: 'Demo Telecom',
        mailFromAddress: 'no-reply@demo-telecom.example',
        sipDomain: 'sip.demo-telecom.example',
        customerNumberPrefix: 'DT',
        ...common,
      },
      {
        id: DEMO.reseller.id,
        parentId: DEMO.operator.id,
        kind: 'reseller',
        slug: 'demo-reseller',
        name: 'Demo Reseller',
        theme: { 'color-primary': '#6b21a8', radius: '0.75rem' },
        supportEmail: 'hilfe@demo-reseller.example',
        supportPhone: null,
        supportHours: null,
        mailFromName: 'Demo Reseller',
        mailFromAddress: 'no-reply@demo-reseller.example',
        sipDomain: 'sip.demo-reseller.example',
        customerNumberPrefix: 'DR',
        ...common,
      },
    ];
    for (const t of demoTenants) {
      const { id, ...rest } = t;
      await tx
        .insert(tenants)
        .values(t)
        .onConflictDoUpdate({ target: tenants.id, set: { ...rest, updatedAt: sql`now()` } });
      await tx.insert(tenantOrigins).values({ tenantId: id, origin }).onConflictDoNothing();
    }
    for (const [tenantId, keys, list] of [
      [DEMO.operator.id, DEMO.operator, operatorTariffs],
      [DEMO.reseller.id, DEMO.reseller, resellerTariffs],
    ] as const) {
      await storeKey(tx, tenantId, 'publishable', keys.publishableKey, 'demo');
      await storeKey(tx, tenantId, 'secret', keys.secretKey, 'demo');
      for (const [sortOrder, seed] of list.entries()) {
        const tariff = { ...seed, forSubUsers: seed.forSubUsers ?? false, forPorting: seed.forPorting ?? false, currency: seed.currency ?? 'EUR' };
        await tx
          .insert(tariffs)
          .values({ tenantId, ...tariff, sortOrder })
          .onConflictDoUpdate({ target: [tariffs.tenantId, tariffs.code], set: { ...tariff, sortOrder, updatedAt: sql`now()` } });
      }
    }
    await seedDemoUsers(tx);
    await seedDemoSubUsers(tx, new Date());
    await seedDemoLocations(tx, new Date());
    await seedDemoPorting(tx, new Date(), options.secret);
    await seedDemoContracts(tx, { tenantId: DEMO.reseller.id, operatorId: DEMO.operator.id, mainAccountId: DEMO.admin.accountId, locationAccountId: DEMO.location.accountId, ...(options.secret && { secret: options.secret }) });
    if (options.secret) await seedDemoWebhooks(tx, options.secret);
  });
}

/**
 * Each demo tenant listens for port order changes (once; a newcomer's own endpoints stay): the signed
 * `port_order.status_changed` of every decision then shows in the dev outbox beside the agent's e-mails.
 * The host does not exist — the dev outbox is where they are read.
 */
async function seedDemoWebhooks(tx: Executor, secret: string) {
  for (const [tenantId, host] of [
    [DEMO.operator.id, 'hooks.demo-telecom.example'],
    [DEMO.reseller.id, 'hooks.demo-reseller.example'],
  ] as const) {
    const url = `https://${host}/telkit`;
    const [existing] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.url, url)));
    if (existing) continue;
    await createEndpoint(tx, tenantId, { url, eventTypes: ['port_order.status_changed'], description: 'Demo: port order changes (read them in the dev outbox)' }, { publicOnly: false, serverSecret: secret });
  }
}

/** The reseller's demo business account with its portal admin, and a partner agent; passwords reset at every start. */
async function seedDemoUsers(tx: Executor) {
  const tenantId = DEMO.reseller.id;
  const [business] = await tx.select({ id: tariffs.id }).from(tariffs).where(sql`${tariffs.tenantId} = ${tenantId} and ${tariffs.code} = 'partner-business'`);
  await tx
    .insert(accounts)
    .values({
      id: DEMO.admin.accountId,
      tenantId,
      accountType: 'business',
      customerNumber: DEMO.admin.customerNumber,
      username: DEMO.admin.username,
      displayName: 'Muster Hörtechnik GmbH',
      email: 'admin@muster-hoertechnik.example',
      mobile: '+4915112345678',
      tariffId: business?.id ?? null,
    })
    .onConflictDoNothing();
  const people = [
    { role: 'account_admin' as const, accountId: DEMO.admin.accountId, username: DEMO.admin.username, displayName: 'Max Muster', email: 'admin@muster-hoertechnik.example', mobile: '+4915112345678', password: DEMO.admin.password },
    { role: 'partner_agent' as const, accountId: null, username: DEMO.agent.username, displayName: 'Paula Partner', email: 'agent@demo-reseller.example', mobile: '+4917612345678', password: DEMO.agent.password },
  ];
  for (const { password, ...person } of people) {
    const passwordHash = await hashPassword(password);
    await tx
      .insert(users)
      .values({ tenantId, ...person, passwordHash, passwordChangedAt: sql`now()` })
      .onConflictDoUpdate({ target: [users.tenantId, users.username], set: { passwordHash, email: person.email, mobile: person.mobile, smsLogin: true } });
  }
}

/**
 * The demo business account's co-users, one in every state (seeded once; a newcomer's changes stay):
 * waiting for confirmation, link expired, active (with an invoice note, a tariff change waiting, and a
 * login: `DEMO.coUser`), cancellation scheduled, cancelled.
 */
async function seedDemoSubUsers(tx: Executor, now: Date) {
  const tenantId = DEMO.reseller.id;
  const accountId = DEMO.admin.accountId;
  const [existing] = await tx.select({ id: subUsers.id }).from(subUsers).where(eq(subUsers.accountId, accountId)).limit(1);
  if (existing) return;
  const codes = await tx.select({ id: tariffs.id, code: tariffs.code }).from(tariffs).where(eq(tariffs.tenantId, tenantId));
  const tariff = (code: string) => codes.find((t) => t.code === code)!.id;
  const [admin] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, DEMO.admin.username)));
  const today = berlinDate(now);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const common = { tenantId, accountId, locale: 'de' as const, createdBy: admin?.id ?? null };

  // Confirmed co-users have an account and a login of their own.
  const confirmed = async (o: { username: string; first: string; last: string; email: string; mobile: string; sequence: number; since: Date; password?: string; cancelled?: Date }) => {
    const [account] = await tx
      .insert(accounts)
      .values({
        tenantId,
        accountType: 'private',
        parentAccountId: accountId,
        status: o.cancelled ? 'cancelled' : 'active',
        customerNumber: customerNumber('DR', o.sequence),
        username: o.username,
        sipAddress: `${o.username}@sip.demo-reseller.example`,
        sipDeactivatedAt: o.cancelled ?? null,
        displayName: `${o.first} ${o.last}`,
        email: o.email,
        mobile: o.mobile,
        createdAt: o.since,
      })
      .returning({ id: accounts.id });
    const passwordHash = o.password ? await hashPassword(o.password) : null;
    const [user] = await tx
      .insert(users)
      .values({ tenantId, role: 'co_user', accountId: account!.id, username: o.username, displayName: `${o.first} ${o.last}`, email: o.email, mobile: o.mobile, passwordHash, passwordChangedAt: passwordHash ? o.since : null, createdAt: o.since })
      .returning({ id: users.id });
    return { coAccountId: account!.id, userId: user!.id, confirmedAt: o.since, startsOn: berlinDate(o.since) };
  };

  const kaya = await confirmed({ username: DEMO.coUser.username, first: 'Aylin', last: 'Kaya', email: 'aylin.kaya@muster-hoertechnik.example', mobile: '+4915798765432', sequence: 9_000_101, since: daysAgo(420), password: DEMO.coUser.password });
  const becker = await confirmed({ username: 'tom.becker', first: 'Tom', last: 'Becker', email: 'tom.becker@muster-hoertechnik.example', mobile: '+4916012345670', sequence: 9_000_102, since: daysAgo(200) });
  const nowak = await confirmed({ username: 'sara.nowak', first: 'Sara', last: 'Nowak', email: 'sara.nowak@muster-hoertechnik.example', mobile: '+4917212345671', sequence: 9_000_103, since: daysAgo(500), cancelled: daysAgo(40) });

  const nextMonth = firstOfNextMonth(today);
  await tx.insert(subUsers).values([
    { ...common, status: 'pending_confirmation', salutation: 'ms', firstName: 'Lena', lastName: 'Schmidt', email: 'lena.schmidt@muster-hoertechnik.example', mobile: '+4915112345690', tariffId: tariff('partner-mitbenutzer'), confirmationSentAt: daysAgo(1), createdAt: daysAgo(1) },
    { ...common, status: 'expired', salutation: 'mr', firstName: 'Jonas', lastName: 'Weber', email: 'jonas.weber@muster-hoertechnik.example', mobile: '+4915212345691', tariffId: tariff('partner-mitbenutzer'), confirmationSentAt: daysAgo(9), createdAt: daysAgo(9) },
    {
      ...common,
      ...kaya,
      status: 'active',
      salutation: 'ms',
      firstName: 'Aylin',
      lastName: 'Kaya',
      email: 'aylin.kaya@muster-hoertechnik.example',
      mobile: '+4915798765432',
      tariffId: tariff('partner-mitbenutzer'),
      nextTariffId: tariff('partner-mitbenutzer-plus'),
      nextTariffFrom: nextMonth,
      invoiceNote: 'Kostenstelle 4711 - Empfang',
      invoiceNoteFrom: berlinDate(daysAgo(420)),
      confirmationSentAt: daysAgo(421),
      createdAt: daysAgo(421),
    },
    {
      ...common,
      ...becker,
      status: 'cancellation_scheduled',
      salutation: 'mr',
      firstName: 'Tom',
      lastName: 'Becker',
      email: 'tom.becker@muster-hoertechnik.example',
      mobile: '+4916012345670',
      tariffId: tariff('partner-mitbenutzer'),
      confirmationSentAt: daysAgo(201),
      createdAt: daysAgo(201),
      cancellationReceivedAt: daysAgo(5),
      endsOn: addDays(addMonths(nextMonth, 1), -1),
    },
    {
      ...common,
      ...nowak,
      status: 'cancelled',
      salutation: 'ms',
      firstName: 'Sara',
      lastName: 'Nowak',
      email: 'sara.nowak@muster-hoertechnik.example',
      mobile: '+4917212345671',
      tariffId: tariff('partner-mitbenutzer-plus'),
      confirmationSentAt: daysAgo(501),
      createdAt: daysAgo(501),
      cancellationReceivedAt: daysAgo(75),
      endsOn: berlinDate(daysAgo(41)),
      cancelledAt: daysAgo(40),
    },
  ]);
}

type Address = { street: string; houseNumber: string; postalCode: string; city: string; country: 'DE' | 'AT' | 'CH' };

/**
 * The demo locations (PRODUCT.md §3.4): the demo business account is a main account with "Filiale Zürich"
 * linked (collective invoice on, its own admin login, two co-users), and "Muster Werkstatt Bern GmbH" is a
 * business account of its own, to link from `tk-locations`. Each account has a confirmed signup, so the
 * overview shows its site and "Neuen Standort bestellen" is prefilled. Created once; passwords reset at
 * every start; a newcomer's links and unlinks stay.
 */
async function seedDemoLocations(tx: Executor, now: Date) {
  const tenantId = DEMO.reseller.id;
  const [business] = await tx.select({ id: tariffs.id }).from(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.code, 'partner-business')));
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const signup = async (o: { id: string; company: string; address: Address; contact: { first: string; last: string; email: string; mobile: string }; invoiceAddress?: { name: string; address: Address }; since: Date }) => {
    const data = {
      accountType: 'business',
      company: { name: o.company, legalForm: 'gmbh', address: o.address },
      ...(o.invoiceAddress && { invoiceAddress: o.invoiceAddress }),
      contact: { salutation: 'none', firstName: o.contact.first, lastName: o.contact.last, email: o.contact.email, mobile: o.contact.mobile },
      tariffId: business!.id,
    } as SignupData;
    await tx
      .insert(signups)
      .values({
        id: o.id,
        tenantId,
        accountType: 'business',
        status: 'confirmed',
        tariffId: business!.id,
        data,
        displayName: o.company,
        email: o.contact.email,
        mobile: o.contact.mobile,
        locale: 'de',
        paymentMethod: 'invoice',
        evidence: { at: o.since.toISOString(), ip: '127.0.0.1', userAgent: 'demo seed', originPage: null, termsVersion: '2026-01', consentTexts: { terms: 'demo' }, emailTemplateId: 'demo' },
        createdAt: o.since,
        confirmedAt: o.since,
      })
      .onConflictDoNothing();
  };
  /** A business account with its signup (the site) and its admin's login, for `login`'s fixed ids. */
  const businessAccount = async (login: { accountId: string; signupId: string; username: string; password: string; customerNumber: string }, o: { company: string; address: Address; admin: { first: string; last: string }; email: string; mobile: string; since: Date }) => {
    await signup({ id: login.signupId, company: o.company, address: o.address, contact: { ...o.admin, email: o.email, mobile: o.mobile }, since: o.since });
    await tx
      .insert(accounts)
      .values({ id: login.accountId, tenantId, signupId: login.signupId, accountType: 'business', customerNumber: login.customerNumber, username: login.username, displayName: o.company, email: o.email, mobile: o.mobile, tariffId: business?.id ?? null, createdAt: o.since })
      .onConflictDoNothing();
    const passwordHash = await hashPassword(login.password);
    await tx
      .insert(users)
      .values({ tenantId, role: 'account_admin', accountId: login.accountId, username: login.username, displayName: `${o.admin.first} ${o.admin.last}`, email: o.email, mobile: o.mobile, passwordHash, passwordChangedAt: sql`now()`, createdAt: o.since })
      .onConflictDoUpdate({ target: [users.tenantId, users.username], set: { passwordHash, smsLogin: true } });
  };

  // The main account's own signup (Berlin, with a separate invoice address), for its site and the prefill.
  await signup({
    id: DEMO.adminSignupId,
    company: 'Muster Hörtechnik GmbH',
    address: { street: 'Friedrichstraße', houseNumber: '120', postalCode: '10117', city: 'Berlin', country: 'DE' },
    invoiceAddress: { name: 'Muster Hörtechnik GmbH, Buchhaltung', address: { street: 'Postfach', houseNumber: '1234', postalCode: '10001', city: 'Berlin', country: 'DE' } },
    contact: { first: 'Max', last: 'Muster', email: 'admin@muster-hoertechnik.example', mobile: '+4915112345678' },
    since: daysAgo(800),
  });
  await tx.update(accounts).set({ signupId: DEMO.adminSignupId }).where(and(eq(accounts.id, DEMO.admin.accountId), sql`${accounts.signupId} is null`));

  await businessAccount(DEMO.location, {
    company: 'Muster Hörtechnik GmbH – Filiale Zürich',
    address: { street: 'Bahnhofstrasse', houseNumber: '21', postalCode: '8001', city: 'Zürich', country: 'CH' },
    admin: { first: 'Lea', last: 'Brunner' },
    email: 'zuerich@muster-hoertechnik.example',
    mobile: '+41791234567',
    since: daysAgo(300),
  });
  await businessAccount(DEMO.unlinked, {
    company: 'Muster Werkstatt Bern GmbH',
    address: { street: 'Marktgasse', houseNumber: '9', postalCode: '3011', city: 'Bern', country: 'CH' },
    admin: { first: 'Urs', last: 'Gerber' },
    email: 'werkstatt@muster-werkstatt-bern.example',
    mobile: '+41781234567',
    since: daysAgo(150),
  });

  // Zürich is linked once, on the collective invoice since the 1st of a past month; its history is the newcomer's after that.
  const [linked] = await tx.select({ id: accountLinks.id }).from(accountLinks).where(eq(accountLinks.subAccountId, DEMO.location.accountId)).limit(1);
  if (linked) return;
  const [admin] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, DEMO.admin.username)));
  const since = daysAgo(120);
  await tx.insert(accountLinks).values({
    tenantId,
    mainAccountId: DEMO.admin.accountId,
    subAccountId: DEMO.location.accountId,
    via: 'code',
    linkedAt: since,
    linkedBy: admin?.id ?? null,
    collectiveInvoice: true,
    collectiveInvoicePrevious: false,
    collectiveInvoiceFrom: firstOfNextMonth(berlinDate(since)),
  });
  // Two co-users of the location: one active (with its own account), one waiting for its confirmation.
  const coTariff = (await tx.select({ id: tariffs.id }).from(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.code, 'partner-mitbenutzer'))))[0]!.id;
  const [co] = await tx
    .insert(accounts)
    .values({
      tenantId,
      accountType: 'private',
      parentAccountId: DEMO.location.accountId,
      customerNumber: customerNumber('DR', 9_000_111),
      username: 'nina.meier',
      sipAddress: 'nina.meier@sip.demo-reseller.example',
      displayName: 'Nina Meier',
      email: 'nina.meier@muster-hoertechnik.example',
      mobile: '+41791234501',
      createdAt: daysAgo(90),
    })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  if (!co) return;
  const [coLogin] = await tx
    .insert(users)
    .values({ tenantId, role: 'co_user', accountId: co.id, username: 'nina.meier', displayName: 'Nina Meier', email: 'nina.meier@muster-hoertechnik.example', mobile: '+41791234501', createdAt: daysAgo(90) })
    .returning({ id: users.id });
  const common = { tenantId, accountId: DEMO.location.accountId, locale: 'de' as const, tariffId: coTariff, createdBy: null };
  await tx.insert(subUsers).values([
    { ...common, status: 'active', salutation: 'ms', firstName: 'Nina', lastName: 'Meier', email: 'nina.meier@muster-hoertechnik.example', mobile: '+41791234501', coAccountId: co.id, userId: coLogin!.id, confirmedAt: daysAgo(90), startsOn: berlinDate(daysAgo(90)), confirmationSentAt: daysAgo(91), createdAt: daysAgo(91) },
    { ...common, status: 'pending_confirmation', salutation: 'mr', firstName: 'Luca', lastName: 'Keller', email: 'luca.keller@muster-hoertechnik.example', mobile: '+41791234502', confirmationSentAt: daysAgo(1), createdAt: daysAgo(1) },
  ]);
}

/**
 * Number porting for `demo.agent` (PRODUCT.md §3.5): the reseller's PBX product, licence prices and pool of
 * temporary numbers (refreshed, insert-if-missing), and — once, with fixed ids — the customer "Schmiedeisen
 * AG", a draft left at the numbers step (customer and subscription done, numbers half filled) and a
 * submitted order (two singles and a DDI block in Bern, collective signature, contract end, three
 * workplaces, temporary numbers from the pool, its history draft → submitted). A newcomer's changes to them
 * stay; a database seeded before porting existed gets them on its next start.
 */
async function seedDemoPorting(tx: Executor, now: Date, secret: string | undefined) {
  const tenantId = DEMO.reseller.id;
  const p = DEMO.porting;
  for (const [licence, monthlyPriceCents] of [
    ['apps', 1200],
    ['device', 650],
  ] as const) {
    await tx
      .insert(licencePrices)
      .values({ tenantId, licence, monthlyPriceCents, currency: 'CHF' })
      .onConflictDoUpdate({ target: [licencePrices.tenantId, licencePrices.licence], set: { monthlyPriceCents, currency: 'CHF' } });
  }
  const pool = Array.from({ length: p.pool.size }, (_, i) => `+41${p.pool.first + i}`);
  await tx
    .insert(temporaryNumbers)
    .values(pool.map((e164) => ({ tenantId, e164 })))
    .onConflictDoNothing();

  const [agent] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, DEMO.agent.username)));
  const [product] = await tx.select({ id: tariffs.id }).from(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.code, p.productCode)));
  if (!agent || !product) return;
  await tx
    .insert(customers)
    .values({
      id: p.customerId,
      tenantId,
      companyName: 'Schmiedeisen AG',
      street: 'Hardturmstrasse 161',
      postalCode: '8005',
      city: 'Zürich',
      country: 'CH',
      contactName: 'Jürg Müller',
      invoiceEmail: 'buchhaltung@schmiedeisen.example',
      phone: '+41442726100',
      uid: 'CHE-116.281.710',
      createdBy: agent.id,
      createdAt: new Date(now.getTime() - 20 * 86_400_000),
    })
    .onConflictDoNothing();
  const [existing] = await tx.select({ id: portOrders.id }).from(portOrders).where(eq(portOrders.id, p.submittedOrderId));
  if (existing) return;

  const today = berlinDate(now);
  const start = firstOfNextMonth(today);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const sealed = (plain: string) => (secret ? seal(secret, WORKPLACE_SEAL, plain) : null);
  const common = { tenantId, createdBy: agent.id, customerId: p.customerId, tariffId: product.id, startDate: start, country: 'CH' };

  // The draft: steps 1 and 2 done; on the numbers step one number typed and the provider chosen.
  await tx
    .insert(portOrders)
    .values({ ...common, id: p.draftOrderId, reference: p.draftReference, status: 'draft', step: 2, currentProvider: 'swisscom', createdAt: daysAgo(1), updatedAt: daysAgo(1) })
    .onConflictDoNothing();
  const [draftLines] = await tx.select({ id: portOrderNumbers.id }).from(portOrderNumbers).where(eq(portOrderNumbers.orderId, p.draftOrderId)).limit(1);
  if (!draftLines) {
    await tx.insert(portOrderNumbers).values([
      { tenantId, orderId: p.draftOrderId, position: 0, input: '031 330 50 60', kind: 'single', rangeFirst: '+41313305060', rangeLast: '+41313305060', numberType: 'fixed_line' },
      { tenantId, orderId: p.draftOrderId, position: 1, input: '031 330 50', kind: 'single', rangeFirst: null, rangeLast: null, numberType: null },
    ]);
  }

  // The submitted order: complete, waiting for the operator.
  const submittedAt = daysAgo(2);
  const portingDate = earliestPortingDate(today) ?? addDays(today, 14);
  await tx.insert(portOrders).values({
    ...common,
    id: p.submittedOrderId,
    reference: p.submittedReference,
    status: 'submitted',
    step: 4,
    newNumbers: 2,
    currentProvider: 'swisscom',
    signing: 'collective',
    signers: [
      { name: 'Jürg Müller', role: 'Geschäftsführer' },
      { name: 'Andrea Bühler', role: 'Prokuristin' },
    ],
    timing: 'contract_end',
    portingDate,
    portingTime: '09:00',
    sharedContract: true,
    scope: 'partial',
    note: 'Filiale Bern, Empfang und Werkstatt.',
    supportLoginName: 'demo.reseller.support',
    supportPasswordSealed: sealed('Support-Demo-Passwort-2026'),
    submittedAt,
    createdAt: daysAgo(3),
    updatedAt: submittedAt,
  });
  const lines = await tx
    .insert(portOrderNumbers)
    .values([
      { tenantId, orderId: p.submittedOrderId, position: 0, input: '031 330 40 50', kind: 'single', rangeFirst: '+41313304050', rangeLast: '+41313304050', numberType: 'fixed_line' },
      { tenantId, orderId: p.submittedOrderId, position: 1, input: '031 330 40 51', kind: 'single', rangeFirst: '+41313304051', rangeLast: '+41313304051', numberType: 'fixed_line' },
      { tenantId, orderId: p.submittedOrderId, position: 2, input: '+41 31 330 41 0x', kind: 'block', rangeFirst: '+41313304100', rangeLast: '+41313304109', numberType: 'fixed_line' },
    ])
    .returning({ id: portOrderNumbers.id, position: portOrderNumbers.position });
  // One temporary number per line, taken from the pool as a submission takes them.
  const sorted = [...lines].sort((a, b) => a.position - b.position).map((l) => ({ id: l.id, temporaryNumber: null, temporaryReleasedAt: null }));
  await assignTemporaryNumbers(tx, tenantId, sorted, submittedAt);
  await tx.insert(portOrderWorkplaces).values(
    [
      { displayName: 'Jürg Müller', loginName: 'juerg.mueller', password: 'Demo-Arbeitsplatz-1-2026', licence: 'apps' as const },
      { displayName: 'Andrea Bühler', loginName: 'andrea.buehler', password: 'Demo-Arbeitsplatz-2-2026', licence: 'apps' as const },
      { displayName: 'Werkstatt Fax', loginName: 'werkstatt.fax', password: 'Demo-Arbeitsplatz-3-2026', licence: 'device' as const },
    ].map(({ password, ...w }, position) => ({ ...w, tenantId, orderId: p.submittedOrderId, position, passwordSealed: sealed(password) })),
  );
  await tx.insert(statusHistory).values([
    { tenantId, entity: 'port_order', entityId: p.submittedOrderId, fromStatus: 'draft', toStatus: 'submitted', actorKind: 'agent', actorId: agent.id, at: submittedAt },
  ]);
}
