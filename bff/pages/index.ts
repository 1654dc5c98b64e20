import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { confirmPage } from './confirm.js';
import { setPasswordPage } from './set-password.js';

/**
 * The BFF's own HTML pages, one file per page, behind the links in its e-mails. They are not part of the
 * typed `/v1` API: each page module is mounted at its path and sets its headers with `pageHeaders`. Their
 * styles are inline (critical CSS under a nonce): no stylesheet blocks the first paint.
 */
export const pageRoutes = new Hono<AppEnv>()
  .route('/confirm', confirmPage)
  .route('/set-password', setPasswordPage);
