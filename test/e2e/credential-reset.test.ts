import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LENGTH, CREDENTIAL_ALPHABET, ELIGIBLE_CONTRACTS } from '../../contract/credentials.js';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { chooseRadio, press, tabTo, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// Issue 17 on the demo page against `npm start`, by keyboard only: demo.admin logs in, picks an eligible
// contract, reads the warning, consents and generates new internet access credentials; the dev outbox
// holds the e-mail with the encrypted PDF and the SMS with the code that opens it (qpdf and pdftotext
// open it with the code, and only with it), and neither the e-mail nor any page shows the code or the password.
let server: Started;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  server = await startFresh('credential-reset');
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'telkit-credentials-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN_MOBILE = '+4915112345678';
const ADMIN_EMAIL = 'admin@muster-hoertechnik.example';

type Message = {
  channel: string;
  to: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  event: string | null;
  data: Record<string, unknown> | null;
  attachments: { filename: string; contentType: string; url: string }[];
};
const outbox = async () => ((await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: Message[] }).messages;

/** The newest message matching `match`, waiting for it. */
async function waitFor(match: (m: Message) => boolean, what: string): Promise<Message> {
  for (let i = 0; i < 100; i++) {
    const found = (await outbox()).find(match); // newest first
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${what} in the outbox`);
}

async function logIn(page: Page) {
  await page.goto(`${server.url}/#portal`);
  const before = (await outbox()).filter((m) => m.channel === 'sms' && m.to === ADMIN_MOBILE).length;
  await typeInto(page, page.getByLabel('Benutzername'), 'demo.admin');
  await typeInto(page, page.getByLabel('Passwort').first(), 'Demo-Admin-Passwort-2026');
  await press(page, page.getByRole('button', { name: 'Anmelden' }), 'Enter');
  let pin = '';
  for (let i = 0; i < 100 && !pin; i++) {
    const sms = (await outbox()).filter((m) => m.channel === 'sms' && m.to === ADMIN_MOBILE);
    if (sms.length > before) pin = /\b(\d{6})\b/.exec(sms[0]!.text!)![1]!;
    else await new Promise((r) => setTimeout(r, 100));
  }
  await typeInto(page, page.getByLabel('SMS-Code'), pin);
  await press(page, page.getByRole('button', { name: 'Bestätigen' }), 'Enter');
  await page.getByText('Mein Profil').waitFor();
}

const noScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const CODE = new RegExp(`(?<![${CREDENTIAL_ALPHABET}])([${CREDENTIAL_ALPHABET}]{${CODE_LENGTH}})(?![${CREDENTIAL_ALPHABET}])`);

describe('new internet access credentials on the demo page, keyboard only', () => {
  it('pick an eligible contract → the warning → consent → generate: the encrypted PDF by e-mail, the code by SMS', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await logIn(page);

    const widget = page.locator('tk-credential-reset');
    await widget.getByRole('heading', { name: 'Neue Internet-Zugangsdaten', exact: true }).waitFor();
    // The intro names the seed's five contracts at once; the overview comes with the list (wait for it, not
    // for the intro's names). The main account's four eligible ones are cards; the customer numbers are the
    // main account's and its location's (whose contract is the fifth).
    await widget.getByRole('list', { name: 'Standort-/Filialübersicht' }).waitFor();
    for (const { name } of ELIGIBLE_CONTRACTS.filter((c) => c.name !== 'Cloud PBX Filialvertrag')) {
      expect(await widget.getByRole('radio', { name: new RegExp(`^${name}\\b`) }).count()).toBeGreaterThan(0);
    }
    expect(await widget.getByRole('combobox', { name: 'Kundennummer' }).getByRole('option', { name: /Filiale Zürich/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // A contract without an access line is shown, but cannot be chosen, and says why.
    const sipTrunk = widget.getByRole('radio', { name: /SIP-Trunk/ }).first();
    expect(await sipTrunk.isDisabled()).toBe(true);
    await widget.getByText(/keinen Anschluss/).first().waitFor();

    // Choose "CompanyFlex Access Plus" with the arrow keys and go on.
    await chooseRadio(page, widget.getByRole('radio', { name: /CompanyFlex Access Plus/ }));
    await press(page, widget.getByRole('button', { name: 'Weiter' }), 'Enter');

    // The seed's warning comes before anything can be generated, with the masked addresses.
    await widget.getByText(/sofort ungültig/).waitFor();
    await widget.getByText(/Telefongespräche/).waitFor();
    await widget.getByText(/Easy Login/).waitFor();
    await widget.getByText(/•/).first().waitFor();
    expect(await widget.getByText('admin@muster-hoertechnik.example').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Without the consent nothing is sent, and the error names the checkbox.
    const sent = (await outbox()).length;
    const generate = widget.getByRole('button', { name: 'Neue Internet-Zugangsdaten generieren' });
    await press(page, generate, 'Enter');
    const consent = widget.getByRole('checkbox', { name: /einverstanden/i });
    await expect.poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    await widget.getByRole('button', { name: /^Einverständnis: / }).waitFor(); // the error summary names the field and leads to it
    expect((await outbox()).length).toBe(sent);
    expect(await axeViolations(page)).toEqual([]);

    await press(page, consent, 'Space');
    await press(page, generate, 'Enter');
    await widget.getByRole('heading', { name: /Neue Zugangsdaten sind unterwegs/ }).waitFor();
    await widget.getByText(/•/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The outbox: the SMS with the code, the e-mail with the PDF, the operator's provisioning webhook.
    const sms = await waitFor((m) => m.channel === 'sms' && m.to === ADMIN_MOBILE && CODE.test(m.text ?? ''), 'SMS with a code');
    const code = CODE.exec(sms.text!)![1]!;
    const mail = await waitFor((m) => m.channel === 'email' && m.to === ADMIN_EMAIL && m.attachments.some((a) => a.contentType === 'application/pdf'), 'e-mail with a PDF');
    const webhook = await waitFor((m) => m.channel === 'webhook' && m.event === 'contract.credentials_rotated', 'provisioning webhook');
    const { pppoeUsername, password } = webhook.data as { pppoeUsername: string; password: string };
    expect(password).toHaveLength(20);
    for (const secret of [code, password]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.html ?? '').not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
    }
    expect(sms.text).not.toContain(password);

    // The PDF opens with the code, and only with it: AES-256 (R6, AESV3), the new credentials inside.
    const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    const file = join(dir, 'credentials.pdf');
    writeFileSync(file, Buffer.from(await (await fetch(attachment.url)).arrayBuffer()));
    const encrypt = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=encrypt', `--password=${code}`, file], { encoding: 'utf8' })) as {
      encrypt: { encrypted: boolean; userpasswordmatched: boolean; ownerpasswordmatched: boolean; parameters: { V: number; R: number; bits: number; method: string } };
    };
    expect(encrypt.encrypt.encrypted).toBe(true);
    expect(encrypt.encrypt.userpasswordmatched).toBe(true);
    expect(encrypt.encrypt.ownerpasswordmatched).toBe(false); // the owner password is another, random one
    expect(encrypt.encrypt.parameters).toMatchObject({ V: 5, R: 6, bits: 256, method: 'AESv3' });
    const text = execFileSync('pdftotext', ['-upw', code, file, '-'], { encoding: 'utf8' });
    expect(text).toContain(pppoeUsername);
    expect(text).toContain(password);
    expect(spawnSync('pdftotext', [file, '-']).status).not.toBe(0);
    expect(spawnSync('pdftotext', ['-upw', `${code.slice(1)}x`, file, '-']).status).not.toBe(0);

    // Neither the page nor its accessibility tree shows the code or the password.
    const shown = await page.evaluate(() => {
      const texts: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        texts.push((root instanceof Document ? root.body : root).textContent ?? '');
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      return texts.join('\n');
    });
    expect(shown).not.toContain(code);
    expect(shown).not.toContain(password);

    // Back to the contract overview.
    await press(page, widget.getByRole('button', { name: 'Zurück zur Vertragsübersicht' }), 'Enter');
    await widget.getByRole('radio', { name: /CompanyFlex Access Plus/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('in English and dark: the warning and the overview, axe-clean', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await logIn(page);
    await press(page, page.getByRole('button', { name: 'English' }), 'Enter');
    await press(page, page.getByRole('button', { name: 'Dark' }), 'Enter');
    const widget = page.locator('tk-credential-reset');
    await widget.getByRole('heading', { name: 'New internet access credentials', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The location's contracts: its customer number chosen with the arrow keys.
    await tabTo(page, widget.getByRole('combobox', { name: 'Customer number' }));
    await page.keyboard.press('ArrowDown');
    await chooseRadio(page, widget.getByRole('radio', { name: /Cloud PBX Filialvertrag/ }));
    await press(page, widget.getByRole('button', { name: 'Next' }), 'Enter');
    await widget.getByText(/Easy Login/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, widget.getByRole('checkbox'));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
