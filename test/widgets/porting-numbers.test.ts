import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { portingErrorMessages } from '../../contract/messages/porting-errors.js';
import type { PortOrder } from '../../contract/port-orders.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import { CHECK_DELAY_MS, spaced, spacedRange } from '../../widgets/porting/numbers.js';
import '../../widgets/provider/provider.js';
import '../../stories/porting-numbers-harness.js';
import type { TkPortingNumbersHarness } from '../../stories/porting-numbers-harness.js';
import { checkDelays, checkRequests, numbersKit } from '../../stories/numbers-fixtures.js';
import { sampleOptions } from '../../stories/port-order-samples.js';
import { settle } from '../../stories/portal-steps.js';

before(async () => {
  await loadLocale('en');
  await portingErrorMessages.load('en');
});
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
  checkDelays.length = 0;
});

type Field = HTMLElement & { value: string; shownError: string; hint: string; checked: boolean; updateComplete: Promise<unknown> };
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

async function mount(locale: 'de' | 'en' = 'de', theme: 'light' | 'dark' = 'light', saved?: Partial<PortOrder['numbers']>) {
  const order = saved ? ({ id: undefined, numbers: { ...EMPTY, ...saved } } as unknown as PortOrder) : undefined;
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${theme} .kit=${numbersKit(locale)}
      ><tk-porting-numbers-harness .options=${sampleOptions} .order=${order}></tk-porting-numbers-harness
    ></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkPortingNumbersHarness>('tk-porting-numbers-harness')!;
  await settle(el);
  return el;
}
const EMPTY: PortOrder['numbers'] = {
  country: 'CH',
  lines: [],
  newNumbers: 0,
  currentProvider: null,
  currentProviderAccount: null,
  signing: null,
  signers: [],
  timing: null,
  portingDate: null,
  portingTime: null,
  sharedContract: null,
  scope: null,
  fullPortAcknowledged: false,
  note: null,
};
const withLines = (...inputs: string[]) => ({ lines: inputs.map((input) => ({ input })) as unknown as PortOrder['numbers']['lines'] });
const field = (el: TkPortingNumbersHarness, name: string) => el.shadowRoot!.querySelector<Field>(`[data-field="${name}"]`)!;
const inputOf = (f: HTMLElement) => (f.shadowRoot!.querySelector('input') ?? f.querySelector('input'))!;
const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ');
async function type(el: TkPortingNumbersHarness, name: string, value: string) {
  const input = inputOf(field(el, name));
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}
async function pick(el: TkPortingNumbersHarness, name: string, value: string) {
  const radio = field(el, name).shadowRoot!.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
  radio.click();
  await settle(el);
}
async function checked(el: TkPortingNumbersHarness, requests: number) {
  await waitUntil(() => checkRequests.length >= requests && !el.numbers.checking, 'no check answer');
  await settle(el);
}
async function typeDate(el: TkPortingNumbersHarness, iso: string) {
  const [y, m, d] = iso.split('-');
  const inputs = field(el, 'date').shadowRoot!.querySelectorAll('input');
  [d!, m!, y!].forEach((v, i) => {
    inputs[i]!.value = v;
    inputs[i]!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  inputs[2]!.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  await settle(el);
}
const messages = (el: TkPortingNumbersHarness) => el.numbers.invalid().map((f) => f.message);

describe('numbers step: the number list', () => {
  it('shows each problem code’s message at its line, tied to its field, and sums them up at the top with links', async () => {
    const before = checkRequests.length;
    const el = await mount('de', 'light', withLines('bad', '+49 30 1234567', '079 123 45 67', '044 123 45 67', '044 123 45 67', '+41 44 555 66 0x', '044 555 66 05', 'open 044 999 88 77'));
    await checked(el, before + 1);
    const codes = ['invalid', 'not_this_country', 'mobile_into_fixed', undefined, 'duplicate', undefined, 'overlaps_block', 'in_open_order'] as const;
    for (const [i, code] of codes.entries()) {
      const line = field(el, `line-${i}`);
      if (!code) {
        expect(line.shownError, `line ${i}`).to.equal('');
        continue;
      }
      const message = portingErrorMessages.t('de', `number.${code}`);
      expect(line.shownError, code).to.equal(message);
      const input = inputOf(line);
      expect(input.getAttribute('aria-invalid'), code).to.equal('true');
      const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => line.shadowRoot!.getElementById(id) ?? line.querySelector(`#${id}`));
      expect(described.map((d) => d?.textContent).join(' '), code).to.contain(message);
    }
    const flagged = el.shadowRoot!.querySelector('[data-flagged]')!;
    expect(text(flagged.querySelector('.flagged-heading')!)).to.equal('6 von 8 Nummern brauchen eine Korrektur');
    flagged.querySelectorAll('button')[2]!.click();
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'line-2'));
    // The same problems keep "Weiter" from passing, each with its line.
    expect(el.numbers.invalid().filter((f) => /^Nummer \d$/.test(f.label)).length).to.equal(6);
  });

  it('says the count once per check result in one polite status line, only when it changes; the list itself is not live', async () => {
    const el = await mount();
    const status = el.shadowRoot!.querySelector<HTMLElement>('[data-numbers-status]')!;
    expect(status.getAttribute('role')).to.equal('status');
    let changes = 0;
    new MutationObserver((m) => (changes += m.length)).observe(status, { childList: true, characterData: true, subtree: true });
    let before = checkRequests.length;
    await type(el, 'line-0', 'bad');
    await el.numbers.check();
    await checked(el, before + 1);
    expect(status.textContent!.trim()).to.equal('1 von 1 Nummern braucht eine Korrektur');
    const flagged = el.shadowRoot!.querySelector<HTMLElement>('[data-flagged]')!;
    for (let e: Element | null = flagged; e && e !== el.shadowRoot!.host; e = e.parentElement) {
      expect(e.getAttribute('role'), e.tagName).to.equal(null);
      expect(e.getAttribute('aria-live'), e.tagName).to.equal(null);
    }
    expect(flagged.querySelector('[role], [aria-live], tk-alert')).to.equal(null);
    const said = changes;
    // The same count again (another check, another bad line's text): nothing new is said.
    before = checkRequests.length;
    await type(el, 'line-0', 'worse');
    await el.numbers.check();
    await checked(el, before + 1);
    expect(changes).to.equal(said);
    // Fixed: said once.
    before = checkRequests.length;
    await type(el, 'line-0', '044 123 45 67');
    await el.numbers.check();
    await checked(el, before + 1);
    expect(status.textContent!.trim()).to.equal('Alle Nummern sind in Ordnung');
    expect(el.shadowRoot!.querySelector('[data-flagged]')).to.equal(null);
  });

  it('shows the E.164 form and type of 044 123 45 67 once typing pauses, and asks only once for the pause', async () => {
    const el = await mount();
    const before = checkRequests.length;
    for (const partial of ['044', '044 123', '044 123 45 67']) await type(el, 'line-0', partial);
    await new Promise((r) => setTimeout(r, CHECK_DELAY_MS + 50));
    await checked(el, before + 1);
    expect(checkRequests.length - before).to.equal(1);
    expect(checkRequests.at(-1)!.lines).to.deep.equal(['044 123 45 67']);
    expect(field(el, 'line-0').hint).to.equal('+41 44 123 45 67 · Festnetz');
  });

  it('writes numbers in words with spaces: geographic 2-3-2-2, service numbers 3-3-3, a block as its first number and the last one’s differing groups', () => {
    expect(spaced('+41441234567')).to.equal('+41 44 123 45 67');
    expect(spaced('+41800123456')).to.equal('+41 800 123 456');
    expect(spaced('+41901123456')).to.equal('+41 901 123 456');
    expect(spaced('+49301234567')).to.equal('+49301234567');
    expect(spacedRange({ first: '+41441234500', last: '+41441234509' })).to.deep.equal({ first: '+41 44 123 45 00', last: '09' });
    expect(spacedRange({ first: '+41441234000', last: '+41441234999' })).to.deep.equal({ first: '+41 44 123 40 00', last: '49 99' });
  });

  it('shows a DDI block as its range with the whole-block rule', async () => {
    const before = checkRequests.length;
    const el = await mount('de', 'light', withLines('+41 44 123 45 0x'));
    await checked(el, before + 1);
    expect(field(el, 'line-0').hint).to.equal('10 Nummern: +41 44 123 45 00 – 09. Ein Schweizer DDI-Block lässt sich nur als Ganzes portieren (FDV Art. 34a).');
  });

  it('explains at the 11th single number how to split the order or use the note', async () => {
    const before = checkRequests.length;
    const singles = Array.from({ length: 11 }, (_, i) => `044 123 45 ${String(10 + i)}`);
    const el = await mount('de', 'light', withLines(...singles));
    await checked(el, before + 1);
    expect(field(el, 'line-9').shownError).to.equal('');
    expect(field(el, 'line-10').shownError).to.equal(portingErrorMessages.t('de', 'number.too_many_singles'));
    const split = text(el.shadowRoot!.querySelector('[data-split]')!);
    expect(split).to.contain('zwei Aufträge');
    expect(split).to.contain('Bemerkung');
  });

  it('ignores a stale answer: a slow first check arriving after the second does not replace it', async () => {
    const el = await mount();
    const before = checkRequests.length;
    checkDelays.push(300, 0);
    await type(el, 'line-0', '044 111 11 11');
    void el.numbers.check();
    await type(el, 'line-0', '044 123 45 67');
    await el.numbers.check();
    await new Promise((r) => setTimeout(r, 400));
    await settle(el);
    expect(checkRequests.length - before).to.be.at.least(2);
    expect(field(el, 'line-0').hint).to.equal('+41 44 123 45 67 · Festnetz');
    expect(el.numbers.report!.lines[0]!.input).to.equal('044 123 45 67');
  });

  it('adds a line and focuses it; each remove button names its number', async () => {
    const el = await mount();
    await type(el, 'line-0', '044 123 45 67');
    const add = [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => /Nummer hinzufügen/.test(b.textContent!))!;
    add.shadowRoot!.querySelector('button')!.click();
    await settle(el);
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'line-1'));
    expect(el.shadowRoot!.querySelector('[data-remove="0"]')!.textContent!.trim()).to.equal('044 123 45 67 entfernen');
  });
});

