import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { SessionComponent } from '../../contract/enums.js';
import { embedExchangeSchema, embedSecretSchema, embedSessionSchema, sessionIssuedSchema } from '../../contract/portal.js';
import { accounts, users } from '../db/schema/index.js';
import { createSession, mintEmbedSecret, profileOf, redeemEmbedSecret } from '../domain/sessions.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['sessions'];

/**
 * Embed sessions: a partner's backend (secret key) mints a single-use client secret for one of its users
 * and the components the page shows; the page's `<tk-provider session-secret>` exchanges it.
 */
export const embedSessionRoutes = new Hono<AppEnv>()
  .post(
    '/',
    endpoint({
      summary:
        'Mint a client secret for a user (by username or customer number) and the components it may use; 5 minutes, single use. No Idempotency-Key: the response holds a secret and is never stored; a retry mints another',
      tags,
      auth: ['secret'],
      success: { status: 201, description: 'Hand the client secret to the page as `session-secret`', schema: embedSecretSchema },
      problems: [400, 404, 415, 422],
    }),
    rateLimit({ name: 'embed-sessions.mint', limit: 600, windowSeconds: 60 }, byCredential),
    validate('json', embedSessionSchema),
    async (c) => {
      const { db, clock } = c.get('deps');
      const { tenant, credential } = c.get('caller');
      const body = c.req.valid('json');
      const [user] = body.username
        ? await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenant.id), eq(users.username, body.username.toLowerCase())))
        : await db
            .select({ id: users.id })
            .from(users)
            .innerJoin(accounts, eq(accounts.id, users.accountId))
            .where(and(eq(users.tenantId, tenant.id), eq(accounts.customerNumber, body.customerNumber!.toUpperCase())));
      if (!user) throw new ApiError(404, 'not_found');
      const minted = await mintEmbedSecret(db, { tenantId: tenant.id, userId: user.id, components: body.components, keyId: credential.id, now: clock.now() });
      return c.json({ clientSecret: minted.clientSecret, expiresAt: minted.expiresAt.toISOString() }, 201);
    },
  )
  .post(
    '/exchange',
    endpoint({
      summary: 'Exchange a client secret for a session limited to its components (once, within 5 minutes)',
      tags,
      auth: ['publishable'],
      success: { status: 201, description: 'The session token: the only response that shows it', schema: sessionIssuedSchema },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'embed-sessions.exchange', limit: 60, windowSeconds: 600 }, byIp),
    validate('json', embedExchangeSchema),
    async (c) => {
      const { db, clock } = c.get('deps');
      const { tenant } = c.get('caller');
      const now = clock.now();
      const issued = await db.transaction(async (tx) => {
        const secret = await redeemEmbedSecret(tx, tenant.id, c.req.valid('json').clientSecret, now);
        if (!secret) throw new ApiError(401, 'embed_secret_invalid');
        const session = await createSession(tx, { tenantId: tenant.id, userId: secret.userId, source: 'embed', components: secret.components, now });
        const [user] = await tx.select().from(users).where(eq(users.id, secret.userId));
        return { session, components: secret.components, user: await profileOf(tx, user!) };
      });
      return c.json({ token: issued.session.token, expiresAt: issued.session.expiresAt.toISOString(), components: issued.components as SessionComponent[], user: issued.user }, 201);
    },
  );
