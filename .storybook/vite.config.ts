import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['module', 'browser', 'production'] },
});
