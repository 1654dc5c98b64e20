import { html, nothing, type TemplateResult } from 'lit';
import type { LinkRequestIssued, Location, LocationIntentIssued, OpenLinkRequest } from '../../contract/locations.js';
import { TkApiError } from '../core/api.js';
import { TkStepChangeEvent } from '../core/events.js';
import { errorMessage } from '../core/i18n/index.js';
import { type PinController, type PinKey, PinController as Pin, renderPinField, renderPinStep } from '../core/pin.js';
import '../primitives/checkbox.js';
import '../primitives/text-field.js';
import { dayText } from './list.js';
import type { LocationsView, TkLocations } from './locations.js';
import type { LocationsKey } from './messages.js';

/**
 * The steps of `<tk-locations>` (fetched when one is first opened): link an existing account (customer
 * number → the code its administration received, through the shared PIN step), order a new location (the
 * collective invoice → `tk-signup`, prefilled, carrying the BFF's intent), and the unlink confirmation.
 */

type Step = Exclude<LocationsView, 'list'>;

/** The PIN step's texts from the widget's catalogue: the code went to the other account's administration. */
const PIN_KEYS: Record<PinKey, LocationsKey> = {
  'pin.title': 'code.title',
  'pin.intro': 'code.intro',
  pin: 'code',
  'pin.hint': 'code.hint',
  'pin.submit': 'code.submit',
  'pin.resend': 'code.resend',
  'pin.resendIn': 'code.resendIn',
  'pin.resent': 'code.resent',
  'pin.attemptsLeft': 'code.attemptsLeft',
  'pin.attemptLeft': 'code.attemptLeft',
  'pin.locked': 'code.locked',
  'pin.limited': 'code.limited',
  'pin.available': 'code.available',
  back: 'back',
};

const pins = new WeakMap<TkLocations, PinController<unknown>>();
function pinOf(el: TkLocations) {
  let pin = pins.get(el);
  if (!pin) {
    pin = new Pin(el, el.i18n, el.form.submit, {
      t: (key, params) => {
        const issued = el.issued;
        // Where the code went: both of the other administration's addresses, and whose they are.
        if (key === 'pin.intro' && issued) {
          return el.t('code.intro', { account: issued.account.displayName, customerNumber: issued.account.customerNumber, mobile: issued.sentTo, email: issued.emailTo });
        }
        return el.t(PIN_KEYS[key], params);
      },
      // The code went to the other account's administration, not to this admin's phone: the way to the right one is to ask them.
      explain: (code) => {
        const ask = el.t('code.ask', { name: el.issued?.account.displayName ?? '' });
        const said = { pin_wrong: 'code.wrong', pin_format: 'code.format', pin_locked: 'code.locked', pin_superseded: 'code.old' }[code] as LocationsKey | undefined;
        if (code === 'not_linkable') void refused(el);
        return said && `${el.t(said)} ${ask}`;
      },
      verify: (kit, { challengeId, pin }, o) =>
        kit.api.call((rpc, opts) => rpc.v1.locations['link-requests'][':id'].confirm.$post({ param: { id: challengeId }, json: { pin } }, opts), { ...o, session: true }),
      resend: async (kit, challengeId, o) =>
        (el.issued = await kit.api.call((rpc, opts) => rpc.v1.locations['link-requests'][':id'].resend.$post({ param: { id: challengeId } }, opts), { ...o, session: true })),
      verified: async (location) => {
        const linked = location as Location;
        el.upsert(linked);
        el.issued = undefined;
        await el.back(el.t('linked', { name: linked.displayName, customerNumber: linked.customerNumber }), linked.accountId);
        el.completed({ action: 'linked', accountId: linked.accountId, location: linked });
      },
    });
    pins.set(el, pin);
  }
  return pin;
}

/**
 * A rule that no longer holds when the code is entered (409 `not_linkable`, say the account was linked elsewhere
 * meanwhile): the link step again, the BFF's reason at the customer number and in the summary, focused.
 */
async function refused(el: TkLocations): Promise<void> {
  const error = el.form.submit.error;
  const detail = error instanceof TkApiError ? (error.problem.detail ?? error.problem.title) : '';
  stopCode(el);
  el.issued = undefined;
  await el.form.go('link');
  el.form.errors = { customerNumber: detail };
  await el.form.check(el.form.errors);
}

/** Leaves the code step: no more countdown. */
export function stopCode(el: TkLocations): void {
  pins.get(el)?.stop();
}

