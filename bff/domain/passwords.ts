import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordLengthProblem } from '../../contract/rules.js';

// Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: the OWASP recommendation).

export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing anyone knows: verified against when the user does not exist, so both take as long. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  decoy ??= hash(`telkit-decoy-${Math.random()}`);
  const ok = await verify(stored ?? (await decoy), password).catch(() => false);
  return Boolean(stored) && ok;
}

/** zxcvbn-ts's list of common passwords (about 49,000), lower-cased; loaded on first use. */
let common: Set<string> | undefined;
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common' | 'password_contextual';

/** The server's full check: length, the common list, and the user's own name and address. */
export function passwordProblem(password: string, user: { username: string; email: string }): PasswordProblem | undefined {
  const length = passwordLengthProblem(password);
  if (length) return length;
  if (isCommonPassword(password)) return 'password_common';
  const lower = password.toLowerCase();
  if (lower === user.username.toLowerCase() || lower === user.email.toLowerCase()) return 'password_contextual';
  return undefined;
}
