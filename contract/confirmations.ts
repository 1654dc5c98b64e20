import { z } from 'zod';

export const linkTokenSchema = z.object({ token: z.string().trim().min(20).max(100) }).strict();

export const confirmationResultSchema = z
  .object({ status: z.enum(['confirmed', 'already_confirmed']), kind: z.enum(['signup', 'email_change']) })
  .meta({ id: 'ConfirmationResult' });

export const resendResultSchema = z.object({ status: z.enum(['sent', 'already_confirmed']) }).meta({ id: 'ResendResult' });

export const signupCreatedSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('pending_confirmation'),
    email: z.string(),
    mandateReference: z.string().nullable(),
  })
  .meta({ id: 'SignupCreated' });
