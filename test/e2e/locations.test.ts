import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { confirmFromOutbox } from './helpers/flows.js';
import { chooseRadio, press, tabTo, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// Issue 14 on the demo page against `npm start`, by keyboard only: demo.admin links the unlinked demo
// account with the code from the outbox, switches into it (banner, that account's profile and co-users),
// returns, unlinks, and orders a new location through the prefilled signup, which appears linked
// once confirmed from the outbox.
let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('locations');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN_MOBILE = '+4915112345678';

type Outbox = { messages: { channel: string; to: string; text: string }[] };
const seen = new Set<string>();
/** The 6-digit code of the newest SMS (to `to`, or whose text matches `about`) not read before. */
async function codeFrom(match: (m: { to: string; text: string }) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as Outbox;
    const sms = messages.find((m) => m.channel === 'sms' && match(m) && !seen.has(m.text)); // newest first
    if (sms) {
      seen.add(sms.text);
      return /\b(\d{6})\b/.exec(sms.text)![1]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no new code in the outbox');
}

async function logIn(page: Page) {
  await page.goto(`${server.url}/#portal`);
  await typeInto(page, page.getByLabel('Benutzername'), 'demo.admin');
  await typeInto(page, page.getByLabel('Passwort').first(), 'Demo-Admin-Passwort-2026');
  await press(page, page.getByRole('button', { name: 'Anmelden' }), 'Enter');
  await typeInto(page, page.getByLabel('SMS-Code'), await codeFrom((m) => m.to === ADMIN_MOBILE));
  await press(page, page.getByRole('button', { name: 'Bestätigen' }), 'Enter');
  await page.getByText('Mein Profil').waitFor();
}

/** Tabs to a filled field, selects what is there and types over it. */
async function replaceIn(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const noScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const card = (list: Locator, name: string | RegExp) => list.getByRole('listitem').filter({ hasText: name });

describe('locations on the demo page, keyboard only', () => {
  it('link with the code → switch into it and back → unlink → order a new location, linked once confirmed', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await logIn(page);

    const list = page.locator('tk-locations');
    await list.getByRole('heading', { name: 'Standorte', exact: true }).waitFor();
    await card(list, 'Filiale Zürich').getByText('Nebenaccount').waitFor();
    await list.getByText('Hauptaccount', { exact: true }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Link the demo account that is not linked yet: its customer number is printed on the page.
    const number = (await page.locator('#locations-demo strong').textContent())!.trim();
    expect(number).toMatch(/^DR\d{8}$/);
    const mainNumber = (await card(list, 'Hauptaccount').getByText(/^DR\d{8}$/).first().textContent())!.trim();
    await press(page, list.getByRole('button', { name: 'Bestehendes Konto hinzufügen' }), 'Enter');
    await typeInto(page, list.getByRole('textbox', { name: /^Kundennummer/ }), number);
    await press(page, list.getByRole('checkbox', { name: 'Über die Sammelrechnung abrechnen' }), 'Space');
    await press(page, list.getByRole('button', { name: 'Code anfordern' }), 'Enter');
    await list.getByText(/24 Stunden/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The code went to the other account's admin, and says who asks.
    const code = await codeFrom((m) => m.to !== ADMIN_MOBILE && /verknüpf/i.test(m.text));
    const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as Outbox;
    const sms = messages.find((m) => m.text.includes(code))!.text;
    expect(sms).toContain('Max Muster'); // who asks
    expect(sms).toContain(mainNumber); // from which account
    expect(sms).toContain(number); // for which account
    await typeInto(page, list.getByRole('textbox', { name: /^Code/ }), code);
    await press(page, list.getByRole('button', { name: 'Verknüpfen' }), 'Enter');
    const bern = card(list, 'Muster Werkstatt Bern GmbH');
    await bern.getByText(number, { exact: true }).waitFor();
    await bern.getByText('Nebenaccount').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Switch into the account just linked: the banner, its profile, its co-users (none); not the main account's.
    await press(page, bern.getByRole('button', { name: /^Zu diesem Standort wechseln/ }), 'Enter');
    const banner = page.locator('tk-provider').getByText(/Sie handeln für Standort .*Muster Werkstatt Bern GmbH/);
    await banner.waitFor();
    const profile = page.locator('tk-profile');
    await profile.getByText(number).first().waitFor();
    await profile.getByText('Muster Werkstatt Bern GmbH').first().waitFor();
    const coUsers = page.locator('tk-sub-users');
    await coUsers.getByRole('heading', { name: 'Mitbenutzer', exact: true }).waitFor();
    await coUsers.getByText(/noch keine Mitbenutzer/i).first().waitFor();
    expect(await coUsers.getByText('Aylin Kaya').count()).toBe(0);
    // No siblings while acting, once the acting overview has loaded (the main account's stays, inert, until then;
    // with more widgets reloading for the new session that can take a moment on a busy machine).
    await expect.poll(() => list.getByText('Filiale Zürich').count(), { timeout: 15_000 }).toBe(0);
    expect(await list.getByRole('button', { name: 'Bestehendes Konto hinzufügen' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Back to the main account.
    await press(page, page.locator('tk-provider').getByRole('button', { name: 'Zurück zum Hauptaccount' }).first(), 'Enter');
    await card(list, 'Filiale Zürich').waitFor();
    expect(await banner.count()).toBe(0);
    await coUsers.getByText('Aylin Kaya').first().waitFor();
    await profile.getByText('Max Muster').first().waitFor();

    // Unlink the account just linked, after the confirmation step.
    await press(page, card(list, 'Muster Werkstatt Bern GmbH').getByRole('button', { name: /^Verknüpfung lösen/ }), 'Enter');
    expect(await axeViolations(page)).toEqual([]);
    await press(page, list.getByRole('button', { name: 'Verknüpfung jetzt lösen' }), 'Enter');
    await list.getByRole('heading', { name: 'Standorte', exact: true }).waitFor();
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Muster Werkstatt Bern GmbH' }).count()).toBe(0);

    // Order a new location: the signup comes prefilled with the main account's company.
    await press(page, list.getByRole('button', { name: 'Neuen Standort bestellen' }), 'Enter');
    await press(page, list.getByRole('button', { name: 'Weiter zur Bestellung' }), 'Enter');
    const company = list.getByLabel('Firmenname');
    await company.waitFor();
    expect(await company.inputValue()).not.toBe('');
    await replaceIn(page, company, 'Muster Hörtechnik Filiale Köln GmbH');
    await replaceIn(page, list.getByLabel('Straße').first(), 'Domstraße');
    await replaceIn(page, list.getByLabel('Hausnummer').first(), '5');
    await replaceIn(page, list.getByLabel('Postleitzahl').first(), '50667');
    await replaceIn(page, list.getByRole('textbox', { name: /^Ort\b/ }).first(), 'Köln');
    // The demo page has a signup of its own above: every step is found inside tk-locations.
    const next = () => press(page, list.getByRole('button', { name: 'Weiter' }), 'Enter');
    await next();
    await tabTo(page, list.getByRole('combobox', { name: 'Anrede' }));
    await page.keyboard.press('ArrowDown');
    await typeInto(page, list.getByLabel('Vorname'), 'Katrin');
    await typeInto(page, list.getByLabel('Nachname'), 'Köhler');
    await typeInto(page, list.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }), 'koeln@muster-hoertechnik.example');
    await typeInto(page, list.getByLabel('Mobilnummer'), '0176 5550123');
    await next();
    await chooseRadio(page, list.getByRole('radio').first()); // the first tariff offered
    await chooseRadio(page, list.getByRole('radio', { name: 'SEPA-Lastschrift' }));
    await typeInto(page, list.getByLabel('Kontoinhaber'), 'Muster Hörtechnik Filiale Köln GmbH');
    await typeInto(page, list.getByLabel('IBAN'), 'DE89 3704 0044 0532 0130 00');
    await press(page, list.getByRole('checkbox', { name: /SEPA-Lastschriftmandat/ }), 'Space');
    await next();
    await press(page, list.getByRole('checkbox', { name: /AGB/ }), 'Space');
    await next();
    await press(page, list.getByRole('button', { name: 'Absenden' }), 'Enter');
    await list.getByText('bitte bestätigen Sie Ihre E-Mail-Adresse').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const contact = await browser.newPage();
    await confirmFromOutbox(contact, server, 'koeln@muster-hoertechnik.example');
    await page.reload();
    const cologne = card(page.locator('tk-locations'), 'Muster Hörtechnik Filiale Köln GmbH');
    await cologne.getByText('Nebenaccount').waitFor();
    await cologne.getByText('Verknüpft seit', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
