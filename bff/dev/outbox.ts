import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { type OutboxRow, outbox } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { escapeHtml } from '../lib/html.js';
import { type Attachment, type EmailPayload, openPayload, type SmsPayload, type WebhookPayload } from '../messaging/outbox.js';
import { devPage } from './page.js';

const LIMIT = 200;
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const STYLES = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem}article{border:1px solid #8a8a8a;border-radius:.5rem;padding:1rem;margin:1rem 0}
h2{font-size:1.125rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 .5rem}
dt{font-weight:600}dd{margin:0}pre{white-space:pre-wrap;word-break:break-word;background:#f4f4f4;padding:.75rem;border-radius:.25rem}
a{color:#0645ad}a:focus-visible{outline:3px solid #0645ad;outline-offset:2px}.status{font-weight:600}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}pre{background:#222}a{color:#8ab4f8}}`;

function attachmentsOf(row: OutboxRow): Attachment[] {
  return row.channel === 'email' ? ((row.payload as EmailPayload).attachments ?? []) : [];
}

/** A message as shown here; a sealed SMS text or webhook data opened with the server secret (development only). */
function present(row: OutboxRow, base: string, secret: string) {
  const p = openPayload(secret, row.payload) as Partial<EmailPayload & SmsPayload & WebhookPayload>;
  return {
    id: row.id,
    tenantId: row.tenantId,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    to: p.to ?? null,
    subject: p.subject ?? null,
    text: p.text ?? null,
    html: p.html ?? null,
    event: p.event ?? null,
    data: p.data ?? null,
    attachments: attachmentsOf(row).map((a, index) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.from(a.content, 'base64').length,
      url: `${base}/dev/outbox/${row.id}/attachments/${index}`,
    })),
  };
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Escapes text and turns every URL into a link. */
function linkify(text: string) {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapeHtml(text.slice(last, match.index));
    out += `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  return raw(out + escapeHtml(text.slice(last)));
}

async function recent(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }) {
  return c.get('deps').db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(LIMIT);
}

const idParam = z.object({ id: z.uuid() });

/**
 * What would have been sent: e-mails, SMS and webhooks with their attachments. Development only;
 * `createApp` does not mount it in production.
 */
export const devOutboxRoutes = new Hono<AppEnv>()
  .get('/outbox.json', async (c) => {
    const { publicUrl: base, secret } = c.get('deps').env;
    return c.json({ messages: (await recent(c)).map((r) => present(r, base, secret)) }, 200);
  })
  .get('/outbox.css', (c) => c.body(STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  .get('/outbox', async (c) => {
    const { publicUrl: base, secret } = c.get('deps').env;
    const messages = (await recent(c)).map((r) => present(r, base, secret));
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(
      devPage(
        'Dev outbox',
        '/dev/outbox.css',
        html`
              <h1>Dev outbox</h1>
              <p>
                The ${messages.length} newest messages the BFF wrote (development only). As JSON:
                <a href="/dev/outbox.json">/dev/outbox.json</a>.
              </p>
              <p>
                The messaging budgets hold here as in production: at most 5 SMS to one number and 5 link e-mails to
                one address per hour. A "please wait" in the demo means one was reached; the widget says how long.
              </p>
              ${messages.length === 0 ? html`<p>No messages yet.</p>` : ''}
              ${messages.map(
                (m) => html`<article aria-labelledby="m-${m.id}">
                  <h2 id="m-${m.id}">${m.subject ?? m.event ?? `SMS to ${m.to}`}</h2>
                  <dl>
                    <dt>Channel</dt>
                    <dd>${m.channel}</dd>
                    ${m.to ? html`<dt>To</dt><dd>${m.to}</dd>` : ''}
                    <dt>Status</dt>
                    <dd class="status">${m.status}${m.lastError ? ` (${m.lastError})` : ''}</dd>
                    <dt>Created</dt>
                    <dd><time datetime="${m.createdAt}">${m.createdAt}</time></dd>
                  </dl>
                  ${m.text ? html`<pre>${linkify(m.text)}</pre>` : ''}
                  ${m.data !== null ? html`<pre>${JSON.stringify(m.data, null, 2)}</pre>` : ''}
                  ${m.html ? html`<p><a href="/dev/outbox/${m.id}/html">View the HTML version</a></p>` : ''}
                  ${m.attachments.length
                    ? html`<ul aria-label="Attachments">
                        ${m.attachments.map(
                          (a) => html`<li><a href="${a.url}" download="${a.filename}">${a.filename}</a> (${a.contentType}, ${a.size} bytes)</li>`,
                        )}
                      </ul>`
                    : ''}
                </article>`,
              )}
            `,
      ),
      200,
    );
  })
  .get('/outbox/:id/html', async (c) => {
    const { id } = idParam.parse(c.req.param());
    const [row] = await c.get('deps').db.select().from(outbox).where(eq(outbox.id, id));
    const body = row?.channel === 'email' ? (row.payload as EmailPayload).html : undefined;
    if (!body) throw new ApiError(404, 'not_found');
    // The e-mail's HTML runs in a sandbox: no scripts, no same-origin access.
    c.header('Content-Security-Policy', "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'");
    return c.html(body, 200);
  })
  .get('/outbox/:id/attachments/:index', async (c) => {
    const { id, index } = z.object({ id: z.uuid(), index: z.coerce.number().int().min(0) }).parse(c.req.param());
    const [row] = await c.get('deps').db.select().from(outbox).where(eq(outbox.id, id));
    const attachment = row && attachmentsOf(row)[index];
    if (!attachment) throw new ApiError(404, 'not_found');
    const filename = attachment.filename.replace(/[^\w.-]/g, '_');
    return c.body(Buffer.from(attachment.content, 'base64'), 200, {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
    });
  });
