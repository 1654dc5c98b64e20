import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Locale } from '../../contract/locales.js';
import { registerLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/sub-users/sub-users.js';
import type { TkSubUsers } from '../../widgets/sub-users/sub-users.js';
import { fakeTenant } from '../../stories/fake-kit.js';
import { button } from '../../stories/portal-steps.js';
import { subUsersKit } from '../../stories/sub-users-fixtures.js';

// A third locale from its files alone (test/fixtures/locale-fr/<feature>.ts, pseudo-translated "[fr] …"), as
// in locales.test.ts: the list's catalogue loads with the widget, the steps' catalogue with the steps.
const fr = 'fr' as Locale;
registerLocale(fr, { tag: 'fr-CH', load: (feature) => import(`../fixtures/locale-fr/${feature}.ts`) });

describe('<tk-sub-users> in a third locale added as a fixture', () => {
  it('speaks it in the list and in a step loaded later', async () => {
    const kit = { ...subUsersKit(fr), tenant: { ...fakeTenant, locales: ['de', 'en', fr], defaultLocale: fr } };
    const el = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${kit}></tk-sub-users>`);
    const heading = () => el.shadowRoot!.querySelector('[data-heading]')?.textContent?.trim();
    await waitUntil(() => heading() === '[fr] Mitbenutzer', 'the list in the fixture locale');
    await waitUntil(() => el.shadowRoot!.querySelector('.badge'), 'the list');
    expect(el.shadowRoot!.querySelector('.badge')!.textContent).to.contain('[fr] ');
    button(el, /\[fr\] Mitbenutzer einrichten/).click();
    await waitUntil(() => heading() === '[fr] Angaben zum Mitbenutzer', 'the add step in the fixture locale');
    expect(el.shadowRoot!.querySelector('[name="invoiceNote"]')!.getAttribute('label')).to.equal('[fr] Rechnungszusatz (freiwillig)');
  });
});
