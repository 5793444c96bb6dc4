import type { CampaignView, CaseView, DecisionMeetingView } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { seedDemo, type DemoTownship } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import type { App } from '../../src/services/app';
import { ok } from './temp-app';

export const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };
export const leader = { id: 3, name: '分管领导', role: 'leader' as const, villageId: null };

type TestApp = Pick<App, 'call' | 'ctx' | 'db'>;

/**
 * The demo office after a campaign: `approve` cases approved by the township panel, `deny` refused (each with its
 * 不予批准通知书), and an 审批结果公示 issued per village.
 */
export async function filingWorld(app: TestApp, opts: { approve?: number; deny?: number; at?: string; township?: DemoTownship } = {}) {
  const at = opts.at ?? '2026-03-20T08:00:00Z';
  seedDemo(app.ctx(), { cycle: false, ...(opts.township ? { township: opts.township } : {}) });
  const villages = ok<{ id: number }[]>(await app.call('village-list', {}));
  const campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }, clerk),
  );
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
  const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const members = (kind: 'review' | 'approval') =>
    kind === 'approval'
      ? [{ name: '镇长甲', title: '组长' }, { name: '副镇长乙', title: '副组长' }, { name: '纪委丙', title: '纪检' }]
      : [{ name: '书记甲', title: '村两委' }, { name: '主任乙', title: '村两委' }, { name: '镇干丙', title: '包村干部' }];
  const reviewMeetings = new Map<number, DecisionMeetingView>();
  for (const v of villages) {
    reviewMeetings.set(
      v.id,
      ok<DecisionMeetingView>(await app.call('meeting-create', { campaignId: campaign.id, kind: 'review', villageId: v.id, heldOn: '2026-03-19', place: '村委会会议室', members: members('review') }, clerk)),
    );
  }
  const panel = ok<DecisionMeetingView>(await app.call('meeting-create', { campaignId: campaign.id, kind: 'approval', heldOn: '2026-03-20', place: '镇政府', members: members('approval') }, clerk));
  const nApprove = opts.approve ?? 4;
  const nDeny = opts.deny ?? 2;
  const approved: CaseView[] = [];
  const denied: CaseView[] = [];
  for (const [i, c] of cases.slice(0, nApprove + nDeny).entries()) {
    patchCase(app.db, c.id, { state: 'preliminary-review' }, at);
    ok(await app.call('case-preliminary-decide', { caseId: c.id, committeeAgrees: true }, clerk));
    patchCase(app.db, c.id, { state: 'review' }, at);
    ok(await app.call('case-review-decide', { caseId: c.id, meetingId: reviewMeetings.get(c.villageId)!.id }, clerk));
    if (i < nApprove) {
      ok(await app.call('case-approve', { caseId: c.id, meetingId: panel.id }, leader));
      approved.push(c);
    } else {
      ok(await app.call('case-deny', { caseId: c.id, meetingId: panel.id, reason: '评审查实家庭有经营性收入未申报' }, leader));
      denied.push(c);
    }
  }
  for (const v of villages) {
    await app.call('document-issue', { kind: 'public-notice', villageId: v.id, options: { noticeKind: 'approval' } }, clerk);
  }
  return { campaign, villages, approved, denied };
}
