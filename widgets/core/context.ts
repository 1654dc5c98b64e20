import { ContextRoot, createContext } from '@lit/context';
import type { Profile } from '../../contract/portal.js';
import type { Locale, TenantConfig } from '../../contract/tenant.js';
import type { Api } from './api.js';

/** A logged-in user's session: from `tk-login` or from an embed session. */
export interface Session {
  token: string;
  expiresAt: string;
  /** From an embed session: the only components it may use; null after a login. */
  components: readonly string[] | null;
  user: Profile;
}

/** Why the session changed: see `TkSessionChangeDetail.reason`. */
export type SessionChangeReason = 'login' | 'logout' | 'expired' | 'switch' | 'return';

/** What `<tk-provider>` hands to every widget inside it: the one seam stories and tests replace. */
export interface Kit {
  api: Api;
  locale: Locale;
  /** Undefined while it loads. */
  tenant: TenantConfig | undefined;
  session: Session | undefined;
  /**
   * Sets (after a login; `switch`: a session acting on a sub-account, `return`: back to the main account) or
   * clears (logout, expiry) the session for every widget of the kit.
   */
  setSession(session: Session | undefined, reason?: SessionChangeReason): void;
}

export const kitContext = createContext<Kit | undefined>(Symbol.for('telkit.kit.v1'));

// Widgets may be defined before their provider (the loader defines tags lazily): a context root replays
// their requests once the provider appears. One root per page, whichever copy of the kit came first.
const ROOT = Symbol.for('telkit.context-root.v1');
const global = globalThis as { [ROOT]?: ContextRoot };
if (typeof document !== 'undefined' && !global[ROOT]) {
  global[ROOT] = new ContextRoot();
  global[ROOT].attach(document.documentElement);
}
