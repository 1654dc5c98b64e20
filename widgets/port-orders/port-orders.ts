import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { PortOrder, portOrderListSchema } from '../../contract/port-orders.js';
import type { z } from 'zod';
import { TkNetworkError } from '../core/api.js';
import { cardStyles } from '../core/cards.styles.js';
import type { Kit } from '../core/context.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCompleteEvent } from '../core/events.js';
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
import { type PortOrdersKey, portOrdersMessages } from './messages.js';
import { portOrdersStyles } from './port-orders.styles.js';

export type PortOrderList = z.infer<typeof portOrderListSchema>;
export type PortOrderSummary = PortOrderList['items'][number];

/** What the widget shows: the list, an order's detail, its cancel confirmation, or `tk-porting` editing it. */
export type PortOrdersView = 'list' | 'detail' | 'cancel' | 'edit';

/**
 * `tk-complete`'s detail: an order the agent cancelled here (`cancelled`), or submitted (a draft continued,
 * `submitted`) or sent back to the provider (a clarification answered, `resubmitted`) in the `tk-porting`
 * shown in its place (whose own `tk-complete` does not leave the widget); `order` as the BFF has it now.
 */
export interface PortOrdersCompleteDetail {
  action: 'cancelled' | 'resubmitted' | 'submitted';
  order: PortOrder;
}

/** The detail (and its steps): fetched when an order is first opened. */
let detail: typeof import('./detail.js') | undefined;
let detailLoad: Promise<unknown> | undefined;
const loadDetail = () =>
  (detailLoad ??= import('./detail.js').then(
    (m) => (detail = m),
    (error) => {
      detailLoad = undefined; // offline for a moment: the next "open" tries again
      throw error;
    },
  ));

/**
 * "Portierungsaufträge": a reseller's partner agent's port orders. The list (newest first) with a status
 * filter and a search (reference, company, number), "Weitere laden", each order as a card with its status
 * in words; the detail of an order (a chunk of its own) with every field, the history as a timeline, the
 * documents (power of attorney to download, the signed copy to upload) and the actions its status allows:
 * continue a draft or answer a clarification (`<tk-porting order-id>` in place, loaded then), cancel with a
 * confirmation. Without a session `<tk-login>` in its place; a user who is no partner agent reads why.
 *
 * @tag tk-port-orders
 * @slot - the login (do not fill)
 * @fires tk-complete - `{ action, order }` (`PortOrdersCompleteDetail`): `cancelled` after the agent cancelled an order; `submitted` /
 *   `resubmitted` after the agent finished a draft / answered a clarification in the editing
 * @fires tk-cancel - `{ step }` when the agent leaves the cancel confirmation or the editing without finishing
 * @fires tk-error - when a request fails
 * @csspart card - each order's card
 * @csspart badge - an order's status
 */
