import { z } from 'zod';

/** One field-level error: `path` is the dotted field path in the request body, `code` a stable machine code. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, as every error response of the BFF carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    /** After a wrong SMS PIN: how many more tries this PIN has. */
    attemptsLeft: z.number().int().optional(),
    /** With `invalid_transition`: the status the entity is in now. */
    currentStatus: z.string().optional(),
    /**
     * With `numbers_flagged` (submitting a port order): the number check's report (`NumbersReport`, as
     * `POST /v1/numbers/check` answers it), each flagged line with its problems.
     */
    report: z.unknown().optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
