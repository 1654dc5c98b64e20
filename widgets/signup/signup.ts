import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Locale } from '../../contract/enums.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { renderErrorSummary } from '../core/error-summary.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCompleteEvent } from '../core/events.js';
import { errorMessage } from '../core/i18n/index.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { wt } from '../primitives/wizard.messages.js';
import { SubmitController } from '../core/submit.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { type InvalidField, WizardController } from '../core/wizard.js';
import { defineOnce } from '../define.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import '../primitives/checkbox.js';
import '../primitives/date-field.js';
import '../primitives/radio-group.js';
import '../primitives/select.js';
import '../primitives/stepper.js';
import '../primitives/text-field.js';
import type { SignupDone } from './done.js';
import { type SignupKey, st } from './messages.js';
import { type AccountType, checkStep, loadBankRules, loadDraft, pathsOf, saveDraft, splitHouseNumber, type StepId, stepsFor, type Values, wizardSteps } from './model.js';
import { signupStyles } from './signup.styles.js';
import { type StepContext, steps } from './steps.js';

export interface SignupCompleteDetail {
  signupId: string;
  email: string;
}

/** The steps from the payment to the order (`ordering.ts`, one chunk with the done screen): loaded while the step before the payment shows. */
let ordering: typeof import('./ordering.js') | undefined;
let orderingLoad: Promise<unknown> | undefined;
const loadOrdering = () =>
  (orderingLoad ??= import('./ordering.js').then(
    (m) => (ordering = m),
    (error) => {
      orderingLoad = undefined; // offline for a moment: the next step change tries again
      throw error;
    },
  ));

/** The choice how logins are confirmed (`second-factor.ts`: its field, check and texts), loaded while the account type shows. */
let secondFactor: typeof import('./second-factor.js') | undefined;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/**
 * New customer signup for private, professional and business accounts: the steps of each account type,
 * a review with the key contract facts right above the order button, and double opt-in by e-mail.
 * A reload keeps the entries and the step for the tab (sessionStorage, per tenant and element `id` — give
 * two signups on one page different ids), never the IBAN: the payment step asks for it again and says why.
 * The draft is dropped once the signup is stored.
 *
 * @tag tk-signup
 * @fires tk-complete - `{ signupId, email }` once the signup is stored and the confirmation e-mail is on its way
 * @fires tk-step-change - `{ step, index, count }` when the visible step changes
 * @fires tk-error - when the submit failed in a way the user sees
 * @csspart form - the form
 */
