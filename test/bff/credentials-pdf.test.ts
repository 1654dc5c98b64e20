import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, CREDENTIAL_ALPHABET, PASSWORD_LENGTH } from '../../contract/credentials.js';
import { credentialsPdf } from '../../bff/domain/credentials-pdf.js';
import { randomCredential } from '../../bff/lib/crypto.js';
import { encryptionOf, pdfFile, pdfLanguage, pdfText } from './helpers/contracts.js';

const input = {
  tenantName: 'Demo Reseller',
  customerNumber: 'DR9000001',
  contractNumber: 'CF-2026-000101',
  contractName: 'CompanyFlex Complete',
  siteName: 'Hauptsitz Berlin',
  address: { street: 'Friedrichstraße', houseNumber: '120', postalCode: '10117', city: 'Berlin', country: 'DE' },
  username: 'mh-berlin-01@business.demo-reseller.example',
  generatedAt: new Date('2026-11-22T13:32:00Z'),
  sequence: 2,
};

describe('the credentials PDF', () => {
  it('is AES-256 (V 5, R 6, AESv3), opens with the code only, and holds the username and the password in one piece', async () => {
    const password = randomCredential(PASSWORD_LENGTH);
    const code = randomCredential(CODE_LENGTH);
    const pdf = await credentialsPdf({ ...input, password, code, locale: 'de' });
    expect(pdf.fileName).toBe('Internet-Zugangsdaten-CF-2026-000101-2.pdf');
    const path = pdfFile(pdf.bytes);
    const enc = encryptionOf(path, code);
    expect(enc.encrypted).toBe(true);
    expect(enc.parameters).toMatchObject({ V: 5, R: 6, bits: 256, method: 'AESv3' });
    // The code is the user password only: the owner password (which lifts the restrictions) is another.
    expect(enc.userpasswordmatched).toBe(true);
    expect(enc.ownerpasswordmatched).toBe(false);
    const opened = pdfText(path, code);
    expect(opened.status).toBe(0);
    expect(opened.stdout).toContain(input.username);
    expect(opened.stdout).toContain(password);
    expect(opened.stdout).toContain('Neue Internet-Zugangsdaten – Nr. 2');
    expect(opened.stdout).toContain('Diese Zugangsdaten ersetzen alle früher gesendeten.');
    expect(opened.stdout).toContain('22. November 2026, 14:32 Uhr (MEZ)');
    expect(pdfLanguage(path, code)).toBe('de-DE');
    expect(opened.stdout).toContain('DR9000001');
    expect(opened.stdout).toContain('Easy Login');
    expect(opened.stdout).toMatch(/Friedrichstraße 120, 10117 Berlin\n/); // no country at home
    // The plain bytes hold neither.
    const raw = Buffer.from(pdf.bytes).toString('latin1');
    expect(raw).not.toContain(password);
    expect(raw).not.toContain(input.username);

    const without = pdfText(path);
    expect(without.status).not.toBe(0);
    expect(without.stderr).toMatch(/password/i);
    const wrong = pdfText(path, randomCredential(CODE_LENGTH));
    expect(wrong.status).not.toBe(0);
    expect(spawnSync('qpdf', ['--check', path]).status).not.toBe(0);
  });

  it('speaks English', async () => {
    const code = randomCredential(CODE_LENGTH);
    const pdf = await credentialsPdf({ ...input, password: randomCredential(PASSWORD_LENGTH), code, locale: 'en' });
    expect(pdf.fileName).toBe('Internet-Credentials-CF-2026-000101-2.pdf');
    const path = pdfFile(pdf.bytes);
    const text = pdfText(path, code).stdout;
    expect(text).toContain('New internet access credentials – no. 2');
    expect(text).toContain('These credentials replace all those sent before.');
    expect(text).toContain('22 November 2026, 14:32 CET');
    expect(pdfLanguage(path, code)).toBe('en-GB');
    expect(text).toContain('Easy Login');
  });

  it('names the country of a site abroad, in words', async () => {
    const code = randomCredential(CODE_LENGTH);
    const address = { ...input.address, postalCode: '1010', city: 'Wien', country: 'AT' };
    const pdf = await credentialsPdf({ ...input, address, password: randomCredential(PASSWORD_LENGTH), code, locale: 'de' });
    expect(pdfText(pdfFile(pdf.bytes), code).stdout).toContain('Friedrichstraße 120, 1010 Wien, Österreich');
  });

  it('draws credentials from the alphabet without look-alikes', () => {
    const many = Array.from({ length: 200 }, () => randomCredential(PASSWORD_LENGTH)).join('');
    expect(many).toHaveLength(200 * PASSWORD_LENGTH);
    for (const ch of many) expect(CREDENTIAL_ALPHABET).toContain(ch);
    expect(many).not.toMatch(/[0O1lIoi]/);
    expect(new Set(many).size).toBe(CREDENTIAL_ALPHABET.length);
  });
});
