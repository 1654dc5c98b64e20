import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { accountTypes } from '../../../contract/tenant.js';
import { at, id, tenantId, timestamps } from '../columns.js';

export const tenantKind = pgEnum('tenant_kind', ['operator', 'reseller']);
export const accountType = pgEnum('account_type', accountTypes);
export const apiKeyKind = pgEnum('api_key_kind', ['publishable', 'secret']);

export const tenants = pgTable('tenants', {
  id: id(),
  parentId: uuid('parent_id').references((): AnyPgColumn => tenants.id),
  kind: tenantKind('kind').notNull(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  logoUrl: text('logo_url'),
  /** `--tk-*` token values without the prefix, e.g. `{ "color-primary": "#0b5" }`. */
  theme: jsonb('theme').$type<Record<string, string>>().notNull().default({}),
  locales: text('locales').array().notNull().default(['de', 'en']),
  defaultLocale: text('default_locale').notNull().default('de'),
  termsUrl: text('terms_url').notNull(),
  termsVersion: text('terms_version').notNull(),
  privacyUrl: text('privacy_url').notNull(),
  imprintUrl: text('imprint_url').notNull(),
  supportEmail: text('support_email').notNull(),
  supportPhone: text('support_phone'),
  supportHours: text('support_hours'),
  mailFromName: text('mail_from_name').notNull(),
  mailFromAddress: text('mail_from_address').notNull(),
  sipDomain: text('sip_domain').notNull(),
  customerNumberPrefix: text('customer_number_prefix').notNull(),
  /** VAT in basis points (1900 = 19 %, 810 = 8.1 %): tariff prices are gross; business prices show the net. */
  vatRateBp: integer('vat_rate_bp').notNull().default(1900),
  /**
   * The passkeys' relying party: a registrable domain the embedding origins are on or under (`example.com`
   * serves `portal.example.com`). Passkeys belong to it, so it is set once; none: the BFF's `PUBLIC_URL` host.
   */
  webauthnRpId: text('webauthn_rp_id'),
  ...timestamps(),
});

export const tenantOrigins = pgTable(
  'tenant_origins',
  {
    tenantId: tenantId(),
    origin: text('origin').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.origin] }), index('tenant_origins_origin_idx').on(t.origin)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    tenantId: tenantId(),
    kind: apiKeyKind('kind').notNull(),
    /** SHA-256 of the whole key, hex. The key itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the key, so people can tell keys apart. */
    hint: text('hint').notNull(),
    label: text('label').notNull().default(''),
    createdAt: at('created_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId)],
);

export const tariffs = pgTable(
  'tariffs',
  {
    id: id(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    accountTypes: accountType('account_types').array().notNull(),
    monthlyPriceCents: integer('monthly_price_cents').notNull(),
    oneOffFeeCents: integer('one_off_fee_cents').notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    minimumTermMonths: integer('minimum_term_months').notNull(),
    noticePeriodMonths: integer('notice_period_months').notNull(),
    /** Offered for co-users of business accounts (`tk-sub-users`), not in the signup. */
    forSubUsers: boolean('for_sub_users').notNull().default(false),
    /** A PBX product a reseller's agent sets up with number porting (`tk-porting`), not in the signup. */
    forPorting: boolean('for_porting').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
  },
  (t) => [unique('tariffs_tenant_code_uq').on(t.tenantId, t.code)],
);

export type Tenant = typeof tenants.$inferSelect;
export type Tariff = typeof tariffs.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
