import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseDecision, CaseDetail, CaseView, DecisionMeetingView, DocumentDetail, DocumentView, Household } from '../../src/contract';
import type { MeetingRecordData } from '../../src/documents';
import { personFieldsOf } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { paymentStartMonth } from '../../src/services/approval';
import { gatherFiling } from '../../src/services/filing';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { ok, tempApp } from '../helpers/temp-app';

let app: ReturnType<typeof tempApp>;
let campaign: CampaignView;
let kase: CaseView;
const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };
const leader = { id: 3, name: '分管领导', role: 'leader' as const, villageId: null };
const at = '2026-03-20T08:00:00Z';

async function caseInReview(index: number): Promise<CaseView> {
  const list = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const c = list[index]!;
  patchCase(app.db, c.id, { state: 'preliminary-review' }, at);
  ok(await app.call('case-preliminary-decide', { caseId: c.id, committeeAgrees: true }, clerk));
  patchCase(app.db, c.id, { state: 'review' }, at); // hearing and 公示 are other steps' tests
  return c;
}

async function meeting(kind: 'review' | 'approval', villageId: number | null): Promise<DecisionMeetingView> {
  const members =
    kind === 'approval'
      ? [{ name: '镇长甲', title: '组长' }, { name: '副镇长乙', title: '副组长' }, { name: '纪委丙', title: '纪检' }]
      : [{ name: '书记甲', title: '村两委' }, { name: '主任乙', title: '村两委' }, { name: '镇干丙', title: '包村干部' }];
  return ok<DecisionMeetingView>(
    await app.call('meeting-create', { campaignId: campaign.id, kind, villageId, heldOn: '2026-03-19', place: '村委会会议室', members }, clerk),
  );
}

beforeEach(async () => {
  app = tempApp(at);
  seedDemo(app.ctx(), { cycle: false });
  const villages = (await app.call('village-list', {})) as { ok: true; value: { id: number }[] };
  campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.value.map((v) => v.id) }, clerk),
  );
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
  kase = await caseInReview(0);
});
afterEach(() => app.dispose());

describe('审核会议', () => {
  it('takes the engine proposal, or an override with a reason; both figures are kept', async () => {
    const m = await meeting('review', kase.villageId);
    const decision = ok<CaseDecision>(await app.call('case-decision', { caseId: kase.id }, clerk));
    const first = decision.proposal![0]!;
    const noReason = await app.call('case-review-decide', { caseId: kase.id, meetingId: m.id, amounts: [{ personId: first.personId, amount: first.proposed + 50 }] }, clerk);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'overrideReason' }] } });
    const d = ok<CaseDetail>(
      await app.call(
        'case-review-decide',
        { caseId: kase.id, meetingId: m.id, amounts: [{ personId: first.personId, amount: first.proposed + 50 }], overrideReason: '该户老人长期卧床，护理支出大' },
        clerk,
      ),
    );
    expect(d.state).toBe('township-approval');
    const after = ok<CaseDecision>(await app.call('case-decision', { caseId: kase.id }, clerk));
    expect(after.review!.decidedTotal).toBe(after.review!.proposedTotal + 50);
    expect(after.review!.overrideReason).toBe('该户老人长期卧床，护理支出大');
  });

  it('refuses a review meeting of another village', async () => {
    const other = campaign.villageIds.find((v) => v !== kase.villageId)!;
    const m = await meeting('review', other);
    const r = await app.call('case-review-decide', { caseId: kase.id, meetingId: m.id }, clerk);
    expect(r).toMatchObject({ ok: false, error: { fields: [{ path: 'meetingId' }] } });
  });
});

