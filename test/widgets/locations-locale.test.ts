import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Locale } from '../../contract/locales.js';
import { registerLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/locations/locations.js';
import type { TkLocations } from '../../widgets/locations/locations.js';
import locationsDe from '../../widgets/locations/messages/de.js';
import '../../widgets/provider/provider.js';
import type { TkProvider } from '../../widgets/provider/provider.js';
import actingDe from '../../widgets/provider/messages/de.js';
import { fakeTenant } from '../../stories/fake-kit.js';
import { actingSession, locationsKit } from '../../stories/locations-fixtures.js';
import { button } from '../../stories/portal-steps.js';
import { pseudo } from '../fixtures/pseudo.js';

// A third locale from its files alone, as in locales.test.ts (test/fixtures/locale-fr/<feature>.ts, pseudo-translated
// "[fr] …"); the two catalogues of this issue are pseudo-translated here from their German source.
const fr = 'fr' as Locale;
const own: Record<string, Record<string, string>> = { locations: pseudo(locationsDe), acting: pseudo(actingDe) };
registerLocale(fr, { tag: 'fr-CH', load: async (feature) => (own[feature] ? { default: own[feature] } : import(`../fixtures/locale-fr/${feature}.ts`)) });

const tenant = { ...fakeTenant, locales: ['de', 'en', fr], defaultLocale: fr };

describe('<tk-locations> and the acting banner in a third locale added as a fixture', () => {
  it('speaks it in the overview and in a step loaded later', async () => {
    const kit = { ...locationsKit(fr), tenant };
    const el = await fixture<TkLocations>(html`<tk-locations .kit=${kit}></tk-locations>`);
    const heading = () => el.shadowRoot!.querySelector('[data-heading]')?.textContent?.trim();
    await waitUntil(() => heading() === '[fr] Standorte', 'the overview in the fixture locale');
    await waitUntil(() => el.shadowRoot!.querySelector('.badge'), 'the overview');
    expect(el.shadowRoot!.querySelector('.badge')!.textContent).to.contain('[fr] Hauptaccount');
    button(el, /\[fr\] Bestehendes Konto hinzufügen/).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[name="customerNumber"]'), 'the link step');
    expect(heading()).to.equal('[fr] Bestehendes Konto hinzufügen');
    expect(el.shadowRoot!.querySelector('[name="customerNumber"]')!.getAttribute('label')).to.equal('[fr] Kundennummer');
  });

  it("the provider's banner while acting, with its catalogue loaded only then", async () => {
    const kit = { ...locationsKit(fr), tenant, locale: fr, session: actingSession };
    const provider = await fixture<TkProvider>(html`<tk-provider no-brand .kit=${kit}></tk-provider>`);
    await waitUntil(() => provider.shadowRoot!.querySelector('tk-acting')?.shadowRoot?.querySelector('[data-acting]')?.textContent?.startsWith('[fr] '), 'the banner in the fixture locale');
    const banner = provider.shadowRoot!.querySelector('tk-acting')!;
    expect(banner.shadowRoot!.querySelector('[data-acting]')!.textContent).to.equal('[fr] Sie handeln für Standort Filiale Zürich (DR90000027).');
    expect(button(banner, /\[fr\] Zurück zum Hauptaccount/)).to.exist;
  });
});
