import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Contract, ContractList, CredentialRotation } from '../../contract/contracts.js';
import { TkApiError, TkNetworkError } from '../core/api.js';
import { cardStyles } from '../core/cards.styles.js';
import type { Kit } from '../core/context.js';
import { renderErrorSummary } from '../core/error-summary.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCancelEvent, TkCompleteEvent, TkStepChangeEvent } from '../core/events.js';
import { translate } from '../core/i18n/index.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { loginInPlace, sessionListTask } from '../core/session-list.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../portal/login.js';
import { PortalForm } from '../portal/form.js';
import { portalStyles } from '../portal/portal.styles.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { credentialResetStyles } from './credential-reset.styles.js';
import { type CredentialResetKey, credentialResetMessages } from './messages.js';
import { renderStep } from './steps.js';

/** The widget's steps: the contract overview, the warning with the consent, where the credentials went. */
export type CredentialResetView = 'list' | 'confirm' | 'done';
const STEPS: CredentialResetView[] = ['list', 'confirm', 'done'];

/** `tk-complete`'s detail: the contract whose credentials were generated. */
export interface CredentialResetCompleteDetail {
  contractId: string;
}

/**
 * "Neue Internet-Zugangsdaten" (PRODUCT.md §3.6, seed 003), for the administration of a customer account. The
 * contract overview ("Vertragsübersicht": customer number — the account and its linked sub-accounts —, product,
 * and the contracts with their site or branch, address, contract number and PPPoE user name; contracts without
 * an access line or of another kind shown but not selectable, with the reason), then the seed's warning (the
 * connection and active calls drop at once; router access needed; also with Easy Login), the masked e-mail
 * address and mobile number the credentials go to with a link to change them (`profile-url`), the consent, and
 * "Neue Internet-Zugangsdaten generieren". The result says where the e-mail with the encrypted PDF and the SMS
 * with its code went (masked) and what to do, with "Zurück zur Vertragsübersicht". Without a session it shows
 * `<tk-login>` in its place (in its light DOM); a login that may not do this (a co-user, a partner agent) reads
 * why.
 *
 * @tag tk-credential-reset
 * @slot - the login (do not fill)
 * @fires tk-complete - `{ contractId }` when new credentials were generated
 * @fires tk-step-change - `{ step: 'list' | 'confirm' | 'done', index, count }` when a step shows
 * @fires tk-cancel - `{ step: 'confirm' }` when the user goes back from the warning without generating
 * @fires tk-error - when a request fails
 * @csspart card - each contract's card
 */
