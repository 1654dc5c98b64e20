import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCustomerNumber } from '../../contract/rules.js';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { chooseRadio, press, tabTo, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// The signup flows of the demo page, by keyboard only, against `npm start`: order, the confirmation
// link from the dev outbox, the credentials e-mail.
let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('signup');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Mail = { to: string; subject: string; text: string };
async function mailsTo(address: string): Promise<Mail[]> {
  const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: Mail[] };
  return messages.filter((m) => m.to === address);
}
async function waitForMail(address: string, subject: RegExp): Promise<Mail> {
  for (let i = 0; i < 100; i++) {
    const mail = (await mailsTo(address)).find((m) => subject.test(m.subject));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail "${subject}" to ${address}`);
}

const next = (page: Page) => press(page, page.getByRole('button', { name: 'Weiter' }), 'Enter');

async function fillAddress(page: Page, street: string) {
  await typeInto(page, page.getByLabel('Straße').last(), street);
  await typeInto(page, page.getByLabel('Hausnummer').last(), '12');
  await typeInto(page, page.getByLabel('Postleitzahl').last(), '10115');
  await typeInto(page, page.getByLabel('Ort').last(), 'Berlin');
}

async function chooseFirst(page: Page, label: string) {
  await tabTo(page, page.getByRole('combobox', { name: label }));
  await page.keyboard.press('ArrowDown');
}

async function payBySepa(page: Page, holder: string) {
  await chooseRadio(page, page.getByRole('radio').first()); // the first tariff offered
  await chooseRadio(page, page.getByRole('radio', { name: 'SEPA-Lastschrift' }));
  await typeInto(page, page.getByLabel('Kontoinhaber'), holder);
  await typeInto(page, page.getByLabel('IBAN'), 'DE89 3704 0044 0532 0130 00');
  await press(page, page.getByRole('checkbox', { name: /SEPA-Lastschriftmandat/ }), 'Space');
}

async function acceptTermsAndReview(page: Page) {
  await press(page, page.getByRole('checkbox', { name: /AGB/ }), 'Space');
  await next(page);
  await page.getByText('Mindestlaufzeit').first().waitFor();
}

async function confirmFromOutbox(page: Page, email: string) {
  const mail = await waitForMail(email, /bestätigen/);
  const link = /https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(mail.text)![0];
  await page.goto(link);
  await press(page, page.getByRole('button', { name: 'Anmeldung bestätigen' }), 'Enter');
  await page.getByText('Ihr Konto ist eingerichtet').waitFor();
  return waitForMail(email, /eingerichtet/);
}

function expectCredentials(mail: Mail, sip: boolean) {
  const number = /Kundennummer: (\S+)/.exec(mail.text)![1]!;
  expect(isCustomerNumber(number)).toBe(true);
  expect(mail.text).toMatch(/Benutzername: [a-z0-9.]+/);
  expect(/SIP-Adresse: \S+@sip\.demo-reseller\.example/.test(mail.text)).toBe(sip);
  expect(mail.text).toMatch(/\/set-password\?token=[\w-]{40,}/);
  expect(mail.text).not.toMatch(/Passwort:|password:/i);
}

async function openSignup(page: Page) {
  await page.goto(`${server.url}/`);
  await page.getByText('Wofür möchten Sie das Konto nutzen?').waitFor();
}

describe('signup on the demo page, keyboard only', () => {
  it('private: order with obligation to pay, confirm from the outbox, credentials without a password', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await openSignup(page);
    await chooseRadio(page, page.getByRole('radio', { name: /Privat/ }));
    await next(page);

    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Anna');
    await typeInto(page, page.getByLabel('Nachname'), 'Müller');
    await typeInto(page, page.getByLabel('Tag'), '27');
    await typeInto(page, page.getByLabel('Monat'), '3');
    await typeInto(page, page.getByLabel('Jahr'), '1985');
    await fillAddress(page, 'Musterstraße');
    await typeInto(page, page.getByLabel('E-Mail-Adresse'), 'anna.private@example.com');
    await typeInto(page, page.getByLabel('Mobilnummer'), '0170 1234567');
    expect(await axeViolations(page)).toEqual([]);
    await next(page);

    await payBySepa(page, 'Anna Müller');
    expect(await axeViolations(page)).toEqual([]);
    await next(page);
    await acceptTermsAndReview(page);
    expect(await axeViolations(page)).toEqual([]);

    // the key facts sit right above the order button, which says what German law requires
    const order = page.getByRole('button', { name: 'Zahlungspflichtigen Vertrag schließen' });
    await expect(page.getByText('Monatlicher Preis').isVisible()).resolves.toBe(true);
    await press(page, order, 'Enter');
    await page.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    expectCredentials(await confirmFromOutbox(page, 'anna.private@example.com'), true);
    expect(problems).toEqual([]);
  });

  it('professional: employer data and a separate invoice address', async () => {
    const page = await browser.newPage();
    await openSignup(page);
    await chooseRadio(page, page.getByRole('radio', { name: /Beruflich/ }));
    await next(page);
    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Bernd');
    await typeInto(page, page.getByLabel('Nachname'), 'Beruf');
    await typeInto(page, page.getByLabel('Tag'), '1');
    await typeInto(page, page.getByLabel('Monat'), '12');
    await typeInto(page, page.getByLabel('Jahr'), '1970');
    await fillAddress(page, 'Wohnweg');
    await typeInto(page, page.getByLabel('E-Mail-Adresse'), 'bernd.pro@example.com');
    await typeInto(page, page.getByLabel('Mobilnummer'), '0151 2345678');
    await next(page);
    await typeInto(page, page.getByLabel('Name des Arbeitgebers'), 'Beispiel GmbH');
    await fillAddress(page, 'Arbeitsweg');
    await typeInto(page, page.getByLabel('Ansprechperson beim Arbeitgeber'), 'Petra Chefin');
    await next(page);
    await payBySepa(page, 'Bernd Beruf');
    await press(page, page.getByRole('checkbox', { name: /andere Anschrift/ }), 'Space');
    await typeInto(page, page.getByRole('textbox', { name: 'Rechnungsempfänger' }), 'Beispiel GmbH Buchhaltung');
    await fillAddress(page, 'Rechnungsweg');
    await next(page);
    await acceptTermsAndReview(page);
    await press(page, page.getByRole('button', { name: 'Zahlungspflichtigen Vertrag schließen' }), 'Enter');
    await page.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').waitFor();
    expectCredentials(await confirmFromOutbox(page, 'bernd.pro@example.com'), true);
  });

  it('business: company, contact person, "Absenden", no SIP address', async () => {
    const page = await browser.newPage();
    await openSignup(page);
    await chooseRadio(page, page.getByRole('radio', { name: /Firma/ }));
    await next(page);
    await typeInto(page, page.getByLabel('Firmenname'), 'Gehörlosen Service AG');
    await chooseFirst(page, 'Rechtsform');
    await fillAddress(page, 'Firmenstraße');
    await next(page);
    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Jürgen');
    await typeInto(page, page.getByLabel('Nachname'), 'Groß');
    await typeInto(page, page.getByLabel('E-Mail-Adresse'), 'j.gross@example.com');
    await typeInto(page, page.getByLabel('Mobilnummer'), '0176 1234567');
    await next(page);
    await payBySepa(page, 'Gehörlosen Service AG');
    await next(page);
    await acceptTermsAndReview(page);
    expect(await page.getByRole('button', { name: 'Zahlungspflichtigen Vertrag schließen' }).count()).toBe(0);
    await press(page, page.getByRole('button', { name: 'Absenden' }), 'Enter');
    await page.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').waitFor();
    expectCredentials(await confirmFromOutbox(page, 'j.gross@example.com'), false);
  });
});