describe('审批', () => {
  it('needs a panel with a 组长; only leaders approve; approval freezes the snapshot and starts payment next month', async () => {
    const bad = await app.call(
      'meeting-create',
      { campaignId: campaign.id, kind: 'approval', heldOn: '2026-03-20', place: '镇政府', members: [{ name: 'a', title: '民政' }, { name: 'b', title: '扶贫' }, { name: 'c', title: '残联' }] },
      clerk,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const rm = await meeting('review', kase.villageId);
    ok(await app.call('case-review-decide', { caseId: kase.id, meetingId: rm.id }, clerk));
    const am = await meeting('approval', null);
    expect(await app.call('case-approve', { caseId: kase.id, meetingId: am.id }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const approved = ok<CaseDetail>(await app.call('case-approve', { caseId: kase.id, meetingId: am.id }, leader));
    expect(approved.state).toBe('approved');
    const decision = ok<CaseDecision>(await app.call('case-decision', { caseId: kase.id }, clerk));
    expect(decision.approval).toMatchObject({ decision: 'approve', paymentStart: '2026-04' });
    const frozenTotal = decision.approval!.monthlyTotal;

    // Editing the household afterwards changes nothing approved.
    const h = ok<Household>(await app.call('household-get', { id: kase.householdId }));
    const head = h.members[0]!;
    ok(await app.call('person-update', { id: head.id, person: { ...personFieldsOf(head), note: null, monthlyIncome: 9999 } }));
    const again = ok<CaseDecision>(await app.call('case-decision', { caseId: kase.id }, clerk));
    expect(again.approval!.monthlyTotal).toBe(frozenTotal);
    expect(() => app.db.prepare('UPDATE approvals SET monthly_total = 0').run()).toThrow(/不可修改/);
    expect(app.db.prepare('SELECT status FROM households WHERE id = ?').get(kase.householdId)).toEqual({ status: 'recipient' });
  });

  it('a refusal at approval issues the denial notice with the panel reason and takes a recipient off the roll', async () => {
    const rm = await meeting('review', kase.villageId);
    ok(await app.call('case-review-decide', { caseId: kase.id, meetingId: rm.id }, clerk));
    const am = await meeting('approval', null);
    const denied = ok<CaseDetail>(await app.call('case-deny', { caseId: kase.id, meetingId: am.id, reason: '评审查实家庭有经营性收入未申报' }, leader));
    expect(denied.state).toBe('denied');
    const doc = app.db.prepare("SELECT snapshot_json AS s FROM documents WHERE kind = 'denial-notice' AND household_id = ?").get(kase.householdId) as { s: string };
    expect(JSON.parse(doc.s).reasons).toEqual(['评审查实家庭有经营性收入未申报']);
    // Decided the day the panel met (2026-03-19), recorded the next day; a recipient's review, not an application.
    expect(JSON.parse(doc.s)).toMatchObject({ decisionDate: '2026-03-19', reviewOfRecipient: true });
    expect(app.db.prepare('SELECT status FROM households WHERE id = ?').get(kase.householdId)).toEqual({ status: 'stopped' });
    expect(await app.call('case-approve', { caseId: kase.id, meetingId: am.id }, leader)).toMatchObject({ ok: false });
  });

  it('keeps an approved case on the campaign 附件2 人员信息汇总表', async () => {
    const rm = await meeting('review', kase.villageId);
    ok(await app.call('case-review-decide', { caseId: kase.id, meetingId: rm.id }, clerk));
    const am = await meeting('approval', null);
    ok(await app.call('case-approve', { caseId: kase.id, meetingId: am.id }, leader));
    ok(await app.call('document-issue', { kind: 'person-summary', villageId: kase.villageId, options: { campaignId: campaign.id } }, clerk));
    const doc = app.db.prepare("SELECT snapshot_json AS s FROM documents WHERE kind = 'person-summary'").get() as { s: string };
    const heads = (JSON.parse(doc.s) as { rows: { headName: string }[] }).rows.map((r) => r.headName);
    expect(heads).toContain(kase.headName);
  });

  it('starts payment the month after approval, across a year end', () => {
    expect(paymentStartMonth('2026-03-31')).toBe('2026-04');
    expect(paymentStartMonth('2026-12-15')).toBe('2027-01');
  });
});

describe('会议记录 from the recorded meetings (issue 12)', () => {
  it('审核会议记录 lists each case with the engine figure and the override with its reason; 审批会议记录 names the panel by title, its 组长 and each decision', async () => {
    const second = await caseInReview(1);
    const review = await meeting('review', kase.villageId);
    const proposal = ok<CaseDecision>(await app.call('case-decision', { caseId: kase.id }, clerk)).proposal![0]!;
    ok(
      await app.call(
        'case-review-decide',
        { caseId: kase.id, meetingId: review.id, amounts: [{ personId: proposal.personId, amount: proposal.proposed + 50 }], overrideReason: '该户老人长期卧床，护理支出大' },
        clerk,
      ),
    );
    const secondReview = second.villageId === kase.villageId ? review : await meeting('review', second.villageId);
    ok(await app.call('case-review-decide', { caseId: second.id, meetingId: secondReview.id }, clerk));

    // Nothing decided yet at the panel: no record to make.
    const panel = await meeting('approval', null);
    expect(await app.call('meeting-record-issue', { meetingId: panel.id }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });

    const reviewDoc = ok<DocumentView>(await app.call('meeting-record-issue', { meetingId: review.id }, clerk));
    expect(reviewDoc).toMatchObject({ kind: 'meeting-record', villageId: kase.villageId });
    const reviewSnap = ok<DocumentDetail>(await app.call('document-get', { id: reviewDoc.id }, clerk)).snapshot as MeetingRecordData & { meetingId: number };
    expect(reviewSnap.kind).toBe('review');
    expect(reviewSnap.meetingId).toBe(review.id);
    expect(reviewSnap.attendees).toEqual([
      { name: '书记甲', role: '村两委' },
      { name: '主任乙', role: '村两委' },
      { name: '镇干丙', role: '包村干部' },
    ]);
    const overridden = reviewSnap.decisions.find((r) => r.headName === kase.headName)!;
    expect(overridden.result).toBe('调整报批');
    expect(overridden.votes).toContain(`测算${proposal.proposed}元，调整为${proposal.proposed + 50}元`);
    expect(overridden.votes).toContain('该户老人长期卧床，护理支出大');

    ok(await app.call('case-approve', { caseId: kase.id, meetingId: panel.id }, leader));
    ok(await app.call('case-deny', { caseId: second.id, meetingId: panel.id, reason: '核实家庭有小型汽车一辆，财产状况不符合规定' }, leader));
    // A cadre neither issues nor reads the township panel's record.
    expect(await app.call('meeting-record-issue', { meetingId: panel.id }, { id: 9, name: '村干部', role: 'cadre', villageId: kase.villageId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const panelDoc = ok<DocumentView>(await app.call('meeting-record-issue', { meetingId: panel.id }, leader));
    expect(panelDoc).toMatchObject({ kind: 'meeting-record', villageId: null, householdId: null });
    const snap = ok<DocumentDetail>(await app.call('document-get', { id: panelDoc.id }, clerk)).snapshot as MeetingRecordData;
    expect(snap.kind).toBe('approval');
    expect(snap.host).toBe('镇长甲（组长）');
    expect(snap.attendees.map((a) => a.role)).toEqual(['组长', '副组长', '纪检']);
    expect(snap.proceedings[0]).toContain('组长镇长甲（镇政府主要负责人）出席并主持');
    expect(snap.decisions.map((r) => [r.headName, r.result])).toEqual([
      [kase.headName, '批准'],
      [second.headName, '不予批准'],
    ]);
    expect(snap.decisions[1]!.votes).toContain('核实家庭有小型汽车一辆');
    expect(snap.decisions[0]!.votes).toContain('审核调整');

    // The registered PDF says so to a reader: the title and the chair's title are text.
    const pdf = ok<{ base64: string }>(await app.call('document-pdf', { id: panelDoc.id }, clerk));
    const text = extractPageTexts(Buffer.from(pdf.base64, 'base64')).join('');
    expect(text).toContain('最低生活保障审批会议记录');
    expect(text).toContain('不予批准');

    // Both records go into the campaign's filing package with the other 文书, the panel's one though it has no village.
    const filed = gatherFiling(app.ctx(), { campaignId: campaign.id, villageIds: null, from: null, to: null }).documents.map((d) => d.id);
    expect(filed).toEqual(expect.arrayContaining([reviewDoc.id, panelDoc.id]));
  }, 60_000);
});
