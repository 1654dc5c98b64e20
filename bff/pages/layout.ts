import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../contract/locales.js';
import type { AppEnv } from '../lib/context.js';

/**
 * The one set of headers of every page: a strict CSP (scripts and API calls only from this BFF, and only
 * for a page that hosts a widget), no referrer (the link's token is in the URL), no caching.
 */
export function pageHeaders(options: { widget?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const csp = [
    "default-src 'none'",
    ...(options.widget ? ["script-src 'self'", "connect-src 'self'"] : []),
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  };
}

/** `/pages.css`: the pages' only styles (no inline styles under the CSP). */
export const PAGE_STYLES = `body{font:1rem/1.5 system-ui,sans-serif;color:#1b1b1f;background:#fff;max-width:40rem;margin:0 auto;padding:1.5rem}
.brand{font-weight:800;font-size:1.25rem}h1{font-size:1.5rem}button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.375rem;border:2px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}.message{border-inline-start:.5rem solid #0b57d0;padding:.75rem 1rem;background:#f5f6f8}
@media (prefers-color-scheme:dark){body{background:#16141a;color:#f3f1f6;--tk-color-text:#f3f1f6;--tk-color-text-muted:#c9c4d1;--tk-color-background:#16141a;--tk-color-surface:#231f29;--tk-color-border:#a39cad;--tk-color-danger:#ffb4ab;--tk-color-success:#8fd6a0;--tk-color-primary:#8ab4f8;--tk-color-on-primary:#111}.message{background:#231f29}button{background:#8ab4f8;border-color:#8ab4f8;color:#111}}`;

/** A page in the tenant's name: its title, the brand line, the content. */
export function page(title: string, locale: Locale, brand: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – ${brand}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/pages.css" />
      </head>
      <body>
        <header><p class="brand">${brand}</p></header>
        <main>${body}</main>
      </body>
    </html>`;
}
