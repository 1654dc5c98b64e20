import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { html, raw } from 'hono/html';
import type { Locale } from '../../contract/locales.js';
import type { AppEnv } from '../lib/context.js';
import { contrast, safeColor, textOn } from '../messaging/templates/brand.js';

/** Each page response's style nonce: its one inline `<style>` (the critical CSS, nothing render-blocking). */
const nonces = new WeakMap<Request, string>();
export const styleNonce = (c: Context<AppEnv>) => nonces.get(c.req.raw) ?? '';

/**
 * The one set of headers of every page: a strict CSP (scripts and API calls only from this BFF, and only
 * for a page that hosts a widget; styles only from this BFF and the page's own nonce), no referrer (the
 * link's token is in the URL), no caching.
 */
export function pageHeaders(options: { widget?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nonce = randomBytes(16).toString('base64');
    nonces.set(c.req.raw, nonce);
    await next();
    const csp = [
      "default-src 'none'",
      ...(options.widget ? ["script-src 'self'", "connect-src 'self'"] : []),
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    c.header('Content-Security-Policy', csp);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  };
}

/** The page's appearance: `light` or `dark` when a link says so (`theme=`), else the browser's preference. */
export type Appearance = 'light' | 'dark' | undefined;
export const appearanceOf = (value: string | undefined): Appearance => (value === 'light' || value === 'dark' ? value : undefined);

/** The pages' styles, inlined into each page: every colour a `--tk-*` token (the tenant's, see {@link themeCss}). */
export const PAGE_STYLES = `body{font:1rem/1.5 var(--tk-font-family,system-ui,sans-serif);color:var(--tk-color-text);background:var(--tk-color-background);max-width:40rem;margin:0 auto;padding:1.5rem;overflow-wrap:anywhere}
.brand{font-weight:800;font-size:1.25rem;border-block-end:.25rem solid var(--tk-color-primary);padding-block-end:.5rem}h1{font-size:1.5rem}
button,.button{display:inline-block;font:inherit;font-weight:600;min-height:2.75rem;box-sizing:border-box;padding:.5rem 1.25rem;border-radius:var(--tk-radius,.375rem);border:2px solid var(--tk-color-primary);background:var(--tk-color-primary);color:var(--tk-color-on-primary);cursor:pointer;text-decoration:none}
:focus-visible{outline:3px solid var(--tk-color-primary);outline-offset:2px}.message{border-inline-start:.5rem solid var(--tk-color-primary);padding:.75rem 1rem;background:var(--tk-color-surface)}
.username{font-weight:700;font-size:1.125rem}
tk-password-setup:not(:defined){display:block;min-block-size:24rem}`;

const LIGHT: Record<string, string> = {
  'color-text': '#1b1b1f',
  'color-text-muted': '#4a4a55',
  'color-background': '#ffffff',
  'color-surface': '#f5f6f8',
  'color-border': '#6b6b76',
  'color-danger': '#b3261e',
  'color-success': '#146c2e',
  'color-warning': '#8a5a00',
};
const DARK: Record<string, string> = {
  'color-text': '#f3f1f6',
  'color-text-muted': '#c9c4d1',
  'color-background': '#16141a',
  'color-surface': '#231f29',
  'color-border': '#a39cad',
  'color-danger': '#ffb4ab',
  'color-success': '#8fd6a0',
  'color-warning': '#f5c26b',
};

/** Token names and values that cannot leave a declaration (no `;`, `}`, `<`, quotes or escapes). */
const SAFE_NAME = /^[a-z][a-z0-9-]{0,40}$/;
const SAFE_VALUE = /^[\w#%.,() -]{1,80}$/;

/** The tenant's primary colour lightened until it reads on the dark background (≥ 4.5:1). */
function darkPrimary(primary: string): string {
  const rgb = [1, 3, 5].map((i) => parseInt(primary.slice(i, i + 2), 16));
  for (let mix = 0; mix <= 1; mix += 0.05) {
    const hex = `#${rgb.map((v) => Math.round(v + (255 - v) * mix).toString(16).padStart(2, '0')).join('')}`;
    if (contrast(hex, DARK['color-background']!) >= 4.5) return hex;
  }
  return '#ffffff';
}

const declarations = (tokens: Record<string, string>) =>
  Object.entries(tokens)
    .map(([k, v]) => `--tk-${k}:${v}`)
    .join(';');

/**
 * The tenant's theme (its `--tk-*` tokens, as `<tk-provider>` applies them to widgets) for a page, light
 * and dark: the primary colour checked, the text on it readable, and in dark a lightened primary. With
 * `appearance` unset, the browser's `prefers-color-scheme` picks.
 */
export function themeCss(theme: Record<string, string>, appearance: Appearance): string {
  const primary = safeColor(theme['color-primary']);
  const own = Object.fromEntries(Object.entries(theme).filter(([k, v]) => SAFE_NAME.test(k) && SAFE_VALUE.test(v) && !k.startsWith('color-')));
  const light = { ...LIGHT, ...own, 'color-primary': primary, 'color-on-primary': textOn(primary), 'color-link': primary };
  const dim = darkPrimary(primary);
  const dark = { ...DARK, ...own, 'color-primary': dim, 'color-on-primary': textOn(dim), 'color-link': dim };
  const lightRule = `:root{color-scheme:light;${declarations(light)}}`;
  const darkRule = `:root{color-scheme:dark;${declarations(dark)}}`;
  if (appearance === 'light') return lightRule;
  if (appearance === 'dark') return darkRule;
  return `${lightRule}@media (prefers-color-scheme:dark){${darkRule}}`;
}

/** A page in the tenant's name and colours: its title, the brand line, the content; styles inline, nothing blocks rendering. */
export function page(
  c: Context<AppEnv>,
  o: { title: string; locale: Locale; brand: string; theme?: Record<string, string>; appearance?: Appearance; body: ReturnType<typeof html> },
) {
  const styles = `${themeCss(o.theme ?? {}, o.appearance)}\n${PAGE_STYLES}`;
  return html`<!doctype html>
    <html lang="${o.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} – ${o.brand}</title>
        <link rel="icon" href="data:," />
        <style nonce="${styleNonce(c)}">
          ${raw(styles)}
        </style>
      </head>
      <body>
        <header><p class="brand">${o.brand}</p></header>
        <main>${o.body}</main>
      </body>
    </html>`;
}
