import { html, nothing, type TemplateResult } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import { INVOICE_NOTE_MAX, invoiceNoteProblem, isMobile, textProblem, toE164, unprintableOnInvoice } from '../../contract/rules.js';
import type { TariffInfo } from '../../contract/tenant.js';
import { TkApiError } from '../core/api.js';
import { renderErrorSummary } from '../core/error-summary.js';
import { TkStepChangeEvent } from '../core/events.js';
import { errorMessage, formatMoney } from '../core/i18n/index.js';
import { type InvalidField, WizardController } from '../core/wizard.js';
import '../primitives/radio-group.js';
import '../primitives/select.js';
import '../primitives/summary.js';
import '../primitives/text-field.js';
import { fullName } from './list.js';
import { renderManage, startManage } from './manage.js';
import { hasStepTexts, loadStepTexts, type StepsKey, subUserErrorMessages, subUserStepsMessages } from './steps.messages.js';
import type { SubUsersView, TkSubUsers } from './sub-users.js';

export { hasStepTexts, loadStepTexts, subUserStepsMessages };

/**
 * The steps of `<tk-sub-users>` (fetched when one is opened, or while the list shows): the add wizard here
 * (data → review with the contract facts → done), the changes and the cancellation in `manage.ts`.
 */

/** A text of the steps' catalogue in the widget's language. */
export const st = (el: TkSubUsers, key: StepsKey, params?: Record<string, string | number>) => subUserStepsMessages.t(el.i18n.locale, key, params);

/** A field error in the widget's language: the flow's own codes, else the shared ones. */
export const errorText = (el: TkSubUsers, code: string): string =>
  (subUserErrorMessages.texts(el.i18n.locale) as Record<string, string>)[code] ?? errorMessage(el.i18n.locale, code);

/** An invoice note's error, naming the character the invoice cannot print ("€" → write "EUR"). */
export function noteError(el: TkSubUsers, note: string, code: string): string {
  const char = code === 'invoice_note_characters' ? unprintableOnInvoice(note) : undefined;
  return char === undefined ? errorText(el, code) : `${errorText(el, code)} ${st(el, 'invoiceNote.char', { char })}`;
}

const wizards = new WeakMap<TkSubUsers, WizardController>();
function wizardOf(el: TkSubUsers): WizardController {
  let wizard = wizards.get(el);
  if (!wizard) {
    wizard = new WizardController(
      el,
      () => [
        { id: 'data', label: st(el, 'add.data') },
        { id: 'review', label: st(el, 'add.review') },
      ],
      () => checkData(el),
    );
    wizards.set(el, wizard);
  }
  return wizard;
}

/** The heading of a step, focused on arrival; `position` ("Schritt 1 von 2") is part of its name. */
export function stepHeading(el: TkSubUsers, text: string, position?: string): TemplateResult {
  return html`<div class="heading" role="heading" aria-level=${el.headingLevel} aria-label=${position ? `${position}: ${text}` : nothing} tabindex="-1" data-heading data-step-heading>
    ${text}
  </div>`;
}

/** Opens a step: a clean slate, its values, focus on its heading, `tk-step-change` where it is a flow. */
export async function enter(el: TkSubUsers, view: Exclude<SubUsersView, 'list'>): Promise<void> {
  const { form } = el;
  form.values = {};
  if (view === 'add') {
    const tariffs = el.tariffs;
    form.values = { salutation: '', tariffId: tariffs.length === 1 ? tariffs[0]!.id : '' };
    const wizard = wizardOf(el);
    wizard.index = 0;
    wizard.invalid = [];
    await form.go('add');
    el.dispatchEvent(new TkStepChangeEvent({ step: 'data', index: 0, count: 2 }));
    return;
  }
  if (view !== 'done') startManage(el, view);
  await form.go(view);
  if (view === 'cancel') el.dispatchEvent(new TkStepChangeEvent({ step: 'cancel', index: 0, count: 2 }));
}

export function renderStep(el: TkSubUsers): TemplateResult | typeof nothing {
  const view = el.form.step;
  if (view === 'add') return renderAdd(el);
  if (view === 'done') return renderDone(el);
  return renderManage(el, view);
}

/** Months as words: "1 Monat", "12 Monate". */
export const months = (el: TkSubUsers, n: number) => st(el, new Intl.PluralRules(localeTag(el.i18n.locale)).select(n) === 'one' ? 'month' : 'months', { n });

