// New internet access credentials ("Neue Internet-Zugangsdaten", PRODUCT.md §3.6, seed 003): in one
// transaction, under the contract's row lock, a new PPPoE password (the old one is revoked at once), the
// rotation counted against MAX_ROTATIONS_PER_DAY, the password as an AES-256 encrypted PDF by e-mail and
// the code that opens it by SMS (both sensitive: purged right after delivery; both on the `credentials`
// budget; the SMS text sealed in the outbox until delivery), a signed webhook with the new password to the
// operator's provisioning only (a reseller's parent, or the tenant itself when it is the operator; to
// endpoints that subscribe to it by name; sensitive and its data sealed until delivery; without such an
// endpoint nothing changes: 503), and an audit entry. The password and the code are never logged, audited
// or answered.
import { and, count, eq, gt } from 'drizzle-orm';
import type { CredentialRotation } from '../../contract/contracts.js';
import { CODE_LENGTH, eligibility, MAX_ROTATIONS_PER_DAY, PASSWORD_LENGTH } from '../../contract/credentials.js';
import type { Locale } from '../../contract/enums.js';
import { maskEmail, maskMobile } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { contracts, credentialRotations, type Tenant } from '../db/schema/index.js';
import { randomCredential, seal } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { enqueue, sealSms } from '../messaging/outbox.js';
import { credentialsDetail, credentialsEmail, credentialsSms } from '../messaging/templates/credentials.js';
import { brandOf } from '../messaging/templates/layout.js';
import { audit, userActor } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { formatInstantZoned } from '../messaging/templates/format.js';
import { type ContractScope, DAY_MS, lockContractInScope, rotationWindow } from './contracts.js';
import { credentialsPdf } from './credentials-pdf.js';
import { documentLocale } from './power-of-attorney.js';
import { emitEvent, subscribedByName } from './webhooks.js';

/** The `seal` purpose of PPPoE passwords at rest (`contracts.password_sealed`). */
export const PPPOE_SEAL = 'pppoe';

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

/** The tenant whose provisioning sets new PPPoE passwords: the operator (a reseller's parent, or the tenant itself). */
const operatorOf = (tenant: Tenant) => (tenant.kind === 'operator' ? tenant.id : (tenant.parentId ?? tenant.id));

/** The budget's 429 with this flow's words: why, from when, and that nothing changed. */
function budgetRefusal(error: unknown, f: RotationFlow): unknown {
  if (!(error instanceof ApiError) || error.status !== 429) return error;
  const seconds = Number(error.options.headers?.['Retry-After'] ?? 60);
  const at = new Date(f.now.getTime() + seconds * 1000);
  return new ApiError(429, 'rate_limited', {
    headers: error.options.headers,
    detail: credentialsDetail(f.locale, 'budget.detail', { when: formatInstantZoned(f.locale, at) }),
    extensions: { retryAt: at.toISOString() },
  });
}

export async function rotateCredentials(db: Db, f: RotationFlow): Promise<CredentialRotation> {
  if (f.consent !== true) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'consent', code: 'consent_required', message: '' }] });
  return db.transaction(async (tx) => {
    const { contract, account } = await lockContractInScope(tx, f.scope, f.contractId);
    const names = { contract: contract.name, contractNumber: contract.contractNumber };
    const { reason } = eligibility(contract);
    if (reason) throw new ApiError(422, reason, { detail: credentialsDetail(f.locale, `ineligible.${reason}`, names) });
    // The code that opens the PDF goes by SMS, apart from the e-mail: without a number there is no second channel.
    const mobile = f.scope.admin.mobile;
    if (!mobile) throw new ApiError(422, 'mobile_required');

    const recent = await tx
      .select({ createdAt: credentialRotations.createdAt })
      .from(credentialRotations)
      .where(and(eq(credentialRotations.contractId, contract.id), gt(credentialRotations.createdAt, new Date(f.now.getTime() - DAY_MS))));
    const before = rotationWindow(recent.map((r) => r.createdAt));
    if (before.nextRotationAt) {
      const freeAt = before.nextRotationAt;
      const seconds = Math.max(1, Math.ceil((freeAt.getTime() - f.now.getTime()) / 1000));
      throw new ApiError(429, 'rotation_limit', {
        headers: { 'Retry-After': String(seconds) },
        detail: credentialsDetail(f.locale, 'limit.detail', { max: MAX_ROTATIONS_PER_DAY, when: formatInstantZoned(f.locale, freeAt) }),
        extensions: { retryAt: freeAt.toISOString() },
      });
    }

    // Only the operator's provisioning may get the password; without it nothing can change.
    const operatorId = operatorOf(f.tenant);
    if (!(await subscribedByName(tx, operatorId, 'contract.credentials_rotated'))) {
      f.budget.log?.error('credentials rotation refused: no provisioning endpoint', { tenantId: f.tenant.id, operatorId, contractId: contract.id });
      throw new ApiError(503, 'provisioning_unavailable', { detail: credentialsDetail(f.locale, 'unavailable.detail', {}) });
    }
    const [{ n: earlier } = { n: 0 }] = await tx.select({ n: count() }).from(credentialRotations).where(eq(credentialRotations.contractId, contract.id));
    const sequence = earlier + 1;

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
      sequence,
      locale,
    });
    const brand = brandOf(f.tenant);
    const mail = credentialsEmail(brand, locale, {
      name: admin.displayName,
      contract: contract.name,
      contractNumber: contract.contractNumber,
      site: contract.siteName,
      username,
      mobile: maskMobile(mobile),
      file: pdf.fileName,
      at: f.now,
      sequence,
    });
    const budget = { ...f.budget, kind: 'credentials', now: f.now, ip: f.ip, userId: admin.id, accountId: account.id, exhausted: 'reject' } as const;
    try {
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
        payload: sealSms(f.secret, { to: mobile, text: credentialsSms(brand.name, locale, { contractNumber: contract.contractNumber, site: contract.siteName, file: pdf.fileName, code }) }),
        budget,
      });
    } catch (error) {
      throw budgetRefusal(error, f);
    }

    const data = {
      contractId: contract.id,
      contractNumber: contract.contractNumber,
      accountId: account.id,
      customerNumber: account.customerNumber,
      pppoeUsername: contract.pppoeUsername,
      password,
      rotatedAt: f.now.toISOString(),
    };
    // The operator's provisioning only (never a reseller's endpoints), by name only, sealed until delivery.
    await emitEvent(tx, { tenantId: operatorId, type: 'contract.credentials_rotated', data, sensitive: true, sealWith: f.secret });
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
    const after = rotationWindow([...recent.map((r) => r.createdAt), f.now]);
    return {
      contractId: contract.id,
      rotatedAt: f.now.toISOString(),
      sentTo: { email: maskEmail(admin.email), mobile: maskMobile(mobile) },
      rotationsLeft: after.rotationsLeft,
      nextRotationAt: after.nextRotationAt?.toISOString() ?? null,
      sequence,
    };
  });
}
