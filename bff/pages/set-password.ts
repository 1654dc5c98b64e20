import { DEMO_LOGIN_URL } from '../dev/demo.js';
import { redeemable } from '../domain/links.js';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isLocale } from '../../contract/i18n.js';
import { users } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { pageMessages } from '../lib/i18n.js';
import { appearanceOf, page, pageHeaders } from './layout.js';
import { linkOf } from './link.js';

/** `/set-password`: the page behind the activation and reset links; it runs `<tk-password-setup>` from this BFF (its script and its API calls). */
export const setPasswordPage = new Hono<AppEnv>().use(pageHeaders({ widget: true })).get('/', async (c) => {
  const token = c.req.query('token') ?? '';
  const { db, clock, env } = c.get('deps');
  const found = await linkOf(db, token);
  // Only for a link that can still be used: the holder of the link is the user it was sent to.
  const [user] =
    found?.link.purpose === 'set_password' && redeemable(found.link, clock.now())
      ? await db.select({ username: users.username }).from(users).where(eq(users.id, found.link.subjectId))
      : [];
  // The e-mail's language (the link says it), else the browser's.
  const lang = c.req.query('lang');
  const locale = isLocale(lang) ? lang : c.get('locale');
  const appearance = appearanceOf(c.req.query('theme'));
  // Outside production the demo page hosts the login (in the e-mail's language and the page's appearance);
  // a tenant's own portal would link its own.
  const carried = new URLSearchParams({ lang: locale, ...(appearance && { theme: appearance }) });
  const loginUrl = env.nodeEnv === 'production' ? '' : DEMO_LOGIN_URL.replace('/#', `/?${carried}#`);
  return c.html(
    page(c, {
      title: pageMessages.t(locale, 'setPassword.title'),
      locale,
      brand: found?.tenant.name ?? '',
      theme: found?.tenant.theme,
      appearance,
      body: html`<tk-password-setup heading-level="1" locale="${locale}" login-url="${loginUrl}" username="${user?.username ?? ''}"></tk-password-setup>
        <script type="module" src="/telkit/password-setup.js"></script>`,
    }),
    found ? 200 : 404,
  );
});
