import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { chooseFirst, type Mail, mailsTo, waitForMail } from './helpers/flows.js';
import { chooseRadio, press, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// Issue 13 on the demo page against `npm start`, by keyboard only: demo.admin adds a co-user; the co-user
// confirms from the outbox, sets a password, logs in with a PIN and sees only the profile; the admin
// cancels the co-user (the earliest end date shown = stored = in the e-mail) and withdraws the cancellation.
let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('sub-users');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN_MOBILE = '+4915112345678';
const CO_EMAIL = 'lara.probe@muster-hoertechnik.example';
const CO_MOBILE = '+4917055501234';
const CO_PASSWORD = 'Leuchtturm am Deich';

type Outbox = { messages: { channel: string; to: string; text: string }[] };
const sent = new Map<string, number>();
/** The PIN of the next SMS to `to` (counting those read before). */
async function pinFor(to: string): Promise<string> {
  const after = sent.get(to) ?? 0;
  for (let i = 0; i < 100; i++) {
    const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as Outbox;
    const sms = messages.filter((m) => m.channel === 'sms' && m.to === to);
    if (sms.length > after) {
      sent.set(to, sms.length);
      return /\b(\d{6})\b/.exec(sms[0]!.text)![1]!; // newest first
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new PIN for ${to}`);
}

async function logIn(page: Page, username: string, password: string, mobile: string) {
  await page.goto(`${server.url}/#portal`);
  await typeInto(page, page.getByLabel('Benutzername'), username);
  await typeInto(page, page.getByLabel('Passwort').first(), password);
  await press(page, page.getByRole('button', { name: 'Anmelden' }), 'Enter');
  await typeInto(page, page.getByLabel('SMS-Code'), await pinFor(mobile));
  await press(page, page.getByRole('button', { name: 'Bestätigen' }), 'Enter');
  await page.getByText('Mein Profil').waitFor();
}

const widget = (page: Page) => page.locator('tk-sub-users');
const linkIn = (mail: Mail, path: string) => new RegExp(`https?://\\S+${path}\\?token=[\\w-]+&lang=de`).exec(mail.text)![0];
const noScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('co-users on the demo page, keyboard only', () => {
  it('add → the co-user confirms, sets a password, logs in → cancel with receipt and e-mail → withdraw', async () => {
    const admin = await browser.newPage();
    const problems = collectProblems(admin);
    await logIn(admin, 'demo.admin', 'Demo-Admin-Passwort-2026', ADMIN_MOBILE);

    // The seeded co-users, one in every state, with their status in words.
    const list = widget(admin);
    await list.getByRole('heading', { name: 'Mitbenutzer', exact: true }).waitFor();
    for (const status of ['Wartet auf Bestätigung', 'Link abgelaufen', 'Aktiv', 'Gekündigt']) await list.getByText(`Status: ${status}`, { exact: true }).first().waitFor();
    await list.getByText(/^Status: Kündigung zum \d/).first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // Add: data → review with the contract facts → "Zahlungspflichtigen Vertrag schließen".
    await press(admin, list.getByRole('button', { name: 'Mitbenutzer einrichten' }), 'Enter');
    await chooseFirst(admin, 'Anrede');
    await typeInto(admin, list.getByLabel('Vorname'), 'Lara');
    await typeInto(admin, list.getByLabel('Nachname'), 'Probe');
    await typeInto(admin, list.getByRole('textbox', { name: 'E-Mail-Adresse' }), CO_EMAIL);
    await typeInto(admin, list.getByLabel('Mobilnummer'), '0170 55501234');
    await chooseRadio(admin, list.getByRole('radio', { name: /^Partner Mitbenutzer –/ }));
    await typeInto(admin, list.getByLabel(/Rechnungszusatz/), 'Kostenstelle 12 - Empfang');
    await list.getByText('Kostenstelle 12 - Empfang', { exact: true }).waitFor(); // the preview as printed
    expect(await axeViolations(admin)).toEqual([]);
    await press(admin, list.getByRole('button', { name: 'Weiter' }), 'Enter');
    await list.getByText('mit der Bestätigung durch den Mitbenutzer').waitFor();
    await list.getByText('Kündigungsfrist').first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await press(admin, list.getByRole('button', { name: 'Zahlungspflichtigen Vertrag schließen' }), 'Enter');
    await list.getByText(`Wir haben eine Bestätigungs-E-Mail an ${CO_EMAIL} gesendet`).waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // The co-user, in a browser of their own: confirm from the outbox, on to the password, log in.
    const co = await (await browser.newContext()).newPage();
    const coProblems = collectProblems(co);
    const invitation = await waitForMail(server, CO_EMAIL, /als Mitbenutzer .* angemeldet/);
    await co.goto(linkIn(invitation, '/confirm'));
    expect(await axeViolations(co)).toEqual([]);
    await press(co, co.getByRole('button', { name: 'Anmeldung bestätigen' }), 'Enter');
    await co.getByText('Ihr Zugang ist eingerichtet').waitFor();
    const credentials = await waitForMail(server, CO_EMAIL, /Zugang als Mitbenutzer .* eingerichtet/);
    const username = /Benutzername: (\S+)/.exec(credentials.text)![1]!;
    expect(username).toBe('lara.probe');
    expect(credentials.text).toMatch(/SIP-Adresse: lara\.probe@sip\.demo-reseller\.example/);
    expect(credentials.text).toMatch(/Kundennummer: DR\d{8}/);
    expect(credentials.text).toMatch(/\/set-password\?token=[\w-]{40,}/);
    expect(credentials.text).not.toMatch(/Passwort:|password:/i);
    await waitForMail(server, 'admin@muster-hoertechnik.example', /Lara Probe hat die Anmeldung als Mitbenutzer bestätigt/);

    await press(co, co.getByRole('link', { name: 'Passwort festlegen' }), 'Enter');
    await typeInto(co, co.getByLabel('Neues Passwort').first(), CO_PASSWORD);
    await typeInto(co, co.getByLabel('Neues Passwort wiederholen'), CO_PASSWORD);
    await press(co, co.getByRole('button', { name: 'Weiter' }), 'Enter');
    await typeInto(co, co.getByLabel('SMS-Code'), await pinFor(CO_MOBILE));
    await press(co, co.getByRole('button', { name: 'Bestätigen' }), 'Enter');
    await co.getByText('Ihr Passwort ist gespeichert').waitFor();
    await logIn(co, username, CO_PASSWORD, CO_MOBILE);
    await co.getByText('Mitbenutzer', { exact: true }).first().waitFor(); // the role in the profile
    expect(await co.locator('tk-sub-users').count()).toBe(0); // only the profile, never the admin's widgets
    expect(await co.locator('tk-locations').count()).toBe(0);
    await co.locator('#sub-users-note').getByText('Melden Sie sich oben im Kundenportal als demo.admin an').waitFor();
    expect(await axeViolations(co)).toEqual([]);
    expect(coProblems).toEqual([]);

    // The admin's list shows Lara active once reloaded; cancel with the earliest end date.
    await admin.reload();
    await list.getByRole('heading', { name: 'Mitbenutzer', exact: true }).waitFor();
    const card = list.getByRole('listitem').filter({ hasText: 'Lara Probe' });
    await card.getByText('Status: Aktiv', { exact: true }).waitFor();
    await press(admin, card.getByRole('button', { name: 'Mitbenutzer kündigen (Lara Probe)' }), 'Enter');
    const earliestText = await list.getByText(/^Frühestmögliches Vertragsende: /).textContent();
    const earliest = /Vertragsende: (.+)$/.exec(earliestText!.trim())![1]!;
    expect(await axeViolations(admin)).toEqual([]);
    await press(admin, list.getByRole('button', { name: 'Jetzt kündigen' }), 'Enter');
    await list.getByText(/^Kündigung eingegangen am \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr$/).waitFor();
    await list.getByText(earliest).first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(admin)).toBe(true);
    await admin.setViewportSize({ width: 1280, height: 800 });

    const receipt = await waitForMail(server, 'admin@muster-hoertechnik.example', /Kündigung eines Mitbenutzers/);
    // The same moment as the widget's receipt, the same end date as it showed and the BFF stored.
    const [, day, month, year, time] = /Kündigung eingegangen am (\d{2})\.(\d{2})\.(\d{4}) um (\d{2}:\d{2}) Uhr/.exec((await list.getByText(/^Kündigung eingegangen am/).textContent())!) ?? [];
    const monthName = new Intl.DateTimeFormat('de-DE', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(Number(year), Number(month) - 1, 1));
    expect(receipt.text).toContain(`Eingang der Kündigung: ${Number(day)}. ${monthName} ${year} um ${time}`);
    expect(receipt.text).toContain(`Vertragsende: ${earliest}`);

    // Withdraw: active again.
    await press(admin, list.getByRole('button', { name: 'Zur Übersicht' }), 'Enter');
    const scheduled = list.getByRole('listitem').filter({ hasText: 'Lara Probe' });
    await scheduled.getByText(/^Status: Kündigung zum /).waitFor();
    await press(admin, scheduled.getByRole('button', { name: 'Kündigung zurücknehmen (Lara Probe)' }), 'Enter');
    await list.getByText('Die Kündigung von Lara Probe ist zurückgenommen').waitFor();
    await list.getByRole('listitem').filter({ hasText: 'Lara Probe' }).getByText('Status: Aktiv', { exact: true }).waitFor();
    await waitForMail(server, 'admin@muster-hoertechnik.example', /Kündigung von Lara Probe zurückgenommen/);
    expect(await axeViolations(admin)).toEqual([]);
    expect(problems).toEqual([]);
    expect((await mailsTo(server, CO_EMAIL)).some((m) => /Passwort:\s*\S/.test(m.text))).toBe(false);
  });
});
