// Setting up a case at the application step: one village, one household of two (plus another village for
// cadre scoping), a campaign with the plan's phases, a case opened and screened 「拟申请」.
import type { Actor, ApplicationView, CampaignView, CaseDetail, Household } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { ok, person, tempApp, validId } from './temp-app';
import { OFFICE_SETTINGS } from './office-settings';

export const clerk: Actor = { id: 2, name: '民政所经办员', role: 'clerk', villageId: null };
export const leader: Actor = { id: 3, name: '审批领导', role: 'leader', villageId: null };
export const admin: Actor = { id: 1, name: '管理员', role: 'admin', villageId: null };
export const cadreOf = (villageId: number): Actor => ({ id: 4, name: '村干部', role: 'cadre', villageId });

export const HEAD_ID = validId('99010119600101001');
export const SPOUSE_ID = validId('99010119620202002');

export type Setup = {
  app: ReturnType<typeof tempApp>;
  campaign: CampaignView;
  villageId: number;
  otherVillageId: number;
  household: Household;
  caseId: number;
};

let code = 100;

export async function householdIn(app: ReturnType<typeof tempApp>, villageId: number, headName: string, first17: string, spouse?: { name: string; first17: string }): Promise<Household> {
  let h = ok<Household>(
    await app.call('household-create', { villageId, address: `${headName}家 1号`, head: { ...person(headName, first17), relation: '户主', monthlyIncome: 300 } }),
  );
  if (spouse) h = ok<Household>(await app.call('person-add', { householdId: h.id, person: person(spouse.name, spouse.first17, { relation: '配偶', monthlyIncome: 200 }) }));
  return h;
}

export async function setup(now = '2026-03-10T08:00:00Z'): Promise<Setup> {
  const app = tempApp(now);
  ok(
    await app.call('settings-update', { ...OFFICE_SETTINGS, divisionCode: '990101' }),
  );
  const v1 = ok<{ id: number }>(await app.call('village-create', { name: '东山村', code: String(code++) }));
  const v2 = ok<{ id: number }>(await app.call('village-create', { name: '西河村', code: String(code++) }));
  const household = await householdIn(app, v1.id, '张三', '99010119600101001', { name: '李四', first17: '99010119620202002' });
  const campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: [v1.id, v2.id] }, clerk),
  );
  const opened = ok<CaseDetail>(await app.call('case-open', { campaignId: campaign.id, householdId: household.id }, clerk));
  const screened = ok<CaseDetail>(await app.call('case-screen', { caseId: opened.id, result: 'apply' }, cadreOf(v1.id)));
  if (screened.state !== 'application') throw new Error('setup: not at application');
  return { app, campaign, villageId: v1.id, otherVillageId: v2.id, household, caseId: opened.id };
}

/** Ticks every required material and records both signatures. */
export async function completeApplication(s: Setup, actor: Actor = clerk, extra: Record<string, unknown> = { isStaffRelative: false }): Promise<ApplicationView> {
  const view = ok<ApplicationView>(await s.app.call('case-application-get', { caseId: s.caseId }, actor));
  for (const m of view.materials.filter((x) => x.required)) ok(await s.app.call('case-material-set', { caseId: s.caseId, key: m.key, received: true }, actor));
  return ok<ApplicationView>(
    await s.app.call(
      'case-application-update',
      { caseId: s.caseId, secretary: { name: '王书记', date: '2026-03-06' }, cadre: { name: '赵干部', date: '2026-03-06' }, ...extra },
      actor,
    ),
  );
}

export async function toVerification(s: Setup, extra?: Record<string, unknown>): Promise<void> {
  await completeApplication(s, clerk, extra);
  ok(await s.app.call('case-submit-application', { caseId: s.caseId }, clerk));
}

export async function toHomeVisit(s: Setup, extra?: Record<string, unknown>): Promise<void> {
  await toVerification(s, extra);
  const members = s.household.members;
  ok(
    await s.app.call(
      'case-verification-record',
      {
        caseId: s.caseId,
        incomes: members.map((m) => ({ personId: m.id, monthlyIncome: m.monthlyIncome })),
        assets: { vehicles: '', realEstate: '自建房一处', deposits: '', business: '', other: '' },
        compliant: true,
      },
      clerk,
    ),
  );
  ok(await s.app.call('case-record-verification', { caseId: s.caseId }, clerk));
}
