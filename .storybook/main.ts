import type { StorybookConfig } from '@storybook/web-components-vite';
import { quietCatalogueLogs } from '../tools/catalogue-logs.js';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    // Not the library build of vite.config.ts: Storybook builds an app.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true },
  viteFinal: (config) => {
    const options = ((config.build ??= {}).rolldownOptions ??= {});
    options.onLog = quietCatalogueLogs;
    return config;
  },
};

export default config;
