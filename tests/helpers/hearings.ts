// Setting up the 听证审核 step: the demo office with a campaign over both villages, every recipient brought into
// review, and a movable clock (公示 clearing depends on the day). Cases are jumped to a state with patchCase.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, CampaignView, CaseView, HouseholdSummary, HearingRecordInput, Page } from '../../src/contract';
import type { CaseState } from '../../src/domain/workflow';
import { defaultPhases } from '../../src/domain/workflow';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import { ok } from './temp-app';

export const clerk: Actor = { id: 2, name: '民政所经办员', role: 'clerk', villageId: null };
export const leader: Actor = { id: 3, name: '审批领导', role: 'leader', villageId: null };
export const admin: Actor = { id: 1, name: '管理员', role: 'admin', villageId: null };
export const cadreOf = (villageId: number): Actor => ({ id: 4, name: '村干部', role: 'cadre', villageId });

export type HearingSetup = {
  app: App;
  dir: string;
  /** Sets the office clock to this local date (08:00). */
  setToday: (date: string) => void;
  campaign: CampaignView;
  villageId: number;
  otherVillageId: number;
  /** Recipient-review cases of the first village, at 'proposed-inclusion'. */
  cases: CaseView[];
  /** A new application of the first village (a registered, not-yet-recipient household) at 'proposed-inclusion'. */
  application: CaseView;
  /** A recipient-review case of the other village at 'proposed-inclusion'. */
  otherCase: CaseView;
  dispose: () => void;
};

export async function hearingSetup(todayDate = '2026-09-25', count = 4): Promise<HearingSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-hearing-'));
  let now = new Date(`${todayDate}T08:00:00`);
  const app = openApp({ dataDir: dir, clock: () => now });
  seedDemo(app.ctx(), { cycle: false });
  const villages = ok<{ id: number }[]>(await app.call('village-list', {}));
  const [v1, v2] = villages.map((v) => v.id) as [number, number];
  const campaign = ok<CampaignView>(await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: [v1, v2] }, clerk));
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
  const registered = ok<Page<HouseholdSummary>>(await app.call('household-list', { pageSize: 100 })).items.find((h) => h.status === 'registered' && h.villageId === v1);
  if (!registered) throw new Error('setup: no registered household in the first village');
  ok(await app.call('case-open', { campaignId: campaign.id, householdId: registered.id }, clerk));
  const all = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const at = (id: number, state: CaseState) => patchCase(app.db, id, { state }, now.toISOString());
  const cases = all.filter((c) => c.villageId === v1 && c.kind === 'recipient-review').slice(0, count);
  const application = all.find((c) => c.householdId === registered.id)!;
  const otherCase = all.find((c) => c.villageId === v2)!;
  for (const c of [...cases, application, otherCase]) at(c.id, 'proposed-inclusion');
  const refreshed = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const fresh = (c: CaseView) => refreshed.find((r) => r.id === c.id)!;
  return {
    app,
    dir,
    setToday: (date) => {
      now = new Date(`${date}T08:00:00`);
    },
    campaign,
    villageId: v1,
    otherVillageId: v2,
    cases: cases.map(fresh),
    application: fresh(application),
    otherCase: fresh(otherCase),
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const households = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ name: `代表${i + from}`, household: `第${i + from}户` }));

/** A meeting of the first village with `attendees` household representatives deciding `cases`. */
export function meeting(
  s: HearingSetup,
  cases: { caseId: number; agree: number; disagree: number; abstain: number; opinions?: string }[],
  extra: Partial<HearingRecordInput> = {},
): HearingRecordInput {
  return {
    campaignId: s.campaign.id,
    villageId: s.villageId,
    groupName: null,
    meetingDate: '2026-09-25',
    meetingTime: '上午9时',
    place: '东山村村委会会议室',
    host: '王支书',
    recorder: '李文书',
    townshipCadre: '赵镇干',
    investigators: ['钱调查', '孙调查'],
    attendees: households(6),
    cases,
    calls: [],
    ...extra,
  };
}

export const caseState = async (s: HearingSetup, id: number): Promise<CaseState> => ok<{ state: CaseState }>(await s.app.call('case-get', { id }, clerk)).state;
