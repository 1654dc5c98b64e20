import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { SubUser, SubUserCancellation } from '../../contract/sub-users.js';
import type { TariffInfo } from '../../contract/tenant.js';
import { TkApiError, TkNetworkError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { cardStyles } from '../core/cards.styles.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCancelEvent, TkCompleteEvent } from '../core/events.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { sessionListTask, loginInPlace } from '../core/session-list.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../portal/login.js';
import { PortalForm } from '../portal/form.js';
import { portalStyles } from '../portal/portal.styles.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { renderList } from './list.js';
import { type SubUsersKey, subUsersMessages } from './messages.js';
import { subUsersStyles } from './sub-users.styles.js';

/** What the widget shows: the list, or one of the steps of `steps.ts`. */
export type SubUsersView = 'list' | 'add' | 'done' | 'email' | 'note' | 'tariff' | 'withdraw' | 'cancel' | 'receipt';

/** `tk-complete`'s detail: what was done, and the co-user as the BFF answered. */
export interface SubUsersCompleteDetail {
  action: 'created' | 'updated' | 'resent' | 'cancelled' | 'withdrawn';
  subUser: SubUser;
}

/**
 * The steps (add wizard, changes, cancellation and receipt): fetched when one is first opened, with the
 * primitives they share with the signup (its chunk) — the list page downloads none of it.
 */
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

const byName = (a: SubUser, b: SubUser) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);

/**
 * "Mitbenutzer": the co-users of a business account, for its administrator. The list (a card per co-user
 * with a text status badge, searchable above 10), the add wizard (data → review with the contract facts →
 * "Zahlungspflichtigen Vertrag schließen" → what happens next), the changes each status allows (resend the
 * confirmation, change the e-mail address before confirmation, withdraw a registration, change the invoice
 * note or the tariff, withdraw a cancellation) and the cancellation in the manner of § 312k BGB (the BFF's
 * earliest end date or a later one → "Jetzt kündigen" → a printable receipt). Without a session it shows
 * `<tk-login>` in its place (in its light DOM, where password managers find the login's inputs).
 *
 * @tag tk-sub-users
 * @slot - the login (do not fill)
 * @fires tk-complete - `{ action: 'created' | 'updated' | 'resent' | 'cancelled' | 'withdrawn', subUser }` after each change
 * @fires tk-step-change - `{ step, index, count }` when a step of the add wizard or of the cancellation shows
 * @fires tk-cancel - `{ step }` when the user leaves a step without saving
 * @fires tk-error - when a request fails
 * @csspart card - each co-user's card
 * @csspart badge - each status badge
 */
