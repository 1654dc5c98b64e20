import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';

export const portOrderDocumentRoutes = new Hono<AppEnv>();
