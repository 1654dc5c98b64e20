import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { acceptTermsAndReview, chooseFirst, confirmFromOutbox, expectCredentials, fillAddress, next, openSignup, payBySepa } from './helpers/flows.js';
import { chooseRadio, press, typeInto } from './helpers/keyboard.js';
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

describe('signup on the demo page, keyboard only', () => {
  it('private: order with obligation to pay, confirm from the outbox, credentials without a password', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await openSignup(page, server);
    await chooseRadio(page, page.getByRole('radio', { name: /Privat/ }));
    await next(page);

    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Anna');
    await typeInto(page, page.getByLabel('Nachname'), 'Müller');
    await typeInto(page, page.getByLabel('Tag'), '27');
    await typeInto(page, page.getByLabel('Monat'), '3');
    await typeInto(page, page.getByLabel('Jahr'), '1985');
    await fillAddress(page, 'Musterstraße');
    await typeInto(page, page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }), 'anna.private@example.com');
    await typeInto(page, page.getByRole('textbox', { name: /^Mobilnummer/ }), '0170 1234567');
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

    expectCredentials(await confirmFromOutbox(page, server, 'anna.private@example.com'), true);
    expect(problems).toEqual([]);
  });

  it('professional: employer data and a separate invoice address', async () => {
    const page = await browser.newPage();
    await openSignup(page, server);
    await chooseRadio(page, page.getByRole('radio', { name: /Beruflich/ }));
    await next(page);
    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Bernd');
    await typeInto(page, page.getByLabel('Nachname'), 'Beruf');
    await typeInto(page, page.getByLabel('Tag'), '1');
    await typeInto(page, page.getByLabel('Monat'), '12');
    await typeInto(page, page.getByLabel('Jahr'), '1970');
    await fillAddress(page, 'Wohnweg');
    await typeInto(page, page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }), 'bernd.pro@example.com');
    await typeInto(page, page.getByRole('textbox', { name: /^Mobilnummer/ }), '0151 2345678');
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
    expectCredentials(await confirmFromOutbox(page, server, 'bernd.pro@example.com'), true);
  });

  it('business: company, contact person, "Absenden", no SIP address', async () => {
    const page = await browser.newPage();
    await openSignup(page, server);
    await chooseRadio(page, page.getByRole('radio', { name: /Firma/ }));
    await next(page);
    await typeInto(page, page.getByLabel('Firmenname'), 'Gehörlosen Service AG');
    await chooseFirst(page, 'Rechtsform');
    await fillAddress(page, 'Firmenstraße');
    await next(page);
    await chooseFirst(page, 'Anrede');
    await typeInto(page, page.getByLabel('Vorname'), 'Jürgen');
    await typeInto(page, page.getByLabel('Nachname'), 'Groß');
    await typeInto(page, page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }), 'j.gross@example.com');
    await typeInto(page, page.getByRole('textbox', { name: /^Mobilnummer/ }), '0176 1234567');
    await next(page);
    await payBySepa(page, 'Gehörlosen Service AG');
    await next(page);
    await acceptTermsAndReview(page);
    expect(await page.getByRole('button', { name: 'Zahlungspflichtigen Vertrag schließen' }).count()).toBe(0);
    await press(page, page.getByRole('button', { name: 'Absenden' }), 'Enter');
    await page.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').waitFor();
    expectCredentials(await confirmFromOutbox(page, server, 'j.gross@example.com'), false);
  });
});