export class TkSignup extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, signupStyles];
  static override properties = {
    accountType: { attribute: 'account-type' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
    prefill: { attribute: false },
    locationIntent: { attribute: 'location-intent' },
    values: { state: true },
    errors: { state: true },
    done: { state: true },
  };

  /** Preset the account type (`private`, `professional`, `business`) and skip the first step. */
  declare accountType: AccountType | undefined;
  /** Level of the step headings (default 2). */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** Values to start with, by field path (`company.name`, …), e.g. a main account's company data. */
  declare prefill: Values | undefined;
  /**
   * "Neuen Standort bestellen": the intent `POST /v1/locations/intents` issued (`tk_lin_…`), sent with a
   * business signup; once the new account is confirmed, it is linked to the main account. Set by `tk-locations`.
   */
  declare locationIntent: string | undefined;
  private declare values: Values;
  /** Field error codes by path, shown in the current locale. */
  private declare errors: Record<string, string>;
  private declare done: { email: string } | undefined;
  /** The tab's draft was looked for (once the tenant is known; see `draftKey`). */
  private restored = false;
  private ibanDropped = false;

  private readonly i18n = new KitController(this, { standalone: true });
  private readonly wizard = new WizardController(
    this,
    () => wizardSteps(this.stepIds, (id) => this.t(`step.${id}`)),
    (step) => this.checkCurrent(step.id as StepId),
  );
  private readonly submit = new SubmitController(this, this.i18n);
  /** The done screen (`done.ts`, in the chunk of `ordering.ts`). */
  private finished: SignupDone | undefined;

  constructor() {
    super();
    this.headingLevel = 2;
    this.values = { 'person.address.country': 'DE', 'company.address.country': 'DE', 'employer.address.country': 'DE', 'invoiceAddress.address.country': 'DE' };
    this.errors = {};
  }

  private get loc(): Locale {
    return this.i18n.locale;
  }
  private t = (key: SignupKey, params?: Record<string, string | number>) => st(this.loc, key, params);

  private get type(): AccountType | undefined {
    return this.accountType ?? (this.values.accountType as AccountType | undefined);
  }
  private get stepIds(): StepId[] {
    return stepsFor(this.type, Boolean(this.accountType));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A preset type is the type of every step's rules and texts (tariffs, B2B mandate).
    if (this.accountType && this.values.accountType !== this.accountType) this.values = { ...this.values, accountType: this.accountType };
    const tenant = this.i18n.kit?.tenant;
    if (tenant && !this.restored) {
      this.restored = true;
      const draft = loadDraft(this.draftKey);
      if (draft) {
        this.values = { ...this.values, ...draft.values };
        this.ibanDropped = draft.iban && draft.values['payment.method'] === 'sepa';
        // Without its IBAN, a draft from beyond the payment step continues there.
        this.wizard.index = Math.min(draft.index, this.ibanDropped ? this.stepIds.indexOf('payment') : draft.index, this.stepIds.length - 1);
      }
    }
    // A single tariff on offer is the choice.
    const offered = tenant?.tariffs.filter((t) => t.accountTypes.includes(this.type!));
    if (offered?.length === 1 && this.values.tariffId !== offered[0]!.id) this.values = { ...this.values, tariffId: offered[0]!.id };
  }

  /** The tab's draft of this signup, per tenant and per signup on the page (by `id`). */
  private get draftKey(): string {
    return `tk-signup:${this.i18n.kit?.tenant?.id}:${this.id}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.prefill) this.values = { ...this.values, ...this.prefill };
  }

  private onValue(event: Event) {
    const field = event.target as HTMLElement & { name?: string; value?: string; checked?: boolean };
    if (!field.name) return;
    const value = field.localName === 'tk-checkbox' ? Boolean(field.checked) : String(field.value ?? '');
    this.values = { ...this.values, [field.name]: value };
    if (event.type === 'change') this.values = splitHouseNumber(this.values, field.name);
    if (this.errors[field.name]) this.errors = { ...this.errors, [field.name]: '' };
    // Another way to confirm logins: the mobile number's "needed for SMS" no longer holds.
    if (field.name === 'secondFactor') this.errors = { ...this.errors, 'person.mobile': '' };
  }

  /** The contract's rules on the current step; errors go onto the fields and into the summary. */
  private checkCurrent(step: StepId): InvalidField[] {
    const codes = { ...checkStep(step, this.values, today()), ...secondFactor?.check(step, this.values) };
    const found: InvalidField[] = [];
    const errors = { ...this.errors };
    for (const [path, code] of Object.entries(codes)) {
      const control = this.renderRoot.querySelector<HTMLElement & { label: string; error: string }>(`[name="${path}"]`);
      errors[path] = code;
      if (control) {
        control.error = this.message(code);
        found.push({ control, label: control.label, message: control.error });
      }
    }
    this.errors = errors;
    return found;
  }

  /** From the step before the payment on, the last steps' code (`ordering.ts`) is wanted. */
  private get nearOrdering(): boolean {
    return this.wizard.index >= this.stepIds.indexOf('payment') - 1;
  }

  /** Also waits for the last steps' code when a step shows that needs it (a draft restored at the payment). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (ordering || !orderingLoad || !this.nearOrdering) return done;
    await orderingLoad.catch(() => undefined);
    return super.getUpdateComplete();
  }

  protected override updated(): void {
    if (this.wizard.step.id === 'payment') void loadBankRules();
    if (this.type !== 'business' && !secondFactor?.loaded(this.loc)) {
      void import('./second-factor.js').then(async (m) => (await m.load(this.loc), (secondFactor = m), this.requestUpdate()), () => undefined);
    }
    if (!ordering && this.nearOrdering) void loadOrdering().then(() => this.requestUpdate(), () => undefined);
    if (this.restored && !this.done) saveDraft(this.draftKey, this.values, this.wizard.index);
    if (this.wizard.step.id === 'review') void import('./done.js');
  }

  private async onSubmit(event: Event) {
    event.preventDefault();
    if (this.wizard.step.id === 'payment') await loadBankRules();
    if (this.nearOrdering) await loadOrdering().catch(() => undefined);
    if (this.wizard.step.id !== 'review') {
      await this.wizard.next();
      return;
    }
    await this.order();
  }

  private async order() {
    const kit = this.i18n.kit;
    if (!kit?.tenant || !ordering) return; // the body comes from `ordering.ts`, which the review needs too
    const body = ordering.payload(this.stepIds, { ...this.values, accountType: this.type ?? 'private', 'terms.version': kit.tenant.legal.termsVersion }, location.href);
    if (this.locationIntent && body.accountType === 'business') body.locationIntent = this.locationIntent;
    const result = await this.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1.signups.$post({ json: body as never }, opts), o));
    if (result) {
      const done = await import('./done.js').catch(() => undefined);
      this.finished ??= done && new done.SignupDone(this, this.i18n);
      await this.finished?.start(result);
      this.done = { email: result.email };
      saveDraft(this.draftKey);
      this.dispatchEvent(new TkCompleteEvent<SignupCompleteDetail>({ signupId: result.id, email: result.email }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
      return;
    }
    const error = this.submit.error;
    if (error instanceof TkApiError && error.fieldErrors.has('locationIntent')) {
      this.errors = { locationIntent: 'intentExpired' };
    } else if (error instanceof TkApiError && error.fieldErrors.size > 0) {
      this.errors = Object.fromEntries([...error.fieldErrors].map(([path, e]) => [path, e.code]));
      const first = this.stepIds.find((id) => pathsOf(id, this.values).some((p) => error.fieldErrors.has(p)));
      if (first) {
        await this.wizard.goTo(first);
        await this.wizard.next(); // shows the summary of what the server refused, and focuses it
        return;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-submit-error]')?.focus();
  }

  private context(kit: Kit): StepContext {
    const errors = Object.fromEntries(Object.entries(this.errors).map(([path, code]) => [path, code && this.message(code)]));
    return { locale: this.loc, values: this.values, errors, tenant: kit.tenant!, t: this.t, ibanDropped: this.ibanDropped, secondFactor };
  }

  /** A field error's text by its code; the second factor's own is in its chunk. */
  private message(code: string): string {
    return secondFactor?.message(this.loc, code) ?? errorMessage(this.loc, code);
  }

  /** The focused heading; with `position` ("Schritt 2 von 5") its name ("Schritt 2 von 5: Persönliche Daten") announces a step change. */
  private heading(text: string, position?: string) {
    return html`<div class="heading" role="heading" aria-level=${this.headingLevel} aria-label=${position ? `${position}: ${text}` : nothing} data-step-heading tabindex="-1">${text}</div>`;
  }

  protected override render() {
    const kit = this.i18n.kit;
    if (!kit?.tenant || !this.i18n.ready) return nothing;
    if (this.done) return this.finished?.render(this.heading(this.t('done.title'))) ?? this.heading(this.t('done.title'));
    const c = this.context(kit);
    const step = this.wizard.step.id as StepId;
    const tariff = kit.tenant.tariffs.find((t) => t.id === this.values.tariffId);
    const reviewing = step === 'review';
    // A location's intent that ran out is no field to fix: the way on is to start the order again.
    const submitError = this.errors.locationIntent || (this.submit.error && !(this.submit.error instanceof TkApiError && this.submit.error.fieldErrors.size > 0));
    return html`<form part="form" novalidate @input=${this.onValue} @change=${this.onValue} @submit=${this.onSubmit}>
      <tk-stepper .steps=${wizardSteps(this.stepIds, (id) => this.t(`step.${id}`))} current=${this.wizard.index}></tk-stepper>
      ${renderErrorSummary(this.wizard.invalid, this.i18n.t('form.errorSummary'))}
      ${submitError ? html`<tk-alert variant="error" data-submit-error><p>${this.errors.locationIntent ? this.t('intentExpired') : this.submit.message()}</p></tk-alert>` : nothing}
      ${this.heading(this.wizard.step.label, wt(this.i18n, 'stepper.position', { index: this.wizard.index + 1, count: this.stepIds.length }))}
      ${reviewing ? nothing : html`<p class="legend">${this.i18n.t('form.requiredLegend')}</p>`}
      <div data-step=${step}>
        ${reviewing
          ? ordering?.renderReview(c, this.stepIds, this.headingLevel + 1, tariff, (id) => this.wizard.edit(id))
          : step === 'payment' || step === 'terms'
            ? ordering?.orderingSteps[step](c)
            : steps[step](c)}
      </div>
      <div class="actions">
        ${this.wizard.isFirst ? html`<span></span>` : html`<tk-button variant="secondary" @click=${() => this.wizard.back()}>${wt(this.i18n, 'wizard.back')}</tk-button>`}
        <tk-button type="submit" ?busy=${this.submit.busy}>
          ${reviewing ? ordering?.orderLabel(c, this.type ?? 'private') : wt(this.i18n, 'wizard.next')}
        </tk-button>
      </div>
    </form>`;
  }
}

defineOnce('tk-signup', TkSignup);

declare global {
  interface HTMLElementTagNameMap {
    'tk-signup': TkSignup;
  }
}