export class TkSubUsers extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, portalStyles, cardStyles, subUsersStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
  };

  /** Level of the widget's heading (default 2); each co-user's name is one level below. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** The list as the last change left it (newer than the one loaded). @internal */
  rows: SubUser[] | undefined;
  /** The search, once there are more than 10. @internal */
  query = '';
  /** The co-user a step is about. @internal */
  selected: SubUser | undefined;
  /** What the last change on the list did, shown in its co-user's card (where focus is), not far above. @internal */
  cardNotice: { id: string; text: string } | undefined;
  /** The last cancellation's receipt. @internal */
  receipt: SubUserCancellation | undefined;
  /** Until when (ms) each co-user's confirmation may not be sent again. @internal */
  readonly waits = new Map<string, number>();
  private hadSession: boolean | undefined;
  private expired = false;

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<SubUsersView, SubUsersKey>(this, this.i18n, 'list', subUsersMessages);
  /** Renders once a second while a resend waits (like `core/countdown.ts`, one clock for every row). */
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** @internal */
  readonly load = sessionListTask(this, {
    fetch: async (api, signal) => (await api.call((rpc, o) => rpc.v1['sub-users'].$get({}, o), { signal, session: true })).subUsers,
    loaded: (subUsers) => {
      this.rows = undefined;
      for (const s of subUsers) if (s.resendAfter > 0) this.wait(s.id, s.resendAfter);
    },
    failed: (expired) => {
      this.expired = expired;
    },
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  /** The co-users now: as loaded, with every change since. @internal */
  get list(): SubUser[] {
    return this.rows ?? this.load.value ?? [];
  }

  /** The tenant's tariffs for co-users. @internal */
  get tariffs(): TariffInfo[] {
    return this.i18n.kit?.tenant?.tariffs.filter((t) => t.forSubUsers) ?? [];
  }

  /** Puts the BFF's newer copy of a co-user into the list (or adds it), sorted. @internal */
  upsert(subUser: SubUser): void {
    this.rows = [...this.list.filter((s) => s.id !== subUser.id), subUser].sort(byName);
    this.requestUpdate();
  }

  /** No resend for `seconds`: the list counts down. @internal */
  wait(id: string, seconds: number): void {
    if (seconds <= 0) return void this.waits.delete(id);
    this.waits.set(id, Date.now() + seconds * 1000);
    this.tick();
    this.requestUpdate();
  }

  private tick(): void {
    if (this.ticker || !this.isConnected) return;
    this.ticker = setInterval(() => {
      if (![...this.waits.keys()].some((id) => this.secondsLeft(id) > 0)) this.stopTicker();
      this.requestUpdate();
    }, 1000);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.waits.size) this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  /** @internal */
  secondsLeft(id: string): number {
    return Math.max(0, Math.ceil(((this.waits.get(id) ?? 0) - Date.now()) / 1000));
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const has = Boolean(this.i18n.kit?.session);
    if (this.hadSession !== undefined && has !== this.hadSession) {
      this.form.step = 'list';
      this.form.notice = '';
      this.rows = undefined;
      this.query = '';
      if (has) this.expired = false;
      void this.form.focusAfterSession(has);
    }
    this.hadSession = has;
  }

  /** Opens a step (its code first); `subUser` is what it is about. @internal */
  async open(view: Exclude<SubUsersView, 'list'>, subUser?: SubUser): Promise<void> {
    this.cardNotice = undefined;
    try {
      const m = (await loadSteps()) as typeof import('./steps.js');
      await m.loadStepTexts(this.i18n.locale).catch(() => undefined);
    } catch (error) {
      // Offline for a moment: said at the top of the list; the same button tries again.
      this.form.notice = '';
      this.form.submit.error = new TkNetworkError(error);
      this.requestUpdate();
      return this.form.focus('[data-error-summary]');
    }
    this.selected = subUser;
    await steps!.enter(this, view);
  }

  /**
   * Back to the list; focus on the list's heading, or on a co-user's card. What a change did (`notice`) is said
   * in that card, focused: at the place the user looks (at 320 px the banner would be screens away), read once.
   * @internal
   */
  async back(notice = '', card?: string): Promise<void> {
    this.cardNotice = card && notice ? { id: card, text: notice } : undefined;
    await this.form.go('list', card ? '' : notice);
    if (card) await this.form.focus(notice ? '[data-card-notice]' : `[data-card="${card}"]`);
  }

  /** The user left a step without saving. @internal */
  async leave(step: string = this.form.step): Promise<void> {
    const card = this.selected?.id;
    await this.back('', card);
    this.dispatchEvent(new TkCancelEvent({ step }));
  }

  /** A change is done: the list takes the co-user, the banner says it, `tk-complete` fires. @internal */
  async done(action: SubUsersCompleteDetail['action'], subUser: SubUser, notice: string, view: SubUsersView = 'list'): Promise<void> {
    this.upsert(subUser);
    if (view === 'list') await this.back(notice, subUser.id);
    else await this.form.go(view, notice);
    this.dispatchEvent(new TkCompleteEvent<SubUsersCompleteDetail>({ action, subUser }));
  }

  /** "Bestätigung erneut senden": a new link (the old ones stop), and how long until the next. @internal */
  async resend(subUser: SubUser): Promise<void> {
    const result = await this.form.send((kit, o) =>
      kit.api.call((rpc, opts) => rpc.v1['sub-users'][':id'].resend.$post({ param: { id: subUser.id } }, opts), { ...o, session: true }),
    );
    const error = this.form.submit.error;
    if (!result) return void (error instanceof TkApiError && error.retryAfter && this.wait(subUser.id, error.retryAfter));
    this.wait(subUser.id, result.retryAfter);
    await this.done('resent', result.subUser, this.form.t('resend.done', { email: result.subUser.email }));
  }

  /** "Kündigung zurücknehmen": active again. @internal */
  async keep(subUser: SubUser): Promise<void> {
    const result = await this.form.send((kit, o) =>
      kit.api.call((rpc, opts) => rpc.v1['sub-users'][':id']['withdraw-cancellation'].$post({ param: { id: subUser.id } }, opts), { ...o, session: true }),
    );
    if (result) await this.done('withdrawn', result, this.form.t('keep.done', { name: `${result.firstName} ${result.lastName}` }));
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!this.i18n.kit?.session) return loginInPlace(this, this.expired, (k) => form.t(k));
    if (form.step !== 'list' && steps) {
      // A locale switch while a step shows: its texts follow once loaded.
      if (!steps.hasStepTexts(this.i18n.locale)) void steps.loadStepTexts(this.i18n.locale).then(() => this.requestUpdate(), () => undefined);
      return html`${form.banner()}${steps.renderStep(this)}`;
    }
    return html`${form.banner()}${renderList(this)}`;
  }
}

defineOnce('tk-sub-users', TkSubUsers);

declare global {
  interface HTMLElementTagNameMap {
    'tk-sub-users': TkSubUsers;
  }
}
