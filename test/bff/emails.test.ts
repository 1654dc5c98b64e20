import addressparser from 'nodemailer/lib/addressparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, DEFAULT_PRIMARY, safeColor, textOn } from '../../bff/messaging/templates/brand.js';
import { type Brand, brandOf } from '../../bff/messaging/templates/layout.js';
import { confirmationEmail } from '../../bff/messaging/templates/signup.js';
import { smtpTransport } from '../../bff/messaging/transports.js';
import { startSmtp } from './helpers/smtp.js';

const tenant = {
  name: 'Hörwerk',
  supportEmail: 'hilfe@hoerwerk.example',
  mailFromName: 'Hörwerk',
  mailFromAddress: 'no-reply@hoerwerk.example',
  theme: { 'color-primary': '#123456' } as Record<string, string>,
  logoUrl: 'https://hoerwerk.example/logo.svg' as string | null,
};
const mail = (brand: Brand) => confirmationEmail(brand, 'de', { name: 'Anna', link: 'https://bff.example/confirm?token=t', hours: 24 });
const button = (html: string) => /<a href="[^"]*" style="([^"]*)"/.exec(html)![1]!;

describe('e-mails in the tenant\'s brand', () => {
  it('the button has the tenant\'s primary colour; the header its logo, named by the tenant', () => {
    const { html } = mail(brandOf(tenant));
    expect(button(html)).toContain('background:#123456;color:#ffffff');
    expect(html).toContain('<img src="https://hoerwerk.example/logo.svg" alt="Hörwerk"');
    expect(html).not.toContain(DEFAULT_PRIMARY);
  });

  it('text on the colour is white only where white reaches 4.5:1, else black', () => {
    for (const color of ['#ffd700', '#00ff00', '#8ab4f8', '#767676', '#777777', '#0b57d0', '#6b21a8', '#fff', '#000']) {
      const background = safeColor(color);
      expect(contrast(textOn(background), background), color).toBeGreaterThanOrEqual(4.5);
      expect(button(mail(brandOf({ ...tenant, theme: { 'color-primary': color } })).html)).toContain(`background:${background};color:${textOn(background)}`);
    }
    expect(textOn('#777777')).toBe('#000000'); // 4.48:1 with white
    expect(textOn('#767676')).toBe('#ffffff'); // 4.54:1
  });

  it('only a hex colour and an https logo reach the HTML; anything else falls back', () => {
    for (const color of ['red;background:url(https://evil.example/x)', '#12345g', '"><script>alert(1)</script>', 'rgb(0,0,0)', '', 'expression(alert(1))']) {
      const { html } = mail(brandOf({ ...tenant, theme: { 'color-primary': color }, logoUrl: 'javascript:alert(1)' }));
      expect(button(html)).toContain(`background:${DEFAULT_PRIMARY};color:#ffffff`);
      expect(html).not.toContain('evil');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('<img');
    }
    expect(mail(brandOf({ ...tenant, logoUrl: 'http://hoerwerk.example/logo.png' })).html).not.toContain('<img');
    expect(mail(brandOf({ ...tenant, theme: {}, logoUrl: null })).html).toContain(`background:${DEFAULT_PRIMARY}`);
  });
});

/** The From header of a raw message, unfolded, parsed as an address list, names decoded (RFC 2047). */
function fromHeader(raw: string) {
  const header = /^From: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1]!.replace(/\r\n[ \t]/g, ' ');
  const decode = (value: string) =>
    value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
  return addressparser(header, { flatten: true }).map((a) => ({ name: decode(a.name).trim(), address: a.address }));
}

describe('the sender', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.stop());

  it.each([
    'Müller, Meier & Co. "Telefon" <Service>',
    'Acme, Inc. "Support" (Berlin)',
    'Anna\'s Telefon; Büro: Nord',
  ])('is one address with the tenant\'s name exactly as configured, whatever it holds: %s', async (name) => {
    const rendered = mail(brandOf({ ...tenant, mailFromName: name }));
    expect(rendered.from).toEqual({ name, address: 'no-reply@hoerwerk.example' });
    const send = smtpTransport(smtp.url, 'fallback@telkit.example');
    const before = smtp.received.length;
    await send({ id: crypto.randomUUID(), tenantId: 't', now: new Date(), createdAt: new Date(), payload: { to: 'anna@example.com', ...rendered } });
    const received = smtp.received.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('no-reply@hoerwerk.example');
    expect(fromHeader(received[0]!.raw)).toEqual([{ name, address: 'no-reply@hoerwerk.example' }]);
  });
});
