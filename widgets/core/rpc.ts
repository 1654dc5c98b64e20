import type { ClientRequestOptions, hc } from 'hono/client';
import type { BffApp } from '../../bff/app.js';

/** The BFF's routes as typed by `hc<BffApp>`: `rpc.v1.sessions.verify.$post({ json }, options)`. */
export type Rpc = ReturnType<typeof hc<BffApp>>;

interface Args {
  json?: unknown;
  param?: Record<string, string>;
  query?: Record<string, string | string[] | undefined>;
}
type Headers = Record<string, string> | (() => Record<string, string>);

/**
 * The runtime behind `Rpc`: what hono's `hc` does for the widgets (path from the property chain,
 * `$get`/`$post`/… with `json`, `param` and `query`, headers, `init`), in a fraction of its size. The
 * types are hono's, so every call stays checked against the BFF's routes.
 */
export function createRpc(baseUrl: string, options: { fetch: typeof fetch; headers: Headers }): Rpc {
  const headersOf = (h: Headers | undefined) => (typeof h === 'function' ? h() : h);
  const call = (path: string[], method: string, args: Args = {}, o: ClientRequestOptions = {}) => {
    let url = `${baseUrl}/${path.map((p) => (p.startsWith(':') ? encodeURIComponent(args.param?.[p.slice(1)] ?? '') : p)).join('/')}`;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(args.query ?? {})) for (const v of [value].flat()) if (v !== undefined) query.append(key, v);
    if (query.size) url += `?${query}`;
    const headers = { ...headersOf(options.headers), ...headersOf(o.headers as Headers | undefined) };
    if (args.json !== undefined) headers['Content-Type'] = 'application/json';
    return options.fetch(url, { method: method.toUpperCase(), headers, body: args.json === undefined ? undefined : JSON.stringify(args.json), ...o.init });
  };
  const proxy = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get: (_, key) => (typeof key === 'string' && key !== 'then' ? proxy([...path, key]) : undefined),
      apply: (_, __, [args, o]: [Args?, ClientRequestOptions?]) => call(path.slice(0, -1), path.at(-1)!.slice(1), args, o),
    });
  return proxy([]) as Rpc;
}
