// Issue 12: the 审批结果公示 lists one round — the approval meeting's new households (新增) and the households that
// left the roll in that round (退出/停发) — apart, with covered persons counted as covered; the 长期公示 has no window.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseView, DecisionMeetingView, DocumentDetail, DocumentPdf, DocumentView } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { ok, tempApp } from '../helpers/temp-app';

let app: ReturnType<typeof tempApp>;
let campaign: CampaignView;
const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };
const leader = { id: 3, name: '分管领导', role: 'leader' as const, villageId: null };
const at = '2026-03-20T08:00:00Z';

async function meeting(kind: 'review' | 'approval', villageId: number | null, heldOn: string): Promise<DecisionMeetingView> {
  const members =
    kind === 'approval'
      ? [{ name: '镇长甲', title: '组长' }, { name: '副镇长乙', title: '副组长' }, { name: '纪委丙', title: '纪检' }]
      : [{ name: '书记甲', title: '村两委' }, { name: '主任乙', title: '村两委' }, { name: '镇干丙', title: '包村干部' }];
  return ok<DecisionMeetingView>(await app.call('meeting-create', { campaignId: campaign.id, kind, villageId, heldOn, place: '会议室', members }, clerk));
}

/** A case brought to 审核 with the engine's determination (the hearing and 公示 are other steps' tests). */
async function toReview(c: CaseView): Promise<void> {
  patchCase(app.db, c.id, { state: 'preliminary-review' }, at);
  ok(await app.call('case-preliminary-decide', { caseId: c.id, committeeAgrees: true }, clerk));
  patchCase(app.db, c.id, { state: 'review' }, at);
}

const pdfText = async (id: number) =>
  extractPageTexts(Buffer.from(ok<DocumentPdf>(await app.call('document-pdf', { id }, clerk)).base64, 'base64'))
    .join('')
    .replace(/\s+/g, '');

beforeEach(async () => {
  app = tempApp(at);
  seedDemo(app.ctx(), { cycle: false });
  const villages = ok<{ id: number }[]>(await app.call('village-list', {}));
  campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }, clerk),
  );
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
});
afterEach(() => app.dispose());

describe('审批结果公示 of one round', () => {
  it('lists the meeting’s new households and the round’s exits apart, counting covered persons', async () => {
    const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
    const village = cases[0]!.villageId;
    const [joining, refused, stopped, untouched] = cases.filter((c) => c.villageId === village);
    // The demo's cases are recipients' reviews; one is made a new application so that the round has a 新增.
    app.db.prepare("UPDATE cases SET kind = 'new-application' WHERE id = ?").run(joining!.id);
    const rm = await meeting('review', village, '2026-03-18');
    for (const c of [joining!, refused!]) {
      await toReview(c);
      ok(await app.call('case-review-decide', { caseId: c.id, meetingId: rm.id }, clerk));
    }
    // A stop confirmed before the approval meeting belongs to its round.
    app.db.prepare("UPDATE households SET status = 'recipient' WHERE id = ?").run(stopped!.householdId);
    ok(await app.call('household-facts-update', { householdId: stopped!.householdId, assetsCompliant: false, assetsNote: '名下新登记商品房一套', otherMonthlyIncome: 0 }, clerk));
    patchCase(app.db, stopped!.id, { state: 'preliminary-review' }, at);
    ok(await app.call('case-preliminary-decide', { caseId: stopped!.id, committeeAgrees: true }, clerk));
    ok(await app.call('case-confirm-exit', { caseId: stopped!.id, stopReason: '' }, clerk));

    const am = await meeting('approval', null, '2026-03-20');
    ok(await app.call('case-approve', { caseId: joining!.id, meetingId: am.id }, leader));
    ok(await app.call('case-deny', { caseId: refused!.id, meetingId: am.id, reason: '审批查实家庭有经营性收入未申报' }, leader));

    const doc = ok<DocumentView>(await app.call('document-issue', { kind: 'public-notice', villageId: village, options: { noticeKind: 'approval' } }, clerk));
    const snapshot = ok<DocumentDetail>(await app.call('document-get', { id: doc.id }, clerk)).snapshot as {
      meetingId: number;
      rows: { headName: string; coveredPersons: number; monthlyAmount: number }[];
      exits: { headName: string; coveredPersons: number }[];
    };
    expect(snapshot.meetingId).toBe(am.id);
    expect(snapshot.rows.map((r) => r.headName)).toEqual([joining!.headName]);
    expect(snapshot.exits.map((r) => r.headName).sort()).toEqual([refused!.headName, stopped!.headName].sort());
    // Neither the untouched recipient nor the roll as a whole is listed.
    const text = await pdfText(doc.id);
    expect(text).not.toContain(`${untouched!.headName}`);
    const added = snapshot.rows[0]!;
    expect(text).toContain('一、新增对象（1户）');
    expect(text).toContain(`合计：1户，保障${added.coveredPersons}人，月保障金合计${added.monthlyAmount}元。`);
    expect(text).toContain('二、退出（停发）对象（2户）');
    expect(text).toContain(`合计：2户，保障${snapshot.exits.reduce((n, r) => n + r.coveredPersons, 0)}人，原月保障金合计`);
    expect(text).toContain('经审核、审批（2026年3月20日镇审批会议）');
  });

  it('is refused, in Chinese, for a village no approval meeting has decided', async () => {
    const villages = ok<{ id: number; name: string }[]>(await app.call('village-list', {}));
    const r = await app.call('document-issue', { kind: 'public-notice', villageId: villages[0]!.id, options: { noticeKind: 'approval' } }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('还没有审批会议作出的决定') } });
  });
});

describe('长期公示', () => {
  it('lists every recipient with no posting window and says 长期公示', async () => {
    const villages = ok<{ id: number }[]>(await app.call('village-list', {}));
    const doc = ok<DocumentView>(await app.call('document-issue', { kind: 'public-notice', villageId: villages[0]!.id, options: { noticeKind: 'long-term', postingDays: 7 } }, clerk));
    const text = await pdfText(doc.id);
    expect(text).toContain('最低生活保障对象长期公示');
    expect(text).toContain('公示期：长期公示');
    expect(text).not.toContain('公示期为');
    const snapshot = ok<DocumentDetail>(await app.call('document-get', { id: doc.id }, clerk)).snapshot as { rows: { coveredPersons: number; householdSize: number; category: string }[] };
    const covered = snapshot.rows.reduce((n, r) => n + r.coveredPersons, 0);
    expect(text).toContain(`合计：${snapshot.rows.length}户，保障${covered}人`);
    // A 低收入 household counts one covered person, whatever its size.
    for (const r of snapshot.rows) if (r.category !== '困难家庭') expect(r.coveredPersons).toBe(1);
  });
});
