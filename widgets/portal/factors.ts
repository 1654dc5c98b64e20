import { html, nothing } from 'lit';
import type { Factors, TotpEnrolment } from '../../contract/factors.js';
import { localeTag } from '../../contract/i18n.js';
import { factorErrorMessages } from '../../contract/messages/factor-errors.js';
import { TkCompleteEvent } from '../core/events.js';
import { failureMessage } from '../core/submit.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import '../primitives/text-field.js';
import { type FactorsKey, factorsMessages } from './factors.messages.js';
import { download, readable } from './codes.js';
import { askPassword, confirmPassword, stepUpLapsed } from './profile-changes.js';
import type { ProfileEditing } from './profile.js';

/** What `tk-complete` says changed. */
export type FactorChange = 'passkey_added' | 'passkey_removed' | 'totp_added' | 'totp_removed' | 'sms_off' | 'sms_on' | 'recovery_codes';

/** What the profile's step `factor` shows: a change form, or the recovery codes (once). */
type Action =
  | { kind: 'passkey' }
  | { kind: 'totp'; enrolment?: TotpEnrolment }
  /** Without a passkey: the authenticator app. */
  | { kind: 'remove'; passkey?: { id: string; label: string } }
  /** SMS sign-in off or on again (the number stays either way). */
  | { kind: 'sms'; on: boolean }
  | { kind: 'codes' }
  | { kind: 'show'; codes: string[]; notice: string };

interface State {
  factors?: Factors;
  loading?: boolean;
  error?: unknown;
  action?: Action;
  /** Waiting for the device to create the passkey. */
  creating?: boolean;
  /**
   * The device did not create one: no API problem, a plain alert — `exists` when it holds a passkey of this
   * account already (`InvalidStateError`), else `failed` (cancelled, not allowed, not supported).
   */
  failed?: 'exists' | 'failed';
}

/** Per profile element: what it shows of the factors (a profile's `editing` lives as long as the element). */
const states = new WeakMap<ProfileEditing, State>();
function state(p: ProfileEditing): State {
  let s = states.get(p);
  if (!s) states.set(p, (s = {}));
  return s;
}

/** After a login or logout: nothing of the last user's factors stays. */
export function forget(p: ProfileEditing): void {
  states.delete(p);
}

const texts = (p: ProfileEditing) => {
  const locale = p.form.i18n.locale;
  return (key: FactorsKey, params?: Record<string, string | number>) => factorsMessages.t(locale, key, params);
};

/** The factors and this section's texts in the widget's language (a missing file leaves German). */
async function load(p: ProfileEditing) {
  const s = state(p);
  const { i18n } = p.form;
  const api = i18n.kit?.api;
  if (!api || s.loading) return;
  s.loading = true;
  s.error = undefined;
  try {
    const locale = i18n.locale;
    const [factors] = await Promise.all([
      api.call((rpc, o) => rpc.v1.me.factors.$get({}, o), { session: true }),
      factorsMessages.load(locale).catch(() => undefined),
      factorErrorMessages.load(locale).catch(() => undefined),
    ]);
    s.factors = factors;
  } catch (error) {
    s.error = error;
  }
  s.loading = false;
  p.host.requestUpdate();
}

/**
 * The profile's section "Anmeldung und Sicherheit", in its view: passkeys, the authenticator app, SMS (off and on) and
 * the recovery codes left, each with what can be done (every change asks the password first, in the
 * step `factor`).
 */
export function renderFactors(p: ProfileEditing) {
  const s = state(p);
  const locale = p.form.i18n.locale;
  if ((!s.factors && !s.error) || !factorsMessages.has(locale)) void load(p);
  const t = texts(p);
  const level = p.host.headingLevel + 1;
  const f = s.factors;
  return html`<section class="factors" aria-labelledby="factors">
    <div class="subheading" role="heading" aria-level=${level} id="factors">${t('factors.title')}</div>
    <p>${t('factors.intro')}</p>
    ${f
      ? list(p, f, level + 1)
      : s.error
        ? html`<tk-alert variant="error"><p>${failureMessage(s.error, locale)}</p></tk-alert>`
        : html`<p>${t('factors.loading')}</p>`}
  </section>`;
}

