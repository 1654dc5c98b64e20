import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { acceptTermsAndReview, chooseFirst, confirmFromOutbox, fillAddress, next, openSignup, payBySepa, waitForMail } from './helpers/flows.js';
import { chooseRadio, press, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// Portal access on the demo page, by keyboard only, against `npm start`: a business signup's
// set-password link, the SMS PIN from the dev outbox, login, profile, logout, "forgot password".
let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('portal');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const EMAIL = 'portal.admin@example.com';
const MOBILE = '+491761112233';

/** The PIN of the newest SMS to `to` after `after` SMS had been sent to it. */
async function nextPin(after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: { channel: string; to: string; text: string }[] };
    const sms = messages.filter((m) => m.channel === 'sms' && m.to === MOBILE);
    if (sms.length > after) return /\b(\d{6})\b/.exec(sms[0]!.text)![1]!; // newest first
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new PIN for ${MOBILE}`);
}
let pinsSent = 0;
const pin = async () => nextPin(pinsSent++);

async function signUpBusiness(page: Page) {
  await openSignup(page, server);
  await chooseRadio(page, page.getByRole('radio', { name: /Firma/ }));
  await next(page);
  await typeInto(page, page.getByLabel('Firmenname'), 'Portal Test GmbH');
  await chooseFirst(page, 'Rechtsform');
  await fillAddress(page, 'Portalweg');
  await next(page);
  await chooseFirst(page, 'Anrede');
  await typeInto(page, page.getByLabel('Vorname'), 'Petra');
  await typeInto(page, page.getByLabel('Nachname'), 'Portal');
  await typeInto(page, page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }), EMAIL);
  await typeInto(page, page.getByRole('textbox', { name: /^Mobilnummer/ }), '0176 1112233');
  await next(page);
  await payBySepa(page, 'Portal Test GmbH');
  await next(page);
  await acceptTermsAndReview(page);
  await press(page, page.getByRole('button', { name: 'Absenden' }), 'Enter');
  await page.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').waitFor();
}

/** On the page behind a set-password link: the password twice, then the PIN. */
async function setPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await typeInto(page, page.getByLabel('Neues Passwort').first(), password);
  await typeInto(page, page.getByLabel('Neues Passwort wiederholen'), password);
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' }); // the page follows the system's dark mode, the widget with it
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await press(page, page.getByRole('button', { name: 'Weiter' }), 'Enter');
  await typeInto(page, page.getByLabel('SMS-Code'), await pin());
  expect(await axeViolations(page)).toEqual([]);
  await press(page, page.getByRole('button', { name: 'Bestätigen' }), 'Enter');
  await page.getByText('Ihr Passwort ist gespeichert').waitFor();
  expect(await axeViolations(page)).toEqual([]);
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/#portal`);
  await typeInto(page, page.getByLabel('Benutzername'), username);
  await typeInto(page, page.getByLabel('Passwort').first(), password);
  expect(await axeViolations(page)).toEqual([]);
  await press(page, page.getByRole('button', { name: 'Anmelden' }), 'Enter');
  await typeInto(page, page.getByLabel('SMS-Code'), await pin());
  await press(page, page.getByRole('button', { name: 'Bestätigen' }), 'Enter');
  await page.getByText('Mein Profil').waitFor();
}

const linkIn = (text: string) => /https?:\/\/\S+\/set-password\?token=[\w-]+&lang=de/.exec(text)![0];

describe('portal access on the demo page, keyboard only', () => {
  it('signup → set password with PIN → login with PIN → profile → logout → forgot password → new password → login', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await signUpBusiness(page);
    const credentials = await confirmFromOutbox(page, server, EMAIL);
    const username = /Benutzername: (\S+)/.exec(credentials.text)![1]!;

    await setPassword(page, linkIn(credentials.text), 'Sonne über dem Deich');
    await waitForMail(server, EMAIL, /Passwort .* geändert/);

    await logIn(page, username, 'Sonne über dem Deich');
    await page.getByText(username, { exact: true }).waitFor();
    await page.getByText(EMAIL).waitFor();
    expect(await page.getByText('+49 176 ••••• 33').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await press(page, page.getByRole('button', { name: 'Abmelden' }), 'Enter');
    await page.getByLabel('Benutzername').waitFor();

    await press(page, page.getByRole('button', { name: 'Passwort vergessen?' }), 'Enter');
    await typeInto(page, page.getByLabel('Benutzername oder E-Mail-Adresse'), EMAIL);
    await press(page, page.getByRole('button', { name: 'Link anfordern' }), 'Enter');
    await page.getByText('ist eine E-Mail mit einem Link unterwegs').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const reset = await waitForMail(server, EMAIL, /Neues Passwort/);
    await setPassword(page, linkIn(reset.text), 'Mond hinter den Wolken');

    await logIn(page, username, 'Mond hinter den Wolken');
    await page.getByText(username, { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });
});
