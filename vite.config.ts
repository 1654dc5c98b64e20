import { defineConfig } from 'vite';
import { locales } from './contract/locales.js';
import { quietCatalogueLogs } from './tools/catalogue-logs.js';
import { minifyTemplates } from './tools/minify-templates.js';
import { loaderPreloads } from './tools/preload.js';
import { stripAnnotations } from './tools/strip-annotations.js';

/**
 * The chunks, so that each page downloads only what its widgets use (budgets per page in bench/size.ts).
 * One mechanism places modules: rolldown's `codeSplitting.groups`, by priority (beside them a
 * `manualChunks` would be ignored). Each group also takes the dependencies of what it matches that no
 * group before it took:
 * `shared` — what every page needs: Lit, the API client, the kit core (its catalogue and the field errors'
 *   German texts), the provider, alerts and buttons, and the text field and error summary that the signup
 *   and the portal pages both need;
 * `portal` — what the three portal widgets share, and the login;
 * `rules` — the contract's field rules, which the signup and the password setup share (taken before the
 *   signup's group, which would take them along with the rest of its imports);
 * `signup` — the signup's own modules, its other primitives and the wizard (without the group, the
 *   bundler would put them in one chunk with the lazily loaded `ordering`);
 * `ordering` — the signup's steps from the payment to the order (`signup/ordering.ts`: the price box, the
 *   legal texts, the IBAN and BIC rules, the review with the summary) and its done screen: fetched while
 *   the step before the payment shows (`TkSignup.updated`);
 * `forgot` — the login's "forgot password" steps with their German texts, fetched when chosen;
 * `cards` — the cards of the list widgets (`core/cards.styles.ts`) and their load (`core/session-list.ts`), shared by `tk-sub-users` and `tk-locations`;
 * `sub-users` — `tk-sub-users`'s list (element, cards, styles, German texts), without its steps;
 * `sub-users-steps` — its add wizard, changes and cancellation with their German texts and the flow's field
 *   errors (`contract/messages/sub-user-errors`, not in the shared field errors), fetched when a step is
 *   first opened (it imports the wizard and the radio group, select and date field from the signup's chunk, and
 *   the summary from `ordering`: no page downloads those twice, and splitting them off would cost the signup page);
 * `pin` — the PIN step with the portal's German texts for it, fetched with the first request that sends a
 *   code (one file instead of three: the step, its catalogue and a re-export of the German texts);
 * `factors` — the profile's sign-in factors (`portal/factors.ts`) with their German texts, and the profile's
 *   change forms they import (`portal/profile-changes.ts`): the profile fetches both while its view shows, so
 *   one chunk (an admin acting on a sub-account, who sees no factors, downloads them along with the forms);
 * `second-factor` — the signup's choice how logins are confirmed, with its check and German texts, fetched
 *   while the account type shows (without these two groups, each catalogue's German file would be a chunk
 *   of its own that only re-exports it);
 * `locations` — `tk-locations`' overview (element, cards, styles, German texts of the overview and its steps);
 * `locations-steps` — its link, code, order and unlink steps, fetched when one is first opened (the PIN step
 *   from `pin`, placed before them so that they do not take it; the checkbox from the signup's chunk;
 *   `tk-signup` itself only for "Neuen Standort bestellen");
 * `porting` — `tk-porting`'s element, its first steps and its German texts; `porting-steps` — the later steps
 *   (workplaces, review), fetched when the wizard gets there; `porting-numbers` — the numbers step with its
 *   German texts, fetched with the wizard (it is step 3 of 5); `porting-rules` — the contract's porting rules (and the numbers' spacing, `porting/number-format.ts`)
 *   (`contract/porting.ts`: providers, statuses, the numbers' rules), shared by the wizard's steps and an order's
 *   detail (taken before `porting-steps`, which would take them along with the transliteration tables);
 * `port-orders` — `tk-port-orders`' list; `port-orders-detail` — an order's detail, fetched when one is opened;
 * `credential-reset` — `tk-credential-reset` whole (contracts, warning, consent, result) with its German texts and
 *   the contract's credential rules (`contract/credentials.ts`);
 * `acting` — the provider's banner while an admin acts on a sub-account ("Zurück zum Hauptaccount") with its
 *   German texts: fetched only while acting, so no page pays for it otherwise;
 * A lazily loaded catalogue's German file is in its group: alone, as the target of the catalogue's
 * variable import, it would be a chunk of its own re-exporting it.
 * Fetched when first used, too: each non-default locale of each catalogue. A locale file needs no group for
 * that: a catalogue imports it by a variable path (`contract/i18n.ts`), nothing imports it statically, so it
 * is a chunk of its own —
 * `chunkFileNames` only names it `locale-<locale>-<feature>`, and bench/size.ts checks that it stays alone.
 * (In a group it would need a namespace object and the bundler's runtime around it: +80 B per file.)
 */
