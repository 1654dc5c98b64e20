/** The same tenant the stories use. */
export { fakeTenant as demoTenant } from '../../../stories/fake-kit.js';

export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

/**
 * Replaces `window.fetch` with an answer function for the duration of a test and records requests.
 * `restore()` puts the real fetch back.
 */
export function fakeFetch(answer: (req: Recorded) => Response | Promise<Response>) {
  const real = window.fetch;
  const requests: Recorded[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const recorded: Recorded = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: init?.body ? String(init.body) : undefined,
    };
    requests.push(recorded);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer(recorded);
  };
  return { requests, restore: () => (window.fetch = real) };
}

export const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

export const problem = (status: number, code: string, title: string, errors?: unknown[]) =>
  json({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, requestId: 'r1' }, status, 'application/problem+json');
