import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { TotpEnrolment } from '../../contract/factors.js';
import { defineCatalogue, type Params } from '../../contract/i18n.js';
import { factorErrorMessages } from '../../contract/messages/factor-errors.js';
import { TkApiError } from '../core/api.js';
import '../primitives/checkbox.js';
import { download, readable } from './codes.js';
import '../primitives/radio-group.js';
import type { PortalForm } from './form.js';
import de from './messages/enrol/de.js';

/**
 * The password setup for an account without a mobile number (`tk-password-setup`, step 1 answered
 * `factor: 'enrol'`): a passkey or an authenticator app instead of the SMS PIN, then the recovery codes,
 * shown this once. Its own chunk with its texts: only such links need it.
 */
export const enrolMessages = defineCatalogue('enrol', de, (locale) => import(`./messages/enrol/${locale}.ts`));
type Key = keyof typeof de;

export type EnrolStep = 'enrol' | 'app' | 'codes';

interface Host extends ReactiveControllerHost, HTMLElement {
  readonly form: PortalForm<string, never>;
}

type Done = { username: string; recoveryCodes: string[] | null };

/** Fetches the step's texts (a missing file leaves German). */
export async function load(locale: Parameters<typeof enrolMessages.load>[0]): Promise<void> {
  await Promise.all([enrolMessages.load(locale), factorErrorMessages.load(locale)]).catch(() => undefined);
}

/** The state of one password setup without SMS, from the choice to the recovery codes. */
export class Enrolment {
  choice: 'passkey' | 'totp' | '' = '';
  app: TotpEnrolment | undefined;
  code = '';
  done: Done | undefined;
  saved = false;
  /** The step's live region ("copied", "follow the browser"). */
  news = '';

  constructor(
    private readonly host: Host,
    /** The challenge of step 1. */
    private readonly challengeId: string,
    /** Goes to another step of the widget. */
    private readonly go: (step: EnrolStep | 'done') => Promise<void>,
  ) {}

  private get form() {
    return this.host.form;
  }

  t = (key: Key, params?: Params): string => enrolMessages.t(this.form.i18n.locale, key, params);

