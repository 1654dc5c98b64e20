import type { ActorKind } from './audit.js';

/**
 * A lifecycle as data: its states and the moves between them, each with who may make it. The BFF's
 * `lib/lifecycle.ts` enforces it; widgets and docs can read it (no I/O, no framework).
 */
export interface Lifecycle<S extends string> {
  /** The entity's name in the status history, e.g. `signup`, `co_user`, `port_order`. */
  name: string;
  states: readonly S[];
  transitions: readonly { from: readonly S[]; to: S; by: readonly ActorKind[] }[];
}

export const defineLifecycle = <const S extends string>(lifecycle: Lifecycle<S>): Lifecycle<S> => lifecycle;

/** Whether `actor` may move from `from` to `to`: `illegal` when no such move exists at all. */
export function checkMove<S extends string>(lifecycle: Lifecycle<S>, from: S, to: S, actor: ActorKind): 'ok' | 'illegal' | 'forbidden' {
  const moves = lifecycle.transitions.filter((t) => t.to === to && t.from.includes(from));
  if (moves.length === 0) return 'illegal';
  return moves.some((t) => t.by.includes(actor)) ? 'ok' : 'forbidden';
}
