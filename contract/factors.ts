import { z } from 'zod';

// Second factors (issue 18): passkeys (WebAuthn), authenticator apps (TOTP) and recovery codes besides the
// SMS PIN. The WebAuthn options and responses travel as the standard JSON forms
// (`PublicKeyCredentialCreationOptionsJSON`, `…RequestOptionsJSON`, `RegistrationResponseJSON`,
// `AuthenticationResponseJSON`): loose objects here, checked by `@simplewebauthn/server` in the BFF.

/** The factors, strongest first: the login offers an account's factors in this order. */
export const factorKinds = ['passkey', 'totp', 'sms', 'recovery'] as const;
export type FactorKind = (typeof factorKinds)[number];

/** What a WebAuthn challenge is for. */
export const webauthnPurposes = ['login', 'register', 'password_setup'] as const;

/** What a second factor may be chosen at signup and password setup: SMS needs a mobile number. */
export const setupFactors = ['sms', 'passkey', 'totp'] as const;
export type SetupFactor = (typeof setupFactors)[number];

/** Recovery codes: 10, each 12 characters from 32 without look-alikes, shown as `XXXX-XXXX-XXXX`. */
export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A typed recovery code, upper-cased without spaces and hyphens; undefined when it cannot be one. */
export function normalizeRecoveryCode(value: string): string | undefined {
  const code = value.toUpperCase().replace(/[\s-]/g, '');
  return code.length === 12 && [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : undefined;
}
export const formatRecoveryCode = (code: string) => code.match(/.{4}/g)!.join('-');

const fail = (ctx: z.RefinementCtx, path: (string | number)[], code: string) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code } });

const challengeId = z.uuid();
/** A WebAuthn response (`PublicKeyCredential.toJSON()`), checked by the BFF. */
const webauthnResponse = z.looseObject({ id: z.string().min(1).max(1024), rawId: z.string().min(1).max(1024), type: z.literal('public-key'), response: z.looseObject({}) });
/** A 6-digit code from an authenticator app, spaces allowed. */
export const totpCodeSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{6}$/.test(value.replace(/\s/g, ''))) fail(ctx, [], 'totp_format');
  })
  .transform((value) => value.replace(/\s/g, ''));

// Requests

/** Login, second step, for every code factor: `pin` is the SMS PIN, the app's code or a recovery code (its format checked by the step's factor). */
export const loginVerifySchema = z.object({ challengeId, pin: z.string().trim().min(1).max(40) }).strict();
/** "Use another method": the login's challenge and the factor wanted instead. */
export const factorSwitchSchema = z.object({ challengeId, factor: z.enum(factorKinds) }).strict();
/** A passkey's answer to a WebAuthn challenge (login, registration, password setup). */
export const webauthnAnswerSchema = z.object({ challengeId, credential: webauthnResponse }).strict();
/** A new passkey in the profile, with an optional name. */
export const passkeyRegisterSchema = webauthnAnswerSchema.extend({ label: z.string().trim().min(1).max(60).optional() }).strict();
/** The first code of an authenticator app, which confirms its enrolment. */
export const totpConfirmSchema = z.object({ code: totpCodeSchema }).strict();
/** Password setup without SMS: the step's challenge (to add a passkey or start an app). */
export const setupChallengeSchema = z.object({ challengeId }).strict();
/** Password setup without SMS: the step's challenge and the app's first code. */
export const setupTotpConfirmSchema = z.object({ challengeId, code: totpCodeSchema }).strict();

// Responses

const webauthnOptions = z.looseObject({ challenge: z.string() });

/** A WebAuthn ceremony to run in the browser: its id (send it back with the answer) and the options. */
export const webauthnCeremonySchema = z
  .object({ challengeId: z.uuid(), options: webauthnOptions.meta({ description: 'The standard options JSON: `PublicKeyCredential.parse…OptionsFromJSON` takes it' }) })
  .meta({ id: 'WebauthnCeremony' });

/**
 * Login after the password: which factor the step asks for (the strongest the account has, or the one
 * chosen), the account's factors in order of strength, and what the factor needs: `sentTo` for SMS, a
 * WebAuthn ceremony for a passkey.
 */
