import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { problemTitle } from '../../contract/errors.js';
import { isLocale } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { redeemLink, resendConfirmation } from '../domain/signups.js';
import { clientIp } from '../lib/client-ip.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { confirmMessages, pageMessages } from '../lib/i18n.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { appearanceOf, page, pageHeaders } from './layout.js';
import { linkOf } from './link.js';

/** The texts of `<tk-confirm>` (the same catalogue), for a signup or a new e-mail address, and the problem titles for broken links. */
function texts(locale: Locale, purpose?: string) {
  const t = confirmMessages.texts(locale);
  const email = purpose === 'email_change';
  if (purpose === 'sub_user') {
    // A co-user did not sign up: the admin of a business account registered them, and renews the link.
    const p = (key: Parameters<typeof pageMessages.t>[1]) => pageMessages.t(locale, key);
    return {
      title: p('subUser.title'),
      intro: p('subUser.intro'),
      button: p('subUser.button'),
      confirmed: p('subUser.confirmed'),
      already_confirmed: p('subUser.alreadyConfirmed'),
      resend: t.resend,
      sent: t.sent,
      link_expired: p('subUser.expired'),
      link_superseded: p('subUser.superseded'),
      link_invalid: problemTitle('link_invalid', locale),
    };
  }
  return {
    title: email ? t.email_title : t.title,
    intro: email ? t.email_intro : t.intro,
    button: email ? t.email_button : t.button,
    confirmed: email ? t.email_confirmed : t.confirmed,
    already_confirmed: email ? t.email_already_confirmed : t.already_confirmed,
    resend: t.resend,
    sent: t.sent,
    link_expired: problemTitle('link_expired', locale),
    link_superseded: problemTitle('link_superseded', locale),
    link_invalid: problemTitle('link_invalid', locale),
  };
}

/** The link's language: the e-mail's (the link says it), else the signup's, else the browser's. */
const localeOf = (c: Context<AppEnv>, found: Awaited<ReturnType<typeof linkOf>>): Locale => {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : isLocale(found?.locale) ? found.locale : c.get('locale');
};

/** The query every following page keeps: the language, and the appearance when the link named one. */
function carried(locale: Locale, appearance: ReturnType<typeof appearanceOf>, token?: string) {
  const query = new URLSearchParams({ ...(token && { token }), lang: locale, ...(appearance && { theme: appearance }) });
  return `?${query}`;
}

/** A page that says one thing (`role="status"`), in the link's language and the tenant's colours. */
function messagePage(c: Context<AppEnv>, found: Awaited<ReturnType<typeof linkOf>>, locale: Locale, appearance: ReturnType<typeof appearanceOf>, title: string) {
  return (text: string, status: 200 | 404 | 410, extra: ReturnType<typeof html> | string = '') =>
    c.html(
      page(c, {
        title,
        locale,
        brand: found?.tenant.name ?? '',
        theme: found?.tenant.theme,
        appearance,
        body: html`<h1>${title}</h1><p class="message" role="status">${text}</p>${extra}`,
      }),
      status,
    );
}

const tokenIn = async (c: { req: { parseBody: () => Promise<Record<string, unknown>> } }) => {
  const form = await c.req.parseBody();
  return typeof form.token === 'string' ? form.token : '';
};

/**
 * `/confirm`: the branded fallback page behind the confirmation link, for tenants that host no
 * `<tk-confirm>`. Opening the link only shows a button (mail scanners that follow links confirm nothing);
 * pressing it confirms. An expired link offers a new one.
 */
export const confirmPage = new Hono<AppEnv>()
  .use(pageHeaders())
  .get('/', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = await linkOf(c.get('deps').db, token);
    const locale = localeOf(c, found);
    const appearance = appearanceOf(c.req.query('theme'));
    const t = texts(locale, found?.purpose);
    if (!found) return c.html(page(c, { title: t.title, locale, brand: '', appearance, body: html`<h1>${t.title}</h1><p class="message" role="alert">${t.link_invalid}</p>` }), 404);
    return c.html(
      page(c, {
        title: t.title,
        locale,
        brand: found.tenant.name,
        theme: found.tenant.theme,
        appearance,
        body: html`<h1>${t.title}</h1>
          <p>${t.intro}</p>
          <form method="post" action="/confirm${carried(locale, appearance)}">
            <input type="hidden" name="token" value="${token}" />
            <button type="submit">${t.button}</button>
          </form>`,
      }),
      200,
    );
  })
  .post('/', rateLimit({ name: 'pages.confirm', limit: 60, windowSeconds: 3600 }, byIp), async (c) => {
    const token = await tokenIn(c);
    const found = await linkOf(c.get('deps').db, token);
    const locale = localeOf(c, found);
    const appearance = appearanceOf(c.req.query('theme'));
    const t = texts(locale, found?.purpose);
    const message = messagePage(c, found, locale, appearance, t.title);
    if (!found) return message(t.link_invalid, 404);
    const { db, clock, env } = c.get('deps');
    try {
      const result = await db.transaction((tx) => redeemLink(tx, { tenant: found.tenant, token, now: clock.now(), publicUrl: env.publicUrl, locale, ip: clientIp(c), budget: flowContext(c).budget }));
      if ('setPasswordToken' in result) {
        // No dead end: on to setting the password, with the credentials e-mail's own single-use link.
        const p = (key: Parameters<typeof pageMessages.t>[1]) => pageMessages.t(locale, key);
        return message(
          t.confirmed,
          200,
          html`<p>${p('confirm.username')} <span class="username">${result.username}</span></p>
            <p>${p('confirm.usernameHint')}</p>
            <p><a class="button" href="/set-password${carried(locale, appearance, result.setPasswordToken)}">${p('confirm.next')}</a></p>`,
        );
      }
      return message(result.status === 'confirmed' ? t.confirmed : t.already_confirmed, 200);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const code = error.code as 'link_expired' | 'link_superseded' | 'link_invalid';
      // A co-user's link is renewed by the admin who added them (`/v1/sub-users/:id/resend`), not from here.
      const resend =
        code === 'link_expired' && found.purpose !== 'sub_user'
          ? html`<form method="post" action="/confirm/resend${carried(locale, appearance)}"><input type="hidden" name="token" value="${token}" /><button type="submit">${t.resend}</button></form>`
          : '';
      return message(t[code] ?? t.link_invalid, code === 'link_invalid' ? 404 : 410, resend);
    }
  })
  .post('/resend', rateLimit({ name: 'pages.resend', limit: 10, windowSeconds: 3600 }, byIp), async (c) => {
    const token = await tokenIn(c);
    const found = await linkOf(c.get('deps').db, token);
    const locale = localeOf(c, found);
    const t = texts(locale);
    const message = messagePage(c, found, locale, appearanceOf(c.req.query('theme')), t.title);
    if (!found) return message(t.link_invalid, 404);
    const { db, clock, env } = c.get('deps');
    try {
      const result = await db.transaction((tx) => resendConfirmation(tx, found.tenant, token, clock.now(), env.publicUrl));
      return message(result.status === 'sent' ? t.sent : t.already_confirmed, 200);
    } catch (error) {
      // A newer link exists, or the signup expired: said on the page, like the link's own answers.
      if (!(error instanceof ApiError) || (error.code !== 'link_superseded' && error.code !== 'link_expired')) throw error;
      return message(t[error.code], 410);
    }
  });
