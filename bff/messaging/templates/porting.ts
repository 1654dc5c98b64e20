import type { Locale } from '../../../contract/enums.js';
import type { Params } from '../../../contract/i18n.js';
import { portingEmailMessages, type PortingEmailKey } from '../../../contract/messages/porting-email.js';
import { portingMessages, type PortingMessageKey } from '../../../contract/messages/porting.js';
import { CANCEL_CUTOFF_HOURS, type PortOrderStatus } from '../../../contract/porting.js';
import { formatZurich } from '../../domain/zurich.js';
import { type Block, type Brand, greeting, renderEmail } from './layout.js';

export { formatZurich };

// The port order e-mails to the partner agent (PRODUCT.md §3.5), one per status change; texts in
// `contract/messages/porting-email` (what to do next) and `contract/messages/porting` (status words).

/** Loads what these e-mails say in `locale` (both catalogues; once, then cached). */
export const loadPortingEmails = (locale: Locale) => Promise.all([portingEmailMessages.load(locale), portingMessages.load(locale)]);


/**
 * The reason code of a move in words: `reject.*` into `rejected`, `fail.*` into `failed`, else (or when
 * that has no text) `reason.*`; undefined when it has none or no text.
 */
export function reasonText(locale: Locale, to: PortOrderStatus, reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  const prefix = to === 'rejected' ? 'reject' : to === 'failed' ? 'fail' : 'reason';
  const known = portingMessages.texts('de');
  const key = [`${prefix}.${reason}`, `reason.${reason}`].find((k) => k in known);
  return key ? portingMessages.t(locale, key as PortingMessageKey) : undefined;
}

export const statusText = (locale: Locale, status: PortOrderStatus) => portingMessages.t(locale, `status.${status}` as PortingMessageKey);
export const statusDescription = (locale: Locale, status: PortOrderStatus) => portingMessages.t(locale, `status.${status}.description` as PortingMessageKey);

export interface PortOrderMail {
  /** The agent's name, for the greeting. */
  name: string;
  reference: string;
  company: string;
  from: PortOrderStatus;
  to: PortOrderStatus;
  reason?: string | null;
  /** The operator's comment, quoted verbatim for a question or a rejection. */
  comment?: string | null;
  /** For `scheduled`: the porting date and time. */
  scheduledAt?: Date | null;
  /** The numbers of the order as typed, for the facts. */
  numbers: string[];
}

/**
 * The agent's e-mail for one status change of their port order: the reference, the customer's company, the
 * new status in words with what it means, the reason in words, the operator's comment (question and
 * rejection), the date and time (scheduled), and what to do next. Nothing secret: no password, no token.
 */
export function portOrderStatusEmail(brand: Brand, locale: Locale, v: PortOrderMail) {
  const t = (key: PortingEmailKey, params?: Params) => portingEmailMessages.t(locale, key, { brand: brand.name, ...params });
  const status = statusText(locale, v.to);
  const p = { reference: v.reference, company: v.company, status };
  const reason = reasonText(locale, v.to, v.reason);
  const subject = v.to === 'submitted' ? t('subject.submitted', p) : v.to === 'cancelled' ? t('subject.cancelled', p) : t('subject', p);
  const body = v.to === 'submitted' ? (v.from === 'clarification_needed' ? 'body.resubmitted' : 'body.submitted') : v.to === 'cancelled' ? 'body.cancelled' : 'body';
  const facts: [string, string][] = [
    [t('label.reference'), v.reference],
    [t('label.company'), v.company],
    [t('label.status'), status],
  ];
  if (reason && (v.to === 'rejected' || v.to === 'failed')) facts.push([t('label.reason'), reason]);
  if (v.to === 'scheduled' && v.scheduledAt) facts.push([t('label.scheduled'), t('scheduled.at', { when: formatZurich(locale, v.scheduledAt) })]);
  if (v.numbers.length > 0) facts.push([t('label.numbers'), v.numbers.join(', ')]);
  const blocks: Block[] = [greeting(locale, v.name), { p: t(body, p) }, { facts }, { p: statusDescription(locale, v.to) }];
  if (v.comment && (v.to === 'clarification_needed' || v.to === 'rejected')) blocks.push({ p: t('label.comment') }, { p: v.comment });
  const cutoff = v.scheduledAt ? formatZurich(locale, new Date(v.scheduledAt.getTime() - CANCEL_CUTOFF_HOURS * 3_600_000)) : '';
  blocks.push({ p: t('next.heading') }, { p: t(`next.${v.to}` as PortingEmailKey, { ...p, cutoff }) });
  return renderEmail(brand, locale, `port-order-${v.to.replaceAll('_', '-')}/${locale}/1`, subject, blocks);
}
