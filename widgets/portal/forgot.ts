import { html } from 'lit';
import type { Params } from '../../contract/i18n.js';
import { type ForgotKey, forgotMessages } from './forgot.messages.js';
import type { PortalForm } from './form.js';
import type { LoginStep } from './login.js';

/** The texts of "forgot password", in the widget's language (once `load` has them). */
const text = (form: PortalForm<LoginStep>, key: ForgotKey, params?: Params) => forgotMessages.t(form.i18n.locale, key, params);

/** Fetches the texts of the widget's language (a file that fails leaves German). */
export const load = (form: PortalForm<LoginStep>): Promise<void> => forgotMessages.load(form.i18n.locale).catch(() => undefined);

/**
 * The login's "forgot password" steps (`tk-login` loads this file when "forgot password" is chosen): the
 * username or e-mail address, then the same answer for any name, in the banner.
 */
export function renderForgot(form: PortalForm<LoginStep>, step: 'forgot' | 'forgot-sent') {
  const t = form.t;
  if (step === 'forgot-sent') {
    return html`${form.heading(text(form, 'forgot.title'))}
      <tk-button variant="link" @click=${() => form.go('credentials')}>${t('login.title')}</tk-button>`;
  }
  const submit = (e: Event) => forgot(form, e);
  form.light.content = form.credentials(form.credential({ name: 'login', label: t('login.name'), autocomplete: 'username' }), submit);
  return html`<form novalidate @submit=${submit}>
    ${form.heading(text(form, 'forgot.title'))} ${form.summary({ login: t('login.name') })}
    <p>${text(form, 'forgot.intro')}</p>
    ${form.legend()}
    <slot></slot>
    <div class="actions">
      <tk-button type="submit" ?busy=${form.submit.busy}>${text(form, 'forgot.submit')}</tk-button>
      <tk-button variant="link" @click=${() => form.go('credentials')}>${t('back')}</tk-button>
    </div>
  </form>`;
}

/** Asks for a link to set a new password (`POST /v1/password-resets`). */
async function forgot(form: PortalForm<LoginStep>, e: Event) {
  e.preventDefault();
  if (form.submit.busy) return;
  const login = (form.values.login ?? '').trim();
  if (!(await form.check({ login: login ? undefined : form.fieldError('required') }))) return;
  const done = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-resets'].$post({ json: { login } }, opts), o));
  if (done) await form.go('forgot-sent', text(form, 'forgot.done', { login }));
}