  private readonly chose = async (e: Event): Promise<void> => {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    if (!(await form.check({ factor: this.choice ? undefined : form.fieldError('invalid_choice') }))) return;
    const challengeId = this.challengeId;
    if (this.choice === 'totp') {
      const app = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].totp.$post({ json: { challengeId } }, opts), o));
      if (app) {
        this.app = app;
        await this.go('app');
      }
      return;
    }
    const ceremony = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].passkey.options.$post({ json: { challengeId } }, opts), o));
    if (!ceremony) return;
    this.news = this.t('enrol.passkeyBusy');
    this.host.requestUpdate();
    const { create, failure, refuse } = await import('./passkey.js');
    let credential: Awaited<ReturnType<typeof create>>;
    try {
      credential = await create(ceremony.options);
    } catch (error) {
      // Not cancelled: the device could not (a passkey of this account is there already, no passkeys here).
      this.news = '';
      const why = failure(error);
      return refuse(this.host, form, this.t(why === 'exists' ? 'enrol.passkeyExists' : why === 'unsupported' ? 'enrol.passkeyUnsupported' : 'enrol.passkeyFailed'));
    }
    if (!credential) {
      this.news = this.t('enrol.passkeyCancelled');
      this.host.requestUpdate();
      return;
    }
    const done = await form.send((kit, o) =>
      kit.api.call((rpc, opts) => rpc.v1['password-setup'].passkey.$post({ json: { challengeId: ceremony.challengeId, credential } }, opts), o),
    );
    if (done) await this.finish(done);
  };

  private readonly confirm = async (e: Event): Promise<void> => {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const code = this.code.replace(/\s/g, '');
    const problem = !code ? 'required' : /^\d{6}$/.test(code) ? '' : 'totp_format';
    if (!(await form.check({ code: problem && this.message(problem) }))) return;
    const done = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].totp.confirm.$post({ json: { challengeId: this.challengeId, code } }, opts), o));
    if (done) await this.finish(done);
    else {
      // The BFF's field error names its code; its message, when missing, is the factors' catalogue's.
      const error = form.submit.error;
      const wrong = codeOf(error);
      if (wrong && !form.errors.code) form.errors = { ...form.errors, code: this.message(wrong) };
      const left = error instanceof TkApiError ? error.problem.attemptsLeft : undefined;
      this.news = left === undefined ? '' : this.t('app.attemptsLeft', { n: left });
      this.host.requestUpdate();
    }
  };

  private message(code: string): string {
    const texts: Record<string, string> = factorErrorMessages.texts(this.form.i18n.locale);
    return texts[code] ?? this.form.fieldError(code);
  }

  private async finish(done: Done) {
    this.done = done;
    this.news = '';
    await this.go(done.recoveryCodes?.length ? 'codes' : 'done');
  }

  private async copy(text: string, news: Key) {
    await navigator.clipboard?.writeText(text).then(
      () => (this.news = this.t(news)),
      () => undefined,
    );
    this.host.requestUpdate();
  }

  private download() {
    const { username = '', recoveryCodes = [] } = this.done ?? {};
    download(`${this.t('codes.file', { username })}\n\n${(recoveryCodes ?? []).join('\n')}\n`, 'recovery-codes.txt');
  }

  private readonly leave = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!(await this.form.check({ saved: this.saved ? undefined : this.t('codes.savedFirst') }))) return;
    await this.go('done');
  };

  /** The step, for the shadow root. */
  render(step: EnrolStep): TemplateResult {
    const { form, t } = this;
    const news = html`<p class="pin-news" role="status">${this.news}</p>`;
    if (step === 'app') {
      const secret = this.app?.secret.match(/.{1,4}/g)?.join(' ') ?? '';
      return html`<form novalidate @submit=${this.confirm}>
        ${form.heading(t('app.title'))} ${form.summary({ code: t('app.code') })}
        <p>${t('app.scan')}</p>
        <p><img class="qr" src=${this.app?.qr ?? ''} alt=${t('app.qr')} /></p>
        <p>${t('app.manual')}</p>
        <p>${readable(secret, 'secret')}</p>
        <tk-button variant="secondary" @click=${() => this.copy(this.app?.secret ?? '', 'app.copied')}>${t('app.copy')}</tk-button>
        ${news}
        <p>${t('app.enter')}</p>
        <slot></slot>
        <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('app.submit')}</tk-button></div>
      </form>`;
    }
    if (step === 'codes') {
      const codes = this.done?.recoveryCodes ?? [];
      return html`<form novalidate @submit=${this.leave}>
        ${form.heading(t('codes.title'))} ${form.summary({ saved: t('codes.saved') })}
        <p>${t('codes.intro')}</p>
        <p><strong>${t('codes.once')}</strong></p>
        <ul class="codes" aria-label=${t('codes.list')}>
          ${codes.map((c) => html`<li>${readable(c)}</li>`)}
        </ul>
        <div class="actions">
          <tk-button variant="secondary" @click=${() => this.copy(codes.join('\n'), 'codes.copied')}>${t('codes.copy')}</tk-button>
          <tk-button variant="secondary" @click=${() => this.download()}>${t('codes.download')}</tk-button>
        </div>
        ${news}
        <tk-checkbox
          name="saved"
          label=${t('codes.saved')}
          .checked=${this.saved}
          .error=${form.errors.saved ?? ''}
          @change=${(e: Event) => {
            this.saved = (e.currentTarget as HTMLInputElement).checked;
            form.errors = {};
            this.host.requestUpdate();
          }}
        ></tk-checkbox>
        <div class="actions"><tk-button type="submit">${t('codes.submit')}</tk-button></div>
      </form>`;
    }
    return html`<form novalidate @submit=${this.chose}>
      ${form.heading(t('enrol.title'))} ${form.summary({ factor: t('enrol.choice') })}
      <p>${t('enrol.intro')}</p>
      <tk-radio-group
        name="factor"
        variant="cards"
        required
        label=${t('enrol.choice')}
        .value=${this.choice}
        .error=${form.errors.factor ?? ''}
        .options=${[
          { value: 'passkey', label: t('enrol.passkey'), description: t('enrol.passkey.line') },
          { value: 'totp', label: t('enrol.totp'), description: t('enrol.totp.line') },
        ]}
        @change=${(e: Event) => {
          this.choice = (e.currentTarget as HTMLInputElement).value as 'passkey' | 'totp';
          form.errors = {};
          this.host.requestUpdate();
        }}
      ></tk-radio-group>
      ${news}
      <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('enrol.submit')}</tk-button></div>
    </form>`;
  }

  /** The app's code field, for the light DOM (password managers with an authenticator fill it). */
  field(step: EnrolStep): TemplateResult | typeof nothing {
    if (step !== 'app') return nothing;
    return html`<form novalidate @submit=${this.confirm}><tk-text-field
      credential
      name="code"
      label=${this.t('app.code')}
      hint=${this.t('app.hint')}
      autocomplete="one-time-code"
      inputmode="numeric"
      maxlength="7"
      required
      .value=${this.code}
      .error=${this.form.errors.code ?? ''}
      @input=${(e: Event) => {
        this.code = (e.currentTarget as HTMLInputElement).value;
        this.form.errors = {};
        this.host.requestUpdate();
      }}
    ></tk-text-field></form>`;
  }
}

const codeOf = (error: unknown) => (error instanceof TkApiError ? error.fieldErrors.get('code')?.code : undefined);