function list(p: ProfileEditing, f: Factors, level: number) {
  const t = texts(p);
  const date = (iso: string) => new Intl.DateTimeFormat(localeTag(p.form.i18n.locale), { dateStyle: 'medium' }).format(new Date(iso));
  const used = (iso: string | null) => (iso ? t('factors.lastUsed', { date: date(iso) }) : t('factors.neverUsed'));
  const heading = (text: string) => html`<div class="minorheading" role="heading" aria-level=${level}>${text}</div>`;
  const remove = (name: string, action: Action) =>
    html`<tk-button variant="link" @click=${() => open(p, action)}>${t('remove')}<span class="visually-hidden"> ${name}</span></tk-button>`;
  const canAdd = f.passkeysAvailable && Boolean(window.PublicKeyCredential);
  return html`${heading(t('passkey.title'))}
    <p>${t('passkey.hint')}</p>
    ${f.passkeys.length
      ? html`<ul class="factor-list">
          ${f.passkeys.map(
            (k) => html`<li>
              <span class="factor-name">${k.label}</span>
              <span>${[t('factors.added', { date: date(k.createdAt) }), used(k.lastUsedAt), k.synced ? t('passkey.synced') : ''].filter(Boolean).join(' · ')}</span>
              ${remove(k.label, { kind: 'remove', passkey: k })}
            </li>`,
          )}
        </ul>`
      : html`<p>${t('passkey.none')}</p>`}
    ${canAdd ? html`<tk-button variant="secondary" data-add-passkey @click=${() => open(p, { kind: 'passkey' })}>${t('passkey.add')}</tk-button>` : nothing}
    ${heading(t('totp.title'))}
    ${f.totp
      ? html`<p>${t('factors.added', { date: date(f.totp.createdAt) })} · ${used(f.totp.lastUsedAt)}</p>
          ${remove(t('totp.title'), { kind: 'remove' })}`
      : html`<p>${t('totp.none')}</p>
          <tk-button variant="secondary" data-add-totp @click=${() => open(p, { kind: 'totp' })}>${t('totp.add')}</tk-button>`}
    ${heading(t('sms.title'))}
    ${f.sms
      ? html`<p>${t('sms.to', { mobile: f.sms.mobile })}</p>
          ${f.totp || (f.passkeys.length && f.recoveryCodes?.remaining) ? html`<tk-button variant="link" @click=${() => open(p, { kind: 'sms', on: false })}>${t('sms.off')}</tk-button>` : nothing}`
      : f.mobile
        ? html`<p>${t('sms.isOff', { mobile: f.mobile })}</p>
            <tk-button variant="secondary" @click=${() => open(p, { kind: 'sms', on: true })}>${t('sms.on')}</tk-button>`
        : html`<p>${t('sms.none')}</p>`}
    ${heading(t('codes.title'))}
    <p>${t('codes.hint')}</p>
    <p>${f.recoveryCodes ? t('codes.left', { remaining: f.recoveryCodes.remaining }) : t('codes.none')}</p>
    ${f.recoveryCodes ? html`<tk-button variant="secondary" data-new-codes @click=${() => open(p, { kind: 'codes' })}>${t('codes.new')}</tk-button>` : nothing}`;
}

/** Opens a change; an app to add starts at once when the password was confirmed a moment ago. */
async function open(p: ProfileEditing, action: Action) {
  const s = state(p);
  s.action = action;
  s.failed = undefined;
  p.form.values = {};
  if (action.kind === 'totp' && Date.now() < p.steppedUpUntil) return startTotp(p);
  await p.form.go('factor');
}

async function back(p: ProfileEditing) {
  const s = state(p);
  // After a refusal (say, the factors changed in another tab) the view loads them again.
  if (p.form.submit.error) s.factors = undefined;
  s.action = undefined;
  s.failed = undefined;
  p.form.values = {};
  await p.form.go('view');
}