export class TkCredentialReset extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, portalStyles, cardStyles, credentialResetStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    profileUrl: { attribute: 'profile-url' },
    ...standaloneProperties,
  };
  /** Level of the widget's heading (default 2). */
  declare headingLevel: number;
  /** Where the user changes their e-mail address and mobile number (the page with `tk-profile`); without it the text names the profile. */
  declare profileUrl: string | undefined;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** The customer number (account) chosen; the first account when none. @internal */
  accountId = '';
  /** The product chosen; '' for all. @internal */
  product = '';
  /** The contract chosen in the overview. @internal */
  contractId = '';
  /** What changing "Kundennummer" or "Produkt" says in the status region ("{n} Verträge, {m} davon auswählbar"); '' until then. @internal */
  filterStatus = '';
  /** The answer of the generation. @internal */
  result: CredentialRotation | undefined;
  private hadSession: boolean | undefined;
  private expired = false;

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<CredentialResetView, CredentialResetKey>(this, this.i18n, 'list', credentialResetMessages);
  /** @internal */
  readonly load = sessionListTask<ContractList>(this, {
    fetch: (api, signal) => api.call((rpc, o) => rpc.v1.contracts.$get({}, o), { signal, session: true }),
    loaded: () => undefined,
    failed: (expired) => (this.expired = expired),
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  /** A text of the widget's catalogue. @internal */
  readonly t = (key: CredentialResetKey, params?: Record<string, string | number>): string => this.form.t(key, params);

  /** The contract chosen, from the loaded overview. @internal */
  get chosen(): Contract | undefined {
    return this.load.value?.contracts.find((c) => c.id === this.contractId);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const has = Boolean(this.i18n.kit?.session);
    if (this.hadSession !== undefined && has !== this.hadSession) {
      this.reset();
      this.form.step = 'list';
      this.form.notice = '';
      if (has) this.expired = false;
      void this.form.focusAfterSession(has);
    }
    this.hadSession = has;
  }

  private reset(): void {
    this.accountId = this.product = this.contractId = this.filterStatus = '';
    this.result = undefined;
  }

  /** Shows a step, focus on its heading or on `target` (only there: one move of focus); `tk-step-change` says which. @internal */
  async go(step: CredentialResetView, target?: string): Promise<void> {
    const { form } = this;
    this.filterStatus = '';
    await form.go(step, '', target);
    this.dispatchEvent(new TkStepChangeEvent({ step, index: STEPS.indexOf(step), count: STEPS.length }));
  }

  /** "Weiter": a contract must be chosen (it is available: only those can be). @internal */
  async next(event: Event): Promise<void> {
    event.preventDefault();
    this.contractId = String(new FormData(event.currentTarget as HTMLFormElement).get('contract') ?? '');
    if (!(await this.form.check({ contract: this.chosen?.eligible && this.chosen.rotationsLeft > 0 ? undefined : this.t('chooseContract') }))) return;
    this.form.values = {};
    await this.go('confirm');
  }

  /** "Zurück" from the warning: the overview, focus on the chosen contract. @internal */
  async back(): Promise<void> {
    await this.go('list', `[value="${this.contractId}"]`);
    this.dispatchEvent(new TkCancelEvent({ step: 'confirm' }));
  }

  /** "Neue Internet-Zugangsdaten generieren": only with consent; one request at a time, one key per attempt. @internal */
  async generate(event?: Event): Promise<void> {
    event?.preventDefault();
    const { form } = this;
    const contract = this.chosen;
    if (form.submit.busy || !contract) return;
    // The form of the step (also for "Erneut versuchen" in the summary, which is outside a submit).
    const data = new FormData(this.renderRoot.querySelector<HTMLFormElement>('form')!);
    if (!(await form.check({ consent: data.get('consent') === 'on' ? undefined : this.t('consentRequired') }))) return;
    const result = await form.send((kit, o) =>
      kit.api.call((rpc, opts) => rpc.v1.contracts[':id']['internet-credentials'].$post({ param: { id: contract.id }, json: { consent: true } }, opts), {
        ...o,
        session: true,
      }),
    );
    if (!result) return;
    this.result = result;
    await this.go('done');
    this.dispatchEvent(new TkCompleteEvent<CredentialResetCompleteDetail>({ contractId: result.contractId }));
  }

  /** "Zurück zur Vertragsübersicht": the overview loaded again, nothing chosen. @internal */
  async overview(): Promise<void> {
    this.reset();
    void this.load.run();
    await this.go('list');
  }

  /** The summary of what stops the step: each field error leads to its field; else the request's failure, in words. @internal */
  summary(labels: Partial<Record<string, string>>) {
    const { form } = this;
    const root = this.renderRoot;
    const invalid = Object.entries(form.errors)
      .filter(([name, message]) => message && labels[name])
      .map(([name, message]) => ({ control: root.querySelector<HTMLElement>(`[name="${name}"]:not(:disabled)`)!, label: labels[name]!, message }))
      .filter((f) => f.control);
    const error = form.submit.error;
    if (invalid.length || !error) return renderErrorSummary(invalid, translate(this.i18n.locale, 'form.errorSummary'), '');
    // The limit's answer says when the next one is possible (`detail`); the others by their title.
    const text = error instanceof TkApiError && error.problem.detail ? error.problem.detail : form.submit.message();
    const retry = error instanceof TkNetworkError || error.status >= 500;
    return html`<tk-alert variant="error" data-error-summary>
      <p>${text}</p>
      ${retry ? html`<tk-button variant="secondary" @click=${() => this.generate()}>${this.t('retry')}</tk-button>` : nothing}
    </tk-alert>`;
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!this.i18n.kit?.session) return loginInPlace(this, this.expired, (k) => this.t(k));
    return html`${form.banner()}${renderStep(this)}`;
  }
}

defineOnce('tk-credential-reset', TkCredentialReset);

declare global {
  interface HTMLElementTagNameMap {
    'tk-credential-reset': TkCredentialReset;
  }
}
