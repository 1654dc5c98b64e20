import { type Logger, redact } from './logger.js';

/**
 * A polling loop for the worker processes: runs `tick` until stopped, again at once while it says there
 * is more to do, else after `pollMs`. A failing tick is logged (redacted) and the loop goes on.
 */
export function pollingLoop(tick: () => Promise<boolean>, o: { pollMs: number; log: Logger; name: string }) {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function run(): Promise<void> {
    while (running) {
      try {
        if (await tick()) continue;
      } catch (error) {
        o.log.error(`${o.name} error`, { error: redact(error) });
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, o.pollMs).unref();
      });
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
