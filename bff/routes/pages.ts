import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';

import type { Locale } from '../../contract/enums.js';
import { problemTitle } from '../../contract/errors.js';
import { confirmMessages } from '../lib/i18n.js';
import { emailLinks, signups, tenants, users } from '../db/schema/index.js';
import { redeemLink, resendConfirmation } from '../domain/signups.js';
import type { AppEnv } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';

const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The fallback page's texts: the widget's, and the problem titles for broken links. */
const texts = (locale: Locale, purpose?: string) => ({
  ...confirmMessages.texts(locale),
  ...(purpose === 'email_change' && {
    title: confirmMessages.t(locale, 'email_title'),
    intro: confirmMessages.t(locale, 'email_intro'),
    button: confirmMessages.t(locale, 'email_button'),
    confirmed: confirmMessages.t(locale, 'email_confirmed'),
    already_confirmed: confirmMessages.t(locale, 'email_already_confirmed'),
  }),
  link_expired: problemTitle('link_expired', locale),
  link_superseded: problemTitle('link_superseded', locale),
  link_invalid: problemTitle('link_invalid', locale),
});

const STYLES = `body{font:1rem/1.5 system-ui,sans-serif;color:#1b1b1f;background:#fff;max-width:40rem;margin:0 auto;padding:1.5rem}
.brand{font-weight:800;font-size:1.25rem}h1{font-size:1.5rem}button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.375rem;border:2px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}.message{border-inline-start:.5rem solid #0b57d0;padding:.75rem 1rem;background:#f5f6f8}
@media (prefers-color-scheme:dark){body{background:#16141a;color:#f3f1f6;--tk-color-text:#f3f1f6;--tk-color-text-muted:#c9c4d1;--tk-color-background:#16141a;--tk-color-surface:#231f29;--tk-color-border:#a39cad;--tk-color-danger:#ffb4ab;--tk-color-success:#8fd6a0;--tk-color-primary:#8ab4f8;--tk-color-on-primary:#111}.message{background:#231f29}button{background:#8ab4f8;border-color:#8ab4f8;color:#111}}`;

/** The link's tenant and the signup's language, for branding the page. */
async function context(db: AppEnv['Variables']['deps']['db'], token: string) {
  const [row] = await db
    .select({ tenant: tenants, locale: signups.locale, purpose: emailLinks.purpose, link: emailLinks })
    .from(emailLinks)
    .innerJoin(tenants, eq(tenants.id, emailLinks.tenantId))
    .leftJoin(signups, eq(signups.id, emailLinks.subjectId))
    .where(eq(emailLinks.tokenHash, sha256(token)))
    .limit(1);
  return row;
}

function page(t: { title: string }, locale: Locale, brand: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t.title} – ${brand}</title>
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

/** The set-password page runs the `<tk-password-setup>` widget from this BFF: its script and its API calls. */
const widgetPageHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', PAGE_CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';"));
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
};

export const pageRoutes = new Hono<AppEnv>()
  .use('/set-password', widgetPageHeaders)
  .get('/set-password', async (c) => {
    const token = c.req.query('token') ?? '';
    const { db } = c.get('deps');
    const found = token ? await context(db, token) : undefined;
    // Only for a link that can still be used: the holder of the link is the user it was sent to.
    const [user] =
      found?.link.purpose === 'set_password' && !found.link.usedAt && !found.link.supersededAt && found.link.expiresAt > c.get('deps').clock.now()
        ? await db.select({ username: users.username }).from(users).where(eq(users.id, found.link.subjectId))
        : [];
    // The e-mail's language (the link says it), else the browser's.
    const lang = c.req.query('lang');
    const locale: Locale = lang === 'de' || lang === 'en' ? lang : c.get('locale');
    const title = locale === 'de' ? 'Passwort festlegen' : 'Set your password';
    // Outside production the demo page hosts the login; a tenant's own portal would link its own.
    const loginUrl = c.get('deps').env.nodeEnv === 'production' ? '' : '/#portal';
    return c.html(
      page(
        { title },
        locale,
        found?.tenant.name ?? '',
        html`<tk-password-setup heading-level="1" locale="${locale}" login-url="${loginUrl}" username="${user?.username ?? ''}"></tk-password-setup>
          <script type="module" src="/telkit/password-setup.js"></script>`,
      ),
      found ? 200 : 404,
    );
  })
  .use('/confirm', pageHeaders)
  .use('/confirm/*', pageHeaders)
  .get('/pages.css', (c) => c.body(STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }))
  .get('/confirm', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token ? await context(c.get('deps').db, token) : undefined;
    const locale = (found?.locale as Locale | undefined) ?? c.get('locale');
    const t = texts(locale, found?.purpose);
    if (!found) return c.html(page(t, locale, '', html`<h1>${t.title}</h1><p class="message" role="alert">${t.link_invalid}</p>`), 404);
    return c.html(
      page(
        t,
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
    const t = texts(locale, found?.purpose);
    const message = (text: string, status: 200 | 404 | 410, extra: ReturnType<typeof html> | string = '') =>
      c.html(page(t, locale, found?.tenant.name ?? '', html`<h1>${t.title}</h1><p class="message" role="status">${text}</p>${extra}`), status);
    if (!found) return message(t.link_invalid, 404);
    const { db, clock, env } = c.get('deps');
    try {
      const result = await db.transaction((tx) => redeemLink(tx, found.tenant, token, clock.now(), env.publicUrl, locale));
      return message(result.status === 'confirmed' ? t.confirmed : t.already_confirmed, 200);
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
    const t = texts(locale);
    if (!found) return c.html(page(t, locale, '', html`<h1>${t.title}</h1><p class="message" role="status">${t.link_invalid}</p>`), 404);
    const { db, clock, env } = c.get('deps');
    const result = await db.transaction((tx) => resendConfirmation(tx, found.tenant, token, clock.now(), env.publicUrl));
    return c.html(page(t, locale, found.tenant.name, html`<h1>${t.title}</h1><p class="message" role="status">${result.status === 'sent' ? t.sent : t.already_confirmed}</p>`), 200);
  });

