import { z } from 'zod';

import { accountTypes, locales } from './enums.js';

export { type AccountType, accountTypes, type Locale, locales } from './enums.js';

export const tariffSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    accountTypes: z.array(z.enum(accountTypes)),
    monthlyPriceCents: z.number().int(),
    oneOffFeeCents: z.number().int(),
    currency: z.string().length(3),
    minimumTermMonths: z.number().int(),
    noticePeriodMonths: z.number().int(),
    /** Offered for co-users of business accounts (`tk-sub-users`); such a tariff lists no account types. */
    forSubUsers: z.boolean(),
    /** A PBX product for a reseller's setup with number porting (`tk-porting`); lists no account types either. */
    forPorting: z.boolean(),
  })
  .meta({ id: 'Tariff' });
export type TariffInfo = z.infer<typeof tariffSchema>;

/** What `GET /v1/tenant` returns: everything a widget needs to look and speak like the tenant. */
export const tenantConfigSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['operator', 'reseller']),
    name: z.string(),
    branding: z.object({
      logoUrl: z.string().nullable(),
      /** `--tk-*` token values keyed without the `--tk-` prefix. */
      theme: z.record(z.string(), z.string()),
    }),
    locales: z.array(z.enum(locales)),
    defaultLocale: z.enum(locales),
    legal: z.object({
      termsUrl: z.string(),
      termsVersion: z.string(),
      privacyUrl: z.string(),
      imprintUrl: z.string(),
    }),
    support: z.object({
      email: z.string(),
      phone: z.string().nullable(),
      hours: z.string().nullable(),
    }),
    tariffs: z.array(tariffSchema),
    /** VAT rate in percent (19, 8.1) included in every tariff price; business prices state the net as well. */
    vatRate: z.number(),
    /**
     * Passkeys' relying party: they work on pages whose host is `rpId` or under it (https, or localhost).
     * Null: the BFF's own host (`PUBLIC_URL`).
     */
    passkeys: z.object({ rpId: z.string().nullable() }),
  })
  .meta({ id: 'TenantConfig' });
export type TenantConfig = z.infer<typeof tenantConfigSchema>;
