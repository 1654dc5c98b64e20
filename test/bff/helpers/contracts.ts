import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../bff/db/client.js';
import { accountLinks, contracts, users } from '../../../bff/db/schema/index.js';
import { PPPOE_SEAL } from '../../../bff/domain/credentials.js';
import { randomCredential } from '../../../bff/lib/crypto.js';
import { hashPassword } from '../../../bff/domain/passwords.js';
import { seal } from '../../../bff/lib/crypto.js';
import type { TestTenant } from './app.js';
import type { TestUser } from './portal.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

let seq = 0;
/** A contract of `accountId`: by default an eligible CompanyFlex Complete with a sealed password. */
export async function seedContract(db: Db, tenant: TestTenant, accountId: string, o: Partial<typeof contracts.$inferInsert> = {}) {
  const tag = `${++seq}${randomBytes(3).toString('hex')}`;
  const accessLine = o.accessLine ?? true;
  const [row] = await db
    .insert(contracts)
    .values({
      tenantId: tenant.id,
      accountId,
      contractNumber: `CF-${tag}`,
      product: 'companyflex',
      name: 'CompanyFlex Complete',
      siteName: `Standort ${tag}`,
      street: 'Friedrichstraße',
      houseNumber: '120',
      postalCode: '10117',
      city: 'Berlin',
      country: 'DE',
      accessLine,
      pppoeUsername: accessLine ? `pppoe-${tag}@net.example` : null,
      passwordSealed: accessLine ? seal(TEST_SECRET, PPPOE_SEAL, randomCredential(20)) : null,
      ...o,
    })
    .returning();
  return row!;
}

/** Links `subAccountId` under `mainAccountId` (as a confirmed link would). */
export async function linkAccounts(db: Db, tenant: TestTenant, mainAccountId: string, subAccountId: string) {
  await db.insert(accountLinks).values({ tenantId: tenant.id, mainAccountId, subAccountId, via: 'code', linkedAt: new Date(), collectiveInvoice: false, collectiveInvoicePrevious: false, collectiveInvoiceFrom: '2026-12-01' });
}

/** An active co-user login of `accountId`. */
export async function seedCoUser(db: Db, tenant: TestTenant, accountId: string): Promise<TestUser> {
  const tag = `${++seq}${randomBytes(3).toString('hex')}`;
  const password = `Co-Passwort-${tag}`;
  const [user] = await db
    .insert(users)
    .values({ tenantId: tenant.id, role: 'co_user', accountId, username: `co.${tag}`, displayName: `Co ${tag}`, email: `co.${tag}@firma.example`, mobile: `+49160${String(4_000_000 + seq).padStart(8, '0')}`, passwordHash: await hashPassword(password) })
    .returning();
  return { id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password };
}

const dir = mkdtempSync(join(tmpdir(), 'telkit-credentials-pdf-'));

/** Writes `bytes` to a temp file and returns its path. */
export function pdfFile(bytes: Uint8Array): string {
  const path = join(dir, `c-${randomBytes(6).toString('hex')}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

/** qpdf's view of the encryption, opened with `code`. */
export function encryptionOf(path: string, code: string) {
  const out = execFileSync('qpdf', ['--json', '--json-key=encrypt', `--password=${code}`, path], { encoding: 'utf8' });
  return JSON.parse(out).encrypt as {
    encrypted: boolean;
    userpasswordmatched: boolean;
    ownerpasswordmatched: boolean;
    parameters: { V: number; R: number; bits: number; method: string };
  };
}

/** The document's `/Lang` (qpdf, opened with the code). */
export function pdfLanguage(path: string, code: string): string | undefined {
  const out = execFileSync('qpdf', ['--json', '--json-key=qpdf', `--password=${code}`, '--decrypt', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const objects = (JSON.parse(out) as { qpdf: [unknown, Record<string, { value?: { '/Type'?: string; '/Lang'?: string } }>] }).qpdf[1];
  const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog');
  return catalog?.value?.['/Lang']?.replace(/^u:/, '');
}

/** `pdftotext` of the file, with the code as its user password (or none). */
export const pdfText = (path: string, code?: string) => spawnSync('pdftotext', [...(code === undefined ? [] : ['-upw', code]), path, '-'], { encoding: 'utf8' });
