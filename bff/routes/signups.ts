import { Hono } from 'hono';
import { fieldErrorMessage } from '../../contract/errors.js';
import { signupCreatedSchema, signupEmailChangedSchema, signupEmailChangeSchema, signupHandleSchema, signupResendSchema } from '../../contract/confirmations.js';
import { checkSignupContext, signupSchema } from '../../contract/signup.js';
import { changeSignupEmail, createSignup, RESEND_COOLDOWN_SECONDS, resendForSignup, resendWait, signupByHandle } from '../domain/signups.js';
import { clientIp } from '../lib/client-ip.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byIp, hit, rateLimit, rateLimitError, type RateRule, slidingHits } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

/** Today's date where the tenants are (Germany, Austria, Switzerland share a time zone). */
const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
const today = (now: Date) => berlinDate.format(now);

/** E-mails from one signup's done screen (resends and address changes): at most 3 an hour each. */
const PER_SIGNUP = { resend: { name: 'signups.resend', limit: 3, windowSeconds: 3600 }, email: { name: 'signups.email', limit: 3, windowSeconds: 3600 } } satisfies Record<string, RateRule>;
/** …and from one client address, across signups (an office helping several people is fine). */
const PER_IP = { resend: { name: 'signups.resend-ip', limit: 20, windowSeconds: 3600 }, email: { name: 'signups.email-ip', limit: 20, windowSeconds: 3600 } } satisfies Record<string, RateRule>;

export const signupRoutes = new Hono<AppEnv>().post(
  '/',
  endpoint({
    summary: 'Create a signup (private, professional or business); sends the double-opt-in e-mail',
    tags: ['signup'],
    auth: ['publishable', 'secret'],
    idempotent: true,
    success: {
      status: 201,
      description: 'Stored as pending_confirmation; the confirmation e-mail is on its way. A replay of the same Idempotency-Key answers the same, with `handle: null` (the handle is never stored in clear)',
      schema: signupCreatedSchema,
    },
    problems: [400, 409, 413, 415, 422],
  }),
  // The rate limit, counted with the Idempotency-Key claim in one statement (lib/idempotency.ts).
  idempotent({ rule: { name: 'signups.create', limit: 30, windowSeconds: 3600 }, by: byIp }, { secrets: ['handle'] }),
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
      {
        id: created.signup.id,
        status: 'pending_confirmation' as const,
        email: created.signup.email,
        mandateReference: created.mandateReference ?? null,
        handle: created.handle,
      },
      201,
    );
  },
)
  .post(
    '/:id/resend',
    endpoint({
      summary: 'From the done screen, with the signup handle: send the confirmation e-mail again; older links stop working',
      tags: ['signup'],
      auth: ['publishable', 'secret'],
      success: {
        status: 202,
        description: `A new e-mail is on its way (or the signup is confirmed already). One a minute (retryAfter, and a 429's Retry-After, say how long to wait), at most ${PER_SIGNUP.resend.limit} an hour per signup and ${PER_IP.resend.limit} per client address; a wrong id or handle is a 404`,
        schema: signupResendSchema,
      },
      problems: [404, 409, 415, 422],
    }),
    rateLimit(PER_IP.resend, byIp),
    validate('json', signupHandleSchema),
    async (c) => {
      const { db, clock, env } = c.get('deps');
      const { tenant } = c.get('caller');
      const now = clock.now();
      // Under the signup's row lock: two parallel resends cannot both pass the one-a-minute wait.
      const result = await db.transaction(async (tx) => {
        const row = await signupByHandle(tx, { tenantId: tenant.id, id: c.req.param('id'), handle: c.req.valid('json').handle, lock: true });
        if (row.status === 'pending_confirmation') {
          const wait = await resendWait(tx, row.id, now);
          if (wait > 0) throw rateLimitError({ allowed: false, remaining: 0, retryAfter: wait });
          const [counted] = await slidingHits(tx, [{ rule: PER_SIGNUP.resend, key: `signup:${row.id}` }], now);
          if (!counted!.allowed) throw rateLimitError(counted!);
        }
        return resendForSignup(tx, { tenant, row, now, publicUrl: env.publicUrl });
      });
      if (result.retryAfter) c.header('Retry-After', String(result.retryAfter));
      return c.json(result, 202);
    },
  )
  .post(
    '/:id/email',
    endpoint({
      summary: '"Wrong address? Change it": with the signup handle, a pending signup gets a new e-mail address and a new confirmation link there',
      tags: ['signup'],
      auth: ['publishable', 'secret'],
      success: {
        status: 200,
        description: `Changed; the old link stops working and a new one goes to the new address. Only while pending_confirmation (else 409 invalid_transition); at most ${PER_SIGNUP.email.limit} changes an hour per signup and ${PER_IP.email.limit} per client address; a wrong id or handle is a 404`,
        schema: signupEmailChangedSchema,
      },
      problems: [404, 409, 415, 422],
    }),
    rateLimit(PER_IP.email, byIp),
    validate('json', signupEmailChangeSchema),
    async (c) => {
      const { db, clock, env } = c.get('deps');
      const { tenant } = c.get('caller');
      const { handle, email } = c.req.valid('json');
      const now = clock.now();
      const found = await signupByHandle(db, { tenantId: tenant.id, id: c.req.param('id'), handle });
      if (found.status === 'pending_confirmation') {
        const counted = await hit(db, PER_SIGNUP.email, `signup:${found.id}`, now);
        if (!counted.allowed) throw rateLimitError(counted);
      }
      const changed = await db.transaction(async (tx) =>
        changeSignupEmail(tx, { tenant, row: await signupByHandle(tx, { tenantId: tenant.id, id: found.id, handle, lock: true }), email, now, publicUrl: env.publicUrl, ip: clientIp(c) }),
      );
      return c.json({ id: changed.id, email: changed.email, status: 'pending_confirmation' as const, retryAfter: RESEND_COOLDOWN_SECONDS }, 200);
    },
  );
