import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { PASSWORD_LENGTH, type ContractProduct, type ContractStatus } from '../../contract/credentials.js';
import type { Executor } from '../db/client.js';
import { contracts, webhookEndpoints } from '../db/schema/index.js';
import { randomCredential } from '../lib/crypto.js';
import { PPPOE_SEAL } from '../domain/credentials.js';
import { createEndpoint } from '../domain/webhooks.js';
import { seal } from '../lib/crypto.js';

// The demo's fixed-network contracts (PRODUCT.md §3.6, seed 003), for `tk-credential-reset`: the demo
// business account (Berlin and its branches) and its linked location "Filiale Zürich", with contracts of
// every kind — the seed's five eligible contracts and one of each reason a contract is not.

type Site = { siteName: string; street: string; houseNumber: string; postalCode: string; city: string; country: string };
type DemoContract = { contractNumber: string; product: ContractProduct; name: string; status?: ContractStatus; site: Site; pppoe: string | null };

const BERLIN: Site = { siteName: 'Hauptsitz Berlin', street: 'Friedrichstraße', houseNumber: '120', postalCode: '10117', city: 'Berlin', country: 'DE' };
const POTSDAM: Site = { siteName: 'Filiale Potsdam', street: 'Brandenburger Straße', houseNumber: '35', postalCode: '14467', city: 'Potsdam', country: 'DE' };
const HAMBURG: Site = { siteName: 'Filiale Hamburg', street: 'Mönckebergstraße', houseNumber: '7', postalCode: '20095', city: 'Hamburg', country: 'DE' };
const TEMPELHOF: Site = { siteName: 'Lager Berlin-Tempelhof', street: 'Oberlandstraße', houseNumber: '26', postalCode: '12099', city: 'Berlin', country: 'DE' };
const MUENCHEN: Site = { siteName: 'Filiale München', street: 'Kaufingerstraße', houseNumber: '14', postalCode: '80331', city: 'München', country: 'DE' };
const LEIPZIG: Site = { siteName: 'Filiale Leipzig (geschlossen)', street: 'Petersstraße', houseNumber: '22', postalCode: '04109', city: 'Leipzig', country: 'DE' };
const ZUERICH: Site = { siteName: 'Filiale Zürich', street: 'Bahnhofstrasse', houseNumber: '21', postalCode: '8001', city: 'Zürich', country: 'CH' };

const PPPOE_DOMAIN = 'business.demo-reseller.example';

/** The main account's contracts: eligible, without a line, of another type, ended. */
export const DEMO_MAIN_CONTRACTS: DemoContract[] = [
  { contractNumber: 'VN-2024-100231', product: 'companyflex', name: 'CompanyFlex Complete', site: BERLIN, pppoe: `mh-berlin-01@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2024-100232', product: 'companyflex', name: 'CompanyFlex MSN Complete', site: POTSDAM, pppoe: `mh-potsdam-01@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2025-100417', product: 'companyflex', name: 'CompanyFlex Access Plus', site: HAMBURG, pppoe: `mh-hamburg-01@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2025-100418', product: 'companyflex', name: 'CompanyFlex Voice', site: TEMPELHOF, pppoe: null },
  { contractNumber: 'VN-2024-200115', product: 'cloud_pbx', name: 'Cloud PBX Hauptstandortvertrag', site: BERLIN, pppoe: `mh-berlin-pbx@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2024-300042', product: 'sip_trunk', name: 'SIP-Trunk Business', site: BERLIN, pppoe: null },
  { contractNumber: 'VN-2023-400007', product: 'ip_voice_data', name: 'IP Voice / Data Premium', site: MUENCHEN, pppoe: `mh-muenchen-ivd@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2021-100019', product: 'companyflex', name: 'CompanyFlex Complete', status: 'ended', site: LEIPZIG, pppoe: `mh-leipzig-01@${PPPOE_DOMAIN}` },
];
/** The location's ("Filiale Zürich"): its Cloud PBX branch contract and a SIP-Trunk. */
export const DEMO_LOCATION_CONTRACTS: DemoContract[] = [
  { contractNumber: 'VN-2025-200388', product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag', site: ZUERICH, pppoe: `mh-zuerich-pbx@${PPPOE_DOMAIN}` },
  { contractNumber: 'VN-2025-300131', product: 'sip_trunk', name: 'SIP-Trunk Business', site: ZUERICH, pppoe: null },
];

/** Where the operator's provisioning would receive new credentials: a fake host, read in the dev outbox. */
export const DEMO_PROVISIONING_URL = 'https://provisioning.demo-telecom.example/telkit';

/**
 * The contracts, created once by contract number (a newcomer's rotations stay); the passwords of lines
 * random and sealed with the server's `secret` (when a database seeded without it gets one, its lines get
 * passwords then). With `secret`, the operator's provisioning endpoint, subscribed to
 * `contract.credentials_rotated` by name (it carries the new password).
 */
export async function seedDemoContracts(tx: Executor, o: { tenantId: string; operatorId: string; mainAccountId: string; locationAccountId: string; secret?: string }) {
  const rows = [
    ...DEMO_MAIN_CONTRACTS.map((c) => ({ ...c, accountId: o.mainAccountId })),
    ...DEMO_LOCATION_CONTRACTS.map((c) => ({ ...c, accountId: o.locationAccountId })),
  ];
  await tx
    .insert(contracts)
    .values(
      rows.map((c) => ({
        tenantId: o.tenantId,
        accountId: c.accountId,
        contractNumber: c.contractNumber,
        product: c.product,
        name: c.name,
        status: c.status ?? 'active',
        ...c.site,
        accessLine: c.pppoe !== null,
        pppoeUsername: c.pppoe,
        passwordSealed: c.pppoe && o.secret ? seal(o.secret, PPPOE_SEAL, randomCredential(PASSWORD_LENGTH)) : null,
      })),
    )
    .onConflictDoNothing();
  if (!o.secret) return;
  const unsealed = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.tenantId, o.tenantId), eq(contracts.accessLine, true), isNull(contracts.passwordSealed), inArray(contracts.contractNumber, rows.map((r) => r.contractNumber))));
  for (const { id } of unsealed) await tx.update(contracts).set({ passwordSealed: seal(o.secret, PPPOE_SEAL, randomCredential(PASSWORD_LENGTH)), updatedAt: sql`now()` }).where(eq(contracts.id, id));
  const [existing] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, o.operatorId), eq(webhookEndpoints.url, DEMO_PROVISIONING_URL)));
  if (!existing) {
    await createEndpoint(
      tx,
      o.operatorId,
      { url: DEMO_PROVISIONING_URL, eventTypes: ['contract.credentials_rotated'], description: 'Demo: provisioning of new internet access credentials (read them in the dev outbox)' },
      { publicOnly: false, serverSecret: o.secret },
    );
  }
}
