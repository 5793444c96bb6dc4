// An office with one record of every kind a command scope can name (contract/scope.ts) in each of two villages:
// the demo office, a campaign over both villages, and per village a case with a supporter, an attachment, a 公示
// batch with an objection, a review meeting and an issued form. Used by the generated access matrix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, CampaignView, CaseView, DocumentView, EntityKind, HouseholdSummary, Page, PublicityBatchView, UserView } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import { ok } from './temp-app';

export type Side = 'own' | 'other';
export type AccessWorld = {
  app: App;
  actors: Record<'admin' | 'clerk' | 'leader' | 'cadre', Actor>;
  villages: Record<Side, number>;
  campaignId: number;
  /** One id of each kind of record per village. */
  ids: Record<EntityKind, Record<Side, number>>;
  /** ID and bank account numbers of the other village: a cadre's answers must never contain one. */
  otherVillageSecrets: string[];
  dispose: () => void;
};

// The smallest PNG (1×1): an attachment is recognised by its content.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export async function accessWorld(): Promise<AccessWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-access-'));
  const now = new Date('2026-03-20T08:00:00');
  const app = openApp({ dataDir: dir, clock: () => now });
  seedDemo(app.ctx(), { cycle: false });
  const users = ok<UserView[]>(await app.call('user-list', {}));
  const actorOf = (username: string): Actor => {
    const u = users.find((x) => x.username === username)!;
    return { id: u.id, name: u.displayName, role: u.role, villageId: u.villageId };
  };
  const actors = { admin: actorOf('admin'), clerk: actorOf('clerk'), leader: actorOf('leader'), cadre: actorOf('cadre1') };
  const own = actors.cadre.villageId!;
  const villages = ok<{ id: number }[]>(await app.call('village-list', {})).map((v) => v.id);
  const other = villages.find((v) => v !== own)!;
  const clerk = actors.clerk;

  const campaign = ok<CampaignView>(await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: [own, other] }, clerk));
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
  const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const households = ok<Page<HouseholdSummary>>(await app.call('household-list', { pageSize: 200 }, clerk)).items;

  const ids = {} as AccessWorld['ids'];
  const put = (kind: EntityKind, side: Side, id: number) => ((ids[kind] ??= {} as Record<Side, number>)[side] = id);
  for (const [side, villageId] of [['own', own], ['other', other]] as const) {
    put('village', side, villageId);
    const kase = cases.find((c) => c.villageId === villageId)!;
    const household = households.find((h) => h.id === kase.householdId)!;
    put('household', side, household.id);
    put('case', side, kase.id);
    const person = (app.db.prepare('SELECT id FROM persons WHERE household_id = ? ORDER BY id LIMIT 1').get(household.id) as { id: number }).id;
    put('person', side, person);

    patchCase(app.db, kase.id, { state: 'application' }, now.toISOString());
    const application = ok<{ supporters: { id: number }[] }>(
      await app.call('case-supporter-add', { caseId: kase.id, name: '赡养人甲', relation: '子女', idNumber: '11010519491231002X', monthlyIncome: 1000, supportProvided: '每月给付' }, clerk),
    );
    put('supporter', side, application.supporters[0]!.id);
    const attachment = ok<{ id: number }>(await app.call('case-attachment-upload', { caseId: kase.id, fileName: '申请书.png', base64: PNG }, clerk));
    put('attachment', side, attachment.id);

    patchCase(app.db, kase.id, { state: 'hearing-passed' }, now.toISOString());
    const batch = ok<PublicityBatchView>(
      await app.call('publicity-post', { campaignId: campaign.id, villageId, caseIds: [kase.id], postingDate: '2026-03-19', days: 7, unit: 'natural' }, clerk),
    );
    put('publicity-batch', side, batch.id);
    const objection = ok<{ id: number }>(
      await app.call('objection-add', { caseId: kase.id, raisedBy: '村民乙', raisedOn: '2026-03-20', content: '收入情况与实际不符，请核实' }, clerk),
    );
    put('objection', side, objection.id);

    const meeting = ok<{ id: number }>(
      await app.call(
        'meeting-create',
        { campaignId: campaign.id, kind: 'review', villageId, heldOn: '2026-03-19', place: '村委会会议室', members: [{ name: '王支书', title: '村两委' }, { name: '李主任', title: '村两委' }, { name: '赵镇干', title: '包村干部' }], note: null },
        clerk,
      ),
    );
    put('meeting', side, meeting.id);
    const doc = ok<DocumentView>(await app.call('document-issue', { kind: 'authorization', householdId: household.id }, clerk));
    put('document', side, doc.id);
  }

  const secrets = app.db
    .prepare(
      `SELECT p.id_number AS s FROM persons p JOIN households h ON h.id = p.household_id WHERE h.village_id = ?
       UNION SELECT b.account_number FROM bank_accounts b JOIN households h ON h.id = b.household_id WHERE h.village_id = ?`,
    )
    .all(other, other) as { s: string }[];
  return {
    app,
    actors,
    villages: { own, other },
    campaignId: campaign.id,
    ids,
    otherVillageSecrets: secrets.map((r) => r.s),
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
