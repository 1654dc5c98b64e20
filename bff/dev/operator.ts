import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { z } from 'zod';
import { fieldErrorMessage, toFieldErrors } from '../../contract/errors.js';
import type { Locale } from '../../contract/enums.js';
import { approveSchema, clarifySchema, completeSchema, failSchema, rejectSchema, scheduleSchema } from '../../contract/port-orders.js';
import { failReasons, rejectReasons } from '../../contract/porting.js';
import type { FieldError } from '../../contract/problem.js';
import { portOrders, tenants } from '../db/schema/index.js';
import { allowedDecisions, type ConsoleOrder, consoleOrders, type Decision, type DecisionAction, decide } from '../domain/port-order-decisions.js';
import { operatorOf } from '../domain/port-order-scope.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { loadPortingEmails, reasonText, statusDescription, statusText } from '../messaging/templates/porting.js';
import { devPage } from './page.js';

// `/dev/operator`: the demo's operator console (non-production only; `createApp` does not mount it in
// production). It lists the port orders past the draft of every operator's resellers (and the operator's
// own) with their numbers and history, and offers the decisions the lifecycle allows — each form posts
// back here and runs `decide`, the very function behind `POST /v1/port-orders/:id/<decision>`.
//
// CSRF: no cookies or credentials reach this page, but a page elsewhere must not make a developer's browser
// move orders: every POST must carry an `Origin` (or, without one, a `Referer`) of this BFF — its
// PUBLIC_URL or the origin the request was sent to. The CSP allows forms to post to this origin only, and
// no script at all.