export const loginStepSchema = z
  .object({
    challengeId: z.uuid().meta({ description: 'This login step: send it with the code, or to /v1/sessions/factor to switch' }),
    expiresAt: z.iso.datetime(),
    factor: z.enum(factorKinds),
    factors: z.array(z.enum(factorKinds)).meta({ description: 'What the account has, strongest first (`recovery` while unused codes remain)' }),
    /** SMS: the masked number the PIN went to. */
    sentTo: z.string().nullable(),
    /** Passkey: the ceremony to run (its own challenge id goes to /v1/sessions/passkey). */
    passkey: webauthnCeremonySchema.nullable(),
  })
  .meta({ id: 'LoginStep' });

/** An authenticator app to add: the QR code (SVG as a data URL) and the same secret as text for typing. */
export const totpEnrolmentSchema = z
  .object({
    secret: z.string().meta({ description: 'Base32, for manual entry (show in groups of 4)' }),
    uri: z.string().meta({ description: '`otpauth://totp/…`, what the QR code holds' }),
    qr: z.string().meta({ description: '`data:image/svg+xml;base64,…`' }),
  })
  .meta({ id: 'TotpEnrolment' });

export const passkeySchema = z
  .object({ id: z.uuid(), label: z.string(), createdAt: z.iso.datetime(), lastUsedAt: z.iso.datetime().nullable(), synced: z.boolean() })
  .meta({ id: 'Passkey' });

/** The logged-in user's factors, for the profile. */
export const factorsSchema = z
  .object({
    passkeys: z.array(passkeySchema),
    totp: z.object({ createdAt: z.iso.datetime(), lastUsedAt: z.iso.datetime().nullable() }).nullable(),
    /** The masked mobile number when SMS is a factor (a number, and SMS sign-in not turned off). */
    sms: z.object({ mobile: z.string() }).nullable(),
    /** The masked mobile number on record, whether or not SMS signs in (SMS can be turned on again with it). */
    mobile: z.string().nullable(),
    recoveryCodes: z.object({ remaining: z.number().int(), createdAt: z.iso.datetime() }).nullable(),
    /** Whether passkeys work where the widget runs (the tenant's RP ID and origins). */
    passkeysAvailable: z.boolean(),
  })
  .meta({ id: 'Factors' });

/** After adding a factor: the codes when this was the first factor besides SMS (shown once, never again). */
export const factorAddedSchema = z
  .object({ factors: factorsSchema, recoveryCodes: z.array(z.string()).nullable().meta({ description: '10 codes `XXXX-XXXX-XXXX`, shown only here' }) })
  .meta({ id: 'FactorAdded' });

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodes' });

/**
 * Password setup, first step: with a mobile number an SMS PIN as before (`factor: 'sms'`). Without one:
 * an account that has an authenticator app answers with its code or a recovery code (`totp`), one with
 * only passkeys with a recovery code (`recovery`), both at `/verify`; an account without any factor yet
 * adds a passkey or an app (`enrol`), and the password holds once that is confirmed.
 */
export const passwordSetupStepSchema = z
  .object({
    challengeId: z.uuid(),
    expiresAt: z.iso.datetime(),
    factor: z.enum(['sms', 'totp', 'recovery', 'enrol']),
    sentTo: z.string().nullable(),
  })
  .meta({ id: 'PasswordSetupStep' });

/** The password holds; with a first passkey or app, the recovery codes (shown only here). */
export const passwordSetWithFactorSchema = z
  .object({ status: z.literal('password_set'), username: z.string(), recoveryCodes: z.array(z.string()).nullable() })
  .meta({ id: 'PasswordSetWithFactor' });

export type LoginStep = z.infer<typeof loginStepSchema>;
export type Factors = z.infer<typeof factorsSchema>;
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
export type WebauthnCeremony = z.infer<typeof webauthnCeremonySchema>;
export type PasswordSetupStep = z.infer<typeof passwordSetupStepSchema>;
