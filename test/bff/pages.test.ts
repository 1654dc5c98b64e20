import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, tariffs } from '../../bff/db/schema/index.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

let t: TestApp;
let tenant: TestTenant;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'pages');
  const [tariff] = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  const body: Record<string, any> = privateSignup();
  body.tariffId = tariff!.id;
  body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body });
  token = tokenIn((await emailsOf(t.db, tenant.id))[0]!, '/confirm');
});
afterAll(() => t.close());

const form = (path: string, token: string) =>
  t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });

describe('the fallback confirmation page', () => {
  it('opening the link only shows a button (a mail scanner confirms nothing), under a strict CSP without referrer', async () => {
    const res = await t.app.request(`/confirm?token=${token}`);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain(tenant.name);
    expect(page).toContain('<button type="submit">Kontoeröffnung bestätigen</button>');
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await t.db.select().from(accounts).where(eq(accounts.tenantId, tenant.id))).toHaveLength(0);
  });

  it('pressing the button confirms; pressing it again says so; nothing is sent twice', async () => {
    const first = await form('/confirm', token);
    expect(await first.text()).toContain('Ihr Konto ist eingerichtet');
    const mails = (await emailsOf(t.db, tenant.id)).length;
    const again = await form('/confirm', token);
    expect(await again.text()).toContain('bereits bestätigt');
    expect((await emailsOf(t.db, tenant.id)).length).toBe(mails);
    expect(await t.db.select().from(accounts).where(eq(accounts.tenantId, tenant.id))).toHaveLength(1);
  });

  it('an expired link offers a new one; the old link, now superseded, cannot ask again (a page, not a 500)', async () => {
    const [tariff] = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
    const body: Record<string, any> = privateSignup();
    body.tariffId = tariff!.id;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    body.person.email = 'late.pages@example.com';
    await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body });
    const late = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'late.pages@example.com').at(-1)!, '/confirm');
    t.clock.advance(25 * 3_600_000);
    try {
      const expired = await form('/confirm', late);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('action="/confirm/resend');
      const sent = await form('/confirm/resend', late);
      expect(sent.status).toBe(200);
      const mails = (await emailsOf(t.db, tenant.id)).length;
      const again = await form('/confirm/resend', late);
      expect(again.status).toBe(410);
      expect(again.headers.get('content-type')).toContain('text/html');
      expect(await again.text()).toContain('einen neueren Link');
      expect((await emailsOf(t.db, tenant.id)).length).toBe(mails);
    } finally {
      t.clock.advance(-25 * 3_600_000);
    }
  });

  it('an unknown link is a clear 404 page, and the API routes keep their own headers', async () => {
    const res = await t.app.request('/confirm?token=nope-nope-nope-nope-nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Dieser Link ist ungültig');
    const api = await call(t.app, 'GET', '/v1/tenant', { key: tenant.secretKey });
    expect(api.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('the pages\' headers', () => {
  it('come from one middleware: no page runs a script unless it hosts a widget, none is cached, nothing else gets them', async () => {
    const confirm = await t.app.request(`/confirm?token=${token}`);
    expect(confirm.headers.get('content-security-policy')).not.toContain('script-src');
    expect(confirm.headers.get('cache-control')).toBe('no-store');
    const unknown = await t.app.request('/set-password?token=nope-nope-nope-nope-nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    // No stylesheet blocks the first paint: the styles are inline, allowed by this response's nonce only.
    const html = await confirm.text();
    const nonce = /<style nonce="([^"]+)">/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).not.toContain('rel="stylesheet"');
    expect(confirm.headers.get('content-security-policy')).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(confirm.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const second = await t.app.request(`/confirm?token=${token}`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    const api = await call(t.app, 'GET', '/v1/tenant', { key: tenant.secretKey });
    expect(api.headers.get('referrer-policy')).not.toBe('no-referrer');
  });
});

describe('the set-password page', () => {
  it('hosts <tk-password-setup> in the e-mail\'s language, names the user for password managers, allows only its own scripts', async () => {
    const { seedUser, setPasswordToken } = await import('./helpers/portal.js');
    const user = await seedUser(t.db, tenant);
    const link = await setPasswordToken(t.db, tenant, user);
    const res = await t.app.request(`/set-password?token=${link}&lang=en`, { headers: { 'accept-language': 'de' } });
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(`<title>Set your password – ${tenant.name}</title>`);
    expect(page).toContain(`username="${user.username}"`);
    expect(page).toContain('<script type="module" src="/telkit/password-setup.js"></script>');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'; connect-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    t.clock.advance(49 * 3_600_000); // expired: the page no longer says whose it was
    const late = await (await t.app.request(`/set-password?token=${link}`)).text();
    expect(late).not.toContain(user.username);
    t.clock.advance(-49 * 3_600_000);
  });
});

describe('branding, appearance and language carry over (issue 11.11)', () => {
  it('the pages wear the tenant\'s colours, not a fixed blue; dark when the link says so, else the browser decides', async () => {
    const { tenants } = await import('../../bff/db/schema/index.js');
    await t.db.update(tenants).set({ theme: { 'color-primary': '#6b21a8', radius: '0.75rem', 'font-family': 'x;}body{display:none' } }).where(eq(tenants.id, tenant.id));
    const page = await (await t.app.request(`/confirm?token=${token}`)).text();
    expect(page).toContain('--tk-color-primary:#6b21a8');
    expect(page).toContain('--tk-color-on-primary:#ffffff');
    expect(page).toContain('--tk-radius:0.75rem');
    expect(page).not.toContain('#0b57d0');
    expect(page).not.toContain('display:none'); // a value that would leave its declaration is dropped
    expect(page).toContain('@media (prefers-color-scheme:dark)');

    const dark = await (await t.app.request(`/confirm?token=${token}&theme=dark`)).text();
    expect(dark).toContain('color-scheme:dark');
    expect(dark).not.toContain('prefers-color-scheme');
    expect(dark).not.toContain('--tk-color-background:#ffffff');
    // The dark primary is the tenant's, lightened until it reads on the dark background.
    const primary = /--tk-color-primary:(#[0-9a-f]{6})/.exec(dark)![1]!;
    const { contrast } = await import('../../bff/messaging/templates/brand.js');
    expect(contrast(primary, '#16141a')).toBeGreaterThanOrEqual(4.5);
    expect(primary).not.toBe('#6b21a8');
    // …and the confirm form keeps it (and the language) for the page after it.
    expect(dark).toContain('action="/confirm?lang=de&amp;theme=dark"');
  });

  it('"set password" from an English e-mail stays English through to the login', async () => {
    const { seedUser, setPasswordToken } = await import('./helpers/portal.js');
    const user = await seedUser(t.db, tenant);
    const link = await setPasswordToken(t.db, tenant, user);
    const page = await (await t.app.request(`/set-password?token=${link}&lang=en&theme=dark`, { headers: { 'accept-language': 'de' } })).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('login-url="/?lang=en&amp;theme=dark#portal"');
    expect(page).toContain('color-scheme:dark');
  });
});
