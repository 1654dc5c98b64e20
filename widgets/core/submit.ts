import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type CallOptions, TkApiError, TkNetworkError } from './api.js';
import { TkErrorEvent } from './events.js';
import { translate } from './i18n/index.js';
import type { KitController } from './kit.js';
import type { Locale } from '../../contract/enums.js';

export interface FieldLike extends HTMLElement {
  name: string;
  error: string;
}

/** "1 Min. 49 Sek.", "1 min 49 sec", "45 Sek.": a wait in minutes and seconds, in the user's language. */
export function formatWait(seconds: number, locale: string): string {
  const part = (n: number, unit: string) => (n ? new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n) : '');
  return `${part(Math.floor(seconds / 60), 'minute')} ${part(seconds % 60, 'second')}`.trim();
}

/** A sentence for a failed request (a submission, or a load through `@lit/task`), in the user's language. */
export function failureMessage(error: unknown, locale: Locale): string {
  if (!(error instanceof TkApiError)) return translate(locale, 'error.network');
  // The server's Retry-After, not a guess: without one, its own sentence.
  if (error.retryAfter) return translate(locale, 'error.rateLimited', { time: formatWait(error.retryAfter, locale) });
  return error.problem.title || translate(locale, 'error.generic');
}

/**
 * One submission at a time: busy state, an Idempotency-Key per logical submit (kept for a retry after a
 * network failure, new after an answer), problem+json field errors set onto the fields of the same
 * name, an abort when the host leaves the page.
 */
export class SubmitController implements ReactiveController {
  busy = false;
  /** The last failure, for the host to show (for example in its error summary). */
  error: TkApiError | TkNetworkError | undefined;
  private key: string | undefined;
  private abort = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly i18n: KitController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.abort.signal.aborted) this.abort = new AbortController();
  }

  hostDisconnected(): void {
    this.abort.abort();
  }

  /** Starts afresh: the next request is a new one (a key kept for retrying a request that failed on the way is dropped). */
  forget(): void {
    this.key = undefined;
  }

  /** Runs `send` unless a submit is running already; resolves with its result, or undefined on failure. */
  async run<T>(send: (options: Required<Pick<CallOptions, 'signal' | 'idempotencyKey'>>) => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = undefined;
    this.key ??= crypto.randomUUID();
    this.host.requestUpdate();
    try {
      const result = await send({ signal: this.abort.signal, idempotencyKey: this.key });
      this.key = undefined;
      return result;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      // A network failure may have reached the server: the retry must carry the same key.
      if (!(error instanceof TkNetworkError)) this.key = undefined;
      this.error = error instanceof TkApiError || error instanceof TkNetworkError ? error : new TkNetworkError(error);
      if (this.error instanceof TkApiError) this.applyFieldErrors(this.error);
      this.host.dispatchEvent(
        new TkErrorEvent({
          code: this.error instanceof TkApiError ? this.error.code : 'network_error',
          status: this.error instanceof TkApiError ? this.error.status : undefined,
          message: this.message(),
        }),
      );
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** A sentence for the last failure, in the user's language. */
  message(): string {
    return this.error ? failureMessage(this.error, this.i18n.locale) : '';
  }

  /** Puts each field error onto the control named like its path. */
  applyFieldErrors(error: TkApiError): void {
    const root = this.host.shadowRoot ?? this.host;
    for (const field of root.querySelectorAll<FieldLike>('[name]')) {
      const fieldError = error.fieldErrors.get(field.name);
      if (fieldError && 'error' in field) field.error = fieldError.message;
    }
  }
}
