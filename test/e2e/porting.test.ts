import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earliestPortingDate, proRataCents } from '../../contract/porting.js';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { chooseRadio, press, tabTo, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// Issue 16 on the demo page against `npm start`, by keyboard only: demo.agent logs in, enters a new
// customer, a subscription, the numbers (two singles typed with spaces, a DDI block, an invalid one removed
// after its problem shows), two signers, a date at contract end and two workplaces; the price preview shows
// the pro-rata first month; submits. In /dev/operator the order goes to clarification with a comment; the
// agent sees it in tk-port-orders, edits and resubmits; the operator approves and schedules; the agent sees
// the timeline, and the e-mails and webhooks are in the dev outbox. Then: a draft left at step 3 continues
// at step 3 in a new browser context, and the seeded draft PO-DEMO01 at its step.
let server: Started;
let browser: Browser;
const SHOTS = '/tmp/e2e-shots';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startFresh('porting');
  browser = await launch();
  // The demo's reseller and its operator listen for port order changes (seeded endpoints): their webhooks are in the dev outbox.
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const AGENT_MOBILE = '+4917612345678';
const AGENT_EMAIL = 'agent@demo-reseller.example';

type Message = { channel: string; to: string; subject?: string; text: string; event?: string; data?: { reference?: string; from?: string; to?: string } };
const outbox = async () => ((await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: Message[] }).messages;
const seen = new Set<string>();
async function smsCode(): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const sms = (await outbox()).find((m) => m.channel === 'sms' && m.to === AGENT_MOBILE && !seen.has(m.text));
    if (sms) {
      seen.add(sms.text);
      return /\b(\d{6})\b/.exec(sms.text)![1]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no new code in the outbox');
}

async function logIn(page: Page, query = '') {
  await page.goto(`${server.url}/${query}#portal`);
  await typeInto(page, page.getByLabel(/^(Benutzername|Username)/).first(), 'demo.agent');
  await typeInto(page, page.getByLabel(/^(Passwort|Password)/).first(), 'Demo-Agent-Passwort-2026');
  await press(page, page.getByRole('button', { name: /^(Anmelden|Log in)$/ }).first(), 'Enter');
  await typeInto(page, page.getByLabel(/^(SMS-Code|Text message code|SMS code)/).first(), await smsCode());
  await press(page, page.getByRole('button', { name: /^(Bestätigen|Confirm)$/ }).first(), 'Enter');
  await page.locator('#new-order tk-porting').waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
const noScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const cents = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** Today in Zurich as YYYY-MM-DD. */
const zurichToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(new Date());
/** The next working day on or after `day` that is not a Saturday or Sunday (the operator's scheduling). */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Types a date into a tk-date-field (Tag, Monat, Jahr). */
async function typeDate(page: Page, field: Locator, iso: string) {
  const [y, m, d] = iso.split('-');
  await typeInto(page, field.getByRole('textbox', { name: /^(Tag|Day)/ }), String(Number(d)));
  await typeInto(page, field.getByRole('textbox', { name: /^(Monat|Month)/ }), String(Number(m)));
  await typeInto(page, field.getByRole('textbox', { name: /^(Jahr|Year)/ }), y!);
}

async function replaceIn(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Steps 1 and 2: a new customer and the subscription starting `start`. */
async function customerAndSubscription(page: Page, w: Locator, company: string, start: string) {
  await chooseRadio(page, w.getByRole('radio', { name: 'Neuen Kunden erstellen' }));
  await typeInto(page, w.getByRole('textbox', { name: /^Firmenname/ }), company);
  await typeInto(page, w.getByRole('textbox', { name: /^Strasse und Hausnummer/ }), 'Seestrasse 12');
  await typeInto(page, w.getByRole('textbox', { name: /^PLZ/ }), '8002');
  await typeInto(page, w.getByRole('textbox', { name: /^Ort/ }), 'Zürich');
  await typeInto(page, w.getByRole('textbox', { name: /^Kontaktperson/ }), 'Jürg Müller');
  await typeInto(page, w.getByRole('textbox', { name: /^E-Mail-Adresse für Rechnungen/ }), 'rechnung@seeblick.example');
  await typeInto(page, w.getByRole('textbox', { name: /^Telefon/ }), '044 555 12 12');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '01-customer');
  await press(page, w.getByRole('button', { name: 'Weiter', exact: true }), 'Enter');

  await w.getByRole('heading', { name: /Abonnement/ }).waitFor();
  const product = w.getByRole('radio').first();
  if (!(await product.isChecked())) await chooseRadio(page, product);
  await typeDate(page, w.locator('tk-date-field[name="subscription.startDate"]'), start);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '02-subscription');
  await press(page, w.getByRole('button', { name: 'Weiter', exact: true }), 'Enter');
  await w.getByRole('heading', { name: /Rufnummern/ }).first().waitFor();
}

const line = (w: Locator, n: number) => w.getByRole('textbox', { name: new RegExp(`^Nummer ${n}\\b`) });

describe('number porting on the demo page, keyboard only', () => {
  const today = zurichToday();
  const earliest = earliestPortingDate(today)!;
  // The subscription starts on the 10th of next month: a first month of 22 (or so) days.
  const next = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const start = `${next.toISOString().slice(0, 7)}-10`;

  it('customer → subscription → numbers → workplaces → review → submit; clarification, resubmit, approve, schedule; timeline and outbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    await logIn(page);
    const w = page.locator('#new-order tk-porting');
    await w.getByRole('heading', { name: /Kunde/ }).first().waitFor();
    await customerAndSubscription(page, w, 'Seeblick Treuhand AG', start);

    // Step 3: the numbers.
    await typeInto(page, line(w, 1), '044 123 45 67');
    await press(page, w.getByRole('button', { name: 'Nummer hinzufügen' }), 'Enter');
    await typeInto(page, line(w, 2), '044 123 45 68');
    await press(page, w.getByRole('button', { name: 'Nummer hinzufügen' }), 'Enter');
    await typeInto(page, line(w, 3), '+41 44 123 45 0x');
    await press(page, w.getByRole('button', { name: 'Nummer hinzufügen' }), 'Enter');
    await typeInto(page, line(w, 4), '044 12');
    await page.keyboard.press('Tab'); // leaves the line: checked
    await w.getByText(/10 Nummern: \+41 44 123 45 00 – 09/).first().waitFor();
    await w.getByText(/\+41 44 123 45 67 · Festnetz/).first().waitFor();
    // The invalid line's problem at its line and in the summary at the top.
    const flagged = w.locator('[data-flagged]');
    await flagged.getByText(/1 von 4 Nummern braucht eine Korrektur/).waitFor();
    const lineProblem = await w.locator('tk-text-field[name="line-3"]').evaluate((el) => (el as HTMLElement & { error: string }).error);
    expect(lineProblem).not.toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '03-numbers-flagged');
    await press(page, w.getByRole('button', { name: '044 12 entfernen' }), 'Enter');
    await expect.poll(() => flagged.count()).toBe(0);
    expect(await line(w, 4).count()).toBe(0);

    await tabTo(page, w.getByRole('combobox', { name: /^Aktueller Provider/ }));
    await page.keyboard.press('ArrowDown');
    await chooseRadio(page, w.getByRole('radio', { name: /Kollektivunterschrift/ }));
    await typeInto(page, w.locator('[data-signer="0"]').getByRole('textbox', { name: /^Vor- und Nachname/ }), 'Anna Seeblick');
    await typeInto(page, w.locator('[data-signer="0"]').getByRole('textbox', { name: /^Funktion/ }), 'Präsidentin des Verwaltungsrats');
    await typeInto(page, w.locator('[data-signer="1"]').getByRole('textbox', { name: /^Vor- und Nachname/ }), 'Beat Seeblick');
    await typeInto(page, w.locator('[data-signer="1"]').getByRole('textbox', { name: /^Funktion/ }), 'Mitglied des Verwaltungsrats');
    await chooseRadio(page, w.getByRole('radio', { name: /Auf Vertragsende/ }));
    // The page offers the earliest day: it is ours.
    await w.getByText(new RegExp(`7 Arbeitstage Vorlauf`)).first().waitFor();
    await typeDate(page, w.locator('tk-date-field[name="date"]'), earliest);
    await typeInto(page, w.getByRole('textbox', { name: /^Gewünschte Uhrzeit/ }), '9:30');
    await chooseRadio(page, w.locator('tk-radio-group[name="shared"]').getByRole('radio', { name: 'Nein' }));
    await chooseRadio(page, w.getByRole('radio', { name: /^Teilportierung/ }));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '04-numbers-filled');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(page)).toBe(true);
    await shot(page, '05-numbers-320');
    await page.setViewportSize({ width: 1280, height: 900 });
    await press(page, w.getByRole('button', { name: 'Weiter', exact: true }), 'Enter');

    // Step 4: two workplaces; the login suggested from the name.
    await w.getByRole('heading', { name: /Arbeitsplätze/ }).first().waitFor();
    await typeInto(page, w.getByRole('textbox', { name: /^Anzeigename/ }).first(), 'Jürg Müller');
    await expect.poll(() => w.locator('tk-text-field[name="workplaces.rows.0.loginName"]').evaluate((el) => (el as HTMLElement & { value: string }).value)).toBe('juerg.mueller');
    await press(page, w.getByRole('button', { name: 'Arbeitsplatz hinzufügen' }), 'Enter');
    await page.keyboard.type('Empfang'); // focus is in the new row's name
    await chooseRadio(page, w.locator('tk-radio-group[name="workplaces.rows.1.licence"]').getByRole('radio', { name: /Nur Gerät/ }));
    await typeInto(page, w.getByRole('textbox', { name: /^Support-Login/ }), 'reseller.support');
    const price = w.locator('[data-price]');
    const monthly = cents((await price.getByRole('row', { name: /Pro Monat/ }).locator('td').textContent())!);
    const first = price.getByRole('row', { name: /Erster Monat/ });
    await first.waitFor();
    expect(cents((await first.locator('td').textContent())!)).toBe(proRataCents(monthly, start));
    expect(monthly).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '06-workplaces');
    await press(page, w.getByRole('button', { name: 'Weiter', exact: true }), 'Enter');

    // Step 5: review and submit.
    await w.getByRole('heading', { name: /Prüfen und einreichen/ }).first().waitFor();
    await w.getByText('+41 44 123 45 67').first().waitFor();
    await w.getByText(/\+41 44 123 45 0x/).first().waitFor();
    await w.locator('[data-temporary]').getByText(/hier 3/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '07-review');
    await press(page, w.getByRole('button', { name: 'Auftrag einreichen' }), 'Enter');
    await w.getByRole('heading', { name: 'Auftrag eingereicht' }).waitFor();
    const reference = /Referenz: (\S+)/.exec((await w.getByText(/Referenz:/).textContent())!)![1]!;
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '08-done');

    // The operator asks a question.
    const operator = await browser.newPage();
    // The dev console has no favicon (the browser's 404 for it is no problem of the walk).
    await operator.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
    const operatorProblems = collectProblems(operator);
    await operator.goto(`${server.url}/dev/operator`);
    const article = operator.locator('article').filter({ has: operator.getByRole('heading', { name: new RegExp(reference) }) });
    const question = 'Bitte die Kundennummer beim bisherigen Anbieter ergänzen.';
    await typeInto(operator, article.getByRole('form', { name: `Ask a question ${reference}` }).getByRole('textbox', { name: /Comment/ }), question);
    await press(operator, article.getByRole('button', { name: 'Ask a question' }), 'Enter');
    await operator.getByText(`${reference}: sent back with your question`).waitFor();
    expect(await axeViolations(operator)).toEqual([]);
    await shot(operator, '09-operator-clarify');

    // The agent sees the question in tk-port-orders, edits and resubmits.
    await page.reload();
    const orders = page.locator('#orders tk-port-orders');
    await press(page, orders.getByRole('button', { name: new RegExp(`Details ansehen.*${reference}`) }), 'Enter');
    await orders.getByText(question).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '10-detail-clarification');
    await press(page, orders.getByRole('button', { name: 'Bearbeiten und erneut einreichen' }), 'Enter');
    const edit = orders.locator('tk-porting');
    await edit.getByRole('heading', { name: /Prüfen und einreichen/ }).first().waitFor();
    await edit.getByText(question).first().waitFor();
    await press(page, edit.getByRole('button', { name: /Ändern.*Rufnummern/ }), 'Enter');
    await typeInto(page, edit.getByRole('textbox', { name: /^Kundennummer beim aktuellen Provider/ }), 'SC-4711');
    await press(page, edit.getByRole('button', { name: 'Weiter', exact: true }), 'Enter'); // saved; back to the review
    await edit.getByRole('heading', { name: /Schritt 5 von 5: Prüfen und einreichen/ }).waitFor();
    await shot(page, '11-edit-review');
    await press(page, edit.getByRole('button', { name: 'Erneut einreichen' }), 'Enter');
    await orders.getByText(/erneut eingereicht/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '12-resubmitted');

    // The operator approves and schedules: the earliest day + 7, moved off weekends, at 10:00.
    await operator.goto(`${server.url}/dev/operator`);
    await operator.getByText(question).first().waitFor();
    await press(operator, article.getByRole('button', { name: 'Approve' }), 'Enter');
    await operator.getByText(`${reference}: approved`).waitFor();
    let day = addDays(earliest, 7);
    while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
    const scheduleForm = article.getByRole('form', { name: `Schedule ${reference}` });
    const dateInput = scheduleForm.getByLabel(/^Date/);
    await tabTo(operator, dateInput);
    await dateInput.fill(day); // a native date input: its segments are typed by the browser's locale
    await tabTo(operator, scheduleForm.getByLabel(/^Time/));
    await scheduleForm.getByLabel(/^Time/).fill('10:00');
    await press(operator, scheduleForm.getByRole('button', { name: 'Schedule' }), 'Enter');
    await operator.getByText(`${reference}: scheduled`).waitFor();
    await shot(operator, '13-operator-scheduled');
    expect(operatorProblems).toEqual([]);

    // The agent sees the timeline.
    await page.reload();
    await press(page, orders.getByRole('button', { name: new RegExp(`Details ansehen.*${reference}`) }), 'Enter');
    const entries = orders.locator('ol.timeline [data-entry]');
    await expect.poll(() => entries.count()).toBe(5);
    const texts = (await entries.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    // submitted → clarification (with the question, by the operator) → resubmitted → approved → scheduled
    expect(texts[0]).toMatch(/^Entwurf → Eingereicht .*Paula Partner \(Agent\)/);
    expect(texts[1]).toMatch(/^Eingereicht → Rückfrage .*\(Anbieter\)/);
    expect(texts[1]).toContain(`Kommentar: ${question}`);
    expect(texts[2]).toMatch(/^Rückfrage → Eingereicht .*Paula Partner \(Agent\)/);
    expect(texts[3]).toMatch(/^Eingereicht → Freigegeben/);
    expect(texts[4]).toMatch(/^Freigegeben → Termin bestätigt/);
    await entries.last().scrollIntoViewIfNeeded();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '14-detail-timeline');

    // E-mails to the agent and the webhooks.
    const messages = await outbox();
    const mails = messages.filter((m) => m.channel === 'email' && m.to === AGENT_EMAIL && m.text.includes(reference));
        const hooks = messages.filter((m) => m.channel === 'webhook' && m.event === 'port_order.status_changed' && m.data?.reference === reference);
    // To the reseller and to its operator, oldest first: every move of the walk.
    const moves = hooks.map((h) => `${h.data!.from}→${h.data!.to}`).reverse();
    expect(moves).toEqual(
      ['draft→submitted', 'submitted→clarification_needed', 'clarification_needed→submitted', 'submitted→approved', 'approved→scheduled'].flatMap((m) => [m, m]),
    );
    expect(mails.map((m) => m.subject).reverse()).toHaveLength(5);
    expect(problems).toEqual([]);
  });

  it('a draft left at step 3 continues at step 3 in a new browser context; PO-DEMO01 at its step', async () => {
    const one = await browser.newContext();
    const page = await one.newPage();
    await logIn(page);
    const w = page.locator('#new-order tk-porting');
    await w.getByRole('heading', { name: /Kunde/ }).first().waitFor();
    await customerAndSubscription(page, w, 'Bergblick Garage GmbH', start);
    await typeInto(page, line(w, 1), '044 123 45 69'); // typed, not yet saved: step 3 is not complete
    await one.close();

    const two = await browser.newContext();
    const again = await two.newPage();
    const problems = collectProblems(again);
    await logIn(again);
    const orders = again.locator('#orders tk-port-orders');
    const card = orders.getByRole('listitem').filter({ hasText: 'Bergblick Garage GmbH' });
    await press(again, card.getByRole('button', { name: /Details ansehen/ }), 'Enter');
    await press(again, orders.getByRole('button', { name: 'Entwurf fortsetzen' }), 'Enter');
    const edit = orders.locator('tk-porting');
    await edit.getByRole('heading', { name: /Schritt 3 von 5: Rufnummern/ }).waitFor();
    await shot(again, '15-draft-step3');
    expect(await axeViolations(again)).toEqual([]);
    await press(again, edit.getByRole('button', { name: 'Zurück' }), 'Enter');
    await edit.getByRole('heading', { name: /Schritt 2 von 5/ }).waitFor();
    expect(await edit.locator('tk-date-field[name="subscription.startDate"]').evaluate((el) => (el as HTMLElement & { value: string }).value)).toBe(start);
    await press(again, edit.getByRole('button', { name: 'Zurück' }), 'Enter');
    await edit.getByRole('heading', { name: /Schritt 1 von 5/ }).waitFor();
    expect(await edit.getByRole('combobox', { name: /^Kunde/ }).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toMatch(/Bergblick Garage GmbH/);

    // The seeded draft PO-DEMO01 (saved through step 2) continues at step 3.
    await again.reload();
    await press(again, orders.getByRole('button', { name: /Details ansehen.*PO-DEMO01/ }), 'Enter');
    await press(again, orders.getByRole('button', { name: 'Entwurf fortsetzen' }), 'Enter');
    await orders.locator('tk-porting').getByRole('heading', { name: /Schritt 3 von 5: Rufnummern/ }).waitFor();
    await shot(again, '16-demo01');
    expect(problems).toEqual([]);
    await two.close();
  });

  it('English and dark: a new customer, the subscription, a flagged number; an order in the list and its detail', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    await logIn(page, '?lang=en&theme=dark');
    const w = page.locator('#new-order tk-porting');
    await w.getByRole('heading', { name: /Customer/ }).first().waitFor();
    const nextStep = () => press(page, w.getByRole('button', { name: 'Next', exact: true }), 'Enter');
    // Enter in the search searches (it does not move on); no customer picked: the summary.
    await typeInto(page, w.getByRole('searchbox', { name: /^Search customers/ }), 'zzz');
    await page.keyboard.press('Enter');
    await w.getByText(/No customers found/).first().waitFor();
    expect(await w.getByRole('heading', { name: /Step 1 of 5/ }).count()).toBe(1);
    await nextStep();
    await w.getByText('Please correct the following:').waitFor();
    await w.getByText('Please choose a customer from the list.').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '17-en-dark-customer-error');
    // Then a new customer instead: the earlier error no longer holds the step.
    await chooseRadio(page, w.getByRole('radio', { name: 'Create a new customer' }));
    await typeInto(page, w.getByRole('textbox', { name: /^Company name/ }), 'Lakeview Dental GmbH');
    await typeInto(page, w.getByRole('textbox', { name: /^Street and number/ }), 'Bahnhofstrasse 3');
    await typeInto(page, w.getByRole('textbox', { name: /^Postcode/ }), '3011');
    await typeInto(page, w.getByRole('textbox', { name: /^Town/ }), 'Bern');
    await typeInto(page, w.getByRole('textbox', { name: /^Contact person/ }), 'Léa Favre');
    await typeInto(page, w.getByRole('textbox', { name: /^Email address for invoices/ }), 'billing@lakeview.example');
    await typeInto(page, w.getByRole('textbox', { name: /^Phone/ }), '031 555 10 10');
    await nextStep();
    await w.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
    const product = w.getByRole('radio').first();
    if (!(await product.isChecked())) await chooseRadio(page, product);
    await typeDate(page, w.locator('tk-date-field[name="subscription.startDate"]'), start);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '18-en-dark-subscription');
    await nextStep();
    await w.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();
    await typeInto(page, w.getByRole('textbox', { name: /^Number 1\b/ }), '031 55');
    await page.keyboard.press('Tab');
    await w.locator('.flagged-heading').getByText('1 of 1 numbers needs a correction').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '19-en-dark-numbers-flagged');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(page)).toBe(true);
    await shot(page, '20-en-dark-numbers-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    const orders = page.locator('#orders tk-port-orders');
    await press(page, orders.getByRole('button', { name: /PO-DEMO02/ }), 'Enter');
    await orders.getByRole('heading', { name: 'Order PO-DEMO02' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '21-en-dark-detail');
    expect(problems).toEqual([]);
  });
});
