import { html, nothing } from 'lit';
import type { PinChallenge } from '../../contract/portal.js';
import { isMobile, passwordLengthProblem, toE164 } from '../../contract/rules.js';
import { TkApiError } from '../core/api.js';
import { TkCompleteEvent } from '../core/events.js';
import { EMAIL } from '../primitives/text-field.js';
import type { ProfileEditing } from './profile.js';

type ProfileChange = PinChallenge | { status: 'verification_sent'; email: string };

/** How long a confirmed password lets the profile change the e-mail address or mobile number (the BFF's 5 minutes, less a margin). */
const STEP_UP_MS = 4.5 * 60_000;

/**
 * The profile's three change forms (`tk-profile` loads this file while its view shows): the new e-mail
 * address or mobile number, each after confirming the current password in the same form (a step-up, good
 * for 5 minutes), and the new password.
 */
export function renderChange(p: ProfileEditing, step: 'email' | 'mobile' | 'password') {
  return step === 'password' ? passwordForm(p) : changeForm(p, step);
}

/**
 * A new e-mail address or mobile number; without a recent step-up, the password typed with it is
 * confirmed first (`POST /v1/me/step-up`), then the change goes on.
 */
async function change(p: ProfileEditing, e: Event, name: 'email' | 'mobile') {
  e.preventDefault();
  const { form } = p;
  if (form.submit.busy) return;
  const value = (form.values[name] ?? '').trim();
  const password = form.values.password ?? '';
  const stepUp = Date.now() >= p.steppedUpUntil;
  const e164 = toE164(value, 'DE');
  const invalid = name === 'email' ? !EMAIL.test(value) && 'invalid_email' : !(e164 && isMobile(e164)) && 'mobile_invalid';
  const required = form.fieldError('required');
  if (!(await form.check({ password: stepUp && !password ? required : undefined, [name]: !value ? required : invalid ? form.fieldError(invalid) : undefined }))) return;
  if (name === 'mobile') p.pin.prepare();
  if (stepUp && !(await confirmPassword(p, password))) return;
  const json = name === 'email' ? { email: value } : { mobile: value };
  const result = await form.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json }, opts), { ...o, session: true }));
  if (!result) return stepUpLapsed(p);
  if ('challengeId' in result) return p.pin.start(result, 'pin');
  form.values = {};
  await form.go('view', form.t('profile.emailSent', { email: value }));
  p.host.dispatchEvent(new TkCompleteEvent({ change: 'email' }));
}

/** The step-up: the current password confirmed (`POST /v1/me/step-up`) lets this session change its sign-in data for 5 minutes. */
export async function confirmPassword(p: ProfileEditing, password: string): Promise<boolean> {
  const { form } = p;
  if (!(await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me['step-up'].$post({ json: { password } }, opts), { ...o, session: true })))) return false;
  p.steppedUpUntil = Date.now() + STEP_UP_MS;
  form.values = { ...form.values, password: '' };
  return true;
}

/** Without a recent step-up, the current password, in the light DOM (for password managers): true when it is asked. */
export function askPassword(p: ProfileEditing, submit: (e: Event) => void): boolean {
  const { form } = p;
  if (Date.now() < p.steppedUpUntil) return false;
  form.light.content = form.credentials(
    form.credential({ name: 'password', label: form.t('profile.stepUp'), hint: form.t('profile.stepUpHint'), autocomplete: 'current-password', type: 'password' }),
    submit,
  );
  return true;
}

/** After a failed change: when the step-up ran out meanwhile, the password field is back. */
export function stepUpLapsed(p: ProfileEditing): void {
  if (p.form.submit.error instanceof TkApiError && p.form.submit.error.code === 'step_up_required') {
    p.steppedUpUntil = 0;
    p.host.requestUpdate();
  }
}

/** "Change password": the current one and a new one twice, by the rules of setting one. */
async function changePassword(p: ProfileEditing, e: Event) {
  e.preventDefault();
  const { form } = p;
  if (form.submit.busy) return;
  const { currentPassword = '', newPassword = '', repeat = '' } = form.values;
  const required = form.fieldError('required');
  const length = newPassword ? passwordLengthProblem(newPassword) : 'required';
  const ok = await form.check({
    currentPassword: currentPassword ? undefined : required,
    newPassword: length && form.fieldError(length),
    repeat: !repeat ? required : repeat !== newPassword ? form.fieldError('password_mismatch') : undefined,
  });
  if (!ok || !(await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.password.$post({ json: { currentPassword, newPassword } }, opts), { ...o, session: true })))) return;
  form.values = {};
  await form.go('view', form.t('profile.passwordChanged'));
  p.host.dispatchEvent(new TkCompleteEvent({ change: 'password' }));
}

/**
 * A change form: the new e-mail address or mobile number; without a recent step-up, first the current
 * password (in the light DOM, for password managers).
 */
function changeForm(p: ProfileEditing, name: 'email' | 'mobile') {
  const { form } = p;
  const t = form.t;
  const submit = (e: Event) => change(p, e, name);
  const label = t(name === 'email' ? 'profile.newEmail' : 'profile.newMobile');
  const stepUp = askPassword(p, submit);
  return html`<form novalidate @submit=${submit}>
    ${form.heading(t(name === 'email' ? 'profile.changeEmail' : 'profile.changeMobile'))} ${form.summary({ password: t('profile.stepUp'), [name]: label })} ${form.legend()}
    ${stepUp ? html`<slot></slot>` : nothing}
    <tk-text-field
      name=${name}
      label=${label}
      hint=${name === 'mobile' ? t('profile.newMobileHint') : ''}
      type=${name === 'email' ? 'email' : 'tel'}
      autocomplete=${name === 'email' ? 'email' : 'tel'}
      inputmode=${name === 'email' ? 'email' : 'tel'}
      required
      .value=${form.values[name] ?? ''}
      .error=${form.errors[name] ?? ''}
      @input=${form.input}
    ></tk-text-field>
    <div class="actions">
      <tk-button type="submit" ?busy=${form.submit.busy}>${t('profile.save')}</tk-button>
      <tk-button variant="link" @click=${() => form.go('view')}>${t('cancel')}</tk-button>
    </div>
  </form>`;
}

/** "Change password": the three fields in the light DOM, with the username for password managers. */
function passwordForm(p: ProfileEditing) {
  const { form } = p;
  const t = form.t;
  const submit = (e: Event) => changePassword(p, e);
  const labels = { currentPassword: t('profile.currentPassword'), newPassword: t('profile.newPassword'), repeat: t('profile.repeat') };
  form.light.content = form.credentials(
    html`<input type="text" name="username" autocomplete="username" .value=${p.username} readonly hidden />
      ${form.credential({ name: 'currentPassword', label: labels.currentPassword, autocomplete: 'current-password', type: 'password' })}
      ${form.credential({ name: 'newPassword', label: labels.newPassword, hint: t('password.hint'), autocomplete: 'new-password', type: 'password' })}
      ${form.credential({ name: 'repeat', label: labels.repeat, autocomplete: 'new-password', type: 'password' })}`,
    submit,
  );
  return html`<form novalidate @submit=${submit}>
    ${form.heading(t('profile.changePassword'))} ${form.summary(labels)} ${form.legend()}
    <slot></slot>
    <div class="actions">
      <tk-button type="submit" ?busy=${form.submit.busy}>${t('profile.changePassword')}</tk-button>
      <tk-button variant="link" @click=${() => form.go('view')}>${t('cancel')}</tk-button>
    </div>
  </form>`;
}
