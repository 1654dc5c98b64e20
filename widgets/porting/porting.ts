import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Locale } from '../../contract/locales.js';
import type { Customer, PortOrder, PortOrderDraftInput } from '../../contract/port-orders.js';
import type { Licence, PortingCountry } from '../../contract/porting.js';
import { formatUid, isUid } from '../../contract/uid.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { renderErrorSummary } from '../core/error-summary.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCancelEvent, TkCompleteEvent, TkErrorEvent } from '../core/events.js';
import { formatMoney, loadLocale } from '../core/i18n/index.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { wt } from '../primitives/wizard.messages.js';
import { LightDomController } from '../core/light-dom.js';
import { SubmitController, failureMessage } from '../core/submit.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { type InvalidField, WizardController, type WizardStep } from '../core/wizard.js';
import { defineOnce } from '../define.js';
import '../portal/login.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import '../primitives/date-field.js';
import '../primitives/radio-group.js';
import '../primitives/select.js';
import '../primitives/stepper.js';
import '../primitives/text-field.js';
import type { NumbersStepApi, PortingHost, PortingOptions } from './host.js';
import { type PortingKey, portingMessages } from './messages.js';
import { portingStyles } from './porting.styles.js';

export const STEP_IDS = ['customer', 'subscription', 'numbers', 'workplaces', 'review'] as const;
export type PortingStepId = (typeof STEP_IDS)[number];

/** A workplace row as the agent edits it; `passwordSet`: saved before, its password is not shown again. */
export interface WorkplaceRow {
  id?: string;
  displayName: string;
  loginName: string;
  /** The agent typed the login: the name no longer suggests it. */
  loginEdited: boolean;
  password: string;
  passwordSet: boolean;
  show: boolean;
  licence: Licence;
}
export interface SupportRow {
  loginName: string;
  password: string;
  passwordSet: boolean;
  show: boolean;
}

/** `tk-complete`'s detail after a (re)submission. */
export interface PortingCompleteDetail {
  action: 'submitted' | 'resubmitted';
  order: PortOrder;
}

/** "Auftrag ansehen" without `order-url`: the page (or `tk-port-orders`) opens the order. */
export class TkOpenOrderEvent extends Event {
  static readonly type = 'tk-open-order';
  constructor(readonly detail: { id: string }) {
    super(TkOpenOrderEvent.type, { bubbles: true, composed: true });
  }
}

/** The workplaces, the review and the success state (with the login-name transliteration): fetched when the wizard gets near. */
let steps: typeof import('./steps.js') | undefined;
/** Step 3's code (`numbers.ts`, chunk `porting-numbers`, with its German texts): fetched as soon as the wizard shows, not with the page. */
let numbersLoad: Promise<typeof import('./numbers.js')> | undefined;
const loadNumbers = () =>
  (numbersLoad ??= import('./numbers.js').catch((error: unknown) => {
    numbersLoad = undefined; // offline for a moment: the next render tries again
    throw error;
  }));
let stepsLoad: Promise<unknown> | undefined;
const loadSteps = () =>
  (stepsLoad ??= import('./steps.js').then(
    (m) => (steps = m),
    (error) => {
      stepsLoad = undefined;
      throw error;
    },
  ));

/** The step a path of the BFF's field errors belongs to. */
const stepOfPath = (path: string): PortingStepId | undefined =>
  path.startsWith('customer') ? 'customer' : path.startsWith('subscription') ? 'subscription' : path.startsWith('numbers') ? 'numbers' : path.startsWith('workplaces') ? 'workplaces' : undefined;

const CUSTOMER_FIELDS = ['companyName', 'street', 'postalCode', 'city', 'country', 'contactName', 'invoiceEmail', 'phone', 'uid'] as const;

