/**
 * React wrappers (`telkit/react`): properties and events as React props.
 *
 *   <TkProvider publishableKey="tk_pub_…" api="https://bff.example.com" onTkError={(e) => log(e.detail)}>
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { TkCompleteEvent, TkErrorEvent, TkStepChangeEvent } from './core/events.js';
import { TkProvider as TkProviderElement } from './provider/provider.js';
import { type SignupCompleteDetail, TkSignup as TkSignupElement } from './signup/signup.js';

export const TkProvider = createComponent({
  tagName: 'tk-provider',
  elementClass: TkProviderElement,
  react: React,
  events: { onTkError: 'tk-error' as EventName<TkErrorEvent> },
});

export const TkSignup = createComponent({
  tagName: 'tk-signup',
  elementClass: TkSignupElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<SignupCompleteDetail>>,
    onTkStepChange: 'tk-step-change' as EventName<TkStepChangeEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});
