import type { Locale } from '../../../contract/enums.js';
import { escapeHtml } from '../../lib/html.js';
import { safeColor, safeLogoUrl, textOn } from './brand.js';
import { emailMessages } from '../../lib/i18n.js';

export interface Brand {
  name: string;
  supportEmail: string;
  mailFromName: string;
  mailFromAddress: string;
  /** The tenant's primary colour as configured (`theme['color-primary']`); checked when rendered. */
  primaryColor?: string | undefined;
  /** The tenant's logo as configured; only an `https:` URL is used. */
  logoUrl?: string | null | undefined;
}

/** A tenant's sender identity, name and look, as every e-mail shows them. */
export const brandOf = (t: Omit<Brand, 'primaryColor'> & { theme?: Record<string, string> }): Brand => ({
  name: t.name,
  supportEmail: t.supportEmail,
  mailFromName: t.mailFromName,
  mailFromAddress: t.mailFromAddress,
  primaryColor: t.theme?.['color-primary'],
  logoUrl: t.logoUrl,
});

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** nodemailer's address object: the name is encoded by nodemailer, so commas or quotes cannot break the header. */
  from: { name: string; address: string };
  templateId: string;
}

export type Block = { p: string } | { link: { label: string; href: string } } | { facts: [string, string][] };

/** "Guten Tag Anna," in the e-mail's language. */
export const greeting = (locale: Locale, name: string): Block => ({ p: emailMessages.t(locale, 'greeting', { name }) });

/** One e-mail in the tenant's name: plain text and simple, accessible HTML with the same content. */
export function renderEmail(brand: Brand, locale: Locale, templateId: string, subject: string, blocks: Block[]): Rendered {
  const footer = emailMessages.t(locale, 'footer', { supportEmail: brand.supportEmail });
  const text = [
    ...blocks.map((b) =>
      'p' in b ? b.p : 'link' in b ? `${b.link.label}:\n${b.link.href}` : b.facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    ),
    '--',
    brand.name,
    footer,
  ].join('\n\n');
  const primary = safeColor(brand.primaryColor);
  const logo = safeLogoUrl(brand.logoUrl);
  const body = blocks
    .map((b) =>
      'p' in b
        ? `<p>${escapeHtml(b.p)}</p>`
        : 'link' in b
          ? `<p><a href="${escapeHtml(b.link.href)}" style="display:inline-block;padding:12px 20px;background:${primary};color:${textOn(primary)};border-radius:6px;font-weight:600;text-decoration:none">${escapeHtml(b.link.label)}</a></p><p style="font-size:14px">${escapeHtml(b.link.href)}</p>`
          : `<table role="presentation" style="border-collapse:collapse">${b.facts.map(([k, v]) => `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1f;max-width:40rem;margin:0 auto;padding:16px">
<p style="font-weight:700;font-size:18px;border-bottom:4px solid ${primary};padding-bottom:8px">${logo ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(brand.name)}" height="48" style="height:48px;width:auto;border:0">` : escapeHtml(brand.name)}</p>
${body}
<hr><p style="font-size:14px;color:#4a4a55">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html, from: { name: brand.mailFromName, address: brand.mailFromAddress }, templateId };
}
