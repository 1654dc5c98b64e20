import { expect, waitUntil } from '@open-wc/testing';

const fetchedProvider = () =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('/widgets/provider/provider.ts'));

describe('loader.js', () => {
  it('defines a tag only when it first appears, loading its code only then', async () => {
    await import('../../widgets/loader.js');
    await new Promise((r) => setTimeout(r, 200));
    expect(customElements.get('tk-provider')).to.equal(undefined);
    expect(fetchedProvider()).to.equal(false);

    const holder = document.createElement('div');
    holder.innerHTML = '<section><tk-provider no-brand></tk-provider></section>';
    document.body.append(holder);
    await waitUntil(() => customElements.get('tk-provider'), 'tk-provider was not defined', { timeout: 5000 });
    expect(fetchedProvider()).to.equal(true);
    expect(holder.querySelector('tk-provider')!.shadowRoot).to.exist; // upgraded in place
    holder.remove();
  });

  it('is harmless when included twice, and next to telkit.js', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    let observers = 0;
    const Real = window.MutationObserver;
    window.MutationObserver = class extends Real {
      constructor(callback: MutationCallback) {
        super(callback);
        observers++;
      }
    };
    // Another URL is another module instance: it must see the first one and do nothing.
    await import(/* @vite-ignore */ `${new URL('../../widgets/loader.ts', import.meta.url).href}?second-copy`);
    window.MutationObserver = Real;
    expect(observers).to.equal(0);
    await import('../../widgets/index.js');
    const late = document.createElement('tk-provider');
    document.body.append(late);
    await new Promise((r) => setTimeout(r, 100));
    late.remove();
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(customElements.get('tk-text-field')).to.exist;
  });
});