/** A co-user's price: billed to a business, so net and gross. */
export function price(el: TkSubUsers, cents: number, t: TariffInfo): string {
  const locale = el.i18n.locale;
  const money = (c: number) => formatMoney(c, t.currency, locale);
  const rate = el.i18n.kit?.tenant?.vatRate ?? 0;
  if (!cents) return money(0);
  return st(el, 'price.net', {
    gross: money(cents),
    net: money(Math.round((cents * 100) / (100 + rate))),
    rate: new Intl.NumberFormat(localeTag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(rate / 100),
  });
}

/** The tariffs as cards: name and monthly price, the terms below. */
export function tariffOptions(el: TkSubUsers, current?: string) {
  return el.tariffs.map((t) => ({
    value: t.id,
    label: st(el, 'tariff.option', { name: t.id === current ? st(el, 'tariff.current', { name: t.name }) : t.name, price: price(el, t.monthlyPriceCents, t) }),
    description: st(el, 'tariff.facts', { term: months(el, t.minimumTermMonths), notice: months(el, t.noticePeriodMonths), fee: price(el, t.oneOffFeeCents, t) }),
  }));
}

/**
 * The invoice note with what is left of its 40 characters in its hint (read with the field, never announced
 * on each keystroke) and, below, the note as the invoice prints it.
 */
export function invoiceNoteField(el: TkSubUsers, label: string) {
  const { form } = el;
  const value = form.values.invoiceNote ?? '';
  const length = value.trim().length;
  const hint =
    length > INVOICE_NOTE_MAX ? st(el, 'invoiceNote.over', { over: length - INVOICE_NOTE_MAX, max: INVOICE_NOTE_MAX }) : st(el, 'invoiceNote.hint', { left: INVOICE_NOTE_MAX - length, max: INVOICE_NOTE_MAX });
  return html`<tk-text-field name="invoiceNote" label=${label} hint=${hint} autocomplete="off" spellcheck .value=${value} .error=${form.errors.invoiceNote ?? ''} @input=${form.input}></tk-text-field>
    ${value.trim() ? html`<p class="preview">${st(el, 'invoiceNote.preview')} <code>${value.trim()}</code></p>` : nothing}`;
}

/** The rules of `contract/` the fields cannot check themselves: names, mobile number, invoice note. */
function checkData(el: TkSubUsers): InvalidField[] {
  const { form } = el;
  const v = form.values;
  const codes: Record<string, string | undefined> = {
    firstName: v.firstName?.trim() ? textProblem('name', v.firstName.trim()) : undefined,
    lastName: v.lastName?.trim() ? textProblem('name', v.lastName.trim()) : undefined,
    mobile: v.mobile?.trim() && !((e) => e && isMobile(e))(toE164(v.mobile, 'DE')) ? 'mobile_invalid' : undefined,
    invoiceNote: v.invoiceNote?.trim() ? invoiceNoteProblem(v.invoiceNote.trim()) : undefined,
  };
  const found: InvalidField[] = [];
  for (const [name, code] of Object.entries(codes)) {
    if (!code) continue;
    const control = el.renderRoot.querySelector<HTMLElement & { label: string; error: string }>(`[name="${name}"]`);
    const message = name === 'invoiceNote' ? noteError(el, v.invoiceNote!.trim(), code) : errorText(el, code);
    form.errors = { ...form.errors, [name]: message };
    if (control) {
      control.error = message;
      found.push({ control, label: control.label, message });
    }
  }
  return found;
}

const DATA_FIELDS = ['salutation', 'firstName', 'lastName', 'email', 'mobile', 'tariffId', 'invoiceNote'];

/** "Zahlungspflichtigen Vertrag schließen": one POST per logical submit (a double click sends nothing more). */
async function order(el: TkSubUsers) {
  const { form } = el;
  const kit = el.i18n.kit;
  if (!kit || form.submit.busy) return;
  const v = form.values;
  const json = {
    salutation: v.salutation as 'ms' | 'mr' | 'mx' | 'none',
    firstName: v.firstName!.trim(),
    lastName: v.lastName!.trim(),
    email: v.email!.trim(),
    mobile: v.mobile!.trim(),
    tariffId: v.tariffId!,
    invoiceNote: v.invoiceNote?.trim() || null,
  };
  const created = await form.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1['sub-users'].$post({ json }, opts), { ...o, session: true }));
  if (created) {
    el.selected = created;
    await el.done('created', created, '', 'done');
    return;
  }
  const error = form.submit.error;
  if (error instanceof TkApiError && [...error.fieldErrors.keys()].some((path) => DATA_FIELDS.includes(path))) {
    // What the BFF refused goes onto its fields, on the data step, with the summary focused.
    form.errors = Object.fromEntries([...error.fieldErrors].map(([path, e]) => [path, e.message]));
    const wizard = wizardOf(el);
    await wizard.goTo('data');
    await Promise.all([...el.renderRoot.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('[name]')].map((c) => c.updateComplete));
    await wizard.next();
    return;
  }
  await form.focus('[data-error-summary]');
}

async function onSubmit(el: TkSubUsers, event: Event) {
  event.preventDefault();
  const wizard = wizardOf(el);
  if (wizard.step.id === 'data') await wizard.next();
  else await order(el);
}

