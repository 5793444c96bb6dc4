import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseDecision, CaseDetail, CaseView, DecisionMeetingView, Household } from '../../src/contract';
import { personFieldsOf } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { paymentStartMonth } from '../../src/services/approval';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
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
