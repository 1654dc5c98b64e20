/**
 * React wrappers (`telkit/react`): properties and events as React props.
 *
 *   <TkProvider publishableKey="tk_pub_…" api="https://bff.example.com" onTkError={(e) => log(e.detail)}>
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { TkErrorEvent } from './core/events.js';
import { TkProvider as TkProviderElement } from './provider/provider.js';

export const TkProvider = createComponent({
  tagName: 'tk-provider',
  elementClass: TkProviderElement,
  react: React,
  events: { onTkError: 'tk-error' as EventName<TkErrorEvent> },
});
