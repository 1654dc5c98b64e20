/**
 * `loader.js`: the one script tag integrators add. It defines each `tk-*` element the first time the
 * element appears on the page (one MutationObserver), loading only that widget's code. Including it
 * twice, or next to `telkit.js`, is harmless.
 */
const entries: Record<string, () => Promise<unknown>> = {
  'tk-provider': () => import('./provider/provider.js'),
  'tk-signup': () => import('./signup/signup.js'),
  'tk-confirm': () => import('./confirm/confirm.js'),
  'tk-login': () => import('./portal/login.js'),
  'tk-password-setup': () => import('./portal/password-setup.js'),
  'tk-profile': () => import('./portal/profile.js'),
};

const LOADED = Symbol.for('telkit.loader.v1');
const scope = globalThis as { [LOADED]?: true };

if (!scope[LOADED] && typeof document !== 'undefined') {
  scope[LOADED] = true;
  const requested = new Set<string>();
  const load = (tag: string) => {
    if (requested.has(tag) || customElements.get(tag)) return;
    requested.add(tag);
    entries[tag]!().catch((error: unknown) => {
      requested.delete(tag);
      console.error(`telkit: could not load <${tag}>`, error);
    });
  };
  const scan = (root: Element | Document) => {
    if (root instanceof Element && root.localName in entries) load(root.localName);
    for (const tag in entries) if (!requested.has(tag) && root.querySelector(tag)) load(tag);
  };
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  }).observe(document, { childList: true, subtree: true });
}

export {};
