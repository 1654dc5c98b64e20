import type { ClientRequestOptions } from 'hono/client';
import type { FieldError, Problem } from '../../contract/problem.js';
import type { TenantConfig } from '../../contract/tenant.js';
import { createRpc, type Rpc } from './rpc.js';

export type { Rpc } from './rpc.js';

/** The BFF answered with problem+json. `fieldErrors` maps field paths to their errors. */
export class TkApiError extends Error {
  readonly fieldErrors: ReadonlyMap<string, FieldError>;
  constructor(
    readonly problem: Problem,
    /** Seconds from the `Retry-After` header (rate limits), when the BFF sent one. */
    readonly retryAfter?: number,
  ) {
    super(problem.title);
    this.name = 'TkApiError';
    this.fieldErrors = new Map((problem.errors ?? []).map((e) => [e.path, e]));
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

/**
 * The seconds a `Retry-After` header asks to wait (the BFF sends delta-seconds); undefined without a usable
 * one. `TkApiError.retryAfter` carries it; widgets count down from it (`Countdown`) and say it (`formatWait`).
 */
export const retryAfterSeconds = (value: string | null): number | undefined => Math.ceil(Number(value)) || undefined;

/** No answer could be read: offline, the BFF down, or (from the browser's side) a CORS refusal. */
export class TkNetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'TkNetworkError';
  }
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: one per logical submit, reused by its retries. */
  idempotencyKey?: string;
  /** Sends the session token instead of the publishable key (routes of logged-in users). */
  session?: boolean;
}

type Sent<T> = Promise<{ ok: boolean; status: number; headers: Headers; json(): Promise<T> }>;

export interface Api {
  readonly baseUrl: string;
  /** The typed RPC client (`hc<BffApp>`); use it through `call`. */
  readonly rpc: Rpc;
  /** Runs one typed request; resolves with its JSON or throws TkApiError / TkNetworkError. */
  call<T>(send: (rpc: Rpc, options: ClientRequestOptions) => Sent<T>, options?: CallOptions): Promise<T>;
  tenant(signal?: AbortSignal): Promise<TenantConfig>;
}

export interface ApiOptions {
  baseUrl: string;
  /** The publishable key. */
  credential: () => string | undefined;
  /** The session token, for calls made with `{ session: true }`. */
  session?: () => string | undefined;
  /** Told when a session call comes back `session_expired`. */
  onSessionExpired?: () => void;
  locale: () => string;
  fetch?: typeof fetch;
}

export function createApi(options: ApiOptions): Api {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const rpc = createRpc(baseUrl, {
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    headers: (): Record<string, string> => {
      const credential = options.credential();
      return {
        'Accept-Language': options.locale(),
        ...(credential ? { Authorization: `Bearer ${credential}` } : {}),
      };
    },
  });

  async function call<T>(send: (rpc: Rpc, o: ClientRequestOptions) => Sent<T>, callOptions: CallOptions = {}): Promise<T> {
    let res: Awaited<Sent<T>>;
    try {
      const session = callOptions.session ? options.session?.() : undefined;
      res = await send(rpc, {
        headers: {
          ...(callOptions.idempotencyKey && { 'Idempotency-Key': callOptions.idempotencyKey }),
          ...(session && { Authorization: `Bearer ${session}` }),
        },
        init: { signal: callOptions.signal },
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new TkNetworkError(error);
    }
    if (res.ok) return res.status === 204 ? (undefined as T) : res.json(); // a logout answers 204 without a body
    let problem: Problem | undefined;
    try {
      problem = (await res.json()) as unknown as Problem;
    } catch {
      // not problem+json: a proxy or gateway answered
    }
    const retryAfter = retryAfterSeconds(res.headers.get('retry-after'));
    const error = new TkApiError(
      problem && typeof problem.code === 'string'
        ? problem
        : { type: 'about:blank', title: `HTTP ${res.status}`, status: res.status, code: 'http_error', requestId: '' },
      retryAfter,
    );
    if (callOptions.session && error.code === 'session_expired') options.onSessionExpired?.();
    throw error;
  }

  return {
    baseUrl,
    rpc,
    call,
    tenant: (signal) => call((r, o) => r.v1.tenant.$get({}, o), { signal }),
  };
}
