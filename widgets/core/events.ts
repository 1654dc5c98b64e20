import type { Profile } from '../../contract/portal.js';

/** Fired when a widget's flow finished; `detail` says with what. */
export class TkCompleteEvent<D = unknown> extends Event {
  static readonly type = 'tk-complete';
  constructor(readonly detail: D) {
    super(TkCompleteEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired when the user leaves a flow on purpose. */
export class TkCancelEvent extends Event {
  static readonly type = 'tk-cancel';
  constructor(readonly detail: { step?: string } = {}) {
    super(TkCancelEvent.type, { bubbles: true, composed: true });
  }
}

export interface TkErrorDetail {
  /** A problem code from the BFF (`unauthorized`, `rate_limited`, …) or `network_error`. */
  code: string;
  status?: number;
  message: string;
}

/** Fired when a request failed in a way the user sees; integrators may log it. */
export class TkErrorEvent extends Event {
  static readonly type = 'tk-error';
  constructor(readonly detail: TkErrorDetail) {
    super(TkErrorEvent.type, { bubbles: true, composed: true });
  }
}

export interface TkStepChangeDetail {
  step: string;
  index: number;
  count: number;
}

/** Fired by wizards when the visible step changes. */
export class TkStepChangeEvent extends Event {
  static readonly type = 'tk-step-change';
  constructor(readonly detail: TkStepChangeDetail) {
    super(TkStepChangeEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired by `<tk-provider>` (or a standalone widget) when the session ended by itself; the widgets show the login again. */
export class TkSessionExpiredEvent extends Event {
  static readonly type = 'tk-session-expired';
  constructor() {
    super(TkSessionExpiredEvent.type, { bubbles: true, composed: true });
  }
}

export interface TkSessionChangeDetail {
  /** Who is logged in now (name, role, account), or null when nobody is. */
  user: Profile | null;
  /**
   * `login` (a login or an embed session), `restored` (a kept session after a reload), `logout`, `expired`,
   * `switch` (a main account's admin now acts on a sub-account: `user.acting` says so) or `return` (back to
   * the main account from a sub-account).
   */
  reason: 'login' | 'restored' | 'logout' | 'expired' | 'switch' | 'return';
}

/**
 * Fired by `<tk-provider>` when someone logs in or out (or the session ends by itself, or a kept session
 * is restored after a reload, or an admin switches to a sub-account and back): for pages that show parts
 * only to logged-in users, e.g. by role.
 */
export class TkSessionChangeEvent extends Event {
  static readonly type = 'tk-session-change';
  constructor(readonly detail: TkSessionChangeDetail) {
    super(TkSessionChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tk-session-change': TkSessionChangeEvent;
    'tk-session-expired': TkSessionExpiredEvent;
    'tk-complete': TkCompleteEvent;
    'tk-cancel': TkCancelEvent;
    'tk-error': TkErrorEvent;
    'tk-step-change': TkStepChangeEvent;
  }
}
