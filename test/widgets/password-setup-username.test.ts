import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widgets/portal/password-setup.js';
import type { TkPasswordSetup } from '../../widgets/portal/password-setup.js';
import { fakeKit, installFakeApi } from '../../stories/fake-kit.js';

/** Issue 11.1: the set-password page says whose password is being set. */
installFakeApi();

describe('<tk-password-setup> names the user', () => {
  it('shows the username when the page knows it, in the page\'s language', async () => {
    const de = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" username="max.muster" .kit=${fakeKit('de')}></tk-password-setup>`);
    await waitUntil(() => de.shadowRoot!.textContent!.includes('Passwort'));
    expect(de.shadowRoot!.textContent).to.contain('Ihr Benutzername: max.muster');
    const en = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" username="max.muster" .kit=${fakeKit('en')}></tk-password-setup>`);
    await waitUntil(() => en.shadowRoot!.textContent!.includes('Your username: max.muster'), 'English');
    await expect(en).to.be.accessible();
  });

  it('says nothing of a username it does not know', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" .kit=${fakeKit('de')}></tk-password-setup>`);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Passwort'));
    expect(el.shadowRoot!.textContent).not.to.contain('Benutzername');
  });
});
