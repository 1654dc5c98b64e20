import transliterate from '@sindresorhus/transliterate';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { and, asc, eq } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isLocale, localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { powerOfAttorneyMessages, type PowerOfAttorneyKey } from '../../contract/messages/power-of-attorney.js';
import { type PortingCountry, PROVIDERS, type Signer, UNKNOWN_PROVIDER } from '../../contract/porting.js';
import type { Executor } from '../db/client.js';
import { customers, type PortOrder, portOrderNumbers, type Tenant } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';

// The power of attorney for a number port (PRODUCT.md §3.5, "Vollmacht"): a PDF the customer signs and the
// agent uploads (`domain/port-order-documents.ts`). Rendered with @cantoo/pdf-lib (pure JS) and its
// standard fonts (Helvetica, WinAnsi encoding): no font file to ship, a few kilobytes per document. Text
// WinAnsi cannot show (Ş, Ć, Cyrillic, CJK …) is transliterated character by character with
// @sindresorhus/transliterate (Ş → S, Ć → C, Ж → Zh); ä, ö, ü, é, ß stay as they are. Embedding a Unicode
// font instead would print every name exactly, but costs a font of several hundred kilobytes (and
// fontkit) per document for names that are printed here only beside a handwritten signature.

export interface PowerOfAttorney {
  fileName: string;
  bytes: Uint8Array;
}

/** The locale to print in: `requested` when the tenant offers it, else the tenant's default. */
export function documentLocale(tenant: Pick<Tenant, 'locales' | 'defaultLocale'>, requested?: string): Locale {
  if (requested && tenant.locales.includes(requested) && isLocale(requested)) return requested;
  return (isLocale(tenant.defaultLocale) ? tenant.defaultLocale : 'de') as Locale;
}

/**
 * Renders the power of attorney of `order` (any status), or refuses with 409 `power_of_attorney_incomplete`
 * while it has no customer or no valid number yet, saying which in `detail`.
 */
