import { Hono } from 'hono';
import { contractIdParamSchema, contractListSchema, credentialRotationResultSchema, credentialRotationSchema } from '../../contract/contracts.js';
import { contractScope, listContracts } from '../domain/contracts.js';
import { rotateCredentials } from '../domain/credentials.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byUser, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['contracts'];
const access = { auth: ['session' as const], component: 'tk-credential-reset' as const };

/**
 * Contracts and new internet access credentials ("Neue Internet-Zugangsdaten", PRODUCT.md §3.6) for the
 * `account_admin` of a business account: its contracts and, for a main account, its sub-accounts'.
 * Generous limits per user: an admin of many sites must never be locked out; the real bound is
 * MAX_ROTATIONS_PER_DAY per contract and the `credentials` messaging budget.
 */
export const contractRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: "The contracts of your account and, for a main account's admin, of its sub-accounts, each with whether new internet access credentials can be generated (and if not, why); never a password",
      tags,
      ...access,
      success: { status: 200, description: 'Accounts, contracts and where the credentials would be sent (masked)', schema: contractListSchema },
    }),
    rateLimit({ name: 'contracts.list', limit: 600, windowSeconds: 3600 }, byUser),
    async (c) => {
      const { db } = c.get('deps');
      return c.json(await listContracts(db, await contractScope(db, c.get('caller')), flowContext(c).now), 200);
    },
  )
  .post(
    '/:id/internet-credentials',
    endpoint({
      summary:
        'Generate new internet access credentials: the old password stops working at once; an e-mail with an AES-256 encrypted PDF goes to your stored address, the code that opens it by SMS to your stored mobile. At most 3 per contract in 24 hours (429 `rotation_limit` with `Retry-After`). Ineligible: 422 with the reason as `code` (`no_access_line`, `contract_type`, `contract_ended`, `no_credentials`). Too many credential messages to your address or number: 429 `rate_limited` with a `detail` saying why and when. No provisioning endpoint of the operator: 503 `provisioning_unavailable`, nothing changed',
      tags,
      ...access,
      idempotent: true,
      success: { status: 200, description: 'Generated; where the e-mail and the SMS went (masked)', schema: credentialRotationResultSchema },
      problems: [400, 404, 409, 413, 415, 422, 429, 503],
    }),
    idempotent({ rule: { name: 'contracts.rotate', limit: 60, windowSeconds: 3600 }, by: byUser }),
    validate('param', contractIdParamSchema),
    validate('json', credentialRotationSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { tenant } = c.get('caller');
      const scope = await contractScope(db, c.get('caller'));
      const { id } = c.req.valid('param');
      const { consent } = c.req.valid('json');
      const { now, ip, locale, secret, budget } = flowContext(c);
      return c.json(await rotateCredentials(db, { tenant, scope, contractId: id, consent, now, ip, locale, secret, budget }), 200);
    },
  );
