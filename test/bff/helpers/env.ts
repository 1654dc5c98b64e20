/** The process environment without anything that configures telkit. */
export function bareEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(TELKIT_|NODE_ENV$|DATABASE_URL$|PUBLIC_URL$|PGLITE_DIR$|SMTP_URL$|SMS_WEBHOOK_URL$|TEST_DB$|VITEST)/.test(key)) env[key] = value;
  }
  return env;
}