/** The console speaks English; statuses and reasons come from the `porting` catalogue in this language. */
const LOCALE: Locale = 'en';
const ACTOR = { kind: 'operator' as const, id: 'dev-console' };
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLES = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem}article{border:1px solid #8a8a8a;border-radius:.5rem;padding:1rem;margin:1rem 0}
h2{font-size:1.125rem;margin:0 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 .5rem}dt{font-weight:600}dd{margin:0}
form{border-top:1px solid #ccc;padding:.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
label{display:flex;flex-direction:column;font-weight:600}input,select,textarea{font:inherit;padding:.25rem;border:1px solid #555;border-radius:.25rem}
button{font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:.375rem;border:2px solid #0645ad;background:#0645ad;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #0645ad;outline-offset:2px}.status{font-weight:700}
.done{border-left:.5rem solid #146c2e;padding:.5rem 1rem;background:#eef7f0}.error{border-left:.5rem solid #b3261e;padding:.5rem 1rem;background:#fbeeed;color:#6d1610}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.done{background:#12301a}.error{background:#3a1613;color:#fcd}}`;

const ACTION_LABEL: Record<DecisionAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  clarify: 'Ask a question',
  schedule: 'Schedule',
  complete: 'Mark as ported',
  fail: 'Mark as failed',
};

const schemas = { approve: approveSchema, reject: rejectSchema, clarify: clarifySchema, schedule: scheduleSchema, complete: completeSchema, fail: failSchema } as const;

/** What went wrong with one order's form, shown next to it. */
interface FormErrors {
  orderId: string;
  action: DecisionAction;
  message: string;
  fields: FieldError[];
  values: Record<string, string>;
}

const fmt = (at: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(at);

function fieldNote(errors: FormErrors | undefined, id: string, action: DecisionAction, field: string) {
  const e = errors?.orderId === id && errors.action === action ? errors.fields.find((f) => f.path === field) : undefined;
  return e ? html`<span class="error" id="${action}-${field}-${id}-error">${e.message}</span>` : '';
}
const described = (errors: FormErrors | undefined, id: string, action: DecisionAction, field: string) =>
  errors?.orderId === id && errors.action === action && errors.fields.some((f) => f.path === field) ? raw(` aria-invalid="true" aria-describedby="${action}-${field}-${id}-error"`) : '';
const valueOf = (errors: FormErrors | undefined, id: string, action: DecisionAction, field: string) =>
  errors?.orderId === id && errors.action === action ? (errors.values[field] ?? '') : '';

function form(o: ConsoleOrder, action: DecisionAction, errors: FormErrors | undefined): HtmlEscapedString | Promise<HtmlEscapedString> {
  const id = o.order.id;
  const f = (field: string) => `${action}-${field}-${id}`;
  const commentField = (required: boolean) => html`<label for="${f('comment')}">Comment${required ? '' : ' (optional)'}
      <textarea id="${f('comment')}" name="comment" rows="2" cols="40" ${required ? 'required' : ''}${described(errors, id, action, 'comment')}>${valueOf(errors, id, action, 'comment')}</textarea></label
    >${fieldNote(errors, id, action, 'comment')}`;
  const reasonField = (reasons: readonly string[], prefix: 'rejected' | 'failed') => html`<label for="${f('reason')}">Reason
      <select id="${f('reason')}" name="reason"${described(errors, id, action, 'reason')}>
        ${reasons.map((r) => html`<option value="${r}" ${valueOf(errors, id, action, 'reason') === r ? 'selected' : ''}>${reasonText(LOCALE, prefix, r)}</option>`)}
      </select></label
    >${fieldNote(errors, id, action, 'reason')}`;
  const fields =
    action === 'reject'
      ? html`${reasonField(rejectReasons, 'rejected')}${commentField(true)}`
      : action === 'fail'
        ? html`${reasonField(failReasons, 'failed')}${commentField(false)}`
        : action === 'clarify'
          ? commentField(true)
          : action === 'schedule'
            ? html`<label for="${f('date')}">Date (Swiss working day)
                  <input id="${f('date')}" name="date" type="date" required value="${valueOf(errors, id, action, 'date')}"${described(errors, id, action, 'date')} /></label
                >${fieldNote(errors, id, action, 'date')}
                <label for="${f('time')}">Time (08:00–17:00, Zurich)
                  <input id="${f('time')}" name="time" type="time" required value="${valueOf(errors, id, action, 'time')}"${described(errors, id, action, 'time')} /></label
                >${fieldNote(errors, id, action, 'time')}`
            : commentField(false);
  const failed = errors?.orderId === id && errors.action === action ? html`<p class="error" role="alert">${errors.message}</p>` : '';
  return html`<form method="post" action="/dev/operator/${id}/${action}" aria-label="${ACTION_LABEL[action]} ${o.order.reference}">
    ${failed}${fields}<button type="submit">${ACTION_LABEL[action]}</button>
  </form>`;
}

function orderView(o: ConsoleOrder, errors: FormErrors | undefined) {
  const { order } = o;
  const actions = allowedDecisions(order.status);
  return html`<article id="order-${order.id}" aria-labelledby="h-${order.id}">
    <h2 id="h-${order.id}">${order.reference} · ${o.customer ?? 'no customer'}</h2>
    <dl>
      <dt>Status</dt>
      <dd><span class="status">${statusText(LOCALE, order.status)}</span> (${order.status}): ${statusDescription(LOCALE, order.status)}</dd>
      <dt>Reseller</dt>
      <dd>${o.tenant.name}${o.tenant.kind === 'operator' ? ' (operator)' : ''}</dd>
      <dt>Customer</dt>
      <dd>${o.customer ?? '–'}</dd>
      <dt>Requested</dt>
      <dd>${order.timing === 'asap' ? 'as soon as possible' : order.portingDate ? `${order.portingDate} ${order.portingTime ?? ''}` : '–'}</dd>
      ${order.scheduledAt ? html`<dt>Scheduled</dt><dd><time datetime="${order.scheduledAt.toISOString()}">${fmt(order.scheduledAt)} (Zurich)</time></dd>` : ''}
      ${order.note ? html`<dt>Note</dt><dd>${order.note}</dd>` : ''}
    </dl>
    <h3>Numbers</h3>
    ${o.numbers.length === 0
      ? html`<p>None.</p>`
      : html`<ul>
          ${o.numbers.map((n) => html`<li>${n.input} (${n.status}${n.temporaryNumber ? `, temporary ${n.temporaryNumber}` : ''})</li>`)}
        </ul>`}
    <h3>History</h3>
    ${o.history.length === 0
      ? html`<p>No status change recorded yet.</p>`
      : html`<ol>
          ${o.history.map(
            (h) =>
              html`<li>
                <time datetime="${h.at.toISOString()}">${fmt(h.at)}</time>: ${h.from ? statusText(LOCALE, h.from as never) : '–'} → ${statusText(LOCALE, h.to as never)}, by
                ${h.actorKind}${h.reason ? html`; ${reasonText(LOCALE, h.to as never, h.reason) ?? h.reason}` : ''}${h.comment ? html`; “${h.comment}”` : ''}
              </li>`,
          )}
        </ol>`}
    ${actions.length > 0 ? html`<h3>Decide</h3>${actions.map((a) => form(o, a, errors))}` : html`<p>No decision is open in this status.</p>`}
  </article>`;
}

async function page(c: Context<AppEnv>, status: 200 | 403 | 404 | 409 | 422, notice: { done?: string; errors?: FormErrors; problem?: string } = {}) {
  await loadPortingEmails(LOCALE);
  const orders = await consoleOrders(c.get('deps').db);
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  return c.html(
    devPage(
        'Operator console',
        '/dev/operator.css',
        html`
            <h1>Operator console</h1>
            <p>
              Port orders of every operator's resellers (development only). Each button makes the same move as the operator's
              API (<code>POST /v1/port-orders/{id}/…</code> with the operator's secret key): the agent gets the e-mail, the reseller
              and the operator the webhook (see <a href="/dev/outbox">/dev/outbox</a>).
            </p>
            ${notice.done ? html`<p class="done" role="status">${notice.done}</p>` : ''}
            ${notice.problem ? html`<p class="error" role="alert">${notice.problem}</p>` : ''}
            ${orders.length === 0 ? html`<p>No port orders have been submitted yet.</p>` : ''} ${orders.map((o) => orderView(o, notice.errors))}
          `,
      ),
    status,
  );
}

/**
 * Whether a POST comes from a page of this BFF: its `Origin`, else its `Referer`, is the origin of
 * `PUBLIC_URL` — never the request's own Host, which a rebound DNS name (evil.example → 127.0.0.1) sets.
 */
function sameOrigin(c: Context<AppEnv>): boolean {
  const own = new URL(c.get('deps').env.publicUrl).origin;
  const origin = c.req.header('origin');
  if (origin) return origin === own;
  const referer = c.req.header('referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

const DONE: Record<DecisionAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  clarify: 'sent back with your question',
  schedule: 'scheduled',
  complete: 'marked as ported',
  fail: 'marked as failed',
};

const params = z.object({ id: z.uuid(), action: z.enum(['approve', 'reject', 'clarify', 'schedule', 'complete', 'fail']) });

export const devOperatorRoutes = new Hono<AppEnv>()
  .get('/operator.css', (c) => c.body(STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  .get('/operator', async (c) => {
    const done = c.req.query('done');
    return page(c, 200, done ? { done: done.slice(0, 200) } : {});
  })
  .post('/operator/:id/:action', async (c) => {
    if (!sameOrigin(c)) return page(c, 403, { problem: 'Refused: this form was not sent from this console (Origin or Referer is another site).' });
    const parsed = params.safeParse(c.req.param());
    if (!parsed.success) throw new ApiError(404, 'not_found');
    const { id, action } = parsed.data;
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    // An empty optional comment is no comment.
    const input = Object.fromEntries(Object.entries(values).filter(([k, v]) => !(k === 'comment' && v.trim() === '' && action !== 'reject' && action !== 'clarify')));
    const checked = schemas[action].safeParse(input);
    const fail = (status: 409 | 422, message: string, fields: FieldError[]) => page(c, status, { errors: { orderId: id, action, message, fields, values } });
    if (!checked.success) {
      const fields = toFieldErrors(checked.error.issues, LOCALE, input);
      return fail(422, 'Please check the fields marked below.', fields);
    }
    const db = c.get('deps').db;
    const [order] = await db
      .select({ tenantId: tenants.id, kind: tenants.kind, parentId: tenants.parentId })
      .from(portOrders)
      .innerJoin(tenants, eq(tenants.id, portOrders.tenantId))
      .where(eq(portOrders.id, id));
    const operatorId = order ? operatorOf({ id: order.tenantId, kind: order.kind, parentId: order.parentId }) : null;
    const [operator] = operatorId ? await db.select().from(tenants).where(eq(tenants.id, operatorId)) : [];
    if (!operator) return page(c, 404, { problem: 'This port order does not exist (or belongs to no operator).' });
    const { now, ip, budget } = flowContext(c);
    try {
      const result = await decide(db, { operator, actor: ACTOR, now, locale: LOCALE, ip, budget }, id, { action, ...checked.data } as Decision);
      return c.redirect(`/dev/operator?done=${encodeURIComponent(`${result.reference}: ${DONE[action]}. Status now: ${result.statusText}.`)}#order-${id}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 422) {
        const fields = (error.options.errors ?? []).map((e) => ({ ...e, message: e.message || fieldErrorMessage(e.code, LOCALE) }));
        return fail(422, 'Please check the fields marked below.', fields);
      }
      if (error.code === 'invalid_transition') {
        const current = String(error.options.extensions?.currentStatus ?? '');
        // The form of that decision is gone from the page (the order moved on): say it at the top.
        return page(c, 409, { problem: `${ACTION_LABEL[action]}: not possible any more, the order is now “${current ? statusText(LOCALE, current as never) : current}”. Its current actions are shown below.` });
      }
      throw error;
    }
  });
