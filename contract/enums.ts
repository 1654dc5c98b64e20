// Plain constants, no zod: the widgets import these without pulling a schema library into the bundle.

export const accountTypes = ['private', 'professional', 'business'] as const;
export type AccountType = (typeof accountTypes)[number];

/** The locale registry lives in `locales.ts`. */
export { type Locale, locales } from './locales.js';

export const salutations = ['ms', 'mr', 'mx', 'none'] as const;
export const legalForms = ['gmbh', 'ug', 'ag', 'kg', 'ohg', 'gbr', 'ek', 'verein', 'other'] as const;

/** Widgets that act for a logged-in user; an embed session names the ones it may use. */
export const sessionComponents = ['tk-profile', 'tk-sub-users', 'tk-locations', 'tk-porting', 'tk-port-orders', 'tk-credential-reset'] as const;
export type SessionComponent = (typeof sessionComponents)[number];

/** `co_user`: a co-user of a business account; logs in and sees only its profile, never an admin's widgets. */
export const userRoles = ['account_admin', 'partner_agent', 'co_user'] as const;
export type UserRole = (typeof userRoles)[number];
