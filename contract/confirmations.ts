import { z } from 'zod';

export const linkTokenSchema = z.object({ token: z.string().trim().min(20).max(100) }).strict();

export const confirmationResultSchema = z
  .object({ status: z.enum(['confirmed', 'already_confirmed']), kind: z.enum(['signup', 'email_change', 'sub_user']) })
  .meta({ id: 'ConfirmationResult' });

export const resendResultSchema = z.object({ status: z.enum(['sent', 'already_confirmed']) }).meta({ id: 'ResendResult' });

export const signupCreatedSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('pending_confirmation'),
    email: z.string(),
    mandateReference: z.string().nullable(),
    /**
     * `tk_sgh_…`, returned once: the creating browser's key to resend the e-mail or correct the address.
     * `null` on an idempotent replay (it is never stored in clear): the e-mail's link still works.
     */
    handle: z.string().nullable(),
  })
  .meta({ id: 'SignupCreated' });

/** The signup handle a done screen holds (`tk_sgh_…`). */
const handle = z.string().trim().min(20).max(100);

export const signupHandleSchema = z.object({ handle }).strict();

export const signupEmailChangeSchema = z.object({ handle, email: z.email().max(254) }).strict();

/** A resend from the done screen: `retryAfter` seconds until the next one may go out. */
export const signupResendSchema = z
  .object({ status: z.enum(['sent', 'already_confirmed']), retryAfter: z.number().int() })
  .meta({ id: 'SignupResend' });

export const signupEmailChangedSchema = z
  .object({ id: z.uuid(), email: z.string(), status: z.literal('pending_confirmation'), retryAfter: z.number().int() })
  .meta({ id: 'SignupEmailChanged' });
