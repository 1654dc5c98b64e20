import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, CREDENTIAL_ALPHABET, PASSWORD_LENGTH } from '../../contract/credentials.js';
import { credentialsPdf, randomCredential } from '../../bff/domain/credentials-pdf.js';
import { encryptionOf, pdfFile, pdfText } from './helpers/contracts.js';

const input = {
  tenantName: 'Demo Reseller',
  customerNumber: 'DR9000001',
  contractNumber: 'CF-2026-000101',
  contractName: 'CompanyFlex Complete',
  siteName: 'Hauptsitz Berlin',
  address: { street: 'Friedrichstraße', houseNumber: '120', postalCode: '10117', city: 'Berlin', country: 'DE' },
  username: 'mh-berlin-01@business.demo-reseller.example',
  generatedAt: new Date('2026-11-22T13:32:00Z'),
};

describe('the credentials PDF', () => {
  it('is AES-256 (V 5, R 6, AESv3), opens with the code only, and holds the username and the password in one piece', async () => {
    const password = randomCredential(PASSWORD_LENGTH);
    const code = randomCredential(CODE_LENGTH);
    const pdf = await credentialsPdf({ ...input, password, code, locale: 'de' });
    expect(pdf.fileName).toBe('Internet-Zugangsdaten-CF-2026-000101.pdf');
    const path = pdfFile(pdf.bytes);
    const enc = encryptionOf(path, code);
    expect(enc.encrypted).toBe(true);
    expect(enc.parameters).toMatchObject({ V: 5, R: 6, bits: 256, method: 'AESv3' });
    const opened = pdfText(path, code);
    expect(opened.status).toBe(0);
    expect(opened.stdout).toContain(input.username);
    expect(opened.stdout).toContain(password);
    expect(opened.stdout).toContain('Neue Internet-Zugangsdaten');
    expect(opened.stdout).toContain('DR9000001');
    expect(opened.stdout).toContain('Easy Login');
    expect(opened.stdout).toMatch(/Friedrichstraße 120, 10117 Berlin/);
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
    expect(pdf.fileName).toBe('Internet-Credentials-CF-2026-000101.pdf');
    const text = pdfText(pdfFile(pdf.bytes), code).stdout;
    expect(text).toContain('New internet access credentials');
    expect(text).toContain('Easy Login');
  });

  it('draws credentials from the alphabet without look-alikes', () => {
    const many = Array.from({ length: 200 }, () => randomCredential(PASSWORD_LENGTH)).join('');
    expect(many).toHaveLength(200 * PASSWORD_LENGTH);
    for (const ch of many) expect(CREDENTIAL_ALPHABET).toContain(ch);
    expect(many).not.toMatch(/[0O1lIoi]/);
    expect(new Set(many).size).toBe(CREDENTIAL_ALPHABET.length);
  });
});
