import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { type Locale, type TenantConfig, tenantConfigSchema } from '../../contract/tenant.js';
import { tariffs, tenants } from '../db/schema/index.js';
import { auth } from '../lib/auth.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { doc } from '../lib/openapi.js';

export const tenantRoutes = new Hono<AppEnv>().get(
  '/',
  doc({
    summary: 'The calling tenant: branding, locales, legal links with terms version, support, tariffs',
    tags: ['tenant'],
    auth: ['publishable', 'secret'],
    success: { status: 200, description: 'Tenant configuration', schema: tenantConfigSchema },
  }),
  auth('publishable', 'secret'),
  async (c) => {
    const { db } = c.get('deps');
    const tenantId = c.get('caller').tenant.id;
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new ApiError(404, 'not_found');
    const offered = await db
      .select()
      .from(tariffs)
      .where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.active, true)))
      .orderBy(asc(tariffs.sortOrder), asc(tariffs.name));
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
