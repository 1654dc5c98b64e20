import { Hono } from 'hono';
import { contractIdParamSchema, type ContractList, type CredentialRotation, credentialRotationSchema } from '../../contract/contracts.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';

const skeleton = <T>(): T => {
  throw new ApiError(404, 'not_found');
};
import { validate } from '../lib/validate.js';

// SKELETON (lead): the typed shape of the routes, so the widget's API client is typed. The BFF builder replaces
// the handlers (and adds endpoint(), idempotency, rate limits, auth by component).
export const contractRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(skeleton<ContractList>(), 200))
  .post('/:id/internet-credentials', validate('param', contractIdParamSchema), validate('json', credentialRotationSchema), (c) => c.json(skeleton<CredentialRotation>(), 200));
