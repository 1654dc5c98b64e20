import { eq, getTableColumns, getTableName, is } from 'drizzle-orm';
import { type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../bff/db/client.js';
import * as schema from '../../../bff/db/schema/index.js';

/** Every table with a `tenantId` column, found from the schema: new tables are covered without edits. */
export const tenantTables = (Object.values(schema) as unknown[]).filter(
  (t): t is PgTable & { tenantId: PgColumn } => is(t, PgTable) && 'tenantId' in getTableColumns(t),
);

/** All rows a tenant owns, as comparable JSON per table. */
export async function snapshotTenant(db: Db, tenantId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {
    tenants: await db.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId)),
  };
  for (const table of tenantTables) {
    const rows = await db.select().from(table).where(eq(table.tenantId, tenantId));
    out[getTableName(table)] = rows.map((r) => JSON.parse(JSON.stringify(r))).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

function strings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, into));
  return into;
}

/** Values that identify tenant B's data and nothing of A's: ids, names, codes, hints, addresses. */
export function markersOf(b: Record<string, unknown[]>, a: Record<string, unknown[]>): string[] {
  const mine = strings(a);
  return [...strings(b)].filter((s) => s.length >= 8 && !mine.has(s) && !/^\d{4}-\d\d-\d\dT/.test(s));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
