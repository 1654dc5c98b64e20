import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplates } from './tools/minify-templates.js';

/** What every widget needs: Lit, the kit core, the provider and the primitives, in one shared chunk. */
const SHARED = [/node_modules\/(lit|lit-html|lit-element|@lit\/(?!react))/, /node_modules\/hono\//, /\/widgets\/(core|provider|primitives)\//, /\/widgets\/define\.ts$/, /\/contract\/(enums|messages\/de)\.ts$/];

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
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        manualChunks: (id: string) => {
          const locale = /\/widgets\/core\/i18n\/locales\/(\w+)\.ts$/.exec(id)?.[1];
          if (locale && locale !== 'de') return `locale-${locale}`; // fetched when first used
          return SHARED.some((re) => re.test(id)) ? 'shared' : undefined;
        },
      },
    },
  },
});
