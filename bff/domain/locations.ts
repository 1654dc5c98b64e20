import type { Locale } from '../../contract/enums.js';
import type { LinkRequestIssued, Location, LocationIntentIssued, LocationList } from '../../contract/locations.js';
import type { Profile } from '../../contract/portal.js';
import type { Executor } from '../db/client.js';
import type { Session, Tenant, User } from '../db/schema/index.js';
import type { BudgetSettings } from './budget.js';

/**
 * Locations ("Standortverwaltung", PRODUCT.md §3.4). SKELETON — the BFF builder replaces every body.
 */
export interface LocationFlow {
  tenant: Tenant;
  /** The logged-in admin (for an acting session: the main account's admin who acts). */
  admin: User & { accountId: string };
  session: Session;
  /** The account the session works on: the admin's own, or the sub-account of an acting session. */
  accountId: string;
  /** For an acting session: the main account the admin acts from. */
  actingFor: string | null;
  now: Date;
  ip: string;
  locale: Locale;
  secret: string;
  publicUrl: string;
  otpHost?: string;
  budget: BudgetSettings;
}

export interface IssuedSession {
  token: string;
  expiresAt: string;
  components: null | string[];
  user: Profile;
}

const notBuilt = (): never => {
  throw new Error('not built');
};

export async function listLocations(_db: Executor, _f: LocationFlow): Promise<LocationList> {
  return notBuilt();
}
export async function requestLink(_tx: Executor, _f: LocationFlow & { customerNumber: string; collectiveInvoice: boolean }): Promise<LinkRequestIssued> {
  return notBuilt();
}
export async function resendLinkCode(_tx: Executor, _f: LocationFlow & { challengeId: string }): Promise<LinkRequestIssued> {
  return notBuilt();
}
export async function confirmLink(_f: LocationFlow & { challengeId: string; pin: string }): Promise<Location> {
  return notBuilt();
}
export async function mintLocationIntent(_tx: Executor, _f: LocationFlow & { collectiveInvoice: boolean }): Promise<LocationIntentIssued> {
  return notBuilt();
}
export async function setCollectiveInvoice(_tx: Executor, _f: LocationFlow & { subAccountId: string; collectiveInvoice: boolean }): Promise<Location> {
  return notBuilt();
}
export async function unlink(_tx: Executor, _f: LocationFlow & { subAccountId: string }): Promise<{ accountId: string; unlinkedAt: string; collectiveInvoiceUntil: string | null }> {
  return notBuilt();
}
export async function switchInto(_tx: Executor, _f: LocationFlow & { subAccountId: string }): Promise<IssuedSession> {
  return notBuilt();
}
export async function returnToMain(_tx: Executor, _f: LocationFlow): Promise<IssuedSession> {
  return notBuilt();
}
