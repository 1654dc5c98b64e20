import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../contract/enums.js';
import { emailLinks, signups, tenants } from '../db/schema/index.js';
import { confirmSignup, resendConfirmation } from '../domain/signups.js';
import type { AppEnv } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';

const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const TEXT = {
  de: {
    title: 'Anmeldung bestätigen',
    intro: 'Bitte bestätigen Sie Ihre E-Mail-Adresse. Danach richten wir Ihr Konto ein und senden Ihnen Ihre Zugangsdaten.',
    button: 'Anmeldung bestätigen',
    confirmed: 'Vielen Dank! Ihr Konto ist eingerichtet. Ihre Zugangsdaten und einen Link zum Festlegen Ihres Passworts haben wir Ihnen per E-Mail geschickt.',
    already: 'Diese Anmeldung ist bereits bestätigt. Ihre Zugangsdaten haben wir Ihnen per E-Mail geschickt.',
    link_expired: 'Dieser Link ist abgelaufen. Sie können einen neuen Link anfordern.',
    link_superseded: 'Es gibt einen neueren Link. Bitte verwenden Sie den Link aus der neuesten E-Mail.',
    link_invalid: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig geöffnet haben.',
    resend: 'Neuen Link anfordern',
    sent: 'Wir haben Ihnen einen neuen Link geschickt. Er gilt 24 Stunden.',
  },
  en: {
    title: 'Confirm your signup',
    intro: 'Please confirm your e-mail address. Then we set up your account and send you your details.',
    button: 'Confirm signup',
    confirmed: 'Thank you! Your account is ready. We have sent you your details and a link to set your password by e-mail.',
    already: 'This signup is confirmed already. We have sent you your details by e-mail.',
    link_expired: 'This link has expired. You can request a new link.',
    link_superseded: 'There is a newer link. Please use the link from the latest e-mail.',
    link_invalid: 'This link is not valid. Please check that you opened it completely.',
    resend: 'Request a new link',
    sent: 'We have sent you a new link. It is valid for 24 hours.',
  },
} as const;

const STYLES = `body{font:1rem/1.5 system-ui,sans-serif;color:#1b1b1f;background:#fff;max-width:40rem;margin:0 auto;padding:1.5rem}
.brand{font-weight:800;font-size:1.25rem}h1{font-size:1.5rem}button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.375rem;border:2px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}.message{border-inline-start:.5rem solid #0b57d0;padding:.75rem 1rem;background:#f5f6f8}
@media (prefers-color-scheme:dark){body{background:#16141a;color:#f3f1f6}.message{background:#231f29}button{background:#8ab4f8;border-color:#8ab4f8;color:#111}}`;

/** The link's tenant and the signup's language, for branding the page. */
async function context(db: AppEnv['Variables']['deps']['db'], token: string) {
  const [row] = await db
    .select({ tenant: tenants, locale: signups.locale })
    .from(emailLinks)
    .innerJoin(tenants, eq(tenants.id, emailLinks.tenantId))
    .leftJoin(signups, eq(signups.id, emailLinks.subjectId))
    .where(eq(emailLinks.tokenHash, sha256(token)))
    .limit(1);
  return row;
}

function page(locale: Locale, brand: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${TEXT[locale].title} – ${brand}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/pages.css" />
      </head>
      <body>
        <header><p class="brand">${brand}</p></header>
        <main>${body}</main>
      </body>
    </html>`;
}

/**
 * The branded fallback page behind the confirmation link, for tenants that host no `<tk-confirm>`:
 * the link only shows a button (mail scanners that follow links confirm nothing); pressing it confirms.
 */
const pageHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Referrer-Policy', 'no-referrer'); // the token is in the URL
  c.header('Cache-Control', 'no-store');
};

export const pageRoutes = new Hono<AppEnv>()
  .use('/confirm', pageHeaders)
  .use('/confirm/*', pageHeaders)
  .get('/pages.css', (c) => c.body(STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }))
  .get('/confirm', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token ? await context(c.get('deps').db, token) : undefined;
    const locale = (found?.locale as Locale | undefined) ?? c.get('locale');
    const t = TEXT[locale];
    if (!found) return c.html(page(locale, '', html`<h1>${t.title}</h1><p class="message" role="alert">${t.link_invalid}</p>`), 404);
    return c.html(
      page(
        locale,
        found.tenant.name,
        html`<h1>${t.title}</h1>
          <p>${t.intro}</p>
          <form method="post" action="/confirm">
            <input type="hidden" name="token" value="${token}" />
            <button type="submit">${t.button}</button>
          </form>`,
      ),
      200,
    );
  })
  .post('/confirm', rateLimit({ name: 'pages.confirm', limit: 60, windowSeconds: 3600 }, byIp), async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const found = token ? await context(c.get('deps').db, token) : undefined;
    const locale = (found?.locale as Locale | undefined) ?? c.get('locale');
    const t = TEXT[locale];
    const message = (text: string, status: 200 | 404 | 410, extra: ReturnType<typeof html> | string = '') =>
      c.html(page(locale, found?.tenant.name ?? '', html`<h1>${t.title}</h1><p class="message" role="status">${text}</p>${extra}`), status);
    if (!found) return message(t.link_invalid, 404);
    const { db, clock, env } = c.get('deps');
    try {
      const result = await db.transaction((tx) => confirmSignup(tx, found.tenant, token, clock.now(), env.publicUrl));
      return message(result.status === 'confirmed' ? t.confirmed : t.already, 200);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const code = error.code as 'link_expired' | 'link_superseded' | 'link_invalid';
      const resend =
        code === 'link_expired'
          ? html`<form method="post" action="/confirm/resend"><input type="hidden" name="token" value="${token}" /><button type="submit">${t.resend}</button></form>`
          : '';
      return message(t[code] ?? t.link_invalid, code === 'link_invalid' ? 404 : 410, resend);
    }
  })
  .post('/confirm/resend', rateLimit({ name: 'pages.resend', limit: 10, windowSeconds: 3600 }, byIp), async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const found = token ? await context(c.get('deps').db, token) : undefined;
    const locale = (found?.locale as Locale | undefined) ?? c.get('locale');
    const t = TEXT[locale];
    if (!found) return c.html(page(locale, '', html`<h1>${t.title}</h1><p class="message" role="status">${t.link_invalid}</p>`), 404);
    const { db, clock, env } = c.get('deps');
    const result = await db.transaction((tx) => resendConfirmation(tx, found.tenant, token, clock.now(), env.publicUrl));
    return c.html(page(locale, found.tenant.name, html`<h1>${t.title}</h1><p class="message" role="status">${result.status === 'sent' ? t.sent : t.already}</p>`), 200);
  });

