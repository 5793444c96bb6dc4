// Issue 16: a whole campaign walked through as a clerk would; each place where the program said something untrue or
// let the clerk go wrong, kept from coming back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationView, CampaignView, CaseDetail, FocusList, MaterialItem } from '../../src/contract';
import { defaultPhases, phasesFrom } from '../../src/domain/workflow';
import { patchCase } from '../../src/store/campaigns';
import { putHomeVisit } from '../../src/store/case-files';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { ok } from '../helpers/temp-app';
import { hearingSetup, meeting } from '../helpers/hearings';
import { admin, clerk, cadreOf, poorRecipient, rosterWorld, type World } from '../helpers/roster-world';

let w: World;
beforeEach(() => {
  w = rosterWorld();
});
afterEach(() => w.dispose());

async function specialCampaign(): Promise<CampaignView> {
  const villages = ok<{ id: number }[]>(await w.call('village-list', {}, clerk));
  return ok<CampaignView>(
    await w.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }, clerk),
  );
}

describe('the standing 动态管理 campaign and one open case per household', () => {
  it('lists the 专项治理 first even when the standing campaign was created after it', async () => {
    const special = await specialCampaign();
    const line = await poorRecipient(w);
    ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '新增重病' }, clerk));
    const list = ok<CampaignView[]>(await w.call('campaign-list', {}, clerk));
    expect(list.map((c) => [c.name, c.standing])).toEqual([
      [special.name, false],
      ['2026年低保动态管理', true],
    ]);
    // The cadre's list has the same order.
    expect(ok<CampaignView[]>(await w.call('campaign-list', {}, cadreOf(line.villageId)))[0]!.id).toBe(special.id);
  });

  it('refuses 摸排 cases in the standing campaign', async () => {
    const line = await poorRecipient(w);
    const change = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '新增重病' }, clerk));
    const other = await poorRecipient(w, 1);
    const casesBefore = (w.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    for (const [cmd, input] of [
      ['case-open', { campaignId: change.campaignId, householdId: other.householdId }],
      ['campaign-review-recipients', { campaignId: change.campaignId }],
      ['screening-open-cases', { campaignId: change.campaignId, villageId: other.villageId }],
    ] as const) {
      const r = await w.call(cmd, input, clerk);
      expect(r).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
      expect(JSON.stringify(r)).toContain('动态调整');
    }
    expect((w.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(casesBefore);
  });

  it('gives a household with an open change case no second case in the 专项治理, and says where its case is', async () => {
    const special = await specialCampaign();
    const line = await poorRecipient(w);
    const change = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '新增重病' }, clerk));
    const refused = await w.call('case-open', { campaignId: special.id, householdId: line.householdId }, cadreOf(line.villageId));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(refused)).toContain(`#${change.id}，2026年低保动态管理`);
    const focus = ok<FocusList>(await w.call('screening-focus-list', { villageId: line.villageId, campaignId: special.id }, clerk));
    expect(focus.households.find((h) => h.householdId === line.householdId)).toMatchObject({
      case: null,
      openCaseElsewhere: { id: change.id, campaignName: '2026年低保动态管理', state: 'verification' },
    });
    const r = ok<{ created: number; existing: number; elsewhere: number }>(await w.call('campaign-review-recipients', { campaignId: special.id }, clerk));
    expect(r.elsewhere).toBe(1);
    expect(r.created).toBe(31);
    const opened = w.db.prepare('SELECT count(*) AS n FROM cases WHERE household_id = ? AND campaign_id = ?').get(line.householdId, special.id) as { n: number };
    expect(opened.n).toBe(0);
    // The other way round: a household under review in the 专项治理 gets no 动态调整 beside it.
    const other = await poorRecipient(w, 1);
    expect(await w.call('roster-change-open', { householdId: other.householdId, reason: '收入增加' }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('dates in order (issue 16)', () => {
  it('refuses a hearing before the home visit and a 公示 before the hearing, naming both dates; no future dates', async () => {
    const s = await hearingSetup('2026-11-30');
    try {
      const [a] = s.cases;
      putHomeVisit(s.app.db, a!.id, { investigators: ['钱调查', '孙调查'], familyMemberPresent: a!.headName, visitDate: '2026-11-26', membersSeen: [], incomes: [] }, '2026-11-26T08:00:00Z', '民政所经办员');
      const line = { caseId: a!.id, agree: 5, disagree: 0, abstain: 0 };
      const early = await s.app.call('hearing-record', meeting(s, [line], { meetingDate: '2026-11-20' }), clerk);
      expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: `「${a!.headName}户」：会议日期（2026-11-20）不能早于入户调查日期（2026-11-26）` } });
      const future = await s.app.call('hearing-record', meeting(s, [line], { meetingDate: '2026-12-01' }), clerk);
      expect(future).toMatchObject({ ok: false, error: { message: expect.stringContaining('会议日期（2026-12-01）不能晚于今天（2026-11-30）') } });
      expect((s.app.db.prepare('SELECT count(*) AS n FROM hearings').get() as { n: number }).n).toBe(0);
      ok(await s.app.call('hearing-record', meeting(s, [line], { meetingDate: '2026-11-27' }), clerk));
      const post = (postingDate: string) =>
        s.app.call('publicity-post', { campaignId: s.campaign.id, villageId: s.villageId, caseIds: [a!.id], postingDate, days: 7, unit: 'natural' }, clerk);
      expect(await post('2026-11-26')).toMatchObject({ ok: false, error: { message: `「${a!.headName}户」：张贴日期（2026-11-26）不能早于评议听证会日期（2026-11-27）` } });
      expect(await post('2026-12-02')).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能晚于今天（2026-11-30）') } });
      ok(await post('2026-11-28'));
      // A review meeting may not be dated in the future either.
      expect(
        await s.app.call('meeting-create', { campaignId: s.campaign.id, kind: 'review', villageId: s.villageId, heldOn: '2026-12-03', place: '村委会', members: [{ name: '王支书', title: '村两委' }, { name: '李主任', title: '村两委' }, { name: '赵镇干', title: '包村干部' }] }, clerk),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '会议日期（2026-12-03）不能晚于今天（2026-11-30）' } });
    } finally {
      s.dispose();
    }
  });
});