describe('numbers step: a new order', () => {
  it('load(undefined) starts over: no numbers, signers, timing, scope, acknowledgement, report or server error of the last order; a running check is dropped', async () => {
    const before = checkRequests.length;
    const el = await mount('de', 'light', { ...withLines('bad', '044 123 45 67'), country: 'DE', newNumbers: 3, currentProvider: 'swisscom', currentProviderAccount: 'K-1', signing: 'collective', signers: [{ name: 'Regula Schmied', role: 'GF' }, { name: 'Jürg Müller', role: 'Prokurist' }], timing: 'contract_end', portingDate: '2026-11-11', portingTime: '09:30', sharedContract: true, scope: 'full', fullPortAcknowledged: true, note: 'Alt' });
    await checked(el, before + 1);
    el.numbers.showErrors(new Map([['numbers.note', { code: 'x', message: 'Alter Fehler.' }]]));
    checkDelays.push(300);
    void el.numbers.check();
    el.numbers.load(undefined);
    await new Promise((r) => setTimeout(r, 400));
    await settle(el);
    const n = el.numbers;
    expect({ country: n.country, lines: n.lines, newNumbers: n.newNumbers, provider: n.provider, account: n.account, signing: n.signing, signers: n.signers, timing: n.timing, date: n.date, time: n.time, shared: n.shared, scope: n.scope, ack: n.ack, note: n.note }).to.deep.equal({
      country: 'CH', lines: [''], newNumbers: '0', provider: '', account: '', signing: '', signers: [{ name: '', role: '' }], timing: '', date: '', time: '', shared: undefined, scope: '', ack: false, note: '',
    });
    expect(n.report).to.equal(undefined);
    expect(n.checking).to.equal(false);
    expect(el.shadowRoot!.querySelector('[data-flagged]')).to.equal(null);
    expect(field(el, 'line-0').shownError).to.equal('');
    expect(messages(el)).to.deep.equal(['Geben Sie mindestens eine Nummer zum Mitnehmen ein oder wählen Sie neue Nummern.']);
  });
});

