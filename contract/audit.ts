/**
 * Who acts, in audit entries and lifecycle history: a customer through an e-mail link, an account's
 * admin or a partner agent through a session, the operator or an integrator through a secret key, or
 * the system (scheduled jobs).
 */
export const actorKinds = ['customer', 'admin', 'agent', 'operator', 'integrator', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];