describe('campaign dates are edited after creation', () => {
  it('saves new phase dates and scope through campaign-update; order and overlap are refused', async () => {
    const c = await specialCampaign();
    const phases = phasesFrom('2026-11-02');
    const updated = ok<CampaignView>(await w.call('campaign-update', { id: c.id, name: c.name, villageIds: c.villageIds, phases }, clerk));
    expect(updated.phases).toEqual(phases);
    expect(ok<CampaignView>(await w.call('campaign-get', { id: c.id }, clerk)).phases[3]!.end).toBe('2026-12-11');
    const overlapping = phases.map((p, i) => (i === 1 ? { ...p, start: phases[0]!.start } : p));
    expect(await w.call('campaign-update', { id: c.id, name: c.name, villageIds: c.villageIds, phases: overlapping }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await w.call('campaign-update', { id: c.id, name: c.name, villageIds: c.villageIds, phases }, cadreOf(c.villageIds[0]!))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a recipient under review has its own checklist (issue 16)', () => {
  it('拟退出 asks for 复核材料, not the application materials, and submits once they are in', async () => {
    const c = await specialCampaign();
    ok(await w.call('campaign-review-recipients', { campaignId: c.id }, clerk));
    const line = await poorRecipient(w);
    const kase = ok<{ id: number }[]>(await w.call('case-list', { campaignId: c.id, householdId: line.householdId }, clerk))[0]!;
    ok(await w.call('case-screen', { caseId: kase.id, result: 'exit', note: '家中有人稳定就业' }, cadreOf(line.villageId)));
    const view = ok<ApplicationView>(await w.call('case-application-get', { caseId: kase.id }, clerk));
    expect(view.checklist).toBe('review');
    expect(view.materials.map((m) => m.label)).not.toContain('申请声明书');
    expect(view.missing[0]).toMatch(/^缺少复核材料：在保户复核登记表/);
    expect(JSON.stringify(view.missing)).not.toContain('申请材料');
    // An application item cannot be ticked on a review case.
    expect(await w.call('case-material-set', { caseId: kase.id, key: 'declaration', received: true }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    for (const m of view.materials.filter((x) => x.required)) ok(await w.call('case-material-set', { caseId: kase.id, key: m.key, received: true }, clerk));
    ok(await w.call('case-application-update', { caseId: kase.id, secretary: { name: '王书记', date: '2026-03-18' }, cadre: { name: '赵干部', date: '2026-03-18' }, isStaffRelative: false }, clerk));
    expect(ok<CaseDetail>(await w.call('case-submit-application', { caseId: kase.id }, clerk)).state).toBe('verification');
    // The two lists are kept apart in the settings.
    const review = ok<MaterialItem[]>(await w.call('materials-settings-get', { checklist: 'review' }, clerk));
    const application = ok<MaterialItem[]>(await w.call('materials-settings-get', {}, clerk));
    expect(review[0]!.label).toBe('在保户复核登记表（村委会填写）');
    expect(application[0]!.label).toBe('申请声明书');
    const saved = ok<MaterialItem[]>(await w.call('materials-settings-update', { checklist: 'review', items: [...review, { label: '村民小组意见', required: false }] }, admin));
    expect(saved.at(-1)!.key).toMatch(/^review-item-/);
    expect(ok<MaterialItem[]>(await w.call('materials-settings-get', {}, clerk))).toEqual(application);
  });
});

describe('初审结果名单 per village (issue 16)', () => {
  it('prints the village’s 拟纳入 / 拟清退 / 不符合 lists from the 初审 decisions; refuses a village with none', async () => {
    const c = await specialCampaign();
    ok(await w.call('campaign-review-recipients', { campaignId: c.id }, clerk));
    const line = await poorRecipient(w);
    const cases = ok<{ id: number; headName: string | null; villageId: number }[]>(await w.call('case-list', { campaignId: c.id, villageId: line.villageId }, clerk));
    const [keep, exit] = cases as [(typeof cases)[number], (typeof cases)[number]];
    for (const k of [keep, exit]) patchCase(w.db, k.id, { state: 'preliminary-review' }, '2026-03-20T08:00:00Z');
    ok(await w.call('case-preliminary-decide', { caseId: keep.id, committeeAgrees: true }, cadreOf(line.villageId)));
    ok(await w.call('case-preliminary-decide', { caseId: exit.id, committeeAgrees: false, reason: '家中长子已稳定就业，收入较高' }, cadreOf(line.villageId)));
    const other = c.villageIds.find((v) => v !== line.villageId)!;
    expect(await w.call('preliminary-outcomes-pdf', { campaignId: c.id, villageId: other }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    expect(await w.call('preliminary-outcomes-pdf', { campaignId: c.id, villageId: other }, cadreOf(line.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const sheet = ok<{ base64: string; fileName: string; counts: { inclusion: number; exit: number; notQualified: number } }>(
      await w.call('preliminary-outcomes-pdf', { campaignId: c.id, villageId: line.villageId }, cadreOf(line.villageId)),
    );
    expect(sheet.counts).toEqual({ inclusion: 1, exit: 1, notQualified: 0 });
    if (process.env['DIBAO_KEEP_PDF']) (await import('node:fs')).writeFileSync(process.env['DIBAO_KEEP_PDF'], Buffer.from(sheet.base64, 'base64'));
    const text = extractPageTexts(Buffer.from(sheet.base64, 'base64')).join('\n').replace(/\s+/g, '');
    const at = (s: string) => text.indexOf(s);
    expect(at('初审结果名单')).toBeGreaterThanOrEqual(0);
    expect(at('一、拟纳入')).toBeLessThan(at(keep.headName!));
    expect(at(keep.headName!)).toBeLessThan(at('二、拟清退'));
    expect(at('二、拟清退')).toBeLessThan(at(exit.headName!));
    expect(at(exit.headName!)).toBeLessThan(at('三、不符合条件'));
    expect(text).toContain('家中长子已稳定就业');
    // Made on request, not registered as a document.
    expect((w.db.prepare('SELECT count(*) AS n FROM documents WHERE title LIKE ?').get('%初审结果名单%') as { n: number }).n).toBe(0);
  });
});