/**
 * "Rufnummern mitnehmen": a reseller's agent sets up a customer with number porting in five steps
 * (customer, subscription, numbers, workplaces, review). Every "Weiter" saves the step to the server's draft;
 * `order-id` continues a draft at its step, or opens an order sent back for clarification at the review with
 * the provider's question. Without a session it shows `<tk-login>` in its light DOM.
 *
 * @tag tk-porting
 * @slot - the login (do not fill)
 * @fires tk-step-change - `{ step, index, count }` when the visible step changes
 * @fires tk-complete - `{ action: 'submitted' | 'resubmitted', order }` after a (re)submission
 * @fires tk-open-order - {TkOpenOrderEvent} `{ id }` from "Auftrag ansehen" without `order-url` (bubbles, composed)
 * @fires tk-cancel - `{ step }` from "Später weitermachen": the draft stays as saved
 * @fires tk-error - when a request fails
 */
export class TkPorting extends LitElement implements PortingHost {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, portingStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    orderId: { type: String, attribute: 'order-id' },
    orderUrl: { type: String, attribute: 'order-url' },
    ...standaloneProperties,
  };

  declare headingLevel: number;
  /** A draft (or an order sent back for clarification) to continue. */
  declare orderId: string | undefined;
  /** "Auftrag ansehen" in the success state: a URL with `{id}`; without it, `tk-open-order` fires. */
  declare orderUrl: string | undefined;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  options: PortingOptions | undefined;
  order: PortOrder | undefined;

  /** Entries of the customer and subscription steps, by field path. @internal */
  values: Record<string, string> = { customerMode: 'existing', 'customer.country': 'CH' };
  /** Field errors by path (client checks and the BFF's), shown at their fields. @internal */
  errors: Record<string, string> = {};
  /** The reseller's customers found. @internal */
  customers: Customer[] | undefined;
  /** @internal */
  rows: WorkplaceRow[] = [];
  /** @internal */
  support: SupportRow = { loginName: '', password: '', passwordSet: false, show: false };
  /** The order as submitted: the success state. @internal */
  done: { order: PortOrder; action: PortingCompleteDetail['action'] } | undefined;
  /** A problem of the last request that no field carries (a pool without temporary numbers, offline). @internal */
  problem = '';
  /** A polite message (a row added), said once. @internal */
  notice = '';

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** Step 3 once its code is there; before, what it was handed waits in `numbersSaved`. */
  private numbersStep: NumbersStepApi | undefined;
  private numbersSaved: PortOrder['numbers'] | undefined;
  private numbersReady: Promise<void> | undefined;
  /** Step 3 (numbers.ts), lazily loaded: until its code is there it shows the loading line and has nothing to say. @internal */
  readonly numbers: NumbersStepApi = {
    hostConnected: () => undefined,
    load: (saved) => {
      this.numbersSaved = saved;
      this.numbersStep?.load(saved);
    },
    value: () => this.numbersStep?.value() ?? {},
    render: () => this.numbersStep?.render() ?? html`<p class="loading">${this.t('loading')}</p>`,
    check: async () => this.numbersStep?.check(),
    invalid: () => this.numbersStep?.invalid() ?? [],
    showErrors: (errors, report) => this.numbersStep?.showErrors(errors, report),
  };

  /** Fetches step 3's code once (with its texts in the current locale) and hands it what was loaded so far. */
  private ensureNumbers(): Promise<void> {
    return (this.numbersReady ??= loadNumbers().then(
      async (m) => {
        // Its catalogue came with the chunk, after the page loaded the locale: the locale once more (after a
        // switch the kit controller loads it for every catalogue it finds missing).
        await loadLocale(this.loc); // settles even offline: German stands in
        this.numbersStep = new m.NumbersStep(this);
        this.numbersStep.load(this.numbersSaved);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.numbersReady = undefined;
        throw error;
      },
    ));
  }
  /** @internal */
  readonly submit = new SubmitController(this, this.i18n);
  /** @internal */
  readonly wizard = new WizardController(
    this,
    () => this.wizardSteps(),
    (step) => this.check(step.id as PortingStepId),
  );
  private readonly light = new LightDomController(this);

  /** The `order-id` the wizard was last filled from. */
  private loadedOrderId: string | undefined;
  /** The options, and the order of `order-id`, once there is an agent's session. @internal */
  readonly load = new Task(this, {
    args: () => [this.i18n.kit?.session?.token, this.agent, this.orderId || undefined] as const,
    task: async ([token, agent, orderId], { signal }) => {
      const api = this.i18n.kit?.api;
      if (!token || !agent || !api) return undefined;
      try {
        const [options, order] = await Promise.all([
          api.call((rpc, o) => rpc.v1['port-orders'].options.$get({}, o), { signal, session: true }),
          orderId ? api.call((rpc, o) => rpc.v1['port-orders'][':id'].$get({ param: { id: orderId } }, o), { signal, session: true }) : undefined,
        ]);
        // A new login (after an expired session) re-runs this: what was entered stays unless the order changed.
        const changed = !this.options || (orderId !== this.loadedOrderId && orderId !== this.order?.id);
        this.options = options as PortingOptions;
        this.loadedOrderId = orderId;
        if (changed) {
          this.reset();
          if (order) this.fill(order as PortOrder);
        }
        return true;
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'AbortError')) {
          const p = error instanceof TkApiError ? error : undefined;
          this.dispatchEvent(new TkErrorEvent({ code: p?.code ?? 'network_error', status: p?.status, message: failureMessage(error, this.loc) }));
        }
        throw error;
      }
    },
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  get currentKit(): Kit | undefined {
    return this.i18n.kit;
  }
  get currentLocale(): Locale {
    return this.i18n.locale;
  }
  private get loc(): Locale {
    return this.i18n.locale;
  }
  private get agent(): boolean {
    return this.i18n.kit?.session?.user.role === 'partner_agent';
  }

  /** A text of the widget's catalogue. @internal */
  readonly t = (key: PortingKey, params?: Record<string, string | number>): string => portingMessages.t(this.loc, key, params);

  private wizardSteps(): WizardStep[] {
    return STEP_IDS.map((id) => ({ id, label: this.t(`step.${id}`) }));
  }

  /** The step shown. @internal */
  get step(): PortingStepId {
    return this.wizard.step.id as PortingStepId;
  }

  /** A fresh order: nothing entered. */
  private reset(): void {
    this.order = undefined;
    this.done = undefined;
    this.values = { customerMode: 'existing', 'customer.country': 'CH', 'subscription.tariffId': this.options?.products.length === 1 ? this.options.products[0]!.id : '' };
    this.errors = {};
    this.problem = '';
    this.customers = undefined;
    this.rows = [];
    this.support = { loginName: '', password: '', passwordSet: false, show: false };
    this.numbers.load(undefined);
    this.wizard.index = 0;
  }

  /** Every field from the order as saved; opens at the step after the last one saved complete (an order in clarification: at the review). */
  private fill(order: PortOrder): void {
    this.order = order;
    if (order.customer) {
      this.customers = [order.customer];
      this.values = { ...this.values, customerMode: 'existing', customerId: order.customer.id };
    }
    this.values = { ...this.values, 'subscription.tariffId': order.subscription.tariffId ?? this.values['subscription.tariffId'] ?? '', 'subscription.startDate': order.subscription.startDate ?? '' };
    this.numbers.load(order.step >= 3 || order.numbers.lines.length ? order.numbers : undefined);
    this.rows = order.workplaces.rows.map((r) => ({ id: r.id, displayName: r.displayName, loginName: r.loginName, loginEdited: true, password: '', passwordSet: r.passwordSet, show: false, licence: r.licence }));
    const s = order.workplaces.supportLogin;
    if (s) this.support = { loginName: s.loginName, password: '', passwordSet: s.passwordSet, show: false };
    this.wizard.index = order.status === 'clarification_needed' ? STEP_IDS.length - 1 : Math.min(order.step, STEP_IDS.length - 1);
  }

  /** From the numbers step on, the later steps' code is wanted. */
  private get nearSteps(): boolean {
    return this.wizard.index >= 2 || Boolean(this.done) || this.locked;
  }

  /** An order opened that can no longer be edited (submitted, approved, …): its status and "Auftrag ansehen" (in `steps.ts`). */
  private get locked(): boolean {
    return Boolean(this.order && !this.done && !this.order.actions.includes('edit'));
  }

  /** The later steps' texts in the current locale, while they load. */
  private textsLoad: Promise<unknown> | undefined;
  private readonly textsTried = new Set<Locale>();

  /** Also waits for the later steps' code and texts when a step shows that needs them (a draft reopened at the workplaces). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const pending =
      !this.numbersStep && this.numbersReady && this.step === 'numbers' ? this.numbersReady : !steps && stepsLoad && this.nearSteps ? stepsLoad : this.textsLoad;
    if (!pending) return done;
    await pending.catch(() => undefined);
    return this.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (steps && this.step === 'workplaces') steps.ensureRows(this);
  }

  protected override updated(): void {
    // The customer step lists the reseller's customers (newest first) before any search.
    if (this.options && !this.done && this.step === 'customer' && this.values.customerMode === 'existing' && !this.customers && !this.searching) void this.search();
    if (!this.numbersStep && this.options) void this.ensureNumbers().catch(() => undefined);
    if (!steps && this.nearSteps && this.options) void loadSteps().then(() => this.requestUpdate(), () => undefined);
    const catalogue = steps?.portingStepsMessages;
    if (catalogue && !catalogue.has(this.loc) && !this.textsTried.has(this.loc)) {
      this.textsTried.add(this.loc); // once per locale: offline, German stands in
      this.textsLoad = catalogue.load(this.loc).catch(() => undefined).finally(() => {
        this.textsLoad = undefined;
        this.requestUpdate();
      });
    }
  }

  /** A field's new value; its error goes until checked again. @internal */
  readonly onValue = (event: Event): void => {
    const field = event.target as HTMLElement & { name?: string; value?: string };
    const name = field.name;
    if (!name || name.startsWith('numbers') || name.startsWith('workplaces')) return;
    this.values = { ...this.values, [name]: String(field.value ?? '') };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
    this.requestUpdate();
  };

  /** Clears a field's error (the workplaces' fields call it too). @internal */
  clearError(path: string): void {
    if (this.errors[path]) this.errors = { ...this.errors, [path]: '' };
  }

  /** "Suchen": the reseller's customers whose name holds the text. @internal */
  private searching: AbortController | undefined;
  async search(): Promise<void> {
    const kit = this.i18n.kit;
    if (!kit) return;
    // The latest search wins: an earlier one (the first list still loading) is cancelled, its answer ignored.
    this.searching?.abort();
    const controller = (this.searching = new AbortController());
    const q = (this.values['customer.search'] ?? '').trim();
    try {
      const found = await kit.api.call((rpc, o) => rpc.v1.customers.$get({ query: q ? { q } : {} }, o), { session: true, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.customers = found.items as Customer[];
      if (!this.customers.some((c) => c.id === this.values.customerId)) this.values = { ...this.values, customerId: this.customers.length === 1 ? this.customers[0]!.id : '' };
      this.say(this.customers.length ? '' : this.t('customer.none'));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.problem = failureMessage(error, this.loc);
      this.customers ??= [];
    }
    this.searching = undefined;
    this.requestUpdate();
  }

  /** Says a polite message once: cleared first, so the same sentence twice is said twice. @internal */
  async say(message: string): Promise<void> {
    this.notice = '';
    this.requestUpdate();
    if (!message) return;
    await this.updateComplete;
    this.notice = message;
    this.requestUpdate();
  }

  /** The client's checks of a step, at their fields; with the BFF's errors still shown. */
  private check(step: PortingStepId): InvalidField[] {
    const problems: Record<string, string> = {};
    const v = this.values;
    if (step === 'customer' && v.customerMode === 'new' && v['customer.uid']?.trim() && !isUid(v['customer.uid'])) problems['customer.uid'] = this.t('uidInvalid');
    if (step === 'customer' && v.customerMode === 'existing' && !v.customerId) problems.customerId = this.t('customer.pickRequired');
    if (step === 'subscription') {
      if (!v['subscription.tariffId']) problems['subscription.tariffId'] = this.t('productRequired');
      const start = v['subscription.startDate'];
      if (start && this.options && start < this.options.today) problems['subscription.startDate'] = this.t('startDatePast');
    }
    if (step === 'workplaces' && steps) Object.assign(problems, steps.checkWorkplaces(this));
    const found: InvalidField[] = [];
    for (const [path, message] of Object.entries({ ...this.errors, ...problems })) {
      if (!message) continue;
      const control = this.renderRoot.querySelector<HTMLElement & { label: string; error: string }>(`[data-step="${step}"] [name="${path}"]`);
      if (!control) continue;
      control.error = message;
      found.push({ control, label: control.label, message });
    }
    this.errors = { ...this.errors, ...problems };
    return step === 'numbers' ? [...found, ...this.numbers.invalid()] : found;
  }

  /** "Weiter" (saves the step) or, on the review, "Auftrag einreichen". */
  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    // Enter in "Kunden suchen" submits the form (the text field's implicit submission): it searches, it does not move on.
    if (this.step === 'customer' && (this.renderRoot as ShadowRoot).activeElement?.getAttribute('name') === 'customer.search') return this.search();
    this.problem = '';
    if (this.step === 'review') return this.submitOrder();
    // A number typed just before "Weiter" is checked first: its problem shows at its line, not after the save.
    if (this.step === 'numbers') await this.numbers.check();
    if (this.wizard.validate().length > 0) {
      await this.wizard.next(); // shows and focuses the summary
      return;
    }
    if (await this.save(this.step)) await this.wizard.next();
  }

  /** The section of a step, as `PATCH` takes it. */
  private section(step: PortingStepId): PortOrderDraftInput {
    const v = this.values;
    switch (step) {
      case 'customer':
        return { customerId: v.customerId || null, complete: 'customer' };
      case 'subscription':
        return { subscription: { tariffId: v['subscription.tariffId'] || null, startDate: v['subscription.startDate'] || null }, complete: 'subscription' };
      case 'numbers':
        return { numbers: this.numbers.value(), complete: 'numbers' };
      default:
        return {
          workplaces: {
            rows: this.rows.map((r) => ({ ...(r.id && { id: r.id }), displayName: r.displayName.trim(), loginName: r.loginName.trim(), licence: r.licence, ...(r.password && { password: r.password }) })),
            supportLogin: this.support.loginName.trim() ? { loginName: this.support.loginName.trim(), ...(this.support.password && { password: this.support.password }) } : null,
          },
          complete: 'workplaces',
        };
    }
  }

  /** Saves a step to the draft (a new customer first); the BFF's field errors go to their fields. */
  private async save(step: PortingStepId): Promise<boolean> {
    const kit = this.i18n.kit;
    if (!kit) return false;
    if (step === 'customer' && this.values.customerMode === 'new') {
      const v = this.values;
      const body = Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, f === 'uid' ? (v['customer.uid'] ? formatUid(v['customer.uid']) ?? v['customer.uid'] : undefined) : (v[`customer.${f}`] ?? '').trim()]));
      const created = await this.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1.customers.$post({ json: body as never }, opts), { ...o, session: true }));
      if (!created) return this.failed('customer.');
      this.submit.forget();
      this.customers = [created as Customer];
      this.values = { ...this.values, customerMode: 'existing', customerId: created.id };
      // A "choose a customer" from before the agent switched to a new one would block the step for good.
      this.errors = { ...this.errors, customerId: '' };
    }
    const json = this.section(step);
    const id = this.order?.id;
    const saved = await this.submit.run((o) =>
      id
        ? kit.api.call((rpc, opts) => rpc.v1['port-orders'][':id'].$patch({ param: { id }, json: json as never }, opts), { ...o, session: true })
        : kit.api.call((rpc, opts) => rpc.v1['port-orders'].$post({ json: json as never }, opts), { ...o, session: true }),
    );
    if (!saved) return this.failed();
    this.submit.forget();
    this.order = saved as PortOrder;
    if (step === 'workplaces') {
      const rows = this.order.workplaces.rows;
      this.rows = this.rows.map((r, i) => ({ ...r, id: rows[i]?.id ?? r.id, passwordSet: rows[i]?.passwordSet ?? r.passwordSet, password: '', show: false }));
      this.support = { ...this.support, password: '', show: false, passwordSet: this.order.workplaces.supportLogin?.passwordSet ?? false };
    }
    return true;
  }

  /** A failed request: field errors at their fields (with the summary), else the problem, focused. */
  private async failed(prefix = ''): Promise<false> {
    const error = this.submit.error;
    const fields = error instanceof TkApiError ? [...error.fieldErrors.values()] : [];
    if (fields.length) {
      this.errors = { ...this.errors, ...Object.fromEntries(fields.map((e) => [prefix + e.path, e.message])) };
      const numbers = new Map(fields.filter((e) => (prefix + e.path).startsWith('numbers')).map((e) => [prefix + e.path, { code: e.code, message: e.message }]));
      if (numbers.size) this.numbers.showErrors(numbers, (error as TkApiError).problem.report);
    }
    this.requestUpdate();
    await this.updateComplete;
    const invalid = this.wizard.validate();
    if (invalid.length) {
      this.wizard.invalid = invalid;
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-error-summary]')?.focus();
      return false;
    }
    this.problem = this.submit.message();
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-problem]')?.focus();
    return false;
  }

  /** "Auftrag einreichen" / "Erneut einreichen". */
  private async submitOrder(): Promise<void> {
    const kit = this.i18n.kit;
    const id = this.order?.id;
    if (!kit || !id) return;
    const resubmitting = this.order!.status === 'clarification_needed';
    const order = await this.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1['port-orders'][':id'].submit.$post({ param: { id } }, opts), { ...o, session: true }));
    if (order) {
      this.submit.forget();
      this.order = order as PortOrder;
      this.done = { order: this.order, action: resubmitting ? 'resubmitted' : 'submitted' };
      this.dispatchEvent(new TkCompleteEvent<PortingCompleteDetail>({ ...this.done }));
      await loadSteps().catch(() => undefined);
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
      return;
    }
    const error = this.submit.error;
    if (error instanceof TkApiError && error.code === 'temporary_pool_empty') {
      this.problem = steps!.poolEmpty(this); // the review's code is there
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-problem]')?.focus();
      return;
    }
    const first = error instanceof TkApiError ? STEP_IDS.find((s) => [...error.fieldErrors.keys()].some((p) => stepOfPath(p) === s)) : undefined;
    if (error instanceof TkApiError && (first || error.code === 'numbers_flagged')) {
      await this.wizard.goTo(first ?? 'numbers');
      await this.failed();
      return;
    }
    await this.failed();
  }

  /** "Später weitermachen": `tk-cancel` with the step; the draft as saved up to the last step finished (said when there is one). */
  private readonly later = async (): Promise<void> => {
    const saved = this.order?.step ?? 0;
    this.dispatchEvent(new TkCancelEvent({ step: this.step }));
    // Its sentence is in the later steps' texts: they load now if not yet there (offline: nothing said).
    if (saved > 0 && (await loadSteps().then(() => true, () => false))) void this.say(steps!.laterSaved(this, this.t(`step.${STEP_IDS[saved - 1]!}`)));
  };

  /** "Auftrag ansehen" without `order-url`. @internal */
  openOrder(id: string): void {
    this.dispatchEvent(new TkOpenOrderEvent({ id }));
  }

  /** "Neuen Auftrag erfassen": the wizard from the start. @internal */
  async startOver(): Promise<void> {
    this.orderId = undefined;
    this.reset();
    await this.wizard.goTo(0, false);
  }

  /** The focused heading; with the position ("Schritt 2 von 5") in its name. @internal */
  heading(text: string, position?: string): TemplateResult {
    return html`<div class="heading" role="heading" aria-level=${this.headingLevel} aria-label=${position ? `${position}: ${text}` : nothing} data-step-heading data-heading tabindex="-1">${text}</div>`;
  }

  /** A text field of the customer and subscription steps. */
  private field(name: string, label: string, o: { autocomplete?: string; type?: 'text' | 'email' | 'tel'; hint?: string; required?: boolean } = {}): TemplateResult {
    return html`<tk-text-field
      name=${name}
      label=${label}
      hint=${o.hint ?? ''}
      type=${o.type ?? 'text'}
      autocomplete=${o.autocomplete ?? 'off'}
      ?required=${o.required ?? true}
      .value=${this.values[name] ?? ''}
      .error=${this.errors[name] ?? ''}
    ></tk-text-field>`;
  }

  /** The mode's radios stay the same elements when the mode changes: an arrow key keeps its focus. */
  private renderCustomer(): TemplateResult {
    const v = this.values;
    return html`${this.renderCustomerMode()}${v.customerMode === 'new' ? this.renderNewCustomer() : this.renderExistingCustomer()}`;
  }

  private renderCustomerMode(): TemplateResult {
    const v = this.values;
    return html`<tk-radio-group
      name="customerMode"
      label=${this.t('customer.mode')}
      .value=${v.customerMode ?? 'existing'}
      .options=${[
        { value: 'existing', label: this.t('customer.existing') },
        { value: 'new', label: this.t('customer.new') },
      ]}
    ></tk-radio-group>`;
  }

  private renderNewCustomer(): TemplateResult {
    const v = this.values;
    return html`${this.field('customer.companyName', this.t('companyName'), { autocomplete: 'organization', hint: this.t('companyNameHint') })}
        ${this.field('customer.street', this.t('street'), { autocomplete: 'street-address' })}
        <div class="row">
          ${this.field('customer.postalCode', this.t('postalCode'), { autocomplete: 'postal-code' })} ${this.field('customer.city', this.t('city'), { autocomplete: 'address-level2' })}
        </div>
        <tk-select
          name="customer.country"
          label=${this.t('country')}
          autocomplete="country"
          required
          .value=${v['customer.country'] ?? 'CH'}
          .options=${(Object.keys(this.options!.providers) as PortingCountry[]).map((c) => ({ value: c, label: this.t(`country.${c}`) }))}
          .error=${this.errors['customer.country'] ?? ''}
        ></tk-select>
        ${this.field('customer.contactName', this.t('contactName'), { autocomplete: 'name' })}
        ${this.field('customer.invoiceEmail', this.t('invoiceEmail'), { autocomplete: 'email', type: 'email' })}
        ${this.field('customer.phone', this.t('phone'), { autocomplete: 'tel', type: 'tel' })}
        ${this.field('customer.uid', this.t('uid'), { hint: this.t('uidHint'), required: false })}`;
  }

  private renderExistingCustomer(): TemplateResult {
    const v = this.values;
    const found = this.customers ?? [];
    return html`<div class="search">
        <tk-text-field name="customer.search" type="search" label=${this.t('customer.search')} hint=${this.t('customer.searchHint')} .value=${v['customer.search'] ?? ''}></tk-text-field>
        <tk-button variant="secondary" @click=${() => this.search()}>${this.t('customer.searchButton')}</tk-button>
      </div>
      <tk-select
        name="customerId"
        label=${this.t('customer.pick')}
        required
        .value=${v.customerId ?? ''}
        .options=${[{ value: '', label: '–' }, ...found.map((c) => ({ value: c.id, label: `${c.companyName}, ${c.postalCode} ${c.city}` }))]}
        .error=${this.errors.customerId ?? ''}
      ></tk-select>
      ${this.customers?.length === 0 ? html`<p>${this.t('customer.none')}</p>` : nothing}`;
  }

  private renderSubscription(): TemplateResult {
    const o = this.options!;
    return html`<tk-radio-group
        name="subscription.tariffId"
        label=${this.t('product')}
        variant="cards"
        required
        .value=${this.values['subscription.tariffId'] ?? ''}
        .error=${this.errors['subscription.tariffId'] ?? ''}
        .options=${o.products.map((p) => ({ value: p.id, label: p.name, hint: this.t('perMonth', { price: formatMoney(p.monthlyPriceCents, p.currency, this.loc) }) }))}
      ></tk-radio-group>
      <tk-date-field
        name="subscription.startDate"
        label=${this.t('startDate')}
        hint=${this.t('startDateHint')}
        required
        min=${o.today}
        .value=${this.values['subscription.startDate'] ?? ''}
        .error=${this.errors['subscription.startDate'] ?? ''}
      ></tk-date-field>
      <p class="note">${this.t('goLiveNote')}</p>`;
  }

  private renderStep(): TemplateResult | typeof nothing {
    switch (this.step) {
      case 'customer':
        return this.renderCustomer();
      case 'subscription':
        return this.renderSubscription();
      case 'numbers':
        return this.numbers.render();
      case 'workplaces':
        return steps?.renderWorkplaces(this) ?? html`<p class="loading">${this.t('loading')}</p>`;
      default:
        return steps?.renderReview(this) ?? html`<p class="loading">${this.t('loading')}</p>`;
    }
  }

  protected override render() {
    this.light.content = nothing;
    if (!this.i18n.ready) return nothing;
    const kit = this.i18n.kit;
    if (!kit?.session) {
      this.light.content = html`<tk-login .kit=${kit} heading-level=${this.headingLevel} @tk-complete=${(e: Event) => (e.stopPropagation(), this.requestUpdate())}></tk-login>`;
      return html`<p>${this.t('loginFirst')}</p><slot></slot>`;
    }
    if (!this.agent) return html`${this.heading(this.t('title'))}<tk-alert variant="warning"><p>${this.t('forbidden')}</p></tk-alert>`;
    if (this.load.error !== undefined && !this.options) {
      return html`${this.heading(this.t('title'))}<tk-alert variant="error" data-load-error>
          <p>${this.t('loadFailed')} ${failureMessage(this.load.error, this.loc)}</p>
          <tk-button variant="secondary" @click=${() => this.load.run()}>${this.t('retry')}</tk-button>
        </tk-alert>`;
    }
    if (!this.options) return html`<p class="loading" role="status">${this.t('loading')}</p>`;
    if (this.done) return steps?.renderDone(this, this.done) ?? nothing;
    if (this.locked) return steps?.renderLocked(this, this.order!) ?? html`<p class="loading">${this.t('loading')}</p>`;
    const reviewing = this.step === 'review';
    const count = STEP_IDS.length;
    return html`<form novalidate @input=${this.onValue} @change=${this.onValue} @submit=${this.onSubmit}>
      <tk-stepper .steps=${this.wizardSteps()} current=${this.wizard.index}></tk-stepper>
      ${steps?.renderClarification(this) ?? nothing}
      ${renderErrorSummary(this.wizard.invalid, this.i18n.t('form.errorSummary'))}
      ${this.problem
        ? html`<div class="problem" data-problem tabindex="-1"><p><span class="visually-hidden">${this.i18n.t('alert.error')}: </span>${this.problem}</p></div>`
        : nothing}
      ${this.heading(this.wizard.step.label, wt(this.i18n, 'stepper.position', { index: this.wizard.index + 1, count }))}
      ${reviewing ? nothing : html`<p class="legend">${this.i18n.t('form.requiredLegend')}</p>`}
      <div data-step=${this.step}>${this.renderStep()}</div>
      <div role="status" class="visually-hidden">${this.notice}</div>
      <div class="actions">
        ${this.wizard.isFirst ? html`<span></span>` : html`<tk-button variant="secondary" @click=${() => this.wizard.back()}>${this.t('back')}</tk-button>`}
        <tk-button type="submit" ?busy=${this.submit.busy}>${reviewing ? this.t(this.order?.status === 'clarification_needed' ? 'resubmit' : 'submit') : this.t('next')}</tk-button>
      </div>
      <div class="actions"><tk-button variant="secondary" data-later @click=${this.later}>${this.t('later')}</tk-button></div>
    </form>`;
  }
}

defineOnce('tk-porting', TkPorting);

declare global {
  interface HTMLElementTagNameMap {
    'tk-porting': TkPorting;
  }
  interface GlobalEventHandlersEventMap {
    'tk-open-order': TkOpenOrderEvent;
  }
}
