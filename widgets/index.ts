/**
 * `telkit.js`: registers every element at once. Import this, or one entry per widget, or use
 * `loader.js`, which defines each tag lazily when it first appears on the page.
 */
export { defineOnce } from './define.js';
export * from './core/api.js';
export * from './core/context.js';
export * from './core/events.js';
export { formatDate, formatMoney, loadLocale, registerLocale, resolveLocale, translate } from './core/i18n/index.js';
export { TkProvider } from './provider/provider.js';
export { TkSignup } from './signup/signup.js';
export { TkConfirm } from './confirm/confirm.js';
export { TkLogin } from './portal/login.js';
export { TkPasswordSetup } from './portal/password-setup.js';
export { TkProfile } from './portal/profile.js';
export { TkSubUsers, type SubUsersCompleteDetail } from './sub-users/sub-users.js';
export { TkLocations, type LocationsCompleteDetail } from './locations/locations.js';
export { TkPorting, TkOpenOrderEvent, type PortingCompleteDetail } from './porting/porting.js';
export { TkPortOrders, type PortOrdersCompleteDetail } from './port-orders/port-orders.js';
export { TkCredentialReset, type CredentialResetCompleteDetail } from './credential-reset/credential-reset.js';
export { TkAlert } from './primitives/alert.js';
export { TkButton } from './primitives/button.js';
export { TkCheckbox } from './primitives/checkbox.js';
export { TkDateField } from './primitives/date-field.js';
export { TkRadioGroup } from './primitives/radio-group.js';
export { TkSelect } from './primitives/select.js';
export { TkStepper } from './primitives/stepper.js';
export { TkSummary } from './primitives/summary.js';
export { TkTextField } from './primitives/text-field.js';
