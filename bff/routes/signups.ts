import { Hono } from 'hono';
import { fieldErrorMessage } from '../../contract/errors.js';
import { signupCreatedSchema } from '../../contract/confirmations.js';
import { checkSignupContext, signupSchema } from '../../contract/signup.js';
import { createSignup } from '../domain/signups.js';
import { clientIp } from '../lib/client-ip.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byIp } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

/** Today's date where the tenants are (Germany, Austria, Switzerland share a time zone). */
const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
const today = (now: Date) => berlinDate.format(now);

export const signupRoutes = new Hono<AppEnv>().post(
  '/',
  endpoint({
    summary: 'Create a signup (private, professional or business); sends the double-opt-in e-mail',
    tags: ['signup'],
    auth: ['publishable', 'secret'],
    idempotent: true,
    success: { status: 201, description: 'Stored as pending_confirmation; the confirmation e-mail is on its way', schema: signupCreatedSchema },
    problems: [400, 409, 413, 415, 422],
  }),
  // The rate limit, counted with the Idempotency-Key claim in one statement (lib/idempotency.ts).
  idempotent({ rule: { name: 'signups.create', limit: 30, windowSeconds: 3600 }, by: byIp }),
  validate('json', signupSchema),
  async (c) => {
    const { db, clock, env, tenantCache } = c.get('deps');
    const { tenant } = c.get('caller');
    const signup = c.req.valid('json');
    const now = clock.now();
    const tariffs = await tenantCache.tariffs(tenant.id);
    const problems = checkSignupContext(signup, { today: today(now), termsVersion: tenant.termsVersion, tariffs });
    if (problems.length > 0) {
      const locale = c.get('locale');
      throw new ApiError(422, 'validation_failed', { errors: problems.map((p) => ({ ...p, message: fieldErrorMessage(p.code, locale) })) });
    }
    const created = await db.transaction((tx) =>
      createSignup(tx, {
        tenant,
        signup,
        locale: c.get('locale'),
        now,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? '',
        secret: env.secret,
        publicUrl: env.publicUrl,
      }),
    );
    return c.json(
      { id: created.signup.id, status: 'pending_confirmation' as const, email: created.signup.email, mandateReference: created.mandateReference ?? null },
      201,
    );
  },
);
