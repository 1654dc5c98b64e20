import { defineConfig } from 'vite';
import { minifyTemplates } from './tools/minify-templates.js';
import { loaderPreloads } from './tools/preload.js';

/**
 * The chunks, so that each page downloads only what its widgets use (budgets per page in bench/size.ts).
 * Each group also takes the dependencies of what it matches that no group before it took:
 * `shared` — what every page needs: Lit, the API client, the kit core, the provider, alerts and buttons,
 *   and the text field and error summary that the signup and the portal pages both need;
 * `portal` — what the three portal widgets share, and the login.
 * The signup's own modules, its other primitives and the wizard end up in the signup's chunk. Fetched when
 * first used: non-default locales, the PIN step (with the first code sent), the IBAN rules (on the
 * payment step).
 */
const GROUPS: { name: string; test: RegExp }[] = [
  { name: 'shared', test: /\/widgets\/(provider\/provider|core\/(kit|submit|error-summary(\.styles)?)|primitives\/text-field|define)\.ts$/ },
  { name: 'portal', test: /\/widgets\/(core\/pin\.styles|portal\/(form|messages|portal\.styles|pin-step|login))\.ts$/ },
];

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
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            { debugName: 'locales', name: (id: string) => `locale-${/\/i18n\/locales\/(\w+)\.ts$/.exec(id)![1]}`, test: /\/widgets\/core\/i18n\/locales\/(?!de\.ts)\w+\.ts$/, priority: 10 },
            ...GROUPS.map((group, i) => ({ ...group, priority: GROUPS.length - i })),
          ],
        },
      },
    },
  },
});
