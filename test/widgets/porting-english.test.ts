import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widgets/porting/porting.js';
import type { TkPorting } from '../../widgets/porting/porting.js';
import '../../widgets/provider/provider.js';
import { draftId, portingKit } from '../../stories/porting-fixtures.js';
import { settle } from '../../stories/portal-steps.js';

/*
 * In a file of its own: the numbers step's catalogue is created when its chunk loads, after the page asked
 * for English. Once a page has loaded that chunk, a later provider loads English for it anyway, so only
 * the first wizard of a page shows the bug.
 */
describe('<tk-porting> in English on a fresh page', () => {
  it('a draft reopened at the numbers step shows that step in English from its first render', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <tk-provider no-brand .kit=${portingKit('en')}><tk-porting order-id=${draftId(2)}></tk-porting></tk-provider>
    </div>`);
    const el = wrapper.querySelector<TkPorting>('tk-porting')!;
    await waitUntil(() => el.shadowRoot, 'no shadow root');
    // The step's text the first time it shows more than the loading line (a later render may have caught up).
    let first = '';
    const observer = new MutationObserver(() => {
      const step = el.shadowRoot!.querySelector('[data-step="numbers"]');
      if (!first && step && !step.querySelector('.loading') && step.textContent!.trim()) first = step.textContent!.replace(/\s+/g, ' ');
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await waitUntil(() => first, 'the numbers step did not show');
    observer.disconnect();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[data-step-heading]')!.textContent!.trim()).to.equal('Phone numbers');
    // (the provider and the rest of the porting questions show once a number is entered)
    expect(first).to.contain('Numbers moving over');
    expect(first).to.contain('Add a number');
    expect(first).not.to.contain('Nummer hinzufügen');
  });
});
