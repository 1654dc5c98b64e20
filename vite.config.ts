import { defineConfig } from 'vite';
import { locales } from './contract/locales.js';
import { quietCatalogueLogs } from './tools/catalogue-logs.js';
import { minifyTemplates } from './tools/minify-templates.js';
import { loaderPreloads } from './tools/preload.js';

/**
 * The chunks, so that each page downloads only what its widgets use (budgets per page in bench/size.ts).
 * Each group also takes the dependencies of what it matches that no group before it took:
 * `shared` — what every page needs: Lit, the API client, the kit core, the provider, alerts and buttons,
 *   and the text field and error summary that the signup and the portal pages both need;
 * `portal` — what the three portal widgets share, and the login.
 * The signup's own modules, its other primitives and the wizard end up in the signup's chunk. Fetched when
 * first used: each non-default locale of each catalogue (`locale-<locale>-<feature>`, the first group), the
 * PIN step (with the first code sent), the IBAN rules (on the payment step). One mechanism: rolldown's
 * `codeSplitting.groups`, by priority (with them, a `manualChunks` would be ignored).
 */
const GROUPS: { name: string; test: RegExp }[] = [
  { name: 'shared', test: /\/widgets\/(provider\/provider|core\/(kit|submit|error-summary(\.styles)?)|primitives\/text-field|define)\.ts$/ },
  { name: 'portal', test: /\/widgets\/(core\/pin\.styles|portal\/(form|messages|portal\.styles|pin-step|login))\.ts$/ },
];

/** A catalogue's locale file: `<feature>/messages/<locale>.ts` (widgets) or `messages/<feature>/<locale>.ts` (contract). */
const LOCALE_FILE = /\/(?:([\w-]+)\/messages|messages\/([\w-]+))\/([\w-]+)\.ts$/;

/** Each non-default locale of each catalogue gets its own chunk, fetched when first used; German stays with its catalogue. */
function localeChunk(id: string): string | null {
  const file = LOCALE_FILE.exec(id);
  if (!file || file[3] === 'de' || !(locales as string[]).includes(file[3]!)) return null;
  return `locale-${file[3]}-${file[1] ?? file[2]}`;
}

export default defineConfig({
  plugins: [minifyTemplates(/\/widgets\/.*\.ts$/), loaderPreloads()],
  resolve: {
    // Always Lit's production build, whatever NODE_ENV the build runs under (npm start sets development).
    conditions: ['module', 'browser', 'production'],
  },
  build: {
    outDir: 'dist/telkit',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: 'terser',
    terserOptions: { module: true, ecma: 2020, compress: { passes: 2 } },
    lib: {
      entry: {
        loader: 'widgets/loader.ts',
        telkit: 'widgets/index.ts',
        provider: 'widgets/provider/provider.ts',
        signup: 'widgets/signup/signup.ts',
        confirm: 'widgets/confirm/confirm.ts',
        login: 'widgets/portal/login.ts',
        'password-setup': 'widgets/portal/password-setup.ts',
        profile: 'widgets/portal/profile.ts',
        react: 'widgets/react.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: ['react'],
      onLog: quietCatalogueLogs,
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            { debugName: 'locales', name: localeChunk, test: LOCALE_FILE, priority: GROUPS.length + 1 },
            ...GROUPS.map((group, i) => ({ ...group, priority: GROUPS.length - i })),
          ],
        },
      },
    },
  },
});
