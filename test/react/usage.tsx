// Typechecked by `npm run typecheck` (part of `npm test`): the React wrappers' props and events are typed.
import type { TkErrorEvent } from '../../widgets/core/events.js';
import { TkCredentialReset, TkProvider } from '../../widgets/react.js';

export function Shop() {
  const onError = (event: TkErrorEvent) => console.warn(event.detail.code, event.detail.status);
  return (
    <TkProvider api="https://bff.example.com" publishableKey="tk_pub_demo" locale="de" noBrand onTkError={onError}>
      <p>Widgets go here.</p>
    </TkProvider>
  );
}

// @ts-expect-error a publishable key is a string
export const wrongKey = <TkProvider publishableKey={42} />;

// @ts-expect-error the error event's detail has no `foo`
export const wrongEvent = <TkProvider onTkError={(e) => e.detail.foo} />;

// The credential reset's completion names the contract.
export const credentials = <TkCredentialReset profileUrl="/profil" onTkComplete={(e) => console.info(e.detail.contractId)} onTkStepChange={(e) => e.detail.step} />;

// @ts-expect-error its completion has no `password`: the widget never sees one
export const noPassword = <TkCredentialReset onTkComplete={(e) => e.detail.password} />;
