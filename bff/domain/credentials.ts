// New internet access credentials ("Neue Internet-Zugangsdaten", PRODUCT.md §3.6, seed 003): in one
// transaction, under the contract's row lock, a new PPPoE password (the old one is revoked at once), the
// rotation counted against MAX_ROTATIONS_PER_DAY, the password as an AES-256 encrypted PDF by e-mail and
// the code that opens it by SMS (both sensitive: purged right after delivery; both on the `credentials`
// budget), a signed webhook with the new password to the provisioning of the tenant and its operator
// (sensitive, to endpoints that subscribe to it by name), and an audit entry. The password and the code
// are never logged, audited or answered.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { CredentialRotation } from '../../contract/contracts.js';
import { CODE_LENGTH, MAX_ROTATIONS_PER_DAY, PASSWORD_LENGTH } from '../../contract/credentials.js';
import type { Locale } from '../../contract/enums.js';
import { localeTag } from '../../contract/i18n.js';
import { maskEmail, maskMobile } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { contracts, credentialRotations, type Tenant } from '../db/schema/index.js';
import { seal } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { credentialsDetail, credentialsEmail, credentialsSms } from '../messaging/templates/credentials.js';
import { brandOf } from '../messaging/templates/layout.js';
import { audit, userActor } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { type ContractScope, contractEligibility, lockContractInScope } from './contracts.js';
import { credentialsPdf, randomCredential } from './credentials-pdf.js';
import { documentLocale } from './power-of-attorney.js';
import { emitEvent } from './webhooks.js';

/** The `seal` purpose of PPPoE passwords at rest (`contracts.password_sealed`). */
export const PPPOE_SEAL = 'pppoe';
const DAY_MS = 86_400_000;

export interface RotationFlow {
  tenant: Tenant;
  scope: ContractScope;
  contractId: string;
  consent: boolean;
  now: Date;
  ip: string;
  locale: Locale;
  secret: string;
  budget: BudgetSettings;
}

/** "… wieder ab 22.11.2026, 14:32": an instant in Europe/Berlin, as the locale writes date and time. */
const berlinDateTime = (locale: Locale, at: Date) =>
  new Intl.DateTimeFormat(localeTag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(at);

export async function rotateCredentials(db: Db, f: RotationFlow): Promise<CredentialRotation> {
  if (f.consent !== true) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'consent', code: 'consent_required', message: '' }] });
  return db.transaction(async (tx) => {
    const { contract, account } = await lockContractInScope(tx, f.scope, f.contractId);
    const names = { contract: contract.name, contractNumber: contract.contractNumber };
    const { reason } = contractEligibility(contract);
    if (reason) throw new ApiError(422, reason, { detail: credentialsDetail(f.locale, `ineligible.${reason}`, names) });

    const recent = await tx
      .select({ createdAt: credentialRotations.createdAt })
      .from(credentialRotations)
      .where(and(eq(credentialRotations.contractId, contract.id), gt(credentialRotations.createdAt, new Date(f.now.getTime() - DAY_MS))))
      .orderBy(asc(credentialRotations.createdAt));
    if (recent.length >= MAX_ROTATIONS_PER_DAY) {
      // The window frees a place when its oldest rotation is 24 hours old.
      const freeAt = new Date(recent[recent.length - MAX_ROTATIONS_PER_DAY]!.createdAt.getTime() + DAY_MS);
      const seconds = Math.max(1, Math.ceil((freeAt.getTime() - f.now.getTime()) / 1000));
      throw new ApiError(429, 'rotation_limit', {
        headers: { 'Retry-After': String(seconds) },
        detail: credentialsDetail(f.locale, 'limit.detail', { max: MAX_ROTATIONS_PER_DAY, when: berlinDateTime(f.locale, freeAt) }),
        extensions: { retryAt: freeAt.toISOString() },
      });
    }

    const username = contract.pppoeUsername!;
    const password = randomCredential(PASSWORD_LENGTH);
    const code = randomCredential(CODE_LENGTH);
    const admin = f.scope.admin;
    await tx
      .update(contracts)
      .set({ passwordSealed: seal(f.secret, PPPOE_SEAL, password), credentialsRotatedAt: f.now, updatedAt: f.now })
      .where(eq(contracts.id, contract.id));
    await tx.insert(credentialRotations).values({ tenantId: f.tenant.id, contractId: contract.id, userId: admin.id, createdAt: f.now });

    const locale = documentLocale(f.tenant, f.locale);
    const pdf = await credentialsPdf({
      tenantName: f.tenant.name,
      customerNumber: account.customerNumber,
      contractNumber: contract.contractNumber,
      contractName: contract.name,
      siteName: contract.siteName,
      address: { street: contract.street, houseNumber: contract.houseNumber, postalCode: contract.postalCode, city: contract.city, country: contract.country },
      username,
      password,
      code,
      generatedAt: f.now,
      locale,
    });
    const brand = brandOf(f.tenant);
    const mail = credentialsEmail(brand, locale, {
      name: admin.displayName,
      contract: contract.name,
      contractNumber: contract.contractNumber,
      site: contract.siteName,
      username,
      mobile: maskMobile(admin.mobile),
      file: pdf.fileName,
      at: f.now,
    });
    const budget = { ...f.budget, kind: 'credentials', now: f.now, ip: f.ip, userId: admin.id, accountId: account.id, exhausted: 'reject' } as const;
    await enqueue(tx, {
      tenantId: f.tenant.id,
      channel: 'email',
      sensitive: true,
      payload: { to: admin.email, ...mail, attachments: [{ filename: pdf.fileName, contentType: 'application/pdf', content: Buffer.from(pdf.bytes).toString('base64') }] },
      budget,
    });
    await enqueue(tx, {
      tenantId: f.tenant.id,
      channel: 'sms',
      sensitive: true,
      payload: { to: admin.mobile, text: credentialsSms(brand.name, locale, { contractNumber: contract.contractNumber, site: contract.siteName, code }) },
      budget,
    });

    const data = {
      contractId: contract.id,
      contractNumber: contract.contractNumber,
      accountId: account.id,
      customerNumber: account.customerNumber,
      pppoeUsername: contract.pppoeUsername,
      password,
      rotatedAt: f.now.toISOString(),
    };
    // The tenant's own provisioning and its operator's (a reseller's parent), each by name only.
    for (const tenantId of new Set([f.tenant.id, ...(f.tenant.parentId ? [f.tenant.parentId] : [])])) {
      await emitEvent(tx, { tenantId, type: 'contract.credentials_rotated', data, sensitive: true });
    }
    await audit(tx, {
      tenantId: f.tenant.id,
      actor: userActor(admin),
      account: account.id,
      actingFor: f.scope.actingFor ?? (account.id !== f.scope.accountId ? f.scope.accountId : null),
      action: 'contract.credentials_rotated',
      target: { type: 'contract', id: contract.id },
      ip: f.ip,
      at: f.now,
      data: { contractNumber: contract.contractNumber, pppoeUsername: contract.pppoeUsername },
    });
    return {
      contractId: contract.id,
      rotatedAt: f.now.toISOString(),
      sentTo: { email: maskEmail(admin.email), mobile: maskMobile(admin.mobile) },
      remainingToday: MAX_ROTATIONS_PER_DAY - recent.length - 1,
    };
  });
}
