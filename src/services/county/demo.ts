// The county demo (issue 15, `seed-county-demo`): two demo township offices are seeded (each its own data folder,
// its own key), each runs a round (the 专项治理 campaign with its recipients' reviews, as far as the demo goes), each
// exports its filing package through the township's own export into the county's inbox, and the county office
// receives both. The second township has one planted duplicate: a person covered in the first township is also on
// its roll, which the summary counts in both and the cross-check finds with both sources.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NO_RECORDED_FACTS } from '../../contract';
import { setHouseholdStatus } from '../../store/households';
import { listVillages } from '../../store/villages';
import { getUserByName } from '../../store/users';
import { openApp, type App } from '../app';
import { audit } from '../audit';
import { insertAccount } from '../accounts';
import { nowIso, type Clock, type Ctx } from '../context';
import { DEMO_PASSWORD, DEMO_TOWNSHIPS, seedDemo } from '../demo';
import { determinationSave, householdFactsUpdate } from '../determinations';
import { filingExport } from '../filing';
import { householdCreate } from '../households';
import { hashPassword } from '../passwords';
import { rosterList } from '../roster';
import { countyPackageReceive } from './receive';
import { ensureCountyOffice } from './setup';

export const DEMO_COUNTY_NAME = '演示县民政局';

export type CountyDemoResult = {
  townships: { name: string; dataDir: string; package: string; fingerprint: string; households: number; persons: number }[];
  duplicate: { name: string; idNumber: string };
  received: boolean;
};

/** Plants the duplicate: `person` (covered in another township) heads a new recipient household here. */
export function plantDuplicate(ctx: Ctx, person: { name: string; idNumber: string }): void {
  ctx.db.transaction(() => {
    const village = listVillages(ctx.db)[0]!;
    const h = householdCreate(ctx, {
      villageId: village.id,
      groupName: village.groups[0] ?? null,
      address: `${village.name}99号`,
      phone: null,
      note: '演示：此人同时在另一乡镇在保（交叉比对应发现）',
      head: {
        name: person.name,
        idNumber: person.idNumber,
        relation: '户主',
        ...NO_RECORDED_FACTS,
        laborCapacity: 'none',
        threeNo: true,
      },
    });
    householdFactsUpdate(ctx, {
      householdId: h.id,
      assetsCompliant: true,
      assetsNote: '演示数据',
      otherMonthlyIncome: 0,
      singleCoverPersonId: null,
      medicalSelfPaid: null,
      medicalDisposable: null,
      medicalPatientPersonId: null,
    });
    determinationSave(ctx, { householdId: h.id });
    setHouseholdStatus(ctx.db, h.id, 'recipient', nowIso(ctx.clock));
    audit(ctx, 'demo-load', 'household', h.id, { status: 'registered' }, { status: 'recipient' });
  })();
}

/**
 * One demo township: the demo office with its 专项治理 in progress (src/services/demo-cycle.ts: approvals, a refusal,
 * a stop, cases in every step), the planted duplicate, then its package through the township's own export.
 */
async function townshipRound(app: App, inbox: string, index: number, hash: string, duplicateOf: { name: string; idNumber: string } | null) {
  const ctx = app.ctx();
  const seeded = await seedDemo(ctx, { passwordHash: hash, township: DEMO_TOWNSHIPS[index]! });
  if (duplicateOf) plantDuplicate(ctx, duplicateOf);
  const roster = rosterList(ctx, { villageId: null, personClass: null, view: 'all', page: 1, pageSize: 1 });
  const exported = await filingExport(ctx, { campaignId: seeded.cycle.campaignId, villageIds: null, from: null, to: null, destination: inbox });
  const first = roster.items[0]?.members[0];
  return { exported, roster, first: first ? { name: first.name, idNumber: first.idNumber } : null };
}

/**
 * The two demo townships under `<dataDir>/demo-townships/`, each with its round and its package exported into
 * `<dataDir>/inbox` (offered on 接收备案包). The county's own database is not touched.
 */
export async function seedDemoTownships(dataDir: string, hash: string, clock?: Clock) {
  const inbox = join(dataDir, 'inbox');
  mkdirSync(inbox, { recursive: true, mode: 0o700 });
  const townships: CountyDemoResult['townships'] = [];
  let duplicate: { name: string; idNumber: string } | null = null;
  for (const index of [0, 1]) {
    const dir = join(dataDir, 'demo-townships', index === 0 ? 'qinghe' : 'liuxi');
    const app = openApp({ dataDir: dir, ...(clock ? { clock } : {}) });
    try {
      const r = await townshipRound(app, inbox, index, hash, index === 1 ? duplicate : null);
      if (index === 0) duplicate = r.first;
      townships.push({
        name: DEMO_TOWNSHIPS[index]!.townshipName,
        dataDir: dir,
        package: r.exported.folder,
        fingerprint: r.exported.fingerprint,
        households: r.roster.summary.households,
        persons: r.roster.summary.persons,
      });
    } finally {
      app.close();
    }
  }
  return { townships, duplicate: duplicate! };
}

/**
 * Seeds `<dataDir>` as the demo county and `<dataDir>/demo-townships/<n>` as its two townships; the packages go to
 * `<dataDir>/inbox`. `receive: false` leaves them there for a clerk to receive in the UI.
 */
export async function seedCountyDemo(dataDir: string, options: { receive: boolean; clock?: Clock } = { receive: true }): Promise<CountyDemoResult> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const { townships, duplicate } = await seedDemoTownships(dataDir, hash, options.clock);
  const county = openApp({ dataDir, ...(options.clock ? { clock: options.clock } : {}) });
  try {
    const ctx = county.ctx();
    ensureCountyOffice(ctx, DEMO_COUNTY_NAME);
    const accounts = [
      { username: 'admin', displayName: '系统管理员', role: 'admin' as const, villageId: null },
      { username: 'clerk', displayName: '县局经办员', role: 'clerk' as const, villageId: null },
      { username: 'leader', displayName: '分管领导', role: 'leader' as const, villageId: null },
    ];
    for (const a of accounts) if (!getUserByName(ctx.db, a.username)) insertAccount(ctx, a, hash);
    // The demo made these packages itself: the fingerprint it confirms is the one its townships printed.
    if (options.receive) for (const t of townships) await countyPackageReceive(ctx, { path: t.package, confirmFingerprint: t.fingerprint });
  } finally {
    county.close();
  }
  return { townships, duplicate, received: options.receive };
}
