/**
 * `loader.js`: the one script tag integrators add. It defines each `tk-*` element the first time the
 * element appears on the page (one MutationObserver), loading only that widget's code: all of its files
 * at once (`<link rel="modulepreload">`, allowed by the same `script-src` as the loader), so a page needs
 * one round trip after the loader. Including it twice, or next to `telkit.js`, is harmless.
 */
const entries: Record<string, () => Promise<unknown>> = {
  'tk-provider': () => import('./provider/provider.js'),
  'tk-signup': () => import('./signup/signup.js'),
  'tk-confirm': () => import('./confirm/confirm.js'),
  'tk-login': () => import('./portal/login.js'),
  'tk-password-setup': () => import('./portal/password-setup.js'),
  'tk-profile': () => import('./portal/profile.js'),
  'tk-sub-users': () => import('./sub-users/sub-users.js'),
  'tk-locations': () => import('./locations/locations.js'),
  'tk-porting': () => import('./porting/porting.js'),
  'tk-port-orders': () => import('./port-orders/port-orders.js'),
  'tk-credential-reset': () => import('./credential-reset/credential-reset.js'),
};

/** The files each tag's chunk imports, in `chunks/`: filled in by the build (`tools/preload.ts`); none from source. */
const files: Record<string, string[] | undefined> = JSON.parse('{"__telkit_preload__":[]}');

const LOADED = Symbol.for('telkit.loader.v1');
const scope = globalThis as { [LOADED]?: true };

if (!scope[LOADED] && typeof document !== 'undefined') {
  scope[LOADED] = true;
  // The tags asked for and the files preloaded (`tk-…` and chunk names): one set, they never look alike.
  const seen = new Set<string>();
  // Not `new URL(`…`, import.meta.url)`: the bundler would turn that into a glob of its own assets.
  const base = import.meta.url;
  const preload = (tag: string) => {
    for (const file of files[tag] ?? []) {
      if (seen.has(file)) continue;
      seen.add(file);
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(`chunks/${file}`, base).href;
      document.head.append(link); // a module script runs once the document is parsed: there is a head
    }
  };
  const load = (tag: string) => {
    if (seen.has(tag) || customElements.get(tag)) return;
    seen.add(tag);
    preload(tag);
    entries[tag]!().catch((error: unknown) => {
      seen.delete(tag);
      console.error(`telkit: could not load <${tag}>`, error);
    });
  };
  // `load` skips a tag seen before; a document has no `localName`.
  const scan = (root: Element | Document) => {
    for (const tag in entries) if ((root as Element).localName === tag || root.querySelector(tag)) load(tag);
  };
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  }).observe(document, { childList: true, subtree: true });
}

export {};