/** The step `factor`: the change form of the action chosen, or the recovery codes. */
export function renderFactorStep(p: ProfileEditing) {
  const s = state(p);
  const a = s.action;
  if (!a) return nothing;
  if (a.kind === 'show') return showCodes(p, a);
  const { form } = p;
  const t = texts(p);
  const submit = (e: Event) => {
    e.preventDefault();
    void act(p);
  };
  const enrolment = a.kind === 'totp' ? a.enrolment : undefined;
  const stepUp = !enrolment && askPassword(p, submit);
  const [title, label] = {
    passkey: [t('passkey.add'), t('passkey.create')],
    totp: [t('totp.add'), t(enrolment ? 'totp.confirm' : 'totp.start')],
    remove: [a.kind === 'remove' && a.passkey ? t('passkey.remove', { label: a.passkey.label }) : t('totp.remove'), t('remove')],
    codes: [t('codes.new'), t('codes.new')],
    sms: a.kind === 'sms' && a.on ? [t('sms.on'), t('sms.onSubmit')] : [t('sms.off'), t('sms.offSubmit')],
  }[a.kind];
  return html`<form novalidate @submit=${submit}>
    ${form.heading(title!)} ${form.summary({ password: form.t('profile.stepUp'), label: t('passkey.label'), code: t('totp.code') })}
    ${s.failed ? html`<tk-alert variant="error" data-failed tabindex="-1"><p>${t(s.failed === 'exists' ? 'passkey.exists' : 'passkey.failed')}</p></tk-alert>` : nothing}
    ${stepUp || enrolment ? form.legend() : nothing}
    ${a.kind === 'passkey' ? html`<p>${t('passkey.hint')}</p>` : a.kind === 'remove' ? html`<p>${t('remove.hint')}</p>` : a.kind === 'codes' ? html`<p>${t('codes.newHint')}</p>` : a.kind === 'sms' && !a.on ? html`<p>${t('sms.offHint')}</p>` : nothing}
    ${stepUp ? html`<slot></slot>` : nothing}
    ${a.kind === 'passkey'
      ? html`<tk-text-field
          name="label"
          label=${t('passkey.label')}
          hint=${t('passkey.labelHint')}
          maxlength="60"
          autocomplete="off"
          .value=${form.values.label ?? ''}
          .error=${form.errors.label ?? ''}
          @input=${form.input}
        ></tk-text-field>`
      : nothing}
    ${enrolment ? totpFields(p, enrolment) : nothing}
    <div class="actions">
      <tk-button type="submit" ?busy=${form.submit.busy || s.creating}>${label}</tk-button>
      <tk-button variant="link" @click=${() => back(p)}>${form.t('cancel')}</tk-button>
    </div>
  </form>`;
}

/** The app's QR code, the same secret for typing (in groups of 4) and its first code. */
function totpFields(p: ProfileEditing, e: TotpEnrolment) {
  const { form } = p;
  const t = texts(p);
  return html`<p>${t('totp.scan')}</p>
    <img class="qr" src=${e.qr} alt=${t('totp.qr')} width="200" height="200" />
    <p>${t('totp.secret')}</p>
    <p class="secret">${readable(e.secret.match(/.{1,4}/g)!.join(' '))}</p>
    <tk-text-field
      name="code"
      label=${t('totp.code')}
      hint=${t('totp.codeHint')}
      required
      autocomplete="one-time-code"
      inputmode="numeric"
      maxlength="7"
      .value=${form.values.code ?? ''}
      .error=${form.errors.code ?? ''}
      @input=${form.input}
    ></tk-text-field>`;
}

/** The submit of a change form: the password first (without a recent step-up), then the change. */
async function act(p: ProfileEditing) {
  const s = state(p);
  const a = s.action;
  const { form } = p;
  if (!a || a.kind === 'show' || form.submit.busy || s.creating) return;
  const enrolment = a.kind === 'totp' ? a.enrolment : undefined;
  const stepUp = !enrolment && Date.now() >= p.steppedUpUntil;
  const password = form.values.password ?? '';
  const code = (form.values.code ?? '').replace(/\s/g, '');
  const required = form.fieldError('required');
  const codeProblem = !code ? required : /^\d{6}$/.test(code) ? undefined : factorErrorMessages.t(form.i18n.locale, 'totp_format');
  s.failed = undefined;
  if (!(await form.check({ password: stepUp && !password ? required : undefined, code: enrolment ? codeProblem : undefined }))) return;
  if (stepUp && !(await confirmPassword(p, password))) return;
  if (a.kind === 'passkey') return addPasskey(p);
  if (a.kind === 'totp') return enrolment ? confirmTotp(p, code) : startTotp(p);
  if (a.kind === 'codes') {
    const result = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.factors['recovery-codes'].$post({}, opts), { ...o, session: true }));
    return result ? changed(p, 'recovery_codes', texts(p)('codes.done'), undefined, result.recoveryCodes) : stepUpLapsed(p);
  }
  if (a.kind === 'sms') {
    const factors = await form.send((kit, o) =>
      kit.api.call((rpc, opts) => (a.on ? rpc.v1.me.factors.sms.$post({}, opts) : rpc.v1.me.factors.sms.$delete({}, opts)), { ...o, session: true }),
    );
    return factors ? changed(p, a.on ? 'sms_on' : 'sms_off', texts(p)(a.on ? 'sms.onDone' : 'sms.offDone'), factors) : stepUpLapsed(p);
  }
  const id = a.passkey?.id;
  const removed = await form.send((kit, o) =>
    kit.api
      .call((rpc, opts) => (id ? rpc.v1.me.factors.passkeys[':id'].$delete({ param: { id } }, opts) : rpc.v1.me.factors.totp.$delete({}, opts)), { ...o, session: true })
      .then(() => true),
  );
  if (!removed) return stepUpLapsed(p);
  return changed(p, id ? 'passkey_removed' : 'totp_removed', texts(p)(id ? 'passkey.removed' : 'totp.removed'));
}

