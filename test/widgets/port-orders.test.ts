import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PortOrderStatus } from '../../contract/porting.js';
import { TkCancelEvent, TkCompleteEvent } from '../../widgets/core/events.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/port-orders/port-orders.js';
import type { PortOrdersCompleteDetail, TkPortOrders } from '../../widgets/port-orders/port-orders.js';
import '../../widgets/provider/provider.js';
import { orderIds, portOrderRequests, portOrdersKit, type PortOrdersScenario, STATUSES } from '../../stories/port-orders-fixtures.js';
import { button, settle } from '../../stories/portal-steps.js';
import { CLARIFY_ID, draftId, portingKit, resetPorting } from '../../stories/porting-fixtures.js';

before(async () => {
  await loadLocale('en');
});
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

const root = (el: TkPortOrders) => el.shadowRoot!;
const heading = (el: TkPortOrders) => root(el).querySelector<HTMLElement>('[data-heading]')!;
const own = (el: Element) => el.textContent!.replace(/\s+/g, ' ');
const text = (el: Element | ShadowRoot) => ((el as Element).shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const cards = (el: TkPortOrders) => [...root(el).querySelectorAll<HTMLElement>('.card')];
const card = (el: TkPortOrders, reference: string) => cards(el).find((c) => c.querySelector('.name')?.textContent?.trim() === reference)!;
const buttons = (scope: Element | ShadowRoot) => [...scope.querySelectorAll('tk-button')].map((b) => b.textContent!.split('(')[0]!.replace(/\s+/g, ' ').trim());
const focused = (el: TkPortOrders, target: Element | null) =>
  expect(root(el).activeElement === target, `focus on ${target?.outerHTML.slice(0, 80)}, not ${root(el).activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);
const requests = (method: string, path: RegExp) => portOrderRequests.filter((r) => r.method === method && path.test(r.path));

const WORDS: Record<PortOrderStatus, string> = {
  draft: 'Entwurf',
  submitted: 'Eingereicht',
  clarification_needed: 'Rückfrage',
  approved: 'Freigegeben',
  scheduled: 'Termin bestätigt',
  ported: 'Portiert',
  failed: 'Portierung fehlgeschlagen',
  rejected: 'Abgelehnt',
  cancelled: 'Abgebrochen',
};

/** The demo's dark brand theme (demo/theme-dark.css): token values only. */
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

async function mount(scenario: PortOrdersScenario = 'orders', o: { locale?: 'de' | 'en'; theme?: 'light' | 'dark'; orderId?: string; session?: 'agent' | 'none' | 'customer' } = {}) {
  const kit = portOrdersKit(o.locale ?? 'de', scenario, { session: o.session });
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${kit}><tk-port-orders order-id=${o.orderId ?? ''}></tk-port-orders></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkPortOrders>('tk-port-orders')!;
  await settle(el);
  if (scenario !== 'slow' && o.session !== 'none' && o.session !== 'customer') await waitUntil(() => !root(el).querySelector('.loading'), 'the list did not load', { timeout: 5000 });
  if (o.orderId) await waitUntil(() => root(el).querySelector('.section-title'), 'the detail did not open', { timeout: 5000 });
  await settle(el);
  return el;
}
async function press(el: TkPortOrders, name: RegExp, scope: HTMLElement = el) {
  button(scope, name).click();
  await settle(el);
}
async function arrive(el: TkPortOrders, title: RegExp) {
  await waitUntil(() => title.test(heading(el)?.textContent ?? ''), `no step ${title}`);
  await settle(el);
}
async function filter(el: TkPortOrders, status: string, q: string) {
  const select = root(el).querySelector('select')!;
  select.value = status;
  const field = root(el).querySelector<HTMLElement & { value: string }>('tk-text-field[name="q"]')!;
  field.value = q;
  root(el).querySelector<HTMLFormElement>('form.filter')!.requestSubmit();
  await waitUntil(() => root(el).querySelector('[data-count]')!.textContent!.trim(), 'no count said');
  await settle(el);
}
/** A `tk-complete` heard on the page (read while it is dispatched): who fired it, its action and its order's id. */
const said = (e: Event) => {
  const d = (e as TkCompleteEvent<Partial<PortOrdersCompleteDetail>>).detail;
  return [(e.composedPath()[0] as Element).localName, d.action, d.order?.id];
};
const file = (name: string, type: string, size: number) => new File([new Uint8Array(size).fill(37)], name, { type });
function choose(el: TkPortOrders, f: File) {
  const input = root(el).querySelector<HTMLInputElement>('input[name="document"]')!;
  const list = new DataTransfer();
  list.items.add(f);
  input.files = list.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<tk-port-orders>: the list', () => {
  it('one card per order: reference, customer, status in words (no codes), numbers counted in words, dates in Zurich, last change', async () => {
    const el = await mount();
    expect(heading(el).textContent!.trim()).to.equal('Portierungsaufträge');
    expect(cards(el)).to.have.length(STATUSES.length);
    for (const status of STATUSES) {
      const c = cards(el).find((x) => x.querySelector(`[data-card="${orderIds[status]}"]`))!;
      const badge = c.querySelector('.badge')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(badge, status).to.equal(`Status: ${WORDS[status]}`);
      expect(text(c), status).not.to.contain(status === 'draft' ? 'draft' : status);
      // The meaning on request.
      expect(c.querySelector('details summary')!.textContent).to.contain(`Was heisst „${WORDS[status]}“?`);
    }
    const scheduled = text(cards(el).find((x) => x.querySelector(`[data-card="${orderIds.scheduled}"]`))!);
    expect(scheduled).to.contain('Rufnummern2 Einzelnummern, 1 Nummernblock');
    // 06:30 UTC on 12 November is 07:30 in Zurich.
    expect(scheduled).to.contain('Bestätigter Termin12. November 2026, 07:30 Uhr');
    const submitted = text(cards(el).find((x) => x.querySelector(`[data-card="${orderIds.submitted}"]`))!);
    expect(submitted).to.contain('Portierungsdatum12. November 2026');
    expect(submitted).to.contain('KundeBäckerei Brunner GmbH');
    expect(submitted).to.contain('Letzte Änderung');
    await expect(el).to.be.accessible();
  });

  it('filter and search send status, q and limit, and the result is said once ("1 Auftrag")', async () => {
    const el = await mount();
    expect(root(el).querySelector('[data-count]')!.textContent!.trim(), 'nothing said on the first load').to.equal('');
    const options = [...root(el).querySelectorAll('select option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Alle', ...['draft', 'submitted', 'clarification_needed', 'approved', 'scheduled', 'ported', 'failed', 'rejected', 'cancelled'].map((s) => WORDS[s as PortOrderStatus])]);
    await filter(el, 'clarification_needed', '  Hörzentrum ');
    const last = requests('GET', /^\/v1\/port-orders$/).at(-1)!;
    expect(last.query.get('status')).to.equal('clarification_needed');
    expect(last.query.get('q')).to.equal('Hörzentrum');
    expect(last.query.get('limit')).to.equal('20');
    expect(cards(el)).to.have.length(1);
    const said = root(el).querySelectorAll('[role="status"]');
    const texts = [...said].map((s) => s.textContent!.trim()).filter(Boolean);
    expect(texts).to.deep.equal(['1 Auftrag']);
    // A number as typed finds every order with it; all but the draft have numbers... the draft too (step 4).
    await filter(el, '', '044 123 45 67');
    expect(requests('GET', /^\/v1\/port-orders$/).at(-1)!.query.get('status')).to.equal(null);
    expect(root(el).querySelector('[data-count]')!.textContent!.trim()).to.equal('9 Aufträge');
    await filter(el, 'ported', 'nichts');
    expect(root(el).querySelector('[data-count]')!.textContent!.trim()).to.equal('Keine Aufträge gefunden');
    expect(text(el)).to.contain('Zu dieser Suche gibt es keine Aufträge.');
  });

  it('"Weitere laden" asks with the cursor, appends the orders and moves focus to the first new one', async () => {
    const el = await mount('many');
    expect(cards(el)).to.have.length(20);
    await press(el, /Weitere laden/);
    await waitUntil(() => cards(el).length === 25, 'no more orders');
    await settle(el);
    expect(requests('GET', /^\/v1\/port-orders$/).at(-1)!.query.get('cursor')).to.equal('20');
    focused(el, cards(el)[20]!.querySelector('[data-card]'));
    expect(buttons(root(el))).not.to.include('Weitere laden');
    expect(root(el).querySelector('[data-count]')!.textContent).to.contain('5 weitere Aufträge geladen');
  });

  it('a page of "Weitere laden" that comes after another filter was applied is dropped (not appended to the new list)', async () => {
    const el = await mount('many');
    const fetch = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('cursor=')) await new Promise((r) => setTimeout(r, 300));
      return fetch(input, init);
    };
    try {
      const more = el.loadMore();
      el.applyFilter('draft', '');
      await more;
      await waitUntil(() => !el.loadingMore && !root(el).querySelector('.loading'), 'not settled');
      await settle(el);
    } finally {
      window.fetch = fetch;
    }
    expect(cards(el).length).to.equal(3);
    expect(cards(el).map((c) => c.querySelector('.badge')!.textContent!.replace('Status:', '').trim())).to.deep.equal(['Entwurf', 'Entwurf', 'Entwurf']);
  });

  it('empty: says how to start (the wizard); loading; a load error with retry; 403; logged out: tk-login; no agent: a sentence', async () => {
    const empty = await mount('empty');
    expect(text(empty)).to.contain('Noch keine Portierungsaufträge');
    expect(text(empty)).to.contain('Einen Auftrag erfassen Sie im Portierungs-Assistenten');
    const slow = await mount('slow');
    expect(text(slow)).to.contain('Aufträge werden geladen');
    const failing = await mount('error');
    expect(text(failing)).to.contain('Die Aufträge konnten nicht geladen werden.');
    const before = requests('GET', /^\/v1\/port-orders$/).length;
    await press(failing, /Erneut versuchen/);
    expect(requests('GET', /^\/v1\/port-orders$/).length).to.equal(before + 1);
    const forbidden = await mount('forbidden');
    expect(text(forbidden)).to.contain('Portierungsaufträge sehen nur Partner-Agenten');
    const out = await mount('orders', { session: 'none' });
    expect(out.querySelector('tk-login')).to.exist;
    expect(text(out)).to.contain('Bitte melden Sie sich mit Ihrem Agenten-Zugang an');
    const customer = await mount('orders', { session: 'customer' });
    expect(text(customer)).to.contain('Melden Sie sich mit Ihrem Agenten-Zugang an.');
    expect(portOrderRequests, 'no request for someone who is no agent').to.have.length(0);
  });
});

describe('<tk-port-orders>: the detail', () => {
  it('every status in words with its meaning; only the actions the order allows', async function () {
    this.timeout(60_000);
    const allowed: Record<PortOrderStatus, string[]> = {
      draft: ['Entwurf fortsetzen', 'Auftrag abbrechen'],
      submitted: ['Auftrag abbrechen'],
      clarification_needed: ['Bearbeiten und erneut einreichen', 'Auftrag abbrechen'],
      approved: ['Auftrag abbrechen'],
      scheduled: ['Auftrag abbrechen'],
      ported: [],
      failed: [],
      rejected: [],
      cancelled: [],
    };
    for (const status of STATUSES) {
      const el = await mount('orders', { orderId: orderIds[status] });
      expect(root(el).querySelector('.status')!.textContent!.trim(), status).to.equal(`Status: ${WORDS[status]}`);
      const actions = root(el).querySelector('[data-order-actions]');
      expect(actions ? buttons(actions) : [], status).to.deep.equal(allowed[status]);
    }
  });

  it('every field: customer, subscription, numbers with status and temporary number, provider, signing, timing, scope, workplaces with licences (no passwords), prices with the first month', async () => {
    const el = await mount('orders', { orderId: orderIds.ported });
    const all = text(el);
    for (const part of [
      'FirmaPraxis Dr. Meier',
      'AdresseAarbergergasse 12, 3011 Bern, Schweiz',
      'UIDCHE-116.281.710',
      'ProduktCloud PBX Business',
      'Startdatum16. November 2026',
      '+41441234567',
      '10 Nummern: +41441234500 – +41441234509',
      'Statusportiert',
      'Provisorische Nummer+41585100000 (wieder freigegeben)',
      'Bisheriger AnbieterSwisscom',
      'ZeichnungsberechtigungKollektivunterschrift zu zweien',
      'Regula Schmied, Geschäftsführerin',
      'Gewünschter Termin12. November 2026, 07:30 Uhr',
      'UmfangTeilportierung',
      'Jürg Müller – Login juerg.mueller; Lizenz: Telefongeräte + Apps',
      'Support-Login des Wiederverkäufersdemo.reseller.support',
      'Pro Monat',
      'Erster Monat anteilig (16. November 2026 bis 30. November 2026, 15 von 30 Tagen)',
    ]) {
      expect(all).to.contain(part);
    }
    expect(all).to.match(/Pro Monat(CHF\s*57\.50|57,50\s*CHF)/);
    const submitted = await mount('orders', { orderId: orderIds.submitted });
    expect(text(submitted)).to.contain('+41585100000 (in Betrieb bis zur Portierung)');
    expect(text(submitted)).not.to.match(/passwor[dt]:/i);
  });

  it("clarification_needed: the operator's comment comes first, with who and when", async () => {
    const el = await mount('orders', { orderId: orderIds.clarification_needed });
    const box = root(el).querySelector('[data-clarification]')!;
    expect(text(box)).to.contain('Bitte die Kundennummer beim bisherigen Anbieter ergänzen');
    expect(text(box)).to.contain('Demo Carrier (Anbieter), 30. Oktober 2026, 14:40 Uhr');
    // Before the status, the actions and every section.
    const status = root(el).querySelector('.status')!;
    expect(box.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    const submitted = await mount('orders', { orderId: orderIds.submitted });
    expect(root(submitted).querySelector('[data-clarification]')).to.equal(null);
  });

  it('the history as a timeline: from → to in words, who, when (Zurich), reason and comment', async () => {
    const el = await mount('orders', { orderId: orderIds.rejected });
    const entries = [...root(el).querySelectorAll('[data-entry]')].map((e) => text(e));
    expect(entries).to.have.length(2);
    expect(entries[0]).to.contain('Entwurf → Eingereicht');
    expect(entries[0]).to.contain('Dana Agent (Agent), 29. Oktober 2026, 09:12 Uhr');
    expect(entries[1]).to.contain('Eingereicht → Abgelehnt');
    expect(entries[1]).to.contain('Demo Carrier (Anbieter), 30. Oktober 2026, 11:00 Uhr');
    expect(entries[1]).to.contain('Grund: Unterschrift nicht zeichnungsberechtigt (Handelsregister)');
    expect(entries[1]).to.contain('Kommentar: Die Vollmacht trägt nur eine Unterschrift');
    const draft = await mount('orders', { orderId: orderIds.draft });
    expect(text(draft)).to.contain('Noch keine Einträge');
  });

  it('cancel: a confirmation first (nothing sent), "Nicht abbrechen" goes back to the button; then the cancel with its comment, tk-complete and a notice', async () => {
    const el = await mount('orders', { orderId: orderIds.submitted });
    await press(el, /Auftrag abbrechen/);
    await arrive(el, /abbrechen\?/);
    focused(el, heading(el));
    expect(text(el)).to.contain('wird keine der Nummern portiert');
    expect(requests('POST', /cancel$/)).to.have.length(0);
    await press(el, /Nicht abbrechen/);
    await arrive(el, /^Auftrag PO-/);
    focused(el, root(el).querySelector('[data-action="cancel"]'));
    await press(el, /Auftrag abbrechen/);
    await arrive(el, /abbrechen\?/);
    const comment = root(el).querySelector<HTMLElement & { value: string }>('tk-text-field[name="comment"]')!;
    comment.value = 'Kunde bleibt bei Swisscom.';
    const done = new Promise<TkCompleteEvent<PortOrdersCompleteDetail>>((resolve) => el.addEventListener('tk-complete', (e) => resolve(e as TkCompleteEvent<PortOrdersCompleteDetail>), { once: true }));
    await press(el, /Auftrag jetzt abbrechen/);
    const event = await done;
    expect(event.detail.action).to.equal('cancelled');
    expect(event.detail.order.status).to.equal('cancelled');
    expect(requests('POST', /cancel$/).at(-1)!.json).to.deep.equal({ comment: 'Kunde bleibt bei Swisscom.' });
    await arrive(el, /^Auftrag PO-/);
    expect(root(el).querySelector('.status')!.textContent).to.contain('Abgebrochen');
    expect(text(root(el).querySelector('[role="status"]')!)).to.contain('ist abgebrochen');
    focused(el, heading(el));
    expect(root(el).querySelector('[data-action="cancel"]')).to.equal(null);
  });

  it('cancel within 48 hours: 409 cancel_too_late explained with the 48 hours and the confirmed time, focused', async () => {
    const el = await mount('orders', { orderId: orderIds.scheduled });
    await press(el, /Auftrag abbrechen/);
    await arrive(el, /abbrechen\?/);
    await press(el, /Auftrag jetzt abbrechen/);
    await waitUntil(() => root(el).querySelector('[data-error-summary]'), 'no explanation');
    await settle(el);
    const summary = root(el).querySelector<HTMLElement>('[data-error-summary]')!;
    expect(own(summary)).to.contain('weniger als 48 Stunden vorher ist kein Abbruch möglich');
    expect(own(summary)).to.contain('12. November 2026, 07:30 Uhr');
    focused(el, summary);
  });

  it('upload: a 6 MB file and a .txt are refused before sending, with how to fix it; a PDF goes as the raw body and is listed', async () => {
    const el = await mount('orders', { orderId: orderIds.submitted });
    const uploads = () => requests('POST', /documents$/);
    choose(el, file('scan.pdf', 'application/pdf', 6 * 1024 * 1024));
    await press(el, /^Hochladen$/);
    expect(own(root(el).querySelector('[data-error-summary]')!)).to.contain('erlaubt sind höchstens 5 MB');
    focused(el, root(el).querySelector('[data-error-summary]'));
    expect(root(el).querySelector('input[name="document"]')!.getAttribute('aria-invalid')).to.equal('true');
    choose(el, file('vollmacht.txt', 'text/plain', 100));
    await press(el, /^Hochladen$/);
    expect(own(root(el).querySelector('[data-error-summary]')!)).to.contain('kein PDF, PNG oder JPEG');
    expect(uploads()).to.have.length(0);
    const pdf = file('vollmacht-unterschrieben.pdf', 'application/pdf', 2048);
    choose(el, pdf);
    await press(el, /^Hochladen$/);
    await waitUntil(() => uploads().length === 1, 'no upload');
    await settle(el);
    const sent = uploads()[0]!;
    expect(sent.contentType).to.equal('application/pdf');
    expect(sent.query.get('fileName')).to.equal('vollmacht-unterschrieben.pdf');
    expect(sent.key).to.equal('tk_ses_po_orders');
    expect(sent.bytes.byteLength).to.equal(2048);
    expect(new Uint8Array(sent.bytes)[0]).to.equal(37);
    expect(text(root(el).querySelector('.documents')!)).to.contain('vollmacht-unterschrieben.pdf');
    expect(text(root(el).querySelector('[role="status"]')!)).to.contain('vollmacht-unterschrieben.pdf ist hochgeladen.');
    expect(root(el).querySelector('[data-error-summary]')).to.equal(null);
  });

  it('the power of attorney is fetched with the session and saved under the reference', async () => {
    const el = await mount('orders', { orderId: orderIds.submitted });
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      await press(el, /Vollmacht herunterladen/);
      await waitUntil(() => clicked.length === 1, 'nothing saved');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const asked = requests('GET', /power-of-attorney$/).at(-1)!;
    expect(asked.key).to.equal('tk_ses_po_orders');
    expect(asked.query.get('locale')).to.equal('de');
    expect(clicked[0]!.download).to.equal('Vollmacht-PO-4101B.pdf');
    expect(clicked[0]!.href).to.match(/^blob:/);
  });

  it('a download whose session expired (401 session_expired) ends the session as every request does: the login with the note', async () => {
    const el = await mount('orders', { orderId: orderIds.submitted });
    const fetch = window.fetch;
    window.fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input).includes('/power-of-attorney')
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Sitzung abgelaufen', status: 401, code: 'session_expired', requestId: 't' }), { status: 401, headers: { 'content-type': 'application/problem+json' } })
        : fetch(input, init);
    try {
      await press(el, /Vollmacht herunterladen/);
      await waitUntil(() => /Ihre Sitzung ist abgelaufen/.test(text(root(el))), 'no expiry said');
    } finally {
      window.fetch = fetch;
    }
    expect((el.closest('tk-provider') as HTMLElement & { kit: { session?: unknown } }).kit.session).to.equal(undefined);
    expect(el.querySelector('tk-login')).not.to.equal(null);
  });

  it('"Entwurf fortsetzen" renders tk-porting with the order-id; its tk-complete brings back the refreshed detail with a notice', async () => {
    const el = await mount('orders', { orderId: orderIds.draft });
    await press(el, /Entwurf fortsetzen/);
    await waitUntil(() => root(el).querySelector('tk-porting'), 'no tk-porting');
    const porting = root(el).querySelector('tk-porting')!;
    expect(porting.getAttribute('order-id')).to.equal(orderIds.draft);
    expect(buttons(root(el))).to.include('Zurück zu den Aufträgen');
    const gets = requests('GET', new RegExp(`${orderIds.draft}$`)).length;
    const heard: unknown[][] = [];
    const listen = (e: Event) => heard.push(said(e));
    document.addEventListener('tk-complete', listen);
    try {
      porting.dispatchEvent(new TkCompleteEvent({ action: 'submitted', order: {} }));
      await arrive(el, /^Auftrag PO-/);
      await waitUntil(() => heard.length, 'no tk-complete');
    } finally {
      document.removeEventListener('tk-complete', listen);
    }
    expect(requests('GET', new RegExp(`${orderIds.draft}$`)).length).to.equal(gets + 1);
    expect(text(root(el).querySelector('[role="status"]')!)).to.contain('ist eingereicht');
    focused(el, heading(el));
    // The wizard's own event stays inside; the widget's says what happened, with the order fetched again.
    expect(heard).to.deep.equal([['tk-port-orders', 'submitted', orderIds.draft]]);
  });

  it("a clarification answered in tk-porting: one tk-complete of the widget's own, { action: 'resubmitted', order }", async () => {
    const el = await mount('orders', { orderId: orderIds.clarification_needed });
    await press(el, /Bearbeiten und erneut einreichen/);
    await waitUntil(() => root(el).querySelector('tk-porting'), 'no tk-porting');
    const heard: unknown[][] = [];
    const listen = (e: Event) => heard.push(said(e));
    document.addEventListener('tk-complete', listen);
    try {
      root(el).querySelector('tk-porting')!.dispatchEvent(new TkCompleteEvent({ action: 'resubmitted', order: {} }));
      await arrive(el, /^Auftrag PO-/);
      await waitUntil(() => heard.length, 'no tk-complete');
    } finally {
      document.removeEventListener('tk-complete', listen);
    }
    expect(text(root(el).querySelector('[role="status"]')!)).to.contain('erneut eingereicht');
    expect(heard).to.deep.equal([['tk-port-orders', 'resubmitted', orderIds.clarification_needed]]);
  });

  it("tk-porting's tk-cancel (the agent left the wizard) goes back to the detail, focus on the button that opened it", async () => {
    const el = await mount('orders', { orderId: orderIds.clarification_needed });
    await press(el, /Bearbeiten und erneut einreichen/);
    await waitUntil(() => root(el).querySelector('tk-porting'), 'no tk-porting');
    const cancelled = new Promise((resolve) => el.addEventListener('tk-cancel', resolve, { once: true }));
    root(el).querySelector('tk-porting')!.dispatchEvent(new TkCancelEvent({ step: 'numbers' }));
    await cancelled;
    await arrive(el, /^Auftrag PO-/);
    focused(el, root(el).querySelector('[data-action="edit"]'));
  });

  it('an order still being fetched when the agent goes back to the list does not open', async () => {
    const el = await mount('orders', { orderId: orderIds.draft });
    const opening = el.open(orderIds.approved);
    await press(el, /Zurück zu den Aufträgen/);
    await opening;
    await settle(el);
    expect(heading(el).textContent).to.contain('Portierungsaufträge');
    expect(root(el).querySelector('.section-title')).to.equal(null);
    focused(el, root(el).querySelector(`[data-card="${orderIds.draft}"]`));
  });

  it('back to the list keeps the filter and puts focus on the order\'s card', async () => {
    const el = await mount();
    await filter(el, 'submitted', '');
    await press(el, /Details ansehen/);
    await arrive(el, /^Auftrag PO-/);
    focused(el, heading(el));
    await press(el, /Zurück zu den Aufträgen/);
    await arrive(el, /Portierungsaufträge/);
    expect(root(el).querySelector('select')!.value).to.equal('submitted');
    expect(cards(el)).to.have.length(1);
    focused(el, root(el).querySelector(`[data-card="${orderIds.submitted}"]`));
  });

  it('tk-open-order on window opens that order; tk-complete from a tk-porting on the page loads the list again', async () => {
    const el = await mount();
    window.dispatchEvent(new CustomEvent('tk-open-order', { detail: { id: orderIds.approved } }));
    await waitUntil(() => /^Auftrag PO-/.test(heading(el).textContent ?? ''), 'not opened');
    await settle(el);
    focused(el, heading(el));
    expect(root(el).querySelector('.status')!.textContent).to.contain('Freigegeben');
    await press(el, /Zurück zu den Aufträgen/);
    const before = requests('GET', /^\/v1\/port-orders$/).length;
    const other = document.createElement('tk-porting');
    document.body.append(other);
    other.dispatchEvent(new TkCompleteEvent({ action: 'submitted', order: {} }));
    other.remove();
    await settle(el);
    expect(requests('GET', /^\/v1\/port-orders$/).length).to.equal(before + 1);
  });
});

describe('<tk-port-orders>: accessibility', () => {
  it('axe-clean in both themes and both languages: list, empty, error, detail in every status, cancel confirmation, upload error', async function () {
    this.timeout(240_000);
    for (const theme of ['light', 'dark'] as const) {
      for (const locale of ['de', 'en'] as const) {
        for (const scenario of ['orders', 'empty', 'error'] as const) {
          const el = await mount(scenario, { theme, locale });
          await expect(el, `${scenario} ${theme} ${locale}`).to.be.accessible();
        }
        for (const status of STATUSES) {
          const el = await mount('orders', { theme, locale, orderId: orderIds[status] });
          await expect(el, `${status} ${theme} ${locale}`).to.be.accessible();
        }
        const el = await mount('orders', { theme, locale, orderId: orderIds.scheduled });
        choose(el, file('a.txt', 'text/plain', 10));
        await press(el, /^(Hochladen|Upload)$/);
        await expect(el, `upload error ${theme} ${locale}`).to.be.accessible();
        await press(el, /^(Auftrag abbrechen|Cancel order)$/);
        await expect(el, `cancel ${theme} ${locale}`).to.be.accessible();
        await press(el, /^(Auftrag jetzt abbrechen|Cancel order now)$/);
        await waitUntil(() => root(el).querySelector('[data-error-summary]'));
        await expect(el, `too late ${theme} ${locale}`).to.be.accessible();
      }
    }
  });

  it('a switch to English after the load: status words and meanings, reasons and the country in English, not the BFF\'s German', async () => {
    const el = await mount('orders', { orderId: orderIds.rejected });
    const provider = el.closest('tk-provider')! as HTMLElement & { kit: ReturnType<typeof portOrdersKit> };
    provider.kit = { ...provider.kit, locale: 'en' }; // the API still asks in German: its texts stay German
    await waitUntil(() => /Rejected/.test(root(el).querySelector('.status')?.textContent ?? ''), 'the status is not in English');
    await settle(el);
    expect(text(root(el).querySelector('.status')!)).to.contain('Rejected');
    expect(text(root(el))).not.to.contain('Abgelehnt');
    expect(text(root(el).querySelector('.timeline')!)).to.contain('Signatory not authorised (commercial register)');
    expect(text(root(el))).to.contain('Switzerland');
    await press(el, /Back to the orders/);
    await waitUntil(() => cards(el).length, 'no list');
    await settle(el);
    const submitted = card(el, 'PO-4101B');
    expect(text(submitted.querySelector('.badge')!)).to.contain('Submitted');
    expect(text(submitted.querySelector('details')!)).to.contain('The provider is checking the order.');
    expect(text(root(el).querySelector('.cards')!)).not.to.match(/Eingereicht|Der Anbieter prüft/);
  });

  it('English: texts and dates in English; reflows at 320 px in the list, the detail and the cancel step', async () => {
    await setViewport({ width: 320, height: 640 });
    const fits = (el: TkPortOrders, where: string) => {
      expect(document.documentElement.scrollWidth, where).to.be.at.most(window.innerWidth);
      expect(el.scrollWidth, where).to.be.at.most(window.innerWidth);
    };
    const el = await mount('orders', { locale: 'en' });
    await waitUntil(() => heading(el).textContent!.trim() === 'Porting orders', 'English texts');
    fits(el, 'list');
    expect(text(el)).to.contain('Clarification');
    const detail = await mount('orders', { locale: 'en', orderId: orderIds.scheduled });
    await waitUntil(() => /^Order PO-/.test(heading(detail).textContent ?? ''), 'English detail');
    fits(detail, 'detail');
    expect(text(detail)).to.contain('Confirmed date');
    expect(text(detail)).to.contain('12 November 2026, 07:30');
    await press(detail, /^Cancel order$/);
    await arrive(detail, /^Cancel order/);
    fits(detail, 'cancel');
  });
});

describe('<tk-port-orders>: editing in the real tk-porting', () => {
  /** The widget on the wizard's fake BFF (`portingKit`), an order of it open. */
  async function mountPorting(orderId: string) {
    resetPorting();
    const wrapper = await fixture<HTMLElement>(html`<div><tk-provider no-brand .kit=${portingKit('de', 'fresh')}><tk-port-orders order-id=${orderId}></tk-port-orders></tk-provider></div>`);
    const el = wrapper.querySelector<TkPortOrders>('tk-port-orders')!;
    await waitUntil(() => root(el).querySelector('.section-title'), 'the detail did not open', { timeout: 5000 });
    await settle(el);
    return el;
  }

  for (const [what, id, name, step] of [
    ['Entwurf fortsetzen', draftId(2), /Entwurf fortsetzen/, /^Schritt 3 von 5/],
    ['Bearbeiten und erneut einreichen', CLARIFY_ID, /Bearbeiten und erneut einreichen/, /^Schritt 5 von 5/],
  ] as const) {
    it(`"${what}": focus on the wizard's step heading once it has loaded the order (not on the page)`, async () => {
      const el = await mountPorting(id);
      await press(el, name);
      const porting = await waitUntil(() => root(el).querySelector('tk-porting'), 'no tk-porting').then(() => root(el).querySelector('tk-porting')!);
      await porting.load.taskComplete;
      await waitUntil(() => porting.shadowRoot!.activeElement?.matches('[data-step-heading]'), `focus on ${document.activeElement?.localName}, not the step heading`, { timeout: 3000 });
      expect(root(el).activeElement).to.equal(porting);
      expect(porting.shadowRoot!.activeElement!.getAttribute('aria-label')).to.match(step);
    });
  }
});
