/** Retries `check` until it passes or `ms` have gone by (for what arrives asynchronously, e.g. a NOTIFY). */
export async function within(ms: number, check: () => Promise<void>) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