describe('numbers step: new numbers only', () => {
  it('asks nothing about the port without a line to port: new numbers alone pass; a typed line brings provider, signing, timing and scope back', async () => {
    const el = await mount();
    const porting = ['provider', 'currentProviderAccount', 'signing', 'timing', 'shared', 'scope'];
    for (const name of porting) expect(field(el, name), name).to.equal(null);
    expect(el.shadowRoot!.querySelector('a[href="https://www.zefix.ch"]')).to.equal(null);
    await type(el, 'newNumbers', '2');
    await el.next();
    expect(el.passed).to.equal(1);
    expect(el.numbers.value()).to.include({ newNumbers: 2 });
    await type(el, 'line-0', '044 123 45 67');
    for (const name of porting) expect(field(el, name), name).to.not.equal(null);
    expect(el.numbers.invalid().map((f) => f.label)).to.include.members(['Aktueller Provider', 'Zeichnungsberechtigung', 'Wann soll portiert werden?']);
  });
});

describe('numbers step: date, time, signers, scope', () => {
  async function contractEnd() {
    const el = await mount('de', 'light', { ...withLines('044 123 45 67'), currentProvider: 'swisscom', signing: 'single', signers: [{ name: 'Regula Schmied', role: 'Geschäftsführerin' }], sharedContract: false, scope: 'partial', timing: 'contract_end', portingTime: '9:30' });
    await settle(el);
    return el;
  }

  it('refuses a Saturday, a holiday and a day inside the 7 working days with the reason, and accepts the earliest day', async () => {
    const el = await contractEnd();
    await typeDate(el, '2026-11-14');
    expect(field(el, 'date').shownError).to.equal('Der 14. November 2026 ist ein Samstag; an Wochenenden wird nicht portiert. Wählen Sie einen Werktag, frühestens den 11. November 2026.');
    await typeDate(el, '2026-12-25');
    expect(field(el, 'date').shownError).to.contain('Der 25. Dezember 2026 ist ein Feiertag (Weihnachten)');
    await typeDate(el, '2026-11-10');
    expect(field(el, 'date').shownError).to.contain('ist zu früh');
    expect(messages(el)).to.deep.equal([field(el, 'date').shownError]);
    await typeDate(el, '2026-11-11');
    expect(field(el, 'date').shownError).to.equal('');
    expect(messages(el)).to.deep.equal([]);
    expect(el.numbers.value().portingDate).to.equal('2026-11-11');
  });

  it('takes times within office hours only ("9:30" is fine, 07:30 and 17:01 are not)', async () => {
    const el = await contractEnd();
    await typeDate(el, '2026-11-11');
    expect(el.numbers.value().portingTime).to.equal('09:30');
    for (const bad of ['07:30', '17:01', 'morgens']) {
      await type(el, 'time', bad);
      expect(messages(el), bad).to.deep.equal(['Geben Sie eine Uhrzeit zwischen 08:00 und 17:00 Uhr ein, z. B. 9:30.']);
    }
    await type(el, 'time', '17:00');
    expect(messages(el)).to.deep.equal([]);
  });

  it('asks for two signers with a collective signature, one with a single signature', async () => {
    const el = await contractEnd();
    await typeDate(el, '2026-11-11');
    expect(el.shadowRoot!.querySelectorAll('[data-signer]').length).to.equal(1);
    await pick(el, 'signing', 'collective');
    expect(el.shadowRoot!.querySelectorAll('[data-signer]').length).to.equal(2);
    expect(el.numbers.invalid().map((f) => f.label)).to.deep.equal(['Person 2: Vor- und Nachname', 'Person 2: Funktion']);
    await type(el, 'signer-1-name', 'Jürg Müller');
    await type(el, 'signer-1-role', 'Prokurist');
    expect(el.numbers.value().signers).to.deep.equal([
      { name: 'Regula Schmied', role: 'Geschäftsführerin' },
      { name: 'Jürg Müller', role: 'Prokurist' },
    ]);
    // Required, and marked so: the star at each signer's name and role and at the time.
    for (const name of ['signer-0-name', 'signer-0-role', 'signer-1-name', 'signer-1-role', 'time']) {
      expect(field(el, name).hasAttribute('required'), name).to.equal(true);
      expect(field(el, name).shadowRoot!.querySelector('label .required')?.textContent, name).to.equal('*');
    }
    const zefix = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="https://www.zefix.ch"]')!;
    expect(zefix.target).to.equal('_blank');
    expect(zefix.textContent).to.contain('neuen Tab');
  });

  it('a shared contract warns about the internet; a full port lists what is lost and needs the acknowledgement', async () => {
    const el = await contractEnd();
    await typeDate(el, '2026-11-11');
    expect(el.shadowRoot!.querySelector('[data-shared-warning]')).to.equal(null);
    await pick(el, 'shared', 'yes');
    expect(text(el.shadowRoot!.querySelector('[data-shared-warning]')!)).to.contain('Teilportierung');
    await pick(el, 'scope', 'full');
    expect(text(el.shadowRoot!.querySelector('[data-full]')!)).to.contain('gehen verloren');
    expect(messages(el)).to.deep.equal(['Bestätigen Sie, dass nicht erfasste Nummern verloren gehen, oder wählen Sie eine Teilportierung.']);
    field(el, 'ack').shadowRoot!.querySelector('input')!.click();
    await settle(el);
    expect(messages(el)).to.deep.equal([]);
    expect(el.numbers.value()).to.include({ scope: 'full', fullPortAcknowledged: true, sharedContract: true });
  });

  it('"Weiter" on an empty step names what is missing and focuses the summary; its link focuses the field', async () => {
    const el = await mount();
    await el.next();
    const summary = el.shadowRoot!.querySelector<HTMLElement>('[data-error-summary]')!;
    expect(text(summary)).to.contain('Geben Sie mindestens eine Nummer zum Mitnehmen ein');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    summary.querySelector('button')!.click();
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'line-0'));
  });

  it('shows the BFF’s errors at their fields (lines counted as sent, the date)', async () => {
    const el = await contractEnd();
    await type(el, 'line-0', '');
    el.numbers.lines = ['', '044 123 45 67'];
    el.numbers.showErrors(
      new Map([
        ['numbers.lines.0', { code: 'in_open_order', message: 'Schon in einem anderen Auftrag.' }],
        ['numbers.portingDate', { code: 'holiday', message: 'Feiertag.' }],
      ]),
    );
    await settle(el);
    expect(field(el, 'line-1').shownError).to.equal('Schon in einem anderen Auftrag.');
    expect(field(el, 'date').shownError).to.equal('Feiertag.');
  });
});

