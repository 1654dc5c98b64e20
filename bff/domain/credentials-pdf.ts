import { PDFDocument, PDFHexString, PDFName, type PDFRef, StandardFonts } from '@cantoo/pdf-lib';
import { localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { type CredentialsPdfKey, credentialsPdfMessages } from '../../contract/messages/credentials-pdf.js';
import { randomCredential } from '../lib/crypto.js';
import { formatInstantZoned } from '../messaging/templates/format.js';
import { Layout } from './power-of-attorney.js';

// The PDF with new internet access credentials ("Neue Internet-Zugangsdaten", PRODUCT.md §3.6): written
// with @cantoo/pdf-lib (pure JS, never in the browser) and encrypted with the PDF 2.0 security handler
// (AES-256, /V 5, /R 6, AESV3). The user password is the code that goes by SMS; the owner password is
// random and thrown away, so nobody can lift the restrictions; printing and copying stay allowed (the
// password is set in Courier, in one piece, to be copied into the router).

export interface CredentialsPdfInput {
  tenantName: string;
  customerNumber: string;
  contractNumber: string;
  contractName: string;
  siteName: string;
  address: { street: string; houseNumber: string; postalCode: string; city: string; country: string };
  username: string;
  password: string;
  /** Opens the PDF (its user password). */
  code: string;
  generatedAt: Date;
  /** The how-manieth set of this contract's credentials (1 for the first): in the heading and the file name. */
  sequence: number;
  locale: Locale;
  /** The country the tenant serves (ISO code): its addresses go without a country. Default DE. */
  homeCountry?: string;
}

/** "Musterstraße 1, 10115 Berlin" as the widget writes it; another country than `home` by its name ("…, Österreich"). */
export function addressLine(a: CredentialsPdfInput['address'], locale: Locale, home = 'DE'): string {
  const line = `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`;
  if (a.country === home) return line;
  const name = new Intl.DisplayNames([localeTag(locale)], { type: 'region' }).of(a.country) ?? a.country;
  return `${line}, ${name}`;
}


const OWNER_PASSWORD_LENGTH = 32;

export async function credentialsPdf(o: CredentialsPdfInput): Promise<{ fileName: string; bytes: Uint8Array }> {
  await credentialsPdfMessages.load(o.locale).catch(() => undefined); // German if the locale has no file
  const t = (key: CredentialsPdfKey, params?: Record<string, string | number>) => credentialsPdfMessages.t(o.locale, key, params);
  const tag = localeTag(o.locale);
  const generated = formatInstantZoned(o.locale, o.generatedAt);

  const doc = await PDFDocument.create();
  doc.setTitle(`${t('title')} ${o.contractNumber}`);
  doc.setAuthor(o.tenantName);
  doc.setCreator('telkit');
  doc.setProducer('telkit');
  doc.setCreationDate(o.generatedAt);
  doc.setModificationDate(o.generatedAt);
  const [regular, bold, mono] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold), doc.embedFont(StandardFonts.Courier)]);
  const layout = new Layout(doc, regular, bold);

  layout.text(o.tenantName, { size: 12, bold: true, gap: 8 });
  layout.text(t('heading', { sequence: o.sequence }), { size: 18, bold: true, gap: 4 });
  layout.text(t('replaces'), { bold: true, gap: 10 });
  const fact = (label: string, value: string) => {
    layout.text(label, { size: 9, bold: true });
    layout.text(value, { gap: 4 });
  };
  fact(t('customerNumber'), o.customerNumber);
  fact(t('contract'), o.contractName);
  fact(t('contractNumber'), o.contractNumber);
  fact(t('site'), o.siteName);
  fact(t('address'), addressLine(o.address, o.locale, o.homeCountry));
  fact(t('generatedAt'), generated);
  layout.space(6);
  layout.text(t('username'), { size: 9, bold: true });
  layout.text(o.username, { size: 13, font: mono, gap: 6 });
  layout.text(t('password'), { size: 9, bold: true });
  layout.text(o.password, { size: 13, font: mono, gap: 4 });
  layout.text(t('passwordNote'), { size: 9 });

  layout.heading(t('warningTitle'));
  layout.text(t('warning'));
  layout.heading(t('stepsTitle'));
  for (const step of ['step1', 'step2', 'step3', 'step4'] as const) layout.text(t(step), { gap: 2 });
  layout.space(10);
  layout.text(t('keepSafe'), { size: 9 });

  doc.encrypt({
    userPassword: o.code,
    ownerPassword: randomCredential(OWNER_PASSWORD_LENGTH),
    permissions: { printing: 'highResolution', copying: true, contentAccessibility: true },
  });
  // The language (de-DE / en-GB, for screen readers). @cantoo/pdf-lib encrypts streams only, not strings, so a
  // reader that decrypts the catalog's /Lang as the standard says would get nothing: it is encrypted here
  // with the catalog's own key (AESV3), as a hex string.
  const root = doc.context.trailerInfo.Root as PDFRef;
  const encryptFor = doc.context.security!.getEncryptFn(root.objectNumber, root.generationNumber);
  doc.catalog.set(PDFName.of('Lang'), PDFHexString.of(Buffer.from(encryptFor(new TextEncoder().encode(tag))).toString('hex')));
  return { fileName: t('fileName', { contractNumber: o.contractNumber, sequence: o.sequence }), bytes: await doc.save() };
}
