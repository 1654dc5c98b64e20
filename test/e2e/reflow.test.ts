import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.js';
import { press, tabTo, typeInto } from './helpers/keyboard.js';
import { type Started, startFresh } from './helpers/server.js';

// WCAG 1.4.10 Reflow: at 320 CSS px nothing scrolls sideways — the demo page and every state of the signup
// (each step, its error summary, review, done) and the portal (login, forgot password, link sent, PIN step,
// profile, logged out), in both languages, against `npm start`: neither the page nor any widget.
let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('reflow');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The page's width against the viewport, and each widget's (every `tk-*` element of the page, its shadow
 * content included); on failure, the elements (through shadow roots) that stick out.
 */
async function expectReflow(page: Page, state: string) {
  await page.waitForTimeout(100); // let the step render
  const result = await page.evaluate(() => {
    const wide: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        if (right > innerWidth + 0.5) wide.push(`<${el.localName} class="${el.getAttribute('class') ?? ''}"> ends at ${Math.round(right)} px`);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    const widgets = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('tk-') && el.getClientRects().length);
    const widest = Math.max(0, ...widgets.map((el) => el.scrollWidth));
    return { scrollWidth: document.documentElement.scrollWidth, widest, innerWidth, wide: wide.slice(0, 8) };
  });
  expect(result.scrollWidth, `${state}: ${result.wide.join(', ')}`).toBeLessThanOrEqual(result.innerWidth);
  expect(result.widest, `${state}: a widget scrolls sideways: ${result.wide.join(', ')}`).toBeLessThanOrEqual(result.innerWidth);
}

const texts = {
  de: {
    brand: 'Ein Service von Demo Reseller',
    next: 'Weiter',
    private: /Privat/,
    username: 'Benutzername oder E-Mail-Adresse',
    password: 'Passwort',
    login: 'Anmelden',
    forgot: 'Passwort vergessen?',
    forgotLogin: 'Benutzername oder E-Mail-Adresse',
    sendLink: 'Link anfordern',
    pin: 'SMS-Code',
    changeEmail: 'E-Mail-Adresse ändern',
    changeMobile: 'Mobilnummer ändern',
    newMobile: 'Neue Mobilnummer',
    cancel: 'Abbrechen',
    logout: 'Abmelden',
  },
  en: {
    brand: 'A service of Demo Reseller',
    next: 'Continue',
    private: /Private/,
    username: 'Username or e-mail address',
    password: 'Password',
    login: 'Log in',
    forgot: 'Forgot your password?',
    forgotLogin: 'Username or e-mail address',
    sendLink: 'Send link',
    pin: 'Text message code',
    changeEmail: 'Change e-mail address',
    changeMobile: 'Change mobile number',
    newMobile: 'New mobile number',
    cancel: 'Cancel',
    logout: 'Log out',
  },
};

async function smsCount(): Promise<{ count: number; newest?: string }> {
  const { messages } = (await (await fetch(`${server.url}/dev/outbox.json`)).json()) as { messages: { channel: string; text: string }[] };
  const sms = messages.filter((m) => m.channel === 'sms');
  return { count: sms.length, newest: sms[0]?.text };
}

