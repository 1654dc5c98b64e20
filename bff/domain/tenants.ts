import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Locale, TenantConfig } from '../../contract/tenant.js';
import { type Db, perDatabase } from '../db/client.js';
import { apiKeys, type Tariff, type Tenant, tenantOrigins, tenants } from '../db/schema/index.js';
import { presentTariff } from './tariffs.js';

// What authentication and GET /v1/tenant read: prepared once per database. Request paths read them
// through `TenantCache` (lib/tenant-cache.ts), which calls these on a miss.

const keyQuery = perDatabase((db) =>
  db
    .select({ keyId: apiKeys.id, kind: apiKeys.kind, tenant: tenants })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(and(eq(apiKeys.tokenHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
    .limit(1)
    .prepare('telkit_find_key'),
);

const tenantQuery = perDatabase((db) => db.select().from(tenants).where(eq(tenants.id, sql.placeholder('id'))).prepare('telkit_tenant'));

const originsQuery = perDatabase((db) =>
  db.select({ origin: tenantOrigins.origin }).from(tenantOrigins).where(eq(tenantOrigins.tenantId, sql.placeholder('tenantId'))).prepare('telkit_tenant_origins'),
);

const knownOriginQuery = perDatabase((db) =>
  db.select({ origin: tenantOrigins.origin }).from(tenantOrigins).where(eq(tenantOrigins.origin, sql.placeholder('origin'))).limit(1).prepare('telkit_known_origin'),
);

/** The live (unrevoked) key with this SHA-256, with its tenant. */
export async function findKey(db: Db, hash: string) {
  const [row] = await keyQuery(db).execute({ hash });
  return row;
}

export async function findTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const [row] = await tenantQuery(db).execute({ id });
  return row;
}

/** The web origins from which the tenant's publishable keys and sessions are accepted. */
export async function allowedOrigins(db: Db, tenantId: string): Promise<string[]> {
  return (await originsQuery(db).execute({ tenantId })).map((r) => r.origin);
}

/** Whether any tenant allows this origin (for CORS preflights, which carry no key). */
export async function isKnownOrigin(db: Db, origin: string): Promise<boolean> {
  return (await knownOriginQuery(db).execute({ origin })).length > 0;
}

/** The body of `GET /v1/tenant`: everything a widget needs to look and speak like the tenant. */
export function tenantConfig(tenant: Tenant, offered: Tariff[]): TenantConfig {
  return {
    id: tenant.id,
    kind: tenant.kind,
    name: tenant.name,
    branding: { logoUrl: tenant.logoUrl, theme: tenant.theme },
    locales: tenant.locales as Locale[],
    defaultLocale: tenant.defaultLocale as Locale,
    legal: {
      termsUrl: tenant.termsUrl,
      termsVersion: tenant.termsVersion,
      privacyUrl: tenant.privacyUrl,
      imprintUrl: tenant.imprintUrl,
    },
    support: { email: tenant.supportEmail, phone: tenant.supportPhone, hours: tenant.supportHours },
    passkeys: { rpId: tenant.webauthnRpId },
    tariffs: offered.map(presentTariff),
    vatRate: tenant.vatRateBp / 100,
  };
}
