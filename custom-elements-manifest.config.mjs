// `npm run build` writes custom-elements.json from the JSDoc of each element (read by Storybook's docs).

/** Reactive state (private or protected fields) is not an attribute; events without a name are doubles. */
const STANDALONE = { api: 'api', publishableKey: 'publishable-key', locale: 'locale' };
const STANDALONE_DOC = {
  api: 'Base URL of the BFF, when the widget is used without `<tk-provider>`',
  publishableKey: 'The tenant\'s publishable key, when the widget is used without `<tk-provider>`',
  locale: '`de` or `en`, when the widget is used without `<tk-provider>`',
};

function publicSurface() {
  return {
    name: 'telkit-public-surface',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.tagName) continue;
          const members = decl.members ?? [];
          const hidden = new Set(members.filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
          decl.attributes = (decl.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
          decl.events = (decl.events ?? []).filter((e) => e.name);
          // `...standaloneProperties` (widgets/core/kit.ts) is a spread the analyzer cannot follow.
          for (const [field, attribute] of Object.entries(STANDALONE)) {
            const declared = members.some((m) => m.name === field && m.kind === 'field' && !m.privacy);
            if (declared && decl.tagName !== 'tk-provider' && !decl.attributes.some((a) => a.name === attribute)) {
              decl.attributes.push({ name: attribute, fieldName: field, type: { text: 'string | undefined' }, description: STANDALONE_DOC[field] });
            }
          }
        }
      }
    },
  };
}

export default {
  globs: ['widgets/**/*.ts'],
  exclude: ['widgets/react.ts', 'widgets/loader.ts', 'widgets/index.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicSurface()],
};
