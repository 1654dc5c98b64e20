// What every port order transition does besides the status (history is written by the state machine):
// the agent's e-mail, the signed webhook `port_order.status_changed`, the audit entry. Owned by the
// operator-side work; a stub until then.
import type { PortOrderStatus } from '../../contract/porting.js';
import type { Executor } from '../db/client.js';
import type { PortOrder } from '../db/schema/index.js';
import type { Move } from '../lib/lifecycle.js';

/** What a transition's effects need from the request that made it. */
export interface TransitionContext {
  ip?: string | null;
}

export async function announceTransition(_tx: Executor, _row: PortOrder, _move: Move<PortOrderStatus, TransitionContext>, _from: PortOrderStatus): Promise<void> {}
