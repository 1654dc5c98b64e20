import { z } from 'zod';
import { sessionComponents, userRoles } from './enums.js';
import { type Country, countries, isMobile, isPin, normalizePin, passwordLengthProblem, toE164 } from './rules.js';

// Portal access: password setup, login with SMS PIN, password reset, profile, embed sessions.
// Custom issue codes are field error codes from `messages/`.

const fail = (ctx: z.RefinementCtx, path: (string | number)[], code: string) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code } });

/** A new password: never trimmed, 12 to 128 characters; the BFF also refuses common ones. */
export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordLengthProblem(value);
  if (problem) fail(ctx, [], problem);
});

export const pinSchema = z
  .string()
  .superRefine((value, ctx) => {
    if (!isPin(value)) fail(ctx, [], 'pin_format');
  })
  .transform(normalizePin);

const challengeId = z.uuid();

export const passwordSetupSchema = z.object({ token: z.string().trim().min(20).max(100), password: newPasswordSchema }).strict();
export const pinVerifySchema = z.object({ challengeId, pin: pinSchema }).strict();
export const challengeRefSchema = z.object({ challengeId }).strict();

/** Login: what was set, unchecked for length (old passwords keep working); the username as typed. */
export const loginSchema = z
  .object({
    username: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
  })
  .strict();

/** "Forgot password": the username or the e-mail address. */
export const passwordResetSchema = z.object({ login: z.string().trim().min(1).max(254) }).strict();

/** Step-up before a change to the e-mail address or mobile number: the current password again. */
export const stepUpSchema = z.object({ password: z.string().min(1).max(1024) }).strict();

/** "Change password" in the profile: the current one (unchecked for length), and a new one. */
export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: newPasswordSchema }).strict();

export const profileUpdateSchema = z
  .object({
    email: z.email().max(254).optional(),
    mobile: z.string().trim().max(30).optional(),
    /** How to read a national mobile number (leading 0); default DE. */
    country: z.enum(countries).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.email === undefined) === (value.mobile === undefined)) fail(ctx, [], 'one_change');
    if (value.mobile !== undefined) {
      const e164 = toE164(value.mobile, (value.country ?? 'DE') as Country);
      if (!e164 || !isMobile(e164)) fail(ctx, ['mobile'], 'mobile_invalid');
    }
  })
  .transform((value) => ({
    email: value.email?.toLowerCase(),
    mobile: value.mobile === undefined ? undefined : toE164(value.mobile, (value.country ?? 'DE') as Country)!,
  }));

const componentList = z
  .array(z.enum(sessionComponents))
  .min(1)
  .max(sessionComponents.length)
  .superRefine((list, ctx) => {
    if (new Set(list).size !== list.length) fail(ctx, [], 'duplicate');
  });

/** Minted by a partner's backend with its secret key: for one user, named by username or customer number. */
export const embedSessionSchema = z
  .object({
    username: z.string().trim().min(1).max(254).optional(),
    customerNumber: z.string().trim().min(1).max(40).optional(),
    components: componentList,
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.username === undefined) === (value.customerNumber === undefined)) fail(ctx, ['username'], 'one_subject');
  });

export const embedExchangeSchema = z.object({ clientSecret: z.string().trim().min(20).max(200) }).strict();

// Responses

export const pinChallengeSchema = z
  .object({
    challengeId: z.uuid(),
    expiresAt: z.iso.datetime(),
    /** The masked number the PIN went to. */
    sentTo: z.string(),
  })
  .meta({ id: 'PinChallenge' });

export const profileSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: z.enum(userRoles),
    email: z.string(),
    /** Masked: `+49 170 ••••• 78`; none when the user has no mobile number (passkey or authenticator app instead). */
    mobile: z.string().nullable(),
    account: z.object({ customerNumber: z.string(), accountType: z.string() }).nullable(),
    /**
     * A main account's admin acting on a sub-account ("Sie handeln für Standort …"): the profile above is
     * the sub-account's, read-only; `actor` is who acts, `mainAccount` where "Zurück zum Hauptaccount" leads.
     */
    acting: z
      .object({
        actor: z.object({ username: z.string(), displayName: z.string() }),
        mainAccount: z.object({ customerNumber: z.string(), displayName: z.string() }),
      })
      .nullable(),
  })
  .meta({ id: 'Profile' });

export const sessionIssuedSchema = z
  .object({
    token: z.string().meta({ description: '`tk_ses_…`; send as `Authorization: Bearer`. Shown only here.' }),
    expiresAt: z.iso.datetime(),
    /** For a session from an embed session: the components it may use; null for a login. */
    components: z.array(z.enum(sessionComponents)).nullable(),
    user: profileSchema,
  })
  .meta({ id: 'SessionIssued' });

export const embedSecretSchema = z
  .object({
    clientSecret: z.string().meta({ description: '`tk_ess_…`, single use, valid 5 minutes. Hand it to the page as `session-secret`.' }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'EmbedSecret' });

export const passwordSetResultSchema = z.object({ status: z.literal('password_set'), username: z.string() }).meta({ id: 'PasswordSet' });
export const acceptedSchema = z.object({ status: z.literal('accepted') }).meta({ id: 'Accepted' });
export const emailChangeStartedSchema = z.object({ status: z.literal('verification_sent'), email: z.string() }).meta({ id: 'EmailChangeStarted' });

export const steppedUpSchema = z
  .object({ steppedUpUntil: z.iso.datetime().meta({ description: 'Until then this session may change the e-mail address and mobile number (5 minutes).' }) })
  .meta({ id: 'SteppedUp' });
export const passwordChangedSchema = z.object({ status: z.literal('password_changed') }).meta({ id: 'PasswordChanged' });

export type Profile = z.infer<typeof profileSchema>;
export type PinChallenge = z.infer<typeof pinChallengeSchema>;
