import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { type Locale, type TenantConfig, tenantConfigSchema } from '../../contract/tenant.js';
import { type Db, perDatabase } from '../db/client.js';
import { tariffs } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';

const tariffsQuery = perDatabase((db) =>
  db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, sql.placeholder('tenantId')), eq(tariffs.active, true)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.name))
    .prepare('telkit_active_tariffs'),
);

/** The tariffs a tenant offers, in display order. */
export function activeTariffs(db: Db, tenantId: string) {
  return tariffsQuery(db).execute({ tenantId });
}

export const tenantRoutes = new Hono<AppEnv>().get(
  '/',
  endpoint({
    summary: 'The calling tenant: branding, locales, legal links with terms version, support, tariffs',
    tags: ['tenant'],
    auth: ['publishable', 'secret'],
    success: { status: 200, description: 'Tenant configuration', schema: tenantConfigSchema },
  }),
  async (c) => {
    const { tenant } = c.get('caller');
    const offered = await activeTariffs(c.get('deps').db, tenant.id);
    const body: TenantConfig = {
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
      tariffs: offered.map((t) => ({
        id: t.id,
        code: t.code,
        name: t.name,
        accountTypes: t.accountTypes,
        monthlyPriceCents: t.monthlyPriceCents,
        oneOffFeeCents: t.oneOffFeeCents,
        currency: t.currency,
        minimumTermMonths: t.minimumTermMonths,
        noticePeriodMonths: t.noticePeriodMonths,
      })),
    };
    return c.json(body, 200);
  },
);