describe('numbers step: the BFF’s errors', () => {
  it('name their field by its label, never the path; errors without a field (signers, lines) show in the summary in words', async () => {
    const el = await mount('de', 'light', { ...withLines('044 123 45 67'), currentProvider: 'swisscom', signing: 'single', signers: [{ name: 'Regula Schmied', role: 'GF' }], timing: 'asap', sharedContract: false, scope: 'partial' });
    el.numbers.showErrors(
      new Map([
        ['numbers.country', { code: 'x', message: 'Land passt nicht.' }],
        ['numbers.note', { code: 'too_long', message: 'Zu lang.' }],
        ['numbers.signers', { code: 'signers_count', message: 'Zwei Personen nötig.' }],
        ['numbers.signers.0.role', { code: 'required', message: 'Funktion fehlt.' }],
        ['numbers.lines', { code: 'numbers_missing', message: 'Nummern fehlen.' }],
      ]),
    );
    await settle(el);
    const shown = el.numbers.invalid().map((f) => `${f.label}: ${f.message}`);
    expect(shown).to.include.members([
      'Land der Nummern: Land passt nicht.',
      'Bemerkung (freiwillig): Zu lang.',
      'Zeichnungsberechtigung: Zwei Personen nötig.',
      'Person 1: Funktion: Funktion fehlt.',
      'Nummern, die mitkommen: Nummern fehlen.',
    ]);
    expect(shown.join(' ')).not.to.match(/\b(note|country|signers|lines)\b/);
    await el.next();
    const summary = text(el.shadowRoot!.querySelector('[data-error-summary]')!);
    for (const words of ['Zwei Personen nötig.', 'Nummern fehlen.', 'Land der Nummern']) expect(summary).to.contain(words);
  });

  it('removing a line clears only that line’s error; the later lines keep theirs, moved up', async () => {
    const el = await mount('de', 'light', withLines('044 111 11 11', '044 222 22 22', '044 333 33 33'));
    el.numbers.showErrors(
      new Map([
        ['numbers.lines.0', { code: 'in_open_order', message: 'Fehler A.' }],
        ['numbers.lines.1', { code: 'in_open_order', message: 'Fehler B.' }],
        ['numbers.lines.2', { code: 'in_open_order', message: 'Fehler C.' }],
        ['numbers.note', { code: 'too_long', message: 'Zu lang.' }],
      ]),
    );
    await settle(el);
    el.shadowRoot!.querySelector<HTMLElement>('[data-remove="1"]')!.click();
    await settle(el);
    expect(el.numbers.lines).to.deep.equal(['044 111 11 11', '044 333 33 33']);
    expect(field(el, 'line-0').shownError).to.equal('Fehler A.');
    expect(field(el, 'line-1').shownError).to.equal('Fehler C.');
    expect(el.numbers.invalid().map((f) => f.message)).to.include('Zu lang.');
  });
});

