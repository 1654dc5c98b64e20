import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';

/** `/dev/operator`: the demo's operator console (non-production only). */
export const devOperatorRoutes = new Hono<AppEnv>();