const GROUPS: { name: string; test: RegExp }[] = [
  { name: 'shared', test: /\/widgets\/(provider\/provider|core\/(kit|submit|error-summary(\.styles)?)|primitives\/text-field|define)\.ts$/ },
  { name: 'portal', test: /\/widgets\/(core\/pin\.styles|portal\/(form|messages|portal\.styles|pin-step|login))\.ts$/ },
  { name: 'rules', test: /\/contract\/rules\.ts$/ },
  { name: 'signup', test: /\/widgets\/signup\/signup\.ts$/ },
  { name: 'ordering', test: /\/(widgets\/(signup\/(ordering|done)|primitives\/summary)|contract\/(iban|messages\/legal\/de))\.ts$/ },
  { name: 'forgot', test: /\/widgets\/portal\/(forgot|messages\/forgot\/de)\.ts$/ },
  { name: 'cards', test: /\/widgets\/core\/(cards\.styles|session-list)\.ts$/ },
  { name: 'sub-users', test: /\/widgets\/sub-users\/(sub-users|list|messages|sub-users\.styles|messages\/de)\.ts$/ },
  { name: 'sub-users-steps', test: /\/(widgets\/sub-users\/(steps|manage|steps\.messages|messages\/steps\/de)|contract\/messages\/sub-user-errors(\/de)?)\.ts$/ },
  { name: 'pin', test: /\/widgets\/(core\/pin|portal\/(pin-step\.messages|messages\/pin-step\/de))\.ts$/ },
  { name: 'passkey', test: /\/widgets\/portal\/(passkey|messages\/passkey\/de)\.ts$/ },
  // Shared by the lazy `factors` and `enrol` (a key and codes to read out, the download): its own, before both
  // (a group takes its modules' dependencies along), so that neither loads the other.
  { name: 'codes', test: /\/widgets\/portal\/codes\.ts$/ },
  { name: 'factors', test: /\/widgets\/portal\/(factors|factors\.messages|messages\/factors\/de)\.ts$/ },
  { name: 'second-factor', test: /\/widgets\/signup\/(second-factor|second-factor\.messages|messages\/second-factor\/de)\.ts$/ },
  { name: 'enrol', test: /\/widgets\/portal\/(enrol|messages\/enrol\/de)\.ts$/ },
  { name: 'locations', test: /\/widgets\/locations\/(locations|list|messages|locations\.styles|messages\/de)\.ts$/ },
  { name: 'locations-steps', test: /\/widgets\/locations\/steps\.ts$/ },
  { name: 'porting', test: /\/widgets\/porting\/(porting|host|messages|porting\.styles|messages\/porting-wizard\/de)\.ts$/ },
  { name: 'porting-rules', test: /\/(contract\/porting|widgets\/porting\/number-format)\.ts$/ },
  { name: 'porting-steps', test: /\/widgets\/porting\/(steps|workplaces|review|steps\.messages|messages\/porting-steps\/de)\.ts$/ },
  { name: 'porting-numbers', test: /\/widgets\/porting\/(numbers|numbers\.messages|numbers\.styles|messages\/numbers\/de)\.ts$/ },
  { name: 'port-orders', test: /\/widgets\/port-orders\/(port-orders|list|messages|port-orders\.styles|messages\/de)\.ts$/ },
  { name: 'port-orders-detail', test: /\/widgets\/port-orders\/(detail|detail\.messages|messages\/detail\/de)\.ts$/ },
  { name: 'credential-reset', test: /\/(widgets\/credential-reset\/(credential-reset|[\w-]+\.styles|messages|messages\/de)|contract\/credentials)\.ts$/ },
  { name: 'acting', test: /\/widgets\/provider\/(acting|acting\.messages|messages\/de)\.ts$/ },
];

/** A catalogue's locale file: `<feature>/messages/<locale>.ts` (widgets) or `messages/<feature>/<locale>.ts` (contract). */
const LOCALE_FILE = /\/(?:([\w-]+)\/messages|messages\/([\w-]+))\/([\w-]+)\.ts$/;

/** `locale-en-portal` for the chunk of `widgets/portal/messages/en.ts`; undefined for any other chunk. */
function localeChunkName(facade: string | null | undefined): string | undefined {
  const file = facade ? LOCALE_FILE.exec(facade) : null;
  if (!file || file[3] === 'de' || !(locales as string[]).includes(file[3]!)) return undefined;
  return `locale-${file[3]}-${file[1] ?? file[2]}`;
}

export default defineConfig({
  plugins: [minifyTemplates(/\/widgets\/.*\.ts$/), loaderPreloads(), stripAnnotations()],
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
    terserOptions: { module: true, ecma: 2020, compress: { passes: 2, unsafe_arrows: true } },
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
        'sub-users': 'widgets/sub-users/sub-users.ts',
        locations: 'widgets/locations/locations.ts',
        porting: 'widgets/porting/porting.ts',
        'port-orders': 'widgets/port-orders/port-orders.ts',
        'credential-reset': 'widgets/credential-reset/credential-reset.ts',
        react: 'widgets/react.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: ['react'],
      onLog: quietCatalogueLogs,
      // No note on slow plugins: terser takes most of a build by design, and on a busy machine the note would
      // land in `npm start`'s output, which must stay one line on a configuration error (test/e2e/start.test.ts).
      checks: { bundlerTimings: false },
      output: {
        entryFileNames: '[name].js',
        // The bundler's runtime is imported by every chunk: a short name (`rt`) saves bytes on every page.
        chunkFileNames: (chunk) => `chunks/${localeChunkName(chunk.facadeModuleId) ?? (chunk.name === 'rolldown-runtime' ? 'rt' : '[name]')}-[hash:7].js`,
        codeSplitting: {
          groups: GROUPS.map((group, i) => ({ ...group, priority: GROUPS.length - i })),
        },
      },
    },
  },
});
