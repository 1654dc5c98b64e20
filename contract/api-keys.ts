import { z } from 'zod';

export const createApiKeySchema = z
  .object({
    kind: z.enum(['publishable', 'secret']),
    label: z.string().trim().max(100).default(''),
  })
  .strict();

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['publishable', 'secret']),
    hint: z.string(),
    label: z.string(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema
  .extend({
    key: z
      .string()
      .nullable()
      .describe('The key itself. Shown only in this response; store it now. `null` in a replay for the same Idempotency-Key: the key is never stored in clear.'),
  })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyIdParamSchema = z.object({ id: z.uuid() });
