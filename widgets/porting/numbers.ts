import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { NumberLineReport, NumbersReport, PortOrder } from '../../contract/port-orders.js';
import { isOfficeTime, parseDdi, portingCountries, portingDayProblem, SWISS_HOLIDAYS, UNKNOWN_PROVIDER, type PortingCountry } from '../../contract/porting.js';
import { formatDate } from '../core/i18n/index.js';
import type { InvalidField } from '../core/wizard.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import '../primitives/checkbox.js';
import '../primitives/date-field.js';
import '../primitives/radio-group.js';
import '../primitives/select.js';
import '../primitives/text-field.js';
import type { NumbersSection, NumbersStepApi, PortingHost } from './host.js';
import { spaced, spacedRange } from './number-format.js';
import { type NumbersKey, numbersMessages, nt } from './numbers.messages.js';
import { numbersStyles } from './numbers.styles.js';

/** How long typing pauses before the lines are checked. */
export const CHECK_DELAY_MS = 400;

type Field = HTMLElement & { value: string; checked?: boolean };
type Signer = { name: string; role: string };

/** The formatters live in `number-format.ts` (tiny, for the review and the order detail too); here for this step's users. */
export { spaced, spacedRange } from './number-format.js';

/** The holiday's index in its year's list (the list's order is fixed: New Year … St Stephen's Day). */
const holidayIndex = (day: string) => SWISS_HOLIDAYS[Number(day.slice(0, 4))]?.indexOf(day) ?? -1;

/**
 * Step 3 of `<tk-porting>`: the numbers with their live report from `POST /v1/numbers/check`, current
 * provider, signing authority, timing, partial or full port, note. A controller of the wizard element.
 */
export class NumbersStep implements NumbersStepApi {
  country: PortingCountry = 'CH';
  lines: string[] = [''];
  newNumbers = '0';
  provider = '';
  account = '';
  signing: 'single' | 'collective' | '' = '';
  signers: Signer[] = [{ name: '', role: '' }];
  timing: 'contract_end' | 'asap' | '' = '';
  date = '';
  time = '';
  shared: boolean | undefined;
  scope: 'partial' | 'full' | '' = '';
  ack = false;
  note = '';
  /** The last check's answer, for the lines as they were sent. */
  report: NumbersReport | undefined;
  checking = false;
  checkFailed = false;
  /** The polite status line: how many lines need a correction, changed only when that count changes. */
  status = '';
  private statusCount: number | undefined;
  /** The BFF's errors by field (`lines.3`, `portingDate`, …), until that field changes. */
  private server = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private aborter: AbortController | undefined;
  private styled = false;
  /** A check asked for before the kit was there (a saved draft loaded early). */
  private pending = false;

  constructor(private readonly host: PortingHost) {
    host.addController(this);
  }