export class TkPortOrders extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, portalStyles, cardStyles, portOrdersStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    orderId: { type: String, attribute: 'order-id' },
    ...standaloneProperties,
  };

  /** Level of the widget's heading (default 2); each order's reference is one level below. */
  declare headingLevel: number;
  /** An order to open at once (its detail). */
  declare orderId: string | undefined;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;

  /** The filter the list was loaded with. @internal */
  status = '';
  /** @internal */
  q = '';
  /** Orders of "Weitere laden" beyond the first page, and the cursor after them. @internal */
  more: PortOrderSummary[] = [];
  /** @internal */
  cursor: string | null = null;
  /** @internal */
  loadingMore = false;
  /** The count said after a filter (once, in the list's status line). @internal */
  said = '';
  /** The open order (detail, cancel, edit), and the one being fetched. @internal */
  order: PortOrder | undefined;
  /** @internal */
  opening: string | undefined;
  /** The card whose details were opened last: focus returns there. @internal */
  from: string | undefined;
  /** The `order-id` last opened (once per value). */
  private openedAttr: string | undefined;
  private filtering = false;
  private hadSession: boolean | undefined;
  private expired = false;

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<PortOrdersView, PortOrdersKey>(this, this.i18n, 'list', portOrdersMessages);
  /** @internal */
  readonly load = sessionListTask(this, {
    fetch: (api, signal) => (this.agent ? api.call((rpc, o) => rpc.v1['port-orders'].$get({ query: this.query() }, o), { signal, session: true }) : Promise.resolve(undefined)),
    loaded: (list) => {
      this.more = [];
      this.cursor = list?.nextCursor ?? null;
      if (this.filtering && list) this.said = this.countText(list.items.length, Boolean(list.nextCursor));
      this.filtering = false;
    },
    failed: (expired) => {
      this.expired = expired;
      this.filtering = false;
    },
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  /** A text of the list's catalogue. @internal */
  readonly t = (key: PortOrdersKey, params?: Record<string, string | number>): string => this.form.t(key, params);

  /** Whether the session is a reseller's partner agent's (only they have port orders). @internal */
  get agent(): boolean {
    return this.i18n.kit?.session?.user.role === 'partner_agent';
  }

  /** Every order loaded so far. @internal */
  get items(): PortOrderSummary[] {
    return [...(this.load.value?.items ?? []), ...this.more];
  }

  /** `?status=&q=&limit=` of the list's request. @internal */
  query(cursor?: string): Record<string, string | undefined> {
    return { status: this.status || undefined, q: this.q || undefined, limit: '20', cursor };
  }

  /** "3 Aufträge" ("20 Aufträge" and more when there are more). @internal */
  countText(n: number, more = false): string {
    return n === 0 ? this.t('countNone') : n === 1 && !more ? this.t('countOne') : this.t('count', { n: more ? `${n}+` : n });
  }

  /** The filter form: loads the list again, then says how many orders it holds. @internal */
  applyFilter(status: string, q: string): void {
    this.status = status;
    this.q = q.trim();
    this.said = '';
    this.filtering = true;
    void this.load.run();
  }

  /** "Weitere laden": the next page after the cursor; focus on the first new card. @internal */
  async loadMore(): Promise<void> {
    const kit = this.i18n.kit;
    if (!kit || !this.cursor || this.loadingMore) return;
    this.loadingMore = true;
    this.said = '';
    // The list it continues: a page of another filter (or of a list loaded again meanwhile) is dropped.
    const { status, q } = this;
    const list = this.load.value;
    const query = this.query(this.cursor);
    const page = await this.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1['port-orders'].$get({ query }, opts), { signal: o.signal, session: true }));
    this.loadingMore = false;
    this.requestUpdate();
    if (!page || status !== this.status || q !== this.q || list !== this.load.value) return;
    this.more = [...this.more, ...page.items];
    this.cursor = page.nextCursor;
    this.said = this.t('moreLoaded', { n: page.items.length });
    if (page.items[0]) await this.form.focus(`[data-card="${page.items[0].id}"]`);
  }

  /** Opens an order's detail (its code first); focus on its heading. @internal */
  async open(id: string): Promise<void> {
    if (!this.i18n.kit?.session || this.opening) return;
    this.opening = id;
    this.from = id;
    this.requestUpdate();
    try {
      await loadDetail();
    } catch (error) {
      this.opening = undefined;
      this.form.submit.error = new TkNetworkError(error);
      this.requestUpdate();
      await this.form.focus('[data-error-summary]');
      return;
    }
    await detail!.openOrder(this, id);
    if (this.opening === id) this.opening = undefined;
    this.requestUpdate();
  }

  /** Back to the list, its filter kept; focus on the card of the order that was open. @internal */
  async backToList(): Promise<void> {
    const id = this.order?.id ?? this.from;
    this.order = undefined;
    this.opening = undefined; // an order still being fetched is no longer wanted (`openOrder`)
    this.said = '';
    await this.form.go('list');
    if (id) await this.form.focus(`[data-card="${id}"]`);
  }

  /** Puts the BFF's newer copy of an order into the list (status, dates). @internal */
  upsert(order: PortOrder): void {
    const patch = (s: PortOrderSummary): PortOrderSummary =>
      s.id === order.id ? { ...s, status: order.status, statusText: order.statusText, statusDescription: order.statusDescription, scheduledAt: order.scheduledAt, updatedAt: order.updatedAt } : s;
    const value = this.load.value;
    if (value) value.items = value.items.map(patch);
    this.more = this.more.map(patch);
  }

  /** `tk-complete` after a cancel or a (re)submission in the editing. @internal */
  completed(detail: PortOrdersCompleteDetail): void {
    this.dispatchEvent(new TkCompleteEvent<PortOrdersCompleteDetail>(detail));
  }

  /** `tk-open-order` from a `tk-porting` on the page ("Auftrag ansehen"): that order's detail. */
  private readonly onOpenOrder = (event: Event) => {
    const id = (event as CustomEvent<{ id?: string }>).detail?.id;
    if (id) void this.open(id);
  };

  /** A `tk-porting` elsewhere on the page (re)submitted an order: the list loads again. */
  private readonly onComplete = (event: Event) => {
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLElement && origin.localName === 'tk-porting' && !this.shadowRoot?.contains(origin)) void this.load.run();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('tk-open-order', this.onOpenOrder);
    window.addEventListener('tk-complete', this.onComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('tk-open-order', this.onOpenOrder);
    window.removeEventListener('tk-complete', this.onComplete);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const has = Boolean(this.i18n.kit?.session);
    if (this.hadSession !== undefined && has !== this.hadSession) {
      this.form.step = 'list';
      this.form.notice = '';
      this.order = undefined;
      if (has) this.expired = false;
      void this.form.focusAfterSession(has);
    }
    this.hadSession = has;
  }

  protected override updated(): void {
    // `order-id`: that order's detail, once there is an agent's session to fetch it with.
    if (this.orderId && this.orderId !== this.openedAttr && this.agent && this.form.ready) {
      const id = (this.openedAttr = this.orderId);
      void this.updateComplete.then(() => this.open(id));
    }
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!this.i18n.kit?.session) return loginInPlace(this, this.expired, (k) => this.t(k));
    if (!this.agent) return html`${form.banner()}${form.heading(this.t('title'))}<p>${this.t('notAgent')}</p>`;
    if (form.step !== 'list' && detail && this.order) return html`${form.banner()}${detail.renderDetail(this)}`;
    return html`${form.banner()}${renderList(this)}`;
  }
}

defineOnce('tk-port-orders', TkPortOrders);

declare global {
  interface HTMLElementTagNameMap {
    'tk-port-orders': TkPortOrders;
  }
}
