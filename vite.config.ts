import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { locales } from './contract/locales.js';
import { quietCatalogueLogs } from './tools/catalogue-logs.js';
import { minifyTemplates } from './tools/minify-templates.js';

/** What every widget needs: Lit, the kit core, the provider and the primitives, in one shared chunk. */
const SHARED = [/rolldown\/runtime/, /node_modules\/(lit|lit-html|lit-element|@lit\/(?!react))/, /node_modules\/hono\//, /\/widgets\/(core|provider|primitives)\//, /\/widgets\/define\.ts$/, /\/contract\/(enums|locales|i18n)\.ts$/, /\/contract\/messages\/field-errors(\/de)?\.ts$/];

export default defineConfig({
  plugins: [minifyTemplates(/\/widgets\/.*\.ts$/)],
  resolve: {
    // Always Lit's production build, whatever NODE_ENV the build runs under (npm start sets development).
    conditions: ['module', 'browser', 'production'],
    alias: [{ find: /^\.\.\/utils\/cookie\.js$/, replacement: fileURLToPath(new URL('./tools/no-cookies.ts', import.meta.url)) }],
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
        manualChunks: (id: string) => {
          // A catalogue's non-default locale (`<feature>/messages/en.ts`, `messages/<feature>/en.ts`): its own
          // chunk, fetched when first used.
          const file = /\/(?:([\w-]+)\/messages|messages\/([\w-]+))\/([\w-]+)\.ts$/.exec(id);
          if (file && file[3] !== 'de' && (locales as string[]).includes(file[3]!)) return `locale-${file[3]}-${file[1] ?? file[2]}`;
          return SHARED.some((re) => re.test(id)) ? 'shared' : undefined;
        },
      },
    },
  },
});
