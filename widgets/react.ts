/**
 * React wrappers (`telkit/react`): properties and events as React props.
 *
 *   <TkProvider publishableKey="tk_pub_…" api="https://bff.example.com" onTkError={(e) => log(e.detail)}>
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { TkCancelEvent, TkCompleteEvent, TkErrorEvent, TkSessionChangeEvent, TkSessionExpiredEvent, TkStepChangeEvent } from './core/events.js';
import { TkLogin as TkLoginElement } from './portal/login.js';
import { TkPasswordSetup as TkPasswordSetupElement } from './portal/password-setup.js';
import { TkProfile as TkProfileElement } from './portal/profile.js';
import { TkProvider as TkProviderElement } from './provider/provider.js';
import { type SignupCompleteDetail, TkSignup as TkSignupElement } from './signup/signup.js';
import { type SubUsersCompleteDetail, TkSubUsers as TkSubUsersElement } from './sub-users/sub-users.js';
import { type LocationsCompleteDetail, TkLocations as TkLocationsElement } from './locations/locations.js';
import { type PortingCompleteDetail, type TkOpenOrderEvent, TkPorting as TkPortingElement } from './porting/porting.js';
import { type PortOrdersCompleteDetail, TkPortOrders as TkPortOrdersElement } from './port-orders/port-orders.js';
import { type CredentialResetCompleteDetail, TkCredentialReset as TkCredentialResetElement } from './credential-reset/credential-reset.js';

export const TkProvider = createComponent({
  tagName: 'tk-provider',
  elementClass: TkProviderElement,
  react: React,
  events: {
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
    onTkSessionExpired: 'tk-session-expired' as EventName<TkSessionExpiredEvent>,
    onTkSessionChange: 'tk-session-change' as EventName<TkSessionChangeEvent>,
  },
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

const portalEvents = { onTkComplete: 'tk-complete' as EventName<TkCompleteEvent>, onTkError: 'tk-error' as EventName<TkErrorEvent> };
export const TkLogin = createComponent({ tagName: 'tk-login', elementClass: TkLoginElement, react: React, events: portalEvents });
export const TkPasswordSetup = createComponent({ tagName: 'tk-password-setup', elementClass: TkPasswordSetupElement, react: React, events: portalEvents });
export const TkProfile = createComponent({ tagName: 'tk-profile', elementClass: TkProfileElement, react: React, events: portalEvents });

export const TkSubUsers = createComponent({
  tagName: 'tk-sub-users',
  elementClass: TkSubUsersElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<SubUsersCompleteDetail>>,
    onTkStepChange: 'tk-step-change' as EventName<TkStepChangeEvent>,
    onTkCancel: 'tk-cancel' as EventName<TkCancelEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});

export const TkLocations = createComponent({
  tagName: 'tk-locations',
  elementClass: TkLocationsElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<LocationsCompleteDetail>>,
    onTkStepChange: 'tk-step-change' as EventName<TkStepChangeEvent>,
    onTkCancel: 'tk-cancel' as EventName<TkCancelEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});

export const TkPorting = createComponent({
  tagName: 'tk-porting',
  elementClass: TkPortingElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<PortingCompleteDetail>>,
    onTkOpenOrder: 'tk-open-order' as EventName<TkOpenOrderEvent>,
    onTkStepChange: 'tk-step-change' as EventName<TkStepChangeEvent>,
    onTkCancel: 'tk-cancel' as EventName<TkCancelEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});

export const TkPortOrders = createComponent({
  tagName: 'tk-port-orders',
  elementClass: TkPortOrdersElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<PortOrdersCompleteDetail>>,
    onTkCancel: 'tk-cancel' as EventName<TkCancelEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});

export const TkCredentialReset = createComponent({
  tagName: 'tk-credential-reset',
  elementClass: TkCredentialResetElement,
  react: React,
  events: {
    onTkComplete: 'tk-complete' as EventName<TkCompleteEvent<CredentialResetCompleteDetail>>,
    onTkStepChange: 'tk-step-change' as EventName<TkStepChangeEvent>,
    onTkCancel: 'tk-cancel' as EventName<TkCancelEvent>,
    onTkError: 'tk-error' as EventName<TkErrorEvent>,
  },
});