export async function powerOfAttorney(db: Executor, tenant: Tenant, order: PortOrder, o: { locale: Locale; now: Date }): Promise<PowerOfAttorney> {
  await powerOfAttorneyMessages.load(o.locale).catch(() => undefined); // German if the locale has no file
  const t = (key: PowerOfAttorneyKey, params?: Record<string, string | number>) => powerOfAttorneyMessages.t(o.locale, key, params);
  const [customer] = order.customerId
    ? await db
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenant.id), eq(customers.id, order.customerId)))
    : [];
  const lines = (
    await db
      .select()
      .from(portOrderNumbers)
      .where(and(eq(portOrderNumbers.tenantId, tenant.id), eq(portOrderNumbers.orderId, order.id)))
      .orderBy(asc(portOrderNumbers.position))
  ).filter((l) => l.rangeFirst && l.rangeLast);
  const missing = [...(customer ? [] : [t('missingCustomer')]), ...(lines.length > 0 ? [] : [t('missingNumbers')])];
  if (!customer || missing.length > 0) {
    throw new ApiError(409, 'power_of_attorney_incomplete', { detail: t('missing', { missing: missing.join(t('join')) }) });
  }

  const tag = localeTag(o.locale);
  const day = (iso: string) => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const today = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Zurich' }).format(o.now);
  const weekdayDay = (iso: string) =>
    new Intl.DateTimeFormat(tag, { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  const country = order.country as PortingCountry;
  const provider = !order.currentProvider || order.currentProvider === UNKNOWN_PROVIDER
    ? t('unknownProvider')
    : order.currentProvider === 'other'
      ? t('otherProvider')
      : (PROVIDERS[country]?.find((p) => p.code === order.currentProvider)?.name ?? order.currentProvider);

  const numberTexts = lines.map((line) => {
    if (line.kind === 'single' || line.rangeFirst === line.rangeLast) {
      const parsed = parsePhoneNumberFromString(line.rangeFirst!);
      return t('single', { international: parsed?.formatInternational() ?? line.rangeFirst!, national: parsed?.formatNational() ?? line.rangeFirst! });
    }
    return t('block', { range: blockRange(line.rangeFirst!, line.rangeLast!), size: blockSize(line.rangeFirst!, line.rangeLast!) });
  });

  const timing =
    order.timing === 'contract_end' && order.portingDate
      ? order.portingTime
        ? t('timingDate', { date: weekdayDay(order.portingDate), time: order.portingTime })
        : t('timingDay', { date: weekdayDay(order.portingDate) })
      : t('timingAsap');
  const scope = order.scope === 'full' ? t('scopeFull') : order.scope === 'partial' ? t('scopePartial') : t('scopeOpen');
  const signerCount = order.signing === 'collective' ? 2 : Math.max(1, Math.min(2, order.signers.length));
  const signers: (Signer | undefined)[] = Array.from({ length: signerCount }, (_, i) => order.signers[i]);

  const doc = await PDFDocument.create();
  doc.setTitle(`${t('title')} ${order.reference}`);
  doc.setAuthor(tenant.name);
  doc.setCreator('telkit');
  doc.setProducer('telkit');
  doc.setCreationDate(o.now);
  doc.setModificationDate(o.now);
  doc.setLanguage(tag);
  const layout = new Layout(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  layout.text(t('title'), { size: 18, bold: true, gap: 6 });
  layout.text(`${t('reference', { reference: order.reference })} · ${t('issued', { date: today })}`, { size: 10, gap: 14 });

  layout.heading(t('customer'));
  for (const line of [
    customer.companyName,
    customer.street,
    `${customer.postalCode} ${customer.city}`,
    ...(customer.country !== 'CH' ? [customer.country] : []),
    ...(customer.uid ? [t('uid', { uid: customer.uid })] : []),
    t('contact', { name: customer.contactName }),
    t('phone', { phone: parsePhoneNumberFromString(customer.phone)?.formatInternational() ?? customer.phone }),
    t('email', { email: customer.invoiceEmail }),
  ])
    layout.text(line);

  layout.heading(t('newProvider'));
  layout.text(tenant.name);
  layout.heading(t('oldProvider'));
  layout.text(provider);
  if (order.currentProviderAccount) layout.text(t('providerAccount', { account: order.currentProviderAccount }));
  layout.space(6);
  layout.text(t('mandate', { provider: tenant.name }));

  layout.heading(t('numbers', { count: lines.reduce((n, l) => n + blockSize(l.rangeFirst!, l.rangeLast!), 0) }));
  for (const text of numberTexts) layout.text(`•  ${text}`, { indent: 8 });

  layout.heading(t('scope'));
  layout.text(scope);
  layout.heading(t('timing'));
  layout.text(timing);

  layout.heading(t('signing'));
  layout.text(order.signing === 'collective' ? t('signingCollective') : t('signingSingle'));
  layout.signatures(
    t('placeDate'),
    signers.map((s) => (s ? t('signer', { name: s.name, role: s.role }) : t('signerBlank'))),
  );
  layout.footers((page, pages) => `${t('title')} · ${order.reference} · ${t('page', { page, pages })}`);

  return { fileName: t('fileName', { reference: order.reference }), bytes: await doc.save() };
}

/** How many numbers a block holds (`…00`–`…99` → 100); 1 for a single number. */
function blockSize(first: string, last: string): number {
  return Number(last.slice(-6)) - Number(first.slice(-6)) + 1;
}

/**
 * A DDI block as people read it: the first number in international form, then only the groups of the last
 * one that differ — "+41 44 123 45 00 – 09".
 */
export function blockRange(first: string, last: string): string {
  const a = parsePhoneNumberFromString(first)?.formatInternational() ?? first;
  const b = parsePhoneNumberFromString(last)?.formatInternational() ?? last;
  if (a.length !== b.length) return `${a} – ${b}`;
  let differs = 0;
  while (differs < a.length && a[differs] === b[differs]) differs++;
  const cut = b.lastIndexOf(' ', differs) + 1;
  return `${a} – ${b.slice(cut)}`;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { x: 56, top: 60, bottom: 64 };
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);

/** A top-to-bottom text flow over A4 pages: wraps lines, starts a new page when one is full (also the credentials PDF's). */
export class Layout {
  private page: PDFPage;
  private y: number;
  private readonly safe = new Map<string, string>();
  private readonly charset: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.charset = new Set(font.getCharacterSet());
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }

  /** `text` with every character WinAnsi lacks transliterated (or `?` when there is no Latin form). */
  printable(text: string): string {
    return [...text.normalize('NFC')]
      .map((ch) => {
        if (this.charset.has(ch.codePointAt(0)!)) return ch;
        let replaced = this.safe.get(ch);
        if (replaced === undefined) {
          replaced = [...transliterate(ch)].map((c) => (this.charset.has(c.codePointAt(0)!) ? c : '?')).join('');
          this.safe.set(ch, replaced);
        }
        return replaced;
      })
      .join('');
  }

  private need(height: number) {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && font.widthOfTextAtSize(candidate, size) > width) {
          out.push(line);
          line = word;
        } else line = candidate;
      }
      out.push(line);
    }
    return out;
  }

  /** `font`: another font than the body's (e.g. Courier for a password to copy). */
  text(text: string, o: { size?: number; bold?: boolean; gap?: number; indent?: number; color?: ReturnType<typeof rgb>; font?: PDFFont } = {}) {
    const size = o.size ?? 10.5;
    const font = o.font ?? (o.bold ? this.bold : this.font);
    const indent = o.indent ?? 0;
    const leading = size * 1.35;
    for (const line of this.wrap(this.printable(text), font, size, A4.width - 2 * MARGIN.x - indent)) {
      this.need(leading);
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN.x + indent, y: this.y, size, font, color: o.color ?? INK });
    }
    this.y -= o.gap ?? 0;
  }

  heading(text: string) {
    this.need(48); // a heading never ends a page alone
    this.space(10);
    this.text(text, { size: 11.5, bold: true, gap: 2 });
  }

  space(points: number) {
    this.y -= points;
  }

  /** The place/date line and one signature line per signer (side by side), each with its name and function below. */
  signatures(placeDate: string, signers: string[]) {
    this.need(150);
    const width = A4.width - 2 * MARGIN.x;
    const column = (width - 24) / 2;
    this.space(40);
    this.page.drawLine({ start: { x: MARGIN.x, y: this.y }, end: { x: MARGIN.x + column, y: this.y }, thickness: 0.7, color: INK });
    this.page.drawText(this.printable(placeDate), { x: MARGIN.x, y: this.y - 12, size: 9, font: this.font, color: MUTED });
    this.space(62);
    signers.forEach((signer, i) => {
      const x = MARGIN.x + i * (column + 24);
      this.page.drawLine({ start: { x, y: this.y }, end: { x: x + column, y: this.y }, thickness: 0.7, color: INK });
      const lines = this.wrap(this.printable(signer), this.font, 9.5, column);
      lines.forEach((line, n) => this.page.drawText(line, { x, y: this.y - 12 - n * 12, size: 9.5, font: this.font, color: INK }));
    });
    this.space(40);
  }

  footers(text: (page: number, pages: number) => string) {
    const pages = this.doc.getPages();
    pages.forEach((page, i) =>
      page.drawText(this.printable(text(i + 1, pages.length)), { x: MARGIN.x, y: MARGIN.bottom / 2, size: 8, font: this.font, color: MUTED }),
    );
  }
}