describe('reflow at 320 px', () => {
  for (const lang of ['de', 'en'] as const) {
    it(`${lang}: the demo page and the widget states reached by keyboard fit 320 px`, async () => {
      const t = texts[lang];
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.getByText(t.brand).waitFor();
      await expectReflow(page, 'demo page');

      // the built widgets keep their token styles (a broken minified rule falls back to the browser's look)
      const username = page.getByLabel(t.username, { exact: true });
      await tabTo(page, username);
      expect(await username.evaluate((el) => getComputedStyle(el).borderTopStyle + ' ' + getComputedStyle(el).outlineStyle)).toBe('solid solid');

      // signup: every step, its error summary, a long address and IBAN, the review, the done screen
      const signup = page.locator('tk-signup');
      const field = (name: string, input = 'input') => signup.locator(`[name="${name}"] ${input}`);
      const next = () => press(page, signup.getByRole('button', { name: t.next }), 'Enter');
      await next();
      await expectReflow(page, 'signup: error summary');
      await press(page, page.getByRole('radio', { name: t.private }), 'Space');
      await next();
      await expectReflow(page, 'signup: personal data');
      await next();
      await expectReflow(page, 'signup: personal data with errors');
      await field('person.salutation', 'select').selectOption({ index: 1 });
      await field('person.firstName').fill('Maximiliane-Friederike');
      await field('person.lastName').fill('Mustermann-Schnarrenberger');
      const date = field('person.birthDate');
      await date.nth(0).fill('27');
      await date.nth(1).fill('3');
      await date.nth(2).fill('1985');
      const tops = await date.evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
      expect(new Set(tops).size, `day, month and year on one line: ${tops.join(', ')}`).toBe(1);
      await field('person.address.street').fill('Hauptstraße');
      await field('person.address.houseNumber').fill('12');
      await field('person.address.postalCode').fill('10115');
      await field('person.address.city').fill('Berlin');
      await field('person.email').fill(`${lang}.a.rather.long.address.of.someone@subdomain.example-company.com`);
      await field('person.mobile').fill('0170 1234567');
      await expectReflow(page, 'signup: personal data, a long e-mail address');
      await next();
      await field('tariffId').first().waitFor();
      await expectReflow(page, 'signup: tariff and payment');
      await next();
      await expectReflow(page, 'signup: tariff and payment with errors');
      if (!(await field('tariffId').first().isChecked())) await field('tariffId').first().check();
      await field('payment.method').first().check(); // SEPA direct debit
      await field('payment.accountHolder').fill('Maximiliane-Friederike Mustermann-Schnarrenberger');
      await field('payment.iban').fill('DE89 3704 0044 0532 0130 00');
      await expectReflow(page, 'signup: SEPA, IBAN and mandate');
      // the whole IBAN is visible in its field, not cut off
      expect(await field('payment.iban').evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await field('payment.mandateAccepted').check();
      await next();
      await expectReflow(page, 'signup: terms');
      await next();
      await expectReflow(page, 'signup: terms with error');
      await field('terms.accepted').check();
      await next();
      await signup.locator('tk-summary').waitFor();
      await expectReflow(page, 'signup: review');
      await press(page, signup.locator('tk-button[type="submit"] button'), 'Enter');
      await signup.getByText(`${lang}.a.rather.long.address`).first().waitFor();
      await expectReflow(page, 'signup: done');

      // portal: login, its errors, forgot password (a long address in the answer), the PIN step, profile
      const login = page.getByRole('button', { name: t.login, exact: true });
      await press(page, login, 'Enter');
      await expectReflow(page, 'login: error summary');
      await typeInto(page, username, 'demo.admin');
      await typeInto(page, page.getByLabel(t.password, { exact: true }), 'not the password');
      await press(page, login, 'Enter');
      await expectReflow(page, 'login: wrong password');
      await press(page, page.getByRole('button', { name: t.forgot }), 'Enter');
      await expectReflow(page, 'forgot password');
      await typeInto(page, page.getByLabel(t.forgotLogin), 'a.rather.long.address.of.someone@subdomain.example-company.com');
      await press(page, page.getByRole('button', { name: t.sendLink }), 'Enter');
      await page.getByText('a.rather.long.address').waitFor();
      await expectReflow(page, 'forgot password: link sent');
      await press(page, page.getByRole('button', { name: t.login }), 'Enter');

      const sent = await smsCount();
      await typeInto(page, username, 'demo.admin');
      await typeInto(page, page.getByLabel(t.password, { exact: true }), 'Demo-Admin-Passwort-2026');
      await press(page, login, 'Enter');
      const code = page.getByLabel(t.pin);
      await code.waitFor();
      await expectReflow(page, 'PIN step');
      await typeInto(page, code, '000000');
      await page.keyboard.press('Enter');
      await page.getByText(lang === 'de' ? 'Noch 4 Versuche' : '4 more tries').waitFor();
      await expectReflow(page, 'PIN: wrong code, countdown');
      let sms = await smsCount();
      for (let i = 0; i < 50 && sms.count <= sent.count; i++) sms = (await new Promise((r) => setTimeout(r, 100)), await smsCount());
      await tabTo(page, code);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(/\b(\d{6})\b/.exec(sms.newest!)![1]!);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: t.changeMobile, exact: true }).waitFor();
      await expectReflow(page, 'profile');
      await press(page, page.getByRole('button', { name: t.changeMobile, exact: true }), 'Enter');
      await typeInto(page, page.getByLabel(t.newMobile), '030 123');
      await page.keyboard.press('Enter');
      await expectReflow(page, 'profile: mobile number with error');
      await press(page, page.getByRole('button', { name: t.cancel, exact: true }), 'Enter');
      await press(page, page.getByRole('button', { name: t.changeEmail, exact: true }), 'Enter');
      await expectReflow(page, 'profile: e-mail address');
      await press(page, page.getByRole('button', { name: t.cancel, exact: true }), 'Enter');
      await press(page, page.getByRole('button', { name: t.logout, exact: true }), 'Enter');
      await username.waitFor();
      await expectReflow(page, 'logged out');

      // the BFF's set-password page, whose widget renders without a loader
      await page.goto(`${server.url}/set-password?token=${'x'.repeat(43)}&lang=${lang}`);
      await page.locator('input[autocomplete="new-password"]').first().waitFor();
      await expectReflow(page, 'set-password page');
      await page.close();
    });
  }
});
