import { setCustomElementsManifest } from '@storybook/web-components';
import type { Decorator, Loader, Preview } from '@storybook/web-components';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import { loadLocale } from '../widgets/core/i18n/index.js';
import { FAKE_KEYS, FAKE_SESSION, fakeKit, installFakeApi } from '../stories/fake-kit.js';
import './preview.css';
import '../widgets/index.js';

setCustomElementsManifest(manifest);
installFakeApi();

/** Every story runs inside a provider holding a fake kit: no backend, any locale, any theme. */
const withKit: Decorator = (story, { globals, parameters }) => {
  const locale = globals.locale === 'en' ? 'en' : 'de';
  document.documentElement.lang = locale;
  document.documentElement.dataset.theme = globals.theme === 'dark' ? 'dark' : 'light';
  if (parameters.noKit) return story();
  const session = parameters.session === 'expired' ? { ...FAKE_SESSION, token: FAKE_KEYS.expiredSession } : parameters.session ? FAKE_SESSION : undefined;
  return html`<tk-provider no-brand .kit=${fakeKit(locale, { session })} lang=${locale}>${story()}</tk-provider>`;
};

const localeLoader: Loader = async ({ globals }) => {
  const locale = globals.locale === 'en' ? 'en' : 'de';
  await loadLocale(locale); // every catalogue of the kit, the portal's among them
  return {};
};

const preview: Preview = {
  decorators: [withKit],
  loaders: [localeLoader],
  globalTypes: {
    locale: {
      description: 'Language of the widgets',
      toolbar: { title: 'Locale', icon: 'globe', items: [{ value: 'de', title: 'Deutsch' }, { value: 'en', title: 'English' }], dynamicTitle: true },
    },
    theme: {
      description: 'Theme tokens',
      toolbar: { title: 'Theme', icon: 'paintbrush', items: [{ value: 'light', title: 'Default' }, { value: 'dark', title: 'Dark brand' }], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'de', theme: 'light' },
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