function renderAdd(el: TkSubUsers) {
  const { form } = el;
  const t = (key: StepsKey, p?: Record<string, string | number>) => st(el, key, p);
  const wizard = wizardOf(el);
  const step = wizard.step.id;
  const position = t('position', { index: wizard.index + 1, count: 2 });
  const text = (name: string, label: string, type = 'text', extra: { hint?: string; autocomplete?: string; inputmode?: string } = {}) =>
    html`<tk-text-field
      name=${name}
      label=${label}
      type=${type}
      required
      hint=${extra.hint ?? ''}
      autocomplete=${extra.autocomplete ?? 'off'}
      inputmode=${extra.inputmode ?? nothing}
      .value=${form.values[name] ?? ''}
      .error=${form.errors[name] ?? ''}
      @input=${form.input}
    ></tk-text-field>`;
  const problem = form.submit.error && !(form.submit.error instanceof TkApiError && form.submit.error.fieldErrors.size > 0) ? form.submit.message() : '';
  return html`<form novalidate @submit=${(e: Event) => onSubmit(el, e)}>
    ${renderErrorSummary(wizard.invalid, el.i18n.t('form.errorSummary'), step === 'review' ? problem : '')} ${stepHeading(el, wizard.step.label, position)}
    <div data-step=${step}>
      ${step === 'data'
        ? html`${form.legend()}
            <tk-select
              name="salutation"
              label=${t('salutation')}
              required
              .value=${form.values.salutation ?? ''}
              .options=${(['ms', 'mr', 'mx', 'none'] as const).map((s) => ({ value: s, label: t(`salutation.${s}`) }))}
              .error=${form.errors.salutation ?? ''}
              @change=${form.input}
            ></tk-select>
            ${text('firstName', t('firstName'))} ${text('lastName', t('lastName'))} ${text('email', t('email'), 'email', { hint: t('email.hint'), inputmode: 'email' })}
            ${text('mobile', t('mobile'), 'tel', { hint: t('mobile.hint'), inputmode: 'tel' })}
            <tk-radio-group
              name="tariffId"
              label=${t('tariff')}
              variant="cards"
              required
              .value=${form.values.tariffId ?? ''}
              .options=${tariffOptions(el)}
              .error=${form.errors.tariffId ?? ''}
              @change=${form.input}
            ></tk-radio-group>
            ${invoiceNoteField(el, t('invoiceNote'))}`
        : renderReview(el)}
    </div>
    <div class="actions">
      ${wizard.isFirst ? nothing : html`<tk-button variant="secondary" @click=${() => wizard.back()}>${t('back')}</tk-button>`}
      <tk-button type="submit" ?busy=${form.submit.busy}>${step === 'review' ? t('order') : t('next')}</tk-button>
      <tk-button variant="link" @click=${() => el.leave(step)}>${el.form.t('abort')}</tk-button>
    </div>
  </form>`;
}

/** The review: every entry with "Ändern", then the contract facts right above the order button. */
function renderReview(el: TkSubUsers) {
  const t = (key: StepsKey) => st(el, key);
  const v = el.form.values;
  const tariff = el.tariffs.find((x) => x.id === v.tariffId);
  const salutation = v.salutation && v.salutation !== 'none' ? `${t(`salutation.${v.salutation}` as StepsKey)} ` : '';
  const sections = [
    {
      id: 'person',
      heading: t('review.person'),
      items: [
        { label: t('review.name'), value: `${salutation}${v.firstName ?? ''} ${v.lastName ?? ''}` },
        { label: t('email'), value: v.email ?? '' },
        { label: t('mobile'), value: v.mobile ?? '' },
      ],
    },
    {
      id: 'billing',
      heading: t('review.billing'),
      items: [
        { label: t('tariff'), value: tariff?.name ?? '' },
        { label: el.form.t('invoiceNote'), value: v.invoiceNote?.trim() || el.form.t('none') },
      ],
    },
  ];
  const facts: [string, string][] = tariff
    ? [
        [t('tariff'), tariff.name],
        [t('review.monthly'), price(el, tariff.monthlyPriceCents, tariff)],
        [t('review.oneOff'), tariff.oneOffFeeCents ? price(el, tariff.oneOffFeeCents, tariff) : t('review.none')],
        [t('review.term'), months(el, tariff.minimumTermMonths)],
        [t('review.notice'), months(el, tariff.noticePeriodMonths)],
        [t('review.start'), t('review.startValue')],
      ]
    : [];
  return html`<tk-summary heading-level=${el.headingLevel + 1} .sections=${sections} @tk-summary-edit=${() => wizardOf(el).edit('data')}></tk-summary>
    <div class="facts">
      <div class="facts-heading" role="heading" aria-level=${el.headingLevel + 1} id="facts">${t('review.contract')}</div>
      <dl aria-labelledby="facts">${facts.map(([k, x]) => html`<dt>${k}</dt><dd>${x}</dd>`)}</dl>
    </div>`;
}

/** What happens next: the co-user confirms by the link, then gets the login details. */
function renderDone(el: TkSubUsers) {
  const s = el.selected!;
  return html`${stepHeading(el, st(el, 'add.done'))}
    <p>${st(el, 'done.text', { email: s.email, name: fullName(s) })}</p>
    <div class="actions"><tk-button @click=${() => el.back('', s.id)}>${el.form.t('overview')}</tk-button></div>`;
}
