import { z } from 'zod';

/** A web origin as browsers send it: scheme, host and optional port, no path. */
export const originSchema = z
  .string()
  .trim()
  .max(255)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
      } catch {
        return false;
      }
    },
    { params: { code: 'invalid_origin' } },
  );

export const allowedOriginsSchema = z
  .object({ origins: z.array(originSchema).max(50) })
  .strict()
  .meta({ id: 'AllowedOrigins' });