/** A new passkey: the BFF's options, the device creates it (`navigator.credentials.create`), the BFF keeps it. */
async function addPasskey(p: ProfileEditing) {
  const s = state(p);
  const { form } = p;
  const t = texts(p);
  const ceremony = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.factors.passkeys.options.$post({}, opts), { ...o, session: true }));
  if (!ceremony) return stepUpLapsed(p);
  s.creating = true;
  form.notice = t('passkey.waiting');
  p.host.requestUpdate();
  let credential: PublicKeyCredential | undefined;
  let exists = false;
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(ceremony.options as unknown as PublicKeyCredentialCreationOptionsJSON);
    credential = ((await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null) ?? undefined;
  } catch (error) {
    // Cancelled, timed out or not allowed: the alert says how to go on; a passkey of this account on this
    // device already (the options exclude the account's passkeys): that it is there.
    exists = error instanceof DOMException && error.name === 'InvalidStateError';
  }
  s.creating = false;
  form.notice = '';
  if (!credential) {
    s.failed = exists ? 'exists' : 'failed';
    p.host.requestUpdate();
    return form.focus('[data-failed]');
  }
  const label = (form.values.label ?? '').trim() || undefined;
  const json = { challengeId: ceremony.challengeId, credential: credential.toJSON() as never, label };
  const added = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.factors.passkeys.$post({ json }, opts), { ...o, session: true }));
  if (added) return changed(p, 'passkey_added', t('passkey.done'), added.factors, added.recoveryCodes);
  stepUpLapsed(p);
}

async function startTotp(p: ProfileEditing) {
  const { form } = p;
  const enrolment = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.factors.totp.$post({}, opts), { ...o, session: true }));
  if (!enrolment) return stepUpLapsed(p);
  state(p).action = { kind: 'totp', enrolment };
  form.values = {};
  await form.go('factor');
}

async function confirmTotp(p: ProfileEditing, code: string) {
  const { form } = p;
  const added = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.factors.totp.confirm.$post({ json: { code } }, opts), { ...o, session: true }));
  if (added) return changed(p, 'totp_added', texts(p)('totp.done'), added.factors, added.recoveryCodes);
  stepUpLapsed(p);
  // The step-up ran out: the app starts over, with the password.
  if (p.steppedUpUntil === 0) state(p).action = { kind: 'totp' };
}

/** A change went through: the event, then the recovery codes once (if any) or the view with `notice`. */
async function changed(p: ProfileEditing, change: FactorChange, notice: string, factors?: Factors, codes?: string[] | null) {
  const s = state(p);
  s.factors = factors; // none: loaded again in the view
  p.form.values = {};
  p.host.dispatchEvent(new TkCompleteEvent({ change }));
  s.action = codes ? { kind: 'show', codes, notice } : undefined;
  await p.form.go(codes ? 'factor' : 'view', codes ? '' : notice);
}

/** The recovery codes, shown this once: copy, download as a text file, and "kept" to go back. */
function showCodes(p: ProfileEditing, a: { codes: string[]; notice: string }) {
  const { form } = p;
  const t = texts(p);
  const text = `${t('codes.title')}\n\n${a.codes.join('\n')}\n`;
  const copy = async () => {
    await navigator.clipboard?.writeText(text).then(() => {
      form.notice = t('codes.copied');
      p.host.requestUpdate();
    }, () => undefined);
  };
  const kept = async () => {
    state(p).action = undefined;
    await form.go('view', a.notice);
  };
  return html`${form.heading(t('codes.shown'))}
    <p>${t('codes.once')}</p>
    <ol class="codes">
      ${a.codes.map((code) => html`<li>${readable(code)}</li>`)}
    </ol>
    <div class="actions">
      <tk-button variant="secondary" @click=${copy}>${t('codes.copy')}</tk-button>
      <tk-button variant="secondary" @click=${() => download(text, `${t('codes.title')}.txt`)}>${t('codes.download')}</tk-button>
      <tk-button data-kept @click=${kept}>${t('codes.kept')}</tk-button>
    </div>`;
}
