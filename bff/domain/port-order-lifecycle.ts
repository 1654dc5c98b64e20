import { portOrderLifecycle, type PortOrderStatus } from '../../contract/porting.js';
import { portOrders } from '../db/schema/index.js';
import { stateMachine } from '../lib/lifecycle.js';
import { announceTransition, type TransitionContext } from './port-order-effects.js';

/**
 * The port order's lifecycle bound to its table: every move — the agent's submit and cancel, the
 * operator's decisions — goes through `portOrderMachine.transition`, which checks it against
 * `contract/porting.ts`, writes the history row and runs `announceTransition` (e-mail, webhook, audit).
 */
export const portOrderMachine = stateMachine<PortOrderStatus, typeof portOrders, TransitionContext>(
  portOrderLifecycle,
  portOrders,
  Object.fromEntries(portOrderLifecycle.states.map((s) => [s, announceTransition])),
);