/** Opens a step: a clean slate, focus on its heading, `tk-step-change` where it is part of a flow. */
export async function enter(el: TkLocations, view: Step, values: Record<string, string> = {}): Promise<void> {
  el.form.values = values;
  orderedBy.delete(el);
  await el.form.go(view);
  if (view === 'link') el.dispatchEvent(new TkStepChangeEvent({ step: 'link', index: 0, count: 2 }));
  if (view === 'order') el.dispatchEvent(new TkStepChangeEvent({ step: 'order', index: 0, count: 2 }));
}

const checked = (el: TkLocations) => (event: Event) => {
  el.form.values = { ...el.form.values, collectiveInvoice: (event.currentTarget as HTMLInputElement).checked ? 'on' : '' };
};

/** "Code anfordern": the code goes to the other administration; the code step follows. */
async function requestCode(el: TkLocations, event: Event) {
  event.preventDefault();
  const { form } = el;
  if (form.submit.busy) return;
  const customerNumber = (form.values.customerNumber ?? '').trim();
  if (!(await form.check({ customerNumber: customerNumber ? undefined : errorMessage(el.i18n.locale, 'required') }))) return;
  const collectiveInvoice = form.values.collectiveInvoice === 'on';
  const issued = await form.send((kit, o) =>
    kit.api.call((rpc, opts) => rpc.v1.locations['link-requests'].$post({ json: { customerNumber, collectiveInvoice } }, opts), { ...o, session: true }),
  );
  if (!issued) return;
  await codeStep(el, issued);
}

async function codeStep(el: TkLocations, issued: LinkRequestIssued): Promise<void> {
  el.issued = issued;
  pinOf(el).start(issued);
  await el.form.go('code');
  el.dispatchEvent(new TkStepChangeEvent({ step: 'code', index: 1, count: 2 }));
}

/** An open request from the overview: its code step, with what was asked for kept for "Zurück". */
export async function resume(el: TkLocations, request: OpenLinkRequest): Promise<void> {
  el.form.values = { customerNumber: request.account.customerNumber, collectiveInvoice: request.collectiveInvoice ? 'on' : '' };
  await codeStep(el, request);
}

/**
 * The main account's company data, as `tk-signup` field paths: name, legal form, VAT id, register number and the
 * invoice address. Not the site address: the new location has its own.
 */
export function prefillOf(intent: LocationIntentIssued): Record<string, string | boolean> {
  const { company, invoiceAddress } = intent.prefill;
  const values: Record<string, string | boolean> = {};
  if (company) {
    values['company.name'] = company.name;
    values['company.legalForm'] = company.legalForm;
    if (company.vatId) values['company.vatId'] = company.vatId;
    if (company.registerNumber) values['company.registerNumber'] = company.registerNumber;
  }
  if (invoiceAddress) {
    values.separateInvoice = true;
    values['invoiceAddress.name'] = invoiceAddress.name;
    for (const [key, value] of Object.entries(invoiceAddress.address)) values[`invoiceAddress.address.${key}`] = value;
  }
  return values;
}

/** "Weiter zur Bestellung": the BFF mints the intent; the signup (its code fetched now) follows, prefilled. */
async function startOrder(el: TkLocations, event: Event) {
  event.preventDefault();
  const { form } = el;
  if (form.submit.busy) return;
  const collectiveInvoice = form.values.collectiveInvoice === 'on';
  const [intent] = await Promise.all([
    form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.locations.intents.$post({ json: { collectiveInvoice } }, opts), { ...o, session: true })),
    import('../signup/signup.js').catch(() => undefined),
  ]);
  if (!intent) return;
  el.intent = intent;
  await form.go('signup');
  el.dispatchEvent(new TkStepChangeEvent({ step: 'signup', index: 1, count: 2 }));
}

/** Signups of new locations that are stored, with the address asked to confirm: their done screen shows, with the way back to the overview. */
const orderedBy = new WeakMap<TkLocations, string>();

/**
 * The signup is stored: its own done screen stays (the new location's contact confirms by e-mail), with what
 * happens then; the overview, loaded again meanwhile, shows the order waiting for confirmation.
 */
async function ordered(el: TkLocations, event: Event) {
  event.stopPropagation(); // the page hears this widget's `tk-complete`, not the inner signup's
  orderedBy.set(el, (event as CustomEvent<{ email: string }>).detail.email);
  el.rows = undefined;
  el.requestUpdate();
  el.completed({ action: 'ordered' });
  await el.load.run().catch(() => undefined);
}

