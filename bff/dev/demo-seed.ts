import { sql } from 'drizzle-orm';
import type { AccountType } from '../../contract/tenant.js';
import { customerNumber } from '../../contract/rules.js';
import type { Executor } from '../db/client.js';
import { accounts, tariffs, tenantOrigins, tenants, users } from '../db/schema/index.js';
import { hashPassword } from '../domain/passwords.js';
import { storeKey } from '../domain/api-keys.js';

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
} as const;

type TariffSeed = {
  code: string;
  name: string;
  accountTypes: AccountType[];
  monthlyPriceCents: number;
  oneOffFeeCents: number;
  minimumTermMonths: number;
  noticePeriodMonths: number;
};

const operatorTariffs: TariffSeed[] = [
  { code: 'relay-basis', name: 'Relay Basis', accountTypes: ['private'], monthlyPriceCents: 490, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1 },
  { code: 'relay-plus', name: 'Relay Plus', accountTypes: ['private', 'professional'], monthlyPriceCents: 990, oneOffFeeCents: 990, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'relay-beruf', name: 'Relay Beruf', accountTypes: ['professional'], monthlyPriceCents: 1490, oneOffFeeCents: 0, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'relay-business', name: 'Relay Business', accountTypes: ['business'], monthlyPriceCents: 2990, oneOffFeeCents: 4900, minimumTermMonths: 24, noticePeriodMonths: 3 },
];

const resellerTariffs: TariffSeed[] = [
  { code: 'partner-privat', name: 'Partner Privat', accountTypes: ['private'], monthlyPriceCents: 590, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1 },
  { code: 'partner-beruf', name: 'Partner Beruf', accountTypes: ['professional'], monthlyPriceCents: 1590, oneOffFeeCents: 0, minimumTermMonths: 12, noticePeriodMonths: 1 },
  { code: 'partner-business', name: 'Partner Business', accountTypes: ['business'], monthlyPriceCents: 3490, oneOffFeeCents: 2900, minimumTermMonths: 12, noticePeriodMonths: 3 },
];

/** Creates or refreshes the demo tenants, keys, origins and tariffs. Safe to run at every start. */
export async function seedDemo(db: Executor, publicUrl: string): Promise<void> {
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
      for (const [sortOrder, tariff] of list.entries()) {
        await tx
          .insert(tariffs)
          .values({ tenantId, ...tariff, sortOrder })
          .onConflictDoUpdate({ target: [tariffs.tenantId, tariffs.code], set: { ...tariff, sortOrder, updatedAt: sql`now()` } });
      }
    }
    await seedDemoUsers(tx);
  });
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
      .onConflictDoUpdate({ target: [users.tenantId, users.username], set: { passwordHash, email: person.email, mobile: person.mobile } });
  }
}
