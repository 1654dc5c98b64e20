import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { isCustomerNumber } from '../../../contract/rules.js';
import { chooseRadio, press, tabTo, typeInto } from './keyboard.js';
import type { Started } from './server.js';

// Steps of the demo page's signup and the dev outbox, shared by the signup and portal end-to-end tests.

export type Mail = { to: string; subject: string; text: string };
export async function mailsTo(server: Started, address: string): Promise<Mail[]> {
  const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: Mail[] };
  return messages.filter((m) => m.to === address);
}
export async function waitForMail(server: Started, address: string, subject: RegExp): Promise<Mail> {
  for (let i = 0; i < 100; i++) {
    const mail = (await mailsTo(server, address)).find((m) => subject.test(m.subject));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail "${subject}" to ${address}`);
}

export const next = (page: Page) => press(page, page.getByRole('button', { name: 'Weiter' }), 'Enter');

export async function fillAddress(page: Page, street: string) {
  await typeInto(page, page.getByLabel('Straße').last(), street);
  await typeInto(page, page.getByLabel('Hausnummer').last(), '12');
  await typeInto(page, page.getByLabel('Postleitzahl').last(), '10115');
  await typeInto(page, page.getByLabel(/^Ort\b/).last(), 'Berlin');
}

export async function chooseFirst(page: Page, label: string) {
  await tabTo(page, page.getByRole('combobox', { name: label }));
  await page.keyboard.press('ArrowDown');
}

export async function payBySepa(page: Page, holder: string) {
  await chooseRadio(page, page.getByRole('radio').first()); // the first tariff offered
  await chooseRadio(page, page.getByRole('radio', { name: 'SEPA-Lastschrift' }));
  await typeInto(page, page.getByLabel('Kontoinhaber'), holder);
  await typeInto(page, page.getByLabel('IBAN'), 'DE89 3704 0044 0532 0130 00');
  await press(page, page.getByRole('checkbox', { name: /SEPA-Lastschriftmandat/ }), 'Space');
}

export async function acceptTermsAndReview(page: Page) {
  await press(page, page.getByRole('checkbox', { name: /AGB/ }), 'Space');
  await next(page);
  await page.getByText('Mindestlaufzeit').first().waitFor();
}

export async function confirmFromOutbox(page: Page, server: Started, email: string) {
  const mail = await waitForMail(server, email, /bestätigen/);
  const link = /https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(mail.text)![0];
  await page.goto(link);
  await press(page, page.getByRole('button', { name: 'Kontoeröffnung bestätigen' }), 'Enter');
  await page.getByText('Ihr Konto ist eingerichtet').waitFor();
  return waitForMail(server, email, /eingerichtet/);
}

export function expectCredentials(mail: Mail, sip: boolean) {
  const number = /Kundennummer: (\S+)/.exec(mail.text)![1]!;
  expect(isCustomerNumber(number)).toBe(true);
  expect(mail.text).toMatch(/Benutzername: [a-z0-9.]+/);
  expect(/SIP-Adresse: \S+@sip\.demo-reseller\.example/.test(mail.text)).toBe(sip);
  expect(mail.text).toMatch(/\/set-password\?token=[\w-]{40,}/);
  expect(mail.text).not.toMatch(/Passwort:|password:/i);
}

export async function openSignup(page: Page, server: Started) {
  await page.goto(`${server.url}/`);
  await page.getByText('Wofür möchten Sie das Konto nutzen?').waitFor();
}

