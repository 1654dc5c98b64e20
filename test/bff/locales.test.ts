import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLocale } from '../../contract/i18n.js';
import { mandateText } from '../../contract/legal.js';
import type { Locale } from '../../contract/locales.js';
import { sepaMandates, tariffs } from '../../bff/db/schema/index.js';
import { loadEverywhere } from '../../bff/lib/i18n.js';
import { passwordChangedEmail, pinSms } from '../../bff/messaging/templates/portal.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

// A third locale from its files alone: test/fixtures/locale-fr/<feature>.ts, registered here as an
// embedder or a new built-in locale would be (see README "Locales"). Pseudo-translated: "[fr] …".
const fr = 'fr' as Locale;
registerLocale(fr, { tag: 'fr-CH', load: (feature) => import(`../fixtures/locale-fr/${feature}.ts`) });

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  await loadEverywhere(fr); // what the BFF does at start for every locale it knows
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'locale');
});
afterAll(() => t.close());

describe('a third locale added as a fixture', () => {
  it('is picked up by the e-mails, the evidence, the pages and the problems, from the Accept-Language header on', async () => {
    const [tariff] = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
    const body: Record<string, any> = privateSignup();
    body.tariffId = tariff!.id;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    const headers = { 'accept-language': 'fr-CH, de;q=0.5' };

    const invalid = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body: { ...body, person: { ...body.person, email: 'x' } }, headers });
    expect(invalid.json.title).toBe('[fr] Bitte prüfen Sie Ihre Eingaben.');
    expect(invalid.json.errors[0].message).toMatch(/^\[fr\] /);

    const res = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body, headers });
    expect(res.status).toBe(201);
    const [confirmation] = await emailsOf(t.db, tenant.id);
    expect(confirmation).toMatchObject({
      subject: `[fr] Bitte bestätigen Sie Ihre Kontoeröffnung bei ${tenant.name}`,
      templateId: 'signup-confirmation/fr/1',
    });
    expect(confirmation!.text).toContain('[fr] Guten Tag Anna Müller,');
    expect(confirmation!.html).toContain('<html lang="fr">');
    expect(confirmation!.text).toContain('[fr] Fragen? Schreiben Sie an');
    const [mandate] = await t.db.select().from(sepaMandates).where(eq(sepaMandates.reference, res.json.mandateReference));
    expect(mandate!.mandateText).toBe(mandateText(fr, 'core', tenant.name));
    expect(mandate!.mandateText).toMatch(/^\[fr\] SEPA-Lastschriftmandat: /);

    const token = tokenIn(confirmation!, '/confirm');
    const page = await (await t.app.request(`/confirm?token=${token}`)).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<button type="submit">[fr] Kontoeröffnung bestätigen</button>');
    const confirmed = await t.app.request('/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
    expect(await confirmed.text()).toContain('[fr] Vielen Dank!');
    const credentials = (await emailsOf(t.db, tenant.id)).at(-1)!;
    expect(credentials.templateId).toBe('signup-credentials/fr/1');
    expect(credentials.text).toContain('[fr] Kundennummer: ');
    expect(credentials.text).toMatch(/set-password\?token=[\w-]+&lang=fr/);
    const setPassword = await (await t.app.request(`/set-password?token=x&lang=fr`)).text();
    expect(setPassword).toContain('<title>[fr] Passwort festlegen – </title>');
  });

  it('is picked up by the SMS, and dates are formatted with its Intl tag', () => {
    expect(pinSms('Hörwerk', fr, 'login', '123456', 10)).toBe('[fr] Hörwerk: Ihr Anmelde-Code lautet 123456. Er gilt 10 Minuten. Geben Sie ihn niemandem weiter.');
    const brand = { name: 'Hörwerk', supportEmail: 'hilfe@example.com', mailFromName: 'Hörwerk', mailFromAddress: 'no-reply@example.com' };
    const mail = passwordChangedEmail(brand, fr, { name: 'Anna', username: 'anna', at: new Date('2026-03-01T12:00:00Z') });
    expect(mail.text).toContain('1 mars 2026');
  });
});
