import { TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { LinkRequestIssued, Location, LocationIntentIssued, LocationList, OpenLinkRequest } from '../../contract/locations.js';
import { TkNetworkError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { cardStyles } from '../core/cards.styles.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCancelEvent, TkCompleteEvent, type TkSessionChangeEvent } from '../core/events.js';
import { insideProvider, KitController, standaloneProperties } from '../core/kit.js';
import { pinStyles } from '../core/pin.styles.js';
import { sessionListTask, loginInPlace } from '../core/session-list.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../portal/login.js';
import { PortalForm } from '../portal/form.js';
import { portalStyles } from '../portal/portal.styles.js';
import type { TkActing } from '../provider/acting.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { renderList } from './list.js';
import { locationsStyles } from './locations.styles.js';
import { type LocationsKey, locationsMessages } from './messages.js';

/** What the widget shows: the overview, or one of the steps of `steps.ts`. */
export type LocationsView = 'list' | 'link' | 'code' | 'order' | 'signup' | 'unlink';

/** `tk-complete`'s detail: what was done, and with which account (none for an order: it is linked once confirmed). */
export interface LocationsCompleteDetail {
  action: 'linked' | 'ordered' | 'invoice_changed' | 'unlinked' | 'switched';
  accountId?: string;
  location?: Location;
}

/** The steps (link with the code, order, unlink): fetched when one is first opened. */
let steps: typeof import('./steps.js') | undefined;
let stepsLoad: Promise<unknown> | undefined;
const loadSteps = () =>
  (stepsLoad ??= import('./steps.js').then(
    (m) => (steps = m),
    (error) => {
      stepsLoad = undefined; // offline for a moment: the next "open" tries again
      throw error;
    },
  ));

/**
 * "Standorte" (Standortverwaltung): a business account's main account and its linked sub-accounts, for its
 * administrator. The overview (main account first; customer number, site address, status, collective
 * invoice, linked since; ordered locations waiting for confirmation), linking an existing account with the
 * code its administration receives ("Bestehendes Konto hinzufügen" → "Code anfordern" → "Verknüpfen"),
 * "Neuen Standort bestellen" (a `tk-signup` for a business account, prefilled with the main account's company
 * data, carrying the BFF's intent), the collective invoice on or off from the 1st of next month, unlinking
 * with a confirmation, and "Zu diesem Standort wechseln": the provider's session then acts on the
 * sub-account, and `<tk-provider>` shows a banner with "Zurück zum Hauptaccount"; while acting, this widget
 * says so too and offers the way back itself. Without a provider (standalone attributes) it offers no switch:
 * nothing else on the page would show for whom the admin acts. Open code requests show in the overview with
 * "Code eingeben", so a reload does not lose them. A sub-account's own
 * administration (or an admin acting on it) sees that account alone. Without a session it shows `<tk-login>`
 * in its place (in its light DOM, where password managers find the login's inputs).
 *
 * @tag tk-locations
 * @slot - the login, or the code field of the link step (do not fill)
 * @fires tk-complete - `{ action: 'linked' | 'ordered' | 'invoice_changed' | 'unlinked' | 'switched', accountId?, location? }` after each change
 * @fires tk-step-change - `{ step, index, count }` when a step of linking (`link`, `code`) or ordering (`order`, `signup`) shows
 * @fires tk-cancel - `{ step }` when the user leaves a step without finishing it
 * @fires tk-error - when a request fails
 * @csspart card - each account's card
 * @csspart badge - the main/sub-account badge
 */
export class TkLocations extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, pinStyles, portalStyles, cardStyles, locationsStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
  };

  /** Level of the widget's heading (default 2); each account's name is one level below. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** The overview as the last change left it (newer than the one loaded). @internal */
  rows: LocationList | undefined;
  /** The account a step or a card's action is about. @internal */
  selected: Location | undefined;
  /** What the last action on a card did, shown in that card, focused. @internal */
  cardNotice: { id: string; text: string } | undefined;
  /** The code request in progress. @internal */
  issued: LinkRequestIssued | undefined;
  /** The intent and prefill of "Neuen Standort bestellen". @internal */
  intent: LocationIntentIssued | undefined;
  /** The card whose "Zu diesem Standort wechseln" is running. @internal */
  switching: string | undefined;
  /** The overview before a switch or a return, shown (inert) while the new one loads. @internal */
  keep: LocationList | undefined;
  /** The sub-account switched into last: after "Zurück zum Hauptaccount", its card says so, focused. */
  private switchedFrom: string | undefined;
  /** The main account acted for, named when the admin is back. */
  private actingMain = '';
  /** Back from a sub-account: focus goes to the card (or heading) once the main account's overview is there. */
  private returning: 'waiting' | 'loaded' | undefined;
  private hadSession: boolean | undefined;
  private expired = false;

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<LocationsView, LocationsKey>(this, this.i18n, 'list', locationsMessages);
  /** @internal */
  readonly load = sessionListTask(this, {
    fetch: (api, signal) => api.call((rpc, o) => rpc.v1.locations.$get({}, o), { signal, session: true }),
    loaded: () => {
      this.rows = this.keep = undefined;
      if (this.returning) this.returning = 'loaded';
    },
    failed: (expired) => {
      this.keep = undefined;
      this.expired = expired;
    },
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  /** The overview now: as loaded, with every change since. @internal */
  get list(): LocationList | undefined {
    return this.rows ?? this.load.value;
  }

  /** A text of the widget's catalogue. @internal */
  readonly t = (key: LocationsKey, params?: Record<string, string | number>): string => this.form.t(key, params);

  private readonly onSessionChange = (event: TkSessionChangeEvent) => {
    // The provider around this widget went back to the main account (from its banner).
    if (event.detail.reason === 'return' && event.target instanceof Node && event.target.contains(this)) this.backHome();
  };

  /** Back to the main account: its overview loads behind the rows on screen; then the card switched from says so. */
  private backHome(): void {
    this.keep ??= this.list;
    this.returning = 'waiting';
  }

  /** Whether the widget runs without `<tk-provider>` (and without a handed kit): then nothing would show a switch, so it offers none. @internal */
  get standalone(): boolean {
    return !this.kit && !insideProvider(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('tk-session-change', this.onSessionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('tk-session-change', this.onSessionChange);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const session = this.i18n.kit?.session;
    const has = Boolean(session);
    if (session?.user.acting) this.actingMain = session.user.acting.mainAccount.displayName;
    if (this.hadSession !== undefined && has !== this.hadSession) {
      this.form.step = 'list';
      this.form.notice = '';
      this.rows = undefined;
      if (has) this.expired = false;
      void this.form.focusAfterSession(has);
    }
    this.hadSession = has;
  }

  protected override updated(): void {
    if (this.returning === 'loaded' && this.load.status === TaskStatus.COMPLETE) {
      this.returning = undefined;
      // Said once: in the card switched from (focused), else in the overview's status line.
      const card = this.switchedFrom && this.renderRoot.querySelector(`[data-card="${this.switchedFrom}"]`) ? this.switchedFrom : undefined;
      void this.back(this.t('returned', { main: this.actingMain }), card);
    }
  }

  /** Puts the BFF's newer copy of an account into the overview. @internal */
  upsert(location: Location): void {
    const list = this.list;
    if (!list) return;
    const accounts = list.accounts.some((a) => a.accountId === location.accountId)
      ? list.accounts.map((a) => (a.accountId === location.accountId ? location : a))
      : [...list.accounts, location];
    this.rows = { ...list, position: 'main', accounts };
    this.requestUpdate();
  }

  /** Removes an unlinked account from the overview. @internal */
  drop(accountId: string): void {
    const list = this.list;
    if (!list) return;
    const accounts = list.accounts.filter((a) => a.accountId !== accountId);
    this.rows = { ...list, accounts, position: accounts.some((a) => a.role === 'sub') ? list.position : 'none' };
    this.requestUpdate();
  }

  /** Opens a step (its code first); `location` is what it is about. @internal */
  async open(view: Exclude<LocationsView, 'list'>, location?: Location, values?: Record<string, string>): Promise<void> {
    if (!(await this.steps())) return;
    this.selected = location;
    await steps!.enter(this, view, values);
  }

  /** "Code eingeben" on an open request: the code step again, for that request. @internal */
  async resume(request: OpenLinkRequest): Promise<void> {
    if (await this.steps()) await steps!.resume(this, request);
  }

  /** The steps' code, fetched once; offline: said in the summary, focused. */
  private async steps(): Promise<boolean> {
    this.cardNotice = undefined;
    try {
      await loadSteps();
      return true;
    } catch (error) {
      this.form.notice = '';
      this.form.submit.error = new TkNetworkError(error);
      this.requestUpdate();
      await this.form.focus('[data-error-summary]');
      return false;
    }
  }

  /** Back to the overview; focus on its heading, or on an account's card (where `notice` is said). @internal */
  async back(notice = '', card?: string, target = `[data-card="${card}"]`): Promise<void> {
    this.cardNotice = card && notice ? { id: card, text: notice } : undefined;
    await this.form.go('list', card ? '' : notice);
    if (card) await this.form.focus(notice ? '[data-card-notice]' : target);
  }

  /** The user left a step without finishing it. @internal */
  async leave(step: string = this.form.step): Promise<void> {
    steps?.stopCode(this);
    const id = this.selected?.accountId;
    // From the unlink confirmation: back on the button that opened it.
    await this.back('', id, step === 'unlink' ? `[data-unlink="${id}"]` : undefined);
    this.dispatchEvent(new TkCancelEvent({ step }));
  }

  /** `tk-complete` with what was done. @internal */
  completed(detail: LocationsCompleteDetail): void {
    this.dispatchEvent(new TkCompleteEvent<LocationsCompleteDetail>({ ...detail }));
  }

  /**
   * "Zu diesem Standort wechseln": a session acting on the sub-account replaces this one for every widget of
   * the provider; focus goes to the provider's banner, which says so.
   */
  async switchTo(location: Location): Promise<void> {
    const kit = this.i18n.kit;
    if (!kit || this.switching) return;
    this.cardNotice = undefined;
    this.switching = location.accountId;
    const issued = await this.form.send((k, o) =>
      k.api.call((rpc, opts) => rpc.v1.locations[':accountId'].switch.$post({ param: { accountId: location.accountId } }, opts), { ...o, session: true }),
    );
    this.switching = undefined;
    this.requestUpdate();
    if (!issued) return;
    this.switchedFrom = location.accountId;
    this.keep = this.list;
    kit.setSession(issued, 'switch');
    this.completed({ action: 'switched', accountId: location.accountId, location });
    await this.focusBanner();
  }

  /** "Zurück zum Hauptaccount" in this widget (while acting): the same call as the provider's banner. @internal */
  async returnToMain(): Promise<void> {
    const kit = this.i18n.kit;
    const issued = await this.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1.locations.return.$post({}, opts), { ...o, session: true }));
    if (!issued || !kit) return;
    this.backHome();
    kit.setSession(issued, 'return');
    this.requestUpdate();
  }

  /** The provider's banner takes focus: its sentence says for which location the admin now acts. */
  private async focusBanner(): Promise<void> {
    const provider = this.closest('tk-provider');
    if (!provider) return;
    provider.requestUpdate(); // a kit handed to the provider (stories) does not tell it of the new session
    await provider.updateComplete;
    await customElements.whenDefined('tk-acting');
    await (provider.shadowRoot?.querySelector<TkActing>('tk-acting'))?.focusText();
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!this.i18n.kit?.session) return loginInPlace(this, this.expired, (k) => this.t(k));
    if (form.step !== 'list' && steps) return html`${form.banner()}${steps.renderStep(this)}`;
    return html`${form.banner()}${renderList(this)}`;
  }
}

defineOnce('tk-locations', TkLocations);

declare global {
  interface HTMLElementTagNameMap {
    'tk-locations': TkLocations;
  }
}
