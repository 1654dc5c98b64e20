/**
 * A catalogue imports its German file and loads every other locale by a variable path that matches the
 * German file too (`contract/i18n.ts`); the bundler's note that this import cannot split German off is
 * expected, so it is dropped. Everything else is passed on.
 */
export function quietCatalogueLogs<Level, Log extends { code?: string; message: string }>(level: Level, log: Log, handler: (level: Level, log: Log) => void): void {
  if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && /messages\/(?:[\w-]+\/)?de\.ts is dynamically imported/.test(log.message)) return;
  handler(level, log);
}
