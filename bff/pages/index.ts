import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { confirmPage } from './confirm.js';
import { PAGE_STYLES } from './layout.js';
import { setPasswordPage } from './set-password.js';

/**
 * The BFF's own HTML pages, one file per page, behind the links in its e-mails. They are not part of the
 * typed `/v1` API: each page module is mounted at its path and sets its headers with `pageHeaders`.
 */
export const pageRoutes = new Hono<AppEnv>()
  .route('/confirm', confirmPage)
  .route('/set-password', setPasswordPage)
  .get('/pages.css', (c) => c.body(PAGE_STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