  hostConnected(): void {}
  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.aborter?.abort();
  }
  hostUpdated(): void {
    const root = this.host.shadowRoot;
    if (this.styled || !root) return;
    this.styled = true;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, numbersStyles.styleSheet!];
  }
  hostUpdate(): void {
    if (this.pending && this.host.currentKit) {
      this.pending = false;
      void this.check();
    }
  }

  private t(key: NumbersKey, params?: Record<string, string | number>) {
    return nt(this.host.currentLocale, key, params);
  }
  private get earliest() {
    return this.host.options?.earliestPortingDate ?? undefined;
  }
  private root(): ParentNode {
    return this.host.shadowRoot ?? this.host;
  }
  private field(name: string): Field | null {
    return this.root().querySelector<Field>(`[data-field="${name}"]`);
  }
  private set(changes: Partial<NumbersStep>, cleared?: string) {
    Object.assign(this, changes);
    if (cleared) this.server.delete(cleared);
    this.host.requestUpdate();
  }

  /** Takes the saved section, or (none: a new order, another draft) starts over with every field at its default. */
  load(saved: PortOrder['numbers'] | undefined): void {
    clearTimeout(this.timer);
    this.aborter?.abort();
    this.server.clear();
    Object.assign(this, {
      country: 'CH', lines: [''], newNumbers: '0', provider: '', account: '', signing: '', signers: [{ name: '', role: '' }], timing: '',
      date: '', time: '', shared: undefined, scope: '', ack: false, note: '', report: undefined, checking: false, checkFailed: false, pending: false, status: '', statusCount: undefined,
    });
    if (saved) {
      this.country = saved.country;
      this.lines = saved.lines.length ? saved.lines.map((l) => l.input) : [''];
      this.newNumbers = String(saved.newNumbers);
      this.provider = saved.currentProvider ?? '';
      this.account = saved.currentProviderAccount ?? '';
      this.signing = saved.signing ?? '';
      this.signers = saved.signers.length ? saved.signers.map((s) => ({ ...s })) : [{ name: '', role: '' }];
      this.timing = saved.timing ?? '';
      this.date = saved.portingDate ?? '';
      this.time = saved.portingTime ?? '';
      this.shared = saved.sharedContract ?? undefined;
      this.scope = saved.scope ?? '';
      this.ack = saved.fullPortAcknowledged;
      this.note = saved.note ?? '';
      if (this.filled().length) this.check();
    }
    this.host.requestUpdate();
  }

  value(): NumbersSection {
    const n = Number(this.newNumbers);
    return {
      country: this.country,
      lines: this.filled().map((l) => l.trim()),
      ...(/^\d+$/.test(this.newNumbers.trim()) && n <= 1000 && { newNumbers: n }),
      ...(this.provider && { currentProvider: this.provider }),
      currentProviderAccount: this.account.trim(),
      ...(this.signing && { signing: this.signing, signers: this.signers.slice(0, this.signing === 'single' ? 1 : 2) }),
      ...(this.timing && { timing: this.timing }),
      portingDate: this.timing === 'contract_end' && this.date ? this.date : null,
      portingTime: this.timing === 'contract_end' && this.time ? this.normalTime() : null,
      ...(this.shared !== undefined && { sharedContract: this.shared }),
      ...(this.scope && { scope: this.scope }),
      fullPortAcknowledged: this.scope === 'full' && this.ack,
      note: this.note.trim(),
    };
  }

  /** `9:30` → `09:30`. */
  private normalTime() {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(this.time.trim());
    return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : this.time.trim();
  }
  private filled() {
    return this.lines.filter((l) => l.trim());
  }

  // The live check

  /** The report's line for the field at `index`, if it answers that line as it stands now. */
  lineReport(index: number): NumberLineReport | undefined {
    const text = this.lines[index]?.trim();
    if (!text || !this.report) return undefined;
    const position = this.lines.slice(0, index).filter((l) => l.trim()).length;
    const line = this.report.lines[position];
    return line && line.input.trim() === text && this.report.country === this.country ? line : undefined;
  }

  private schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
  }

  /** Asks the BFF about the lines now; an earlier request still running is aborted (its answer would be stale). */
  async check(): Promise<void> {
    clearTimeout(this.timer);
    this.aborter?.abort();
    const lines = this.filled().map((l) => l.trim());
    const api = this.host.currentKit?.api;
    this.pending = !!lines.length && !api;
    if (!lines.length) this.statusCount = undefined;
    if (!lines.length || !api) {
      this.set({ report: undefined, checking: false, ...(!lines.length && { status: '' }) });
      return;
    }
    const aborter = (this.aborter = new AbortController());
    const country = this.country;
    const orderId = this.host.order?.id;
    this.set({ checking: true, checkFailed: false });
    try {
      const report = await api.call(
        (rpc, o) => rpc.v1.numbers.check.$post({ json: { country, lines, ...(orderId && { orderId }) } }, o),
        { signal: aborter.signal, session: true },
      );
      if (aborter.signal.aborted) return;
      this.set({ report: report as NumbersReport, checking: false });
      this.announce();
    } catch {
      if (aborter.signal.aborted) return;
      this.set({ checking: false, checkFailed: true });
    }
  }

  private onLine(index: number, event: Event) {
    const lines = [...this.lines];
    lines[index] = (event.target as Field).value;
    this.set({ lines }, `lines.${index}`);
    this.schedule();
  }
  private onLineLeft(index: number) {
    if (this.lines[index]?.trim() && !this.lineReport(index)) this.check();
  }
  private async addLine() {
    this.set({ lines: [...this.lines, ''] });
    await this.host.updateComplete;
    this.field(`line-${this.lines.length - 1}`)?.focus();
  }
  private async removeLine(index: number) {
    const lines = this.lines.filter((_, i) => i !== index);
    // Only this line's server error goes; the later lines' move up with their lines.
    this.server = new Map(
      [...this.server].flatMap(([name, message]): [string, string][] => {
        const at = Number(/^lines\.(\d+)$/.exec(name)?.[1] ?? -1);
        return at === index ? [] : [[at > index ? `lines.${at - 1}` : name, message]];
      }),
    );
    this.set({ lines: lines.length ? lines : [''] });
    this.check();
    await this.host.updateComplete;
    (this.field(`line-${Math.min(index, this.lines.length - 1)}`) ?? this.field('add'))?.focus();
  }

  // What is wrong

  /** The problem of the line at `index` in words, or ''. */
  lineProblem(index: number): string {
    const server = this.server.get(`lines.${index}`);
    if (server) return server;
    return this.lineReport(index)?.problems.map((p) => p.message).join(' ') ?? '';
  }

  /** The porting day's problem in words, or ''. */
  dayProblem(day: string): string {
    const earliest = this.earliest;
    const today = this.host.options?.today;
    if (!today) return '';
    const problem = portingDayProblem(day, today);
    if (!problem) return earliest && day < earliest ? this.t('day.too_early', this.dayParams(day)) : '';
    return this.t(`day.${problem}`, this.dayParams(day));
  }
  private dayParams(day: string) {
    const locale = this.host.currentLocale;
    const known = /^\d{4}-\d{2}-\d{2}$/.test(day);
    return {
      date: known ? formatDate(day, locale) : day,
      earliest: this.earliest ? formatDate(this.earliest, locale) : '',
      weekday: known ? this.t(`weekday.${new Date(`${day}T00:00:00Z`).getUTCDay() === 0 ? 0 : 6}` as NumbersKey) : '',
      holiday: holidayIndex(day) >= 0 ? this.t(`holiday.${holidayIndex(day)}` as NumbersKey) : '',
    };
  }

  invalid(): InvalidField[] {
    const out: InvalidField[] = [];
    const add = (name: string, label: string, message: string) => {
      const control = this.field(name);
      if (control) out.push({ control, label, message });
    };
    const n = this.newNumbers.trim();
    if (!/^\d+$/.test(n) || Number(n) > 1000) add('newNumbers', this.t('numbers.newNumbers'), this.t('numbers.newNumbersInvalid'));
    if (!this.filled().length && Number(n) === 0) add('line-0', this.t('numbers.line', { n: 1 }), this.t('numbers.none'));
    this.lines.forEach((line, i) => {
      const problem = this.lineProblem(i);
      if (line.trim() && problem) add(`line-${i}`, this.t('numbers.line', { n: i + 1 }), problem);
    });
    if (this.filled().length) {
      if (!this.provider) add('provider', this.t('numbers.provider'), this.t('numbers.chooseProvider'));
      if (!this.signing) add('signing', this.t('numbers.signing'), this.t('numbers.choose'));
      else
        this.signers.slice(0, this.signing === 'single' ? 1 : 2).forEach((s, i) => {
          const who = this.t('numbers.signer', { n: i + 1 });
          if (!s.name.trim()) add(`signer-${i}-name`, `${who}: ${this.t('numbers.signerName')}`, this.t('numbers.nameRequired'));
          if (!s.role.trim()) add(`signer-${i}-role`, `${who}: ${this.t('numbers.signerRole')}`, this.t('numbers.roleRequired'));
        });
      if (!this.timing) add('timing', this.t('numbers.timing'), this.t('numbers.choose'));
      if (this.timing === 'contract_end') {
        const earliest = this.earliest ? formatDate(this.earliest, this.host.currentLocale) : '';
        const problem = this.date ? this.dayProblem(this.date) : this.t('numbers.dateRequired', { date: earliest });
        if (problem) add('date', this.t('numbers.date'), problem);
        if (!isOfficeTime(this.normalTime())) add('time', this.t('numbers.time'), this.t('numbers.timeInvalid'));
      }
      if (this.shared === undefined) add('shared', this.t('numbers.shared'), this.t('numbers.choose'));
      if (!this.scope) add('scope', this.t('numbers.scope'), this.t('numbers.choose'));
      if (this.scope === 'full' && !this.ack) add('ack', this.t('numbers.ack'), this.t('numbers.ackRequired'));
    }
    for (const [name, message] of this.server) {
      if (name.startsWith('lines.')) continue;
      // An error without a field of its own (`signers`, `lines`, a field not shown) goes to the nearest one, in words.
      const target = name === 'signers' ? 'signing' : name === 'lines' ? `line-${Math.max(0, this.lines.findIndex((l, i) => l.trim() && this.lineProblem(i)))}` : name;
      const control = this.field(target) ?? this.field('line-0');
      if (control && !out.some((f) => f.control === control && f.message === message)) out.push({ control, label: this.serverLabel(name), message });
    }
    return out;
  }

  /** The label of the field a server error names (`provider`, `signer-1-role`, `signers`, …), never the path. */
  private serverLabel(name: string): string {
    const signer = /^signer-(\d)-(name|role)$/.exec(name);
    if (signer) return `${this.t('numbers.signer', { n: Number(signer[1]) + 1 })}: ${this.t(signer[2] === 'name' ? 'numbers.signerName' : 'numbers.signerRole')}`;
    const keys: Record<string, NumbersKey> = {
      country: 'numbers.country', newNumbers: 'numbers.newNumbers', lines: 'numbers.lines', provider: 'numbers.provider', currentProviderAccount: 'numbers.account',
      signing: 'numbers.signing', signers: 'numbers.signing', timing: 'numbers.timing', date: 'numbers.date', time: 'numbers.time',
      shared: 'numbers.shared', scope: 'numbers.scope', ack: 'numbers.ack', note: 'numbers.note',
    };
    return this.t(keys[name] ?? 'numbers.heading');
  }

  showErrors(errors: Map<string, { code: string; message: string }>, report?: unknown): void {
    const names: Record<string, string> = { currentProvider: 'provider', portingDate: 'date', portingTime: 'time', sharedContract: 'shared', fullPortAcknowledged: 'ack' };
    this.server.clear();
    for (const [path, { message }] of errors) {
      if (!path.startsWith('numbers.')) continue;
      const rest = path.slice('numbers.'.length);
      const line = /^lines\.(\d+)/.exec(rest);
      if (line) {
        // The BFF counts the lines it was sent (the filled ones): back to the field's index.
        const filled = this.lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
        this.server.set(`lines.${filled[Number(line[1])] ?? Number(line[1])}`, message);
      } else {
        const signer = /^signers\.(\d)\.(name|role)/.exec(rest);
        this.server.set(signer ? `signer-${signer[1]}-${signer[2]}` : (names[rest.split('.')[0]!] ?? rest.split('.')[0]!), message);
      }
    }
    const r = report as NumbersReport | undefined;
    if (r && Array.isArray(r.lines)) this.report = r;
    this.host.requestUpdate();
  }

  // The form

  private renderLine(line: string, i: number) {
    const report = this.lineReport(i);
    const problem = this.lineProblem(i);
    let info = '';
    if (report && !problem) {
      if (report.range) {
        info = this.t('numbers.block', { size: report.range.size, ...spacedRange(report.range) });
        if (this.country === 'CH') info += `. ${this.t('numbers.blockRule')}`;
      } else if (report.e164) {
        const key = `type.${report.type}` as NumbersKey;
        const word = this.t(key in numbersMessages.texts(this.host.currentLocale) ? key : 'type.other');
        info = this.t('numbers.single', { number: spaced(report.e164), type: word });
      }
    } else if (!problem && (parseDdi(line) as { stem?: string } | undefined)?.stem && this.country === 'CH') {
      info = this.t('numbers.blockRule');
    }
    const label = this.t('numbers.line', { n: i + 1 });
    return html`<div class="line">
      <tk-text-field
        name="line-${i}" data-field="line-${i}"
        label="${label}"
        type="tel"
        autocomplete="off"
        maxlength="40"
        .value="${live(line)}"
        .hint="${info}"
        .error="${live(problem)}"
        @input="${(e: Event) => this.onLine(i, e)}"
        @change="${() => this.onLineLeft(i)}"
      ></tk-text-field>
      ${this.lines.length > 1 || line
        ? html`<tk-button variant="secondary" data-remove="${i}" @click="${() => this.removeLine(i)}"
            >${this.t('numbers.removeNamed', { number: line.trim() || label })}</tk-button
          >`
        : nothing}
    </div>`;
  }

  private flagged() {
    return this.lines.map((l, i) => ({ i, problem: l.trim() ? this.lineProblem(i) : '' })).filter((f) => f.problem);
  }
  private flaggedText(count: number) {
    const total = this.filled().length;
    return count === 0 ? this.t('numbers.allFine') : count === 1 ? this.t('numbers.flaggedOne', { total }) : this.t('numbers.flagged', { count, total });
  }
  /** Once per check result: the status line says the count of lines to correct, only when it changed (no re-reading of the list). */
  private announce() {
    const count = this.flagged().length;
    if (count === this.statusCount) return;
    this.statusCount = count;
    this.set({ status: this.flaggedText(count) });
  }

  /** The lines to correct with links to them: not a live region (the status line speaks; each line's error is at its field). */
  private renderFlagged() {
    const flagged = this.flagged();
    if (!flagged.length) return nothing;
    const heading = this.flaggedText(flagged.length);
    const tooMany = this.report?.lines.some((l) => l.problems.some((p) => p.code === 'too_many_singles'));
    return html`<div class="flagged" data-flagged>
      <p class="flagged-heading">${heading}</p>
      <ul>
        ${flagged.map(
          (f) => html`<li>
            <button type="button" @click="${() => this.field(`line-${f.i}`)?.focus()}">${this.t('numbers.line', { n: f.i + 1 })} (${this.lines[f.i]!.trim()})</button>: ${f.problem}
          </li>`,
        )}
      </ul>
      ${tooMany ? html`<p data-split>${this.t('numbers.split')}</p>` : nothing}
    </div>`;
  }

  private radio(name: string, legend: string, value: string, options: [string, NumbersKey, NumbersKey?][], onPick: (v: string) => void, hint = '') {
    return html`<tk-radio-group
      name="${name}" data-field="${name}"
      label="${legend}"
      hint="${hint}"
      required
      .error="${live(this.server.get(name) ?? '')}"
      .value="${live(value)}"
      .options="${options.map(([v, l, d]) => ({ value: v, label: this.t(l), ...(d && { description: this.t(d) }) }))}"
      @input="${(e: Event) => onPick((e.target as Field).value)}"
      @change="${(e: Event) => onPick((e.target as Field).value)}"
    ></tk-radio-group>`;
  }

  private text(name: string, label: string, value: string, onInput: (v: string) => void, extra: { hint?: string; inputmode?: string; autocomplete?: string; required?: boolean } = {}) {
    return html`<tk-text-field
      name="${name}" data-field="${name}"
      label="${label}"
      hint="${extra.hint ?? ''}"
      inputmode="${extra.inputmode ?? nothing}"
      autocomplete="${extra.autocomplete ?? 'off'}"
      ?required="${!!extra.required}"
      .value="${live(value)}"
      .error="${live(this.server.get(name) ?? '')}"
      @input="${(e: Event) => {
        onInput((e.target as Field).value);
        this.server.delete(name);
      }}"
    ></tk-text-field>`;
  }

  render(): TemplateResult {
    return html`<div class="tk-numbers">
      <p class="visually-hidden" role="status" data-numbers-status>${this.status}</p>
      ${this.renderFlagged()}
      <fieldset class="stack">
        <legend>${this.t('numbers.lines')}</legend>
        <tk-select
          name="country" data-field="country"
          label="${this.t('numbers.country')}"
          .value="${live(this.country)}"
          .options="${portingCountries.map((c) => ({ value: c, label: this.t(`country.${c}`) }))}"
          @change="${(e: Event) => {
            this.set({ country: (e.target as Field).value as PortingCountry, provider: '' });
            this.check();
          }}"
        ></tk-select>
        <p class="muted" id="tk-numbers-lines-hint">${this.t('numbers.linesHint')}</p>
        ${this.lines.map((line, i) => this.renderLine(line, i))}
        <tk-button variant="secondary" data-field="add" @click="${() => this.addLine()}">${this.t('numbers.add')}</tk-button>
        ${this.checking ? html`<p class="muted">${this.t('numbers.checking')}</p>` : nothing}
        ${this.checkFailed ? html`<p class="muted">${this.t('numbers.checkFailed')}</p>` : nothing}
        ${this.text('newNumbers', this.t('numbers.newNumbers'), this.newNumbers, (v) => this.set({ newNumbers: v }), { hint: this.t('numbers.newNumbersHint'), inputmode: 'numeric' })}
        <p class="muted">${this.t('numbers.temporary')}</p>
      </fieldset>

      ${this.filled().length ? this.renderPorting() : nothing}

      <div>
        <label class="label" for="tk-numbers-note">${this.t('numbers.note')}</label>
        <p class="muted" id="tk-numbers-note-hint">${this.t('numbers.noteHint')}</p>
        <textarea
          id="tk-numbers-note"
          name="note" data-field="note"
          maxlength="2000"
          aria-describedby="tk-numbers-note-hint"
          .value="${live(this.note)}"
          @input="${(e: Event) => this.set({ note: (e.target as HTMLTextAreaElement).value })}"
        ></textarea>
      </div>
    </div>`;
  }

  /** What only a port needs (provider, signing authority, timing, partial or full): shown once a line is filled; new numbers alone need none of it. */
  private renderPorting() {
    const locale = this.host.currentLocale;
    const providers = this.host.options?.providers[this.country] ?? [];
    const earliest = this.earliest ? formatDate(this.earliest, locale) : '';
    const collective = this.signing === 'collective';
    return html`<fieldset class="stack">
    <legend>${this.t('numbers.provider')}</legend>
    <tk-select
      name="provider" data-field="provider"
      label="${this.t('numbers.provider')}"
      hint="${this.t('numbers.providerHint')}"
      required
      .error="${live(this.server.get('provider') ?? '')}"
      .value="${live(this.provider)}"
      .options="${[...providers.map((p) => ({ value: p.code, label: p.name })), { value: UNKNOWN_PROVIDER, label: this.t('numbers.providerUnknown') }]}"
      @change="${(e: Event) => this.set({ provider: (e.target as Field).value }, 'provider')}"
    ></tk-select>
    ${this.text('currentProviderAccount', this.t('numbers.account'), this.account, (v) => this.set({ account: v }), { hint: this.t('numbers.accountHint') })}
    <p class="muted">${this.t('numbers.conditions')}</p>
  </fieldset>

  <fieldset class="stack">
    <legend>${this.t('numbers.signing')}</legend>
    ${this.radio(
      'signing',
      this.t('numbers.signing'),
      this.signing,
      [
        ['single', 'numbers.single.label', 'numbers.single.text'],
        ['collective', 'numbers.collective.label', 'numbers.collective.text'],
      ],
      (v) => this.set({ signing: v as 'single', signers: v === 'collective' && this.signers.length < 2 ? [...this.signers, { name: '', role: '' }] : this.signers }),
      this.t('numbers.signingHint'),
    )}
    <p class="muted">
      ${this.t('numbers.zefixHint')}
      <a href="https://www.zefix.ch" target="_blank" rel="noopener noreferrer">${this.t('numbers.zefix')}</a>
    </p>
    ${this.signing
      ? this.signers.slice(0, collective ? 2 : 1).map(
          (s, i) => html`<fieldset class="stack" data-signer="${i}">
            <legend>${this.t('numbers.signer', { n: i + 1 })}</legend>
            ${this.text(`signer-${i}-name`, this.t('numbers.signerName'), s.name, (v) => this.setSigner(i, { name: v }), { autocomplete: 'off', required: true })}
            ${this.text(`signer-${i}-role`, this.t('numbers.signerRole'), s.role, (v) => this.setSigner(i, { role: v }), { hint: this.t('numbers.signerRoleHint'), required: true })}
          </fieldset>`,
        )
      : nothing}
  </fieldset>

  <fieldset class="stack">
    <legend>${this.t('numbers.timing')}</legend>
    ${this.radio(
      'timing',
      this.t('numbers.timing'),
      this.timing,
      [
        ['contract_end', 'numbers.contractEnd.label', 'numbers.contractEnd.text'],
        ['asap', 'numbers.asap.label', 'numbers.asap.text'],
      ],
      (v) => this.set({ timing: v as 'asap' }),
    )}
    ${this.timing === 'asap' ? html`<p class="muted">${this.t('numbers.asapNote')}</p>` : nothing}
    ${this.timing === 'contract_end'
      ? html`<tk-date-field
            name="date" data-field="date"
            label="${this.t('numbers.date')}"
            hint="${this.t('numbers.dateHint', { date: earliest })}"
            example="${this.t('numbers.dateExample', { example: (this.earliest ?? '').split('-').reverse().map((p) => p.replace(/^0/, '')).join(' ') })}"
            required
            min="${this.earliest ?? nothing}"
            .dayProblem="${(day: string) => this.dayProblem(day)}"
            .value="${live(this.date)}"
            .error="${live(this.server.get('date') ?? '')}"
            @input="${(e: Event) => this.set({ date: (e.target as Field).value }, 'date')}"
            @change="${(e: Event) => this.set({ date: (e.target as Field).value }, 'date')}"
          ></tk-date-field>
          ${this.text('time', this.t('numbers.time'), this.time, (v) => this.set({ time: v }), { hint: this.t('numbers.timeHint'), inputmode: 'numeric', required: true })}`
      : nothing}
  </fieldset>

  <fieldset class="stack">
    <legend>${this.t('numbers.scope')}</legend>
    ${this.radio(
      'shared',
      this.t('numbers.shared'),
      this.shared === undefined ? '' : this.shared ? 'yes' : 'no',
      [
        ['yes', 'numbers.yes'],
        ['no', 'numbers.no'],
      ],
      (v) => this.set({ shared: v === 'yes' }),
    )}
    ${this.shared ? html`<tk-alert variant="warning" data-shared-warning><p>${this.t('numbers.sharedWarning')}</p></tk-alert>` : nothing}
    ${this.radio(
      'scope',
      this.t('numbers.scope'),
      this.scope,
      [
        ['partial', 'numbers.partial.label', 'numbers.partial.text'],
        ['full', 'numbers.full.label', 'numbers.full.text'],
      ],
      (v) => this.set({ scope: v as 'full' }),
    )}
    ${this.scope === 'full'
      ? html`<div data-full>
          <p>${this.t('numbers.fullLoss')}</p>
          <ul>
            <li>${this.t('numbers.fullLoss1')}</li>
            <li>${this.t('numbers.fullLoss2')}</li>
          </ul>
          <tk-checkbox
            name="ack" data-field="ack"
            label="${this.t('numbers.ack')}"
            required
            .checked="${live(this.ack)}"
            .error="${live(this.server.get('ack') ?? '')}"
            @input="${(e: Event) => this.set({ ack: !!(e.target as Field).checked }, 'ack')}"
            @change="${(e: Event) => this.set({ ack: !!(e.target as Field).checked }, 'ack')}"
          ></tk-checkbox>
        </div>`
      : nothing}
    <p class="muted">${this.t('numbers.cancelHint')}</p>
  </fieldset>`;
  }

  private setSigner(i: number, change: Partial<Signer>) {
    const signers = this.signers.map((s, j) => (j === i ? { ...s, ...change } : s));
    this.set({ signers });
  }
}
