import { and, asc, eq, sql } from 'drizzle-orm';
import type { TariffInfo } from '../../contract/tenant.js';
import { type Db, perDatabase } from '../db/client.js';
import { type Tariff, tariffs } from '../db/schema/index.js';

const activeTariffsQuery = perDatabase((db) =>
  db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, sql.placeholder('tenantId')), eq(tariffs.active, true)))
    .orderBy(asc(tariffs.sortOrder), asc(tariffs.name))
    .prepare('telkit_active_tariffs'),
);

/** The tariffs a tenant offers, in display order. Read through `TenantCache.tariffs` on request paths. */
export function activeTariffs(db: Db, tenantId: string): Promise<Tariff[]> {
  return activeTariffsQuery(db).execute({ tenantId });
}

/** A tariff as the widgets see it. */
export const presentTariff = (t: Tariff): TariffInfo => ({
  id: t.id,
  code: t.code,
  name: t.name,
  accountTypes: t.accountTypes,
  monthlyPriceCents: t.monthlyPriceCents,
  oneOffFeeCents: t.oneOffFeeCents,
  currency: t.currency,
  minimumTermMonths: t.minimumTermMonths,
  noticePeriodMonths: t.noticePeriodMonths,
  forSubUsers: t.forSubUsers,
  forPorting: t.forPorting,
});
