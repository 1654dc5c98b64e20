import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectProblems, launch } from './helpers/browser.js';
import { type Started, startFresh } from './helpers/server.js';

let server: Started;
let browser: Browser;

beforeAll(async () => {
  server = await startFresh('demo');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the demo page', () => {
  it('runs under its strict CSP with no console errors, shows the tenant, in both languages and themes, axe-clean', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    const response = await page.goto(`${server.url}/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');

    // The provider, defined lazily by loader.js, shows the reseller's name.
    await page.getByText('Ein Service von Demo Reseller').waitFor();
    expect(await page.evaluate(() => Boolean(customElements.get('tk-provider')))).toBe(true);
    // loader.js asked for every file of the page's widgets at once (one round trip after the loader): each
    // widget's chunk by importing it, the files those import by preloading them; and for nothing that loads
    // on demand
    const preloads = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => new URL(l.href).pathname));
    for (const file of [/^\/telkit\/chunks\/shared-/, /^\/telkit\/chunks\/portal-/, /^\/telkit\/chunks\/rt-/]) {
      expect(preloads.some((p) => file.test(p)), String(file)).toBe(true);
    }
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
    for (const file of [/^\/telkit\/chunks\/signup-/, /^\/telkit\/chunks\/profile-/]) {
      expect(fetched.some((p) => file.test(p)), String(file)).toBe(true);
    }
    expect(preloads.filter((p) => /chunks\/(pin|iban|locale-[a-z]+-[\w-]+)-/.test(p))).toEqual([]);
    expect(new Set(preloads).size).toBe(preloads.length);
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: tab to the language switch and press it.
    const english = page.getByRole('button', { name: 'English' });
    for (let i = 0; i < 20 && !(await english.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('A service of Demo Reseller').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Dark' }).click();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('tk-provider')!).getPropertyValue('--tk-color-primary').trim())).toBe(
      '#d8b4fe',
    );
    expect(await axeViolations(page)).toEqual([]);

    // and German again, dark
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByText('Ein Service von Demo Reseller').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    expect(problems, problems.join("\n")).toEqual([]);
  });

  it('serves the widget build to any origin, with long caching for hashed chunks', async () => {
    const loader = await fetch(`${server.url}/telkit/loader.js`, { headers: { origin: 'https://shop.example' } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const entry = await (await fetch(`${server.url}/telkit/provider.js`)).text();
    const chunk = /chunks\/[\w-]+\.js/.exec(entry)![0];
    const res = await fetch(`${server.url}/telkit/${chunk}`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/telkit/../package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/telkit/%2e%2e/bff/env.ts`)).status).toBe(404);
  });
});