describe('numbers step: accessibility', () => {
  it('without a theme the note has its border and its focus ring (the tokens’ fallbacks)', async () => {
    const el = await mount();
    const note = el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!;
    let style = getComputedStyle(note);
    expect(style.borderTopWidth).to.equal('1px');
    expect(style.borderTopStyle).to.equal('solid');
    expect(style.borderTopColor).to.equal('rgb(107, 107, 118)');
    note.focus();
    style = getComputedStyle(note);
    expect(style.outlineStyle).to.equal('solid');
    expect(style.outlineWidth).to.equal('3px');
  });

  it('is axe-clean in both themes and both languages, with problems shown', async () => {
    for (const locale of ['de', 'en'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const before = checkRequests.length;
        const el = await mount(locale, theme, { ...withLines('bad', '044 123 45 67', '+41 44 123 45 0x'), signing: 'collective', timing: 'contract_end', sharedContract: true, scope: 'full' });
        await checked(el, before + 1);
        await el.next();
        await settle(el);
        await expect(el, `${locale} ${theme}`).to.be.accessible();
      }
    }
  });

  it('reflows at 320 px without horizontal scrolling, in English too', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const locale of ['de', 'en'] as const) {
      const before = checkRequests.length;
      const el = await mount(locale, 'light', { ...withLines('+41 44 123 45 0x', 'open 044 999 88 77'), signing: 'collective', timing: 'contract_end', sharedContract: true, scope: 'full' });
      await checked(el, before + 1);
      expect(document.documentElement.scrollWidth, locale).to.be.at.most(window.innerWidth);
      expect(el.scrollWidth, locale).to.be.at.most(window.innerWidth);
    }
  });
});
