// `npm run build` writes custom-elements.json from the JSDoc of each element (read by Storybook's docs).
export default {
  globs: ['widgets/**/*.ts'],
  exclude: ['widgets/react.ts', 'widgets/loader.ts', 'widgets/index.ts'],
  outdir: '.',
  litelement: true,
};
