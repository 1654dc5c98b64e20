import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { KitController } from '../../widgets/core/kit.js';
import '../../widgets/provider/provider.js';
import type { TkProvider } from '../../widgets/provider/provider.js';
import { demoTenant, fakeFetch, json, problem } from './helpers/fake-api.js';

/** A stand-in widget: it shows what the kit gives it. */
class KitProbe extends LitElement {
  static override properties = { api: {}, publishableKey: { attribute: 'publishable-key' }, locale: {} };
  declare api: string;
  declare publishableKey: string;
  declare locale: string;
  readonly i18n = new KitController(this, { standalone: true });
  protected override render() {
    const kit = this.i18n.kit;
    return html`<p>${kit?.tenant?.name ?? '…'} / ${this.i18n.locale}</p>`;
  }
}
customElements.define('kit-probe', KitProbe);

describe('<tk-provider>', () => {
  let fake: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('loads the tenant, shows its name, hands the kit to the widgets inside and applies the theme', async () => {
    fake = fakeFetch(() => json(demoTenant));
    const provider = await fixture<TkProvider>(html`<tk-provider api="https://bff.example" publishable-key="tk_pub_demo">
      <kit-probe></kit-probe>
    </tk-provider>`);
    const probe = provider.querySelector<KitProbe>('kit-probe')!;
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('Ein Service von Demo Reseller'));
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('Demo Reseller / de'));
    expect(fake.requests).to.have.length(1); // the probe used the provider's kit, it did not load its own
    expect(fake.requests[0]!.headers.get('authorization')).to.equal('Bearer tk_pub_demo');
    expect(getComputedStyle(provider).getPropertyValue('--tk-color-primary').trim()).to.equal('#6b21a8');
    await expect(provider).to.be.accessible();
  });

  it('tells the page when someone logs in, logs out, or a kept session comes back after a reload', async () => {
    fake = fakeFetch(() => json(demoTenant));
    const user = { username: 'demo.admin', displayName: 'Max Muster', role: 'account_admin' as const, email: 'a@example.com', mobile: '+49 151 ••••• 78', account: { customerNumber: 'DR90000011', accountType: 'business' }, acting: null };
    const session = { token: 'tk_ses_test', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), components: null, user };
    const provider = await fixture<TkProvider>(html`<tk-provider api="https://bff.example" publishable-key="tk_pub_demo" persist-session><kit-probe></kit-probe></tk-provider>`);
    const probe = provider.querySelector<KitProbe>('kit-probe')!;
    await waitUntil(() => probe.i18n.kit?.tenant);
    const seen: { user: unknown; reason: string }[] = [];
    provider.addEventListener('tk-session-change', (e) => seen.push(e.detail));
    probe.i18n.kit!.setSession(session);
    probe.i18n.kit!.setSession({ ...session, expiresAt: new Date(Date.now() + 7_200_000).toISOString() }); // extended: no news
    probe.i18n.kit!.setSession(session);
    const storageKey = 'telkit.session.v1|https://bff.example|tk_pub_demo';
    expect(JSON.parse(sessionStorage.getItem(storageKey)!).token).to.equal('tk_ses_test');
    // A reload: a new provider finds the kept session and says so once the page listens.
    const again = document.createElement('tk-provider');
    again.setAttribute('api', 'https://bff.example');
    again.setAttribute('publishable-key', 'tk_pub_demo');
    again.setAttribute('persist-session', '');
    const restored = oneEvent(again, 'tk-session-change');
    document.body.append(again);
    expect((await restored).detail).to.deep.equal({ user, reason: 'restored' });
    again.remove();
    expect(provider.user).to.deep.equal(user);
    probe.i18n.kit!.setSession(undefined, 'logout');
    expect(provider.user).to.equal(null);
    expect(seen).to.deep.equal([
      { user, reason: 'login' },
      { user: null, reason: 'logout' },
    ]);
  });

  it("the host page's CSS overrides the tenant's theme tokens", async () => {
    fake = fakeFetch(() => json(demoTenant));
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>
        .brand-override tk-provider { --tk-color-primary: rgb(1, 2, 3); }
      </style>
      <div class="brand-override"><tk-provider api="https://bff.example" publishable-key="tk_pub_demo"></tk-provider></div>
    </div>`);
    const provider = wrapper.querySelector<TkProvider>('tk-provider')!;
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('Demo Reseller'));
    expect(getComputedStyle(provider).getPropertyValue('--tk-color-primary').trim()).to.equal('rgb(1, 2, 3)');
  });

  it('speaks English with locale="en"', async () => {
    fake = fakeFetch(() => json(demoTenant));
    const provider = await fixture<TkProvider>(html`<tk-provider api="https://bff.example" publishable-key="k" locale="en"></tk-provider>`);
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('A service of Demo Reseller'));
  });

  it('without a locale and before the tenant is known, follows the browser (English here)', async () => {
    fake = fakeFetch(() => problem(401, 'unauthorized', 'x'));
    const provider = await fixture<TkProvider>(html`<tk-provider api="https://bff.example" publishable-key="k"></tk-provider>`);
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('the access key is not valid'));
  });

  it('a wrong key: a clear message, tk-error with code unauthorized', async () => {
    fake = fakeFetch(() => problem(401, 'unauthorized', 'Der Zugangsschlüssel fehlt oder ist ungültig.'));
    const provider = document.createElement('tk-provider') as TkProvider;
    provider.api = 'https://bff.example';
    provider.publishableKey = 'tk_pub_wrong';
    provider.locale = 'de';
    const event = oneEvent(provider, 'tk-error');
    document.body.append(provider);
    expect((await event).detail.code).to.equal('unauthorized');
    await provider.updateComplete;
    expect(provider.shadowRoot!.textContent).to.contain('Der Zugangsschlüssel ist ungültig');
    await expect(provider).to.be.accessible();
    provider.remove();
  });

  it('offline: says so, offers a retry that works once the service answers', async () => {
    let online = false;
    fake = fakeFetch(() => (online ? json(demoTenant) : Promise.reject(new TypeError('Failed to fetch'))));
    const provider = await fixture<TkProvider>(html`<tk-provider api="https://bff.example" publishable-key="k" locale="de"></tk-provider>`);
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('nicht erreichbar'));
    await expect(provider).to.be.accessible();
    online = true;
    const retry = provider.shadowRoot!.querySelector('tk-button')!;
    retry.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => provider.shadowRoot!.textContent!.includes('Ein Service von Demo Reseller'));
  });

  it('a widget without a provider reads the same attributes itself', async () => {
    fake = fakeFetch(() => json({ ...demoTenant, name: 'Standalone Tenant' }));
    const probe = await fixture<KitProbe>(html`<kit-probe api="https://bff.example" publishable-key="tk_pub_alone" locale="en"></kit-probe>`);
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('Standalone Tenant / en'));
    expect(fake.requests[0]!.headers.get('authorization')).to.equal('Bearer tk_pub_alone');
  });
});