/** "Verknüpfung jetzt lösen". */
async function unlink(el: TkLocations, event: Event) {
  event.preventDefault();
  const l = el.selected!;
  const done = await el.form.send((kit, o) =>
    kit.api.call((rpc, opts) => rpc.v1.locations[':accountId'].$delete({ param: { accountId: l.accountId } }, opts), { ...o, session: true }),
  );
  if (!done) return;
  el.drop(l.accountId);
  el.selected = undefined;
  const until = done.collectiveInvoiceUntil;
  await el.back(until ? el.t('unlinked.invoice', { name: l.displayName, date: dayText(until, el.i18n.locale) }) : el.t('unlinked', { name: l.displayName }));
  el.completed({ action: 'unlinked', accountId: l.accountId });
}

/** The last day of this month in Germany: when an unlinked account leaves the collective invoice. */
const endOfMonth = () => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

export function renderStep(el: TkLocations): TemplateResult | typeof nothing {
  const { form } = el;
  const t = el.t;
  const view = form.step as Step;
  const cancel = html`<tk-button variant="link" @click=${() => el.leave()}>${t('abort')}</tk-button>`;
  switch (view) {
    case 'link':
      return html`<form novalidate @submit=${(e: Event) => requestCode(el, e)}>
        ${form.summary({ customerNumber: t('customerNumber') })} ${form.heading(t('link.title'))}
        <p>${t('link.intro')}</p>
        ${form.legend()}
        <tk-text-field
          name="customerNumber"
          required
          autocomplete="off"
          spellcheck="false"
          label=${t('customerNumber')}
          hint=${t('link.customerNumberHint')}
          .value=${form.values.customerNumber ?? ''}
          .error=${form.errors.customerNumber ?? ''}
          @input=${form.input}
        ></tk-text-field>
        <tk-checkbox name="collectiveInvoice" label=${t('link.invoice')} hint=${t('link.invoiceHint')} .checked=${form.values.collectiveInvoice === 'on'} @change=${checked(el)}></tk-checkbox>
        <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('link.submit')}</tk-button>${cancel}</div>
      </form>`;
    case 'code': {
      const pin = pinOf(el);
      form.light.content = renderPinField(pin);
      // Back keeps what was asked for: the customer number and the collective invoice.
      const back = () => (stopCode(el), el.open('link', undefined, form.values));
      return renderPinStep(pin, { heading: form.heading, back, busy: form.submit.busy });
    }
    case 'order':
      return html`<form novalidate @submit=${(e: Event) => startOrder(el, e)}>
        ${form.summary({})} ${form.heading(t('order.title'))}
        <p>${t('order.intro')}</p>
        <tk-checkbox name="collectiveInvoice" label=${t('link.invoice')} hint=${t('order.invoiceHint')} .checked=${form.values.collectiveInvoice === 'on'} @change=${checked(el)}></tk-checkbox>
        <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('order.submit')}</tk-button>${cancel}</div>
      </form>`;
    case 'signup': {
      const intent = el.intent;
      if (!intent) return nothing;
      const email = orderedBy.get(el);
      return html`${form.heading(t('order.title'))}
        ${email ? nothing : html`<p class="hint">${t('order.hint')}</p>`}
        <tk-signup
          id="tk-location-signup"
          account-type="business"
          heading-level=${el.headingLevel + 1}
          .kit=${el.i18n.kit}
          .prefill=${prefillOf(intent)}
          .locationIntent=${intent.intent}
          @tk-complete=${(e: Event) => ordered(el, e)}
        ></tk-signup>
        ${email
          ? html`<p class="then">${t('order.done', { email })}</p>
              <div class="actions"><tk-button @click=${() => el.back(t('order.done', { email }))}>${t('overview')}</tk-button></div>`
          : html`<div class="actions">${cancel}</div>`}`;
    }
    case 'unlink': {
      const l = el.selected!;
      // Billed to the month's end only when it is on the collective invoice today (not when it would join on the 1st).
      const onInvoice = Boolean(l.collectiveInvoice?.current);
      return html`<form novalidate @submit=${(e: Event) => unlink(el, e)}>
        ${form.summary({})} ${form.heading(t('unlink.title'))}
        <p>${t('unlink.text', { name: l.displayName, customerNumber: l.customerNumber })}</p>
        <ul class="consequences">
          <li>${onInvoice ? t('unlink.invoice', { date: dayText(endOfMonth(), el.i18n.locale) }) : t('unlink.noInvoice')}</li>
          <li>${t('unlink.login')}</li>
          <li>${t('unlink.history')}</li>
        </ul>
        <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('unlink.submit')}</tk-button>${cancel}</div>
      </form>`;
    }
    default:
      return nothing;
  }
}
