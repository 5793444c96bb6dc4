import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseDetail, CaseView, HouseholdSummary, Page, Workbench } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { seedDemo } from '../../src/services/demo';
import { patchCase } from '../../src/store/campaigns';
import { ok, tempApp } from '../helpers/temp-app';

let app: ReturnType<typeof tempApp>;
let campaign: CampaignView;
const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };
const cadreOf = (villageId: number) => ({ id: 4, name: '村干部', role: 'cadre' as const, villageId });

beforeEach(async () => {
  app = tempApp('2026-03-10T08:00:00Z');
  seedDemo(app.ctx(), { cycle: false });
  const villages = (await app.call('village-list', {})) as { ok: true; value: { id: number }[] };
  campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.value.map((v) => v.id) }, clerk),
  );
});
afterEach(() => app.dispose());

const atState = (id: number, state: 'preliminary-review') => patchCase(app.db, id, { state }, '2026-03-10T08:00:00Z');

async function firstCase(filter: (c: CaseView) => boolean): Promise<CaseView> {
  const list = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
  const found = list.find(filter);
  if (!found) throw new Error('no such case');
  return found;
}

describe('campaign cases', () => {
  it('brings every recipient into review once (idempotent) and refuses a second case for a household', async () => {
    const r1 = ok<{ created: number; existing: number }>(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    expect(r1).toEqual({ created: 32, existing: 0, elsewhere: 0 });
    const r2 = ok<{ created: number; existing: number }>(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    expect(r2).toEqual({ created: 0, existing: 32, elsewhere: 0 });
    const c = await firstCase(() => true);
    expect(c).toMatchObject({ kind: 'recipient-review', state: 'screening' });
    const again = await app.call('case-open', { campaignId: campaign.id, householdId: c.householdId }, clerk);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('lists campaigns with their case counts and village names, each campaign counting only its own cases', async () => {
    const empty = ok<CampaignView[]>(await app.call('campaign-list', {}, clerk));
    expect(empty.map((c) => [c.id, c.caseCount])).toEqual([[campaign.id, 0]]);
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const [v1] = campaign.villageIds as [number];
    const second = ok<CampaignView>(await app.call('campaign-create', { name: '东山村复核', year: 2026, phases: defaultPhases(2026), villageIds: [v1] }, clerk));
    // The households of 东山村 already have an open case in the first campaign: none gets a second one.
    const review = ok<{ created: number; elsewhere: number }>(await app.call('campaign-review-recipients', { campaignId: second.id }, clerk));
    const inV1 = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id, villageId: v1 }, clerk)).length;
    expect(review).toMatchObject({ created: 0, elsewhere: inV1 });
    const list = ok<CampaignView[]>(await app.call('campaign-list', {}, clerk));
    // Newest first; the counts are those of the case lists.
    expect(list.map((c) => [c.id, c.caseCount])).toEqual([
      [second.id, 0],
      [campaign.id, 32],
    ]);
    expect(list[0]!.villageNames).toEqual(['东山村']);
    expect(list[1]!.villageNames).toEqual(campaign.villageNames);
    expect(ok<CampaignView>(await app.call('campaign-get', { id: campaign.id }, clerk)).caseCount).toBe(32);
    // A village with cases cannot leave the campaign (counted, not listed).
    expect(
      await app.call('campaign-update', { id: campaign.id, name: campaign.name, phases: campaign.phases, villageIds: campaign.villageIds.filter((v) => v !== v1) }, clerk),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('scopes cadres: they list and open only their own village, and may not bring recipients into review', async () => {
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const [v1, v2] = campaign.villageIds as [number, number];
    const mine = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, cadreOf(v1)));
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((c) => c.villageId))).toEqual(new Set([v1]));
    const other = await firstCase((c) => c.villageId === v2);
    expect(await app.call('case-get', { id: other.id }, cadreOf(v1))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.call('case-screen', { caseId: other.id, result: 'maintain' }, cadreOf(v1))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.call('campaign-review-recipients', { campaignId: campaign.id }, cadreOf(v1))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('screens with results that fit the case kind, records who did it, and refuses out-of-order steps', async () => {
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const c = await firstCase(() => true);
    expect(await app.call('case-screen', { caseId: c.id, result: 'apply' }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const d = ok<CaseDetail>(await app.call('case-screen', { caseId: c.id, result: 'exit', note: '家中有人稳定就业' }, cadreOf(c.villageId)));
    expect(d).toMatchObject({ state: 'application', screeningResult: 'exit' });
    expect(d.events.at(-1)).toMatchObject({ action: 'screen', fromState: 'screening', toState: 'application', actor: '村干部', actorRole: 'cadre', note: '家中有人稳定就业' });
    const twice = await app.call('case-screen', { caseId: c.id, result: 'exit' }, clerk);
    expect(twice).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('「申请」阶段') } });
    const back = ok<CaseDetail>(await app.call('case-return', { caseId: c.id, reason: '摸排结论需复核' }, clerk));
    expect(back.state).toBe('screening');
    expect(() => app.db.prepare('DELETE FROM case_events').run()).toThrow(/不可删除/);
  });
});

describe('preliminary review and the township confirmation', () => {
  it('an ineligible applicant is not qualified and the confirmation issues the denial notice', async () => {
    // Demo household 5 (index 4) failed the asset check: ineligible.
    const hh = ok<Page<HouseholdSummary>>(await app.call('household-list', { pageSize: 100 })).items.find((h) => h.status === 'registered')!;
    const opened = ok<CaseDetail>(await app.call('case-open', { campaignId: campaign.id, householdId: hh.id }, clerk));
    expect(opened.kind).toBe('new-application');
    atState(opened.id, 'preliminary-review');
    const noReason = await app.call('case-preliminary-decide', { caseId: opened.id, committeeAgrees: false, reason: '' }, clerk);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const decided = ok<CaseDetail>(await app.call('case-preliminary-decide', { caseId: opened.id, committeeAgrees: true }, cadreOf(opened.villageId)));
    expect(decided).toMatchObject({ state: 'not-qualified', committeeAgrees: true });
    expect(decided.determinationId).not.toBeNull();
    expect(await app.call('case-confirm-denial', { caseId: opened.id }, cadreOf(opened.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const denied = ok<CaseDetail>(await app.call('case-confirm-denial', { caseId: opened.id }, clerk));
    expect(denied.state).toBe('denied');
    const docs = app.db.prepare("SELECT kind, household_id AS householdId FROM documents WHERE kind = 'denial-notice'").all();
    expect(docs).toEqual([{ kind: 'denial-notice', householdId: hh.id }]);
  });

  it('a recipient who no longer qualifies is proposed for exit; confirming stops payment with a notice', async () => {
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const c = await firstCase(() => true);
    const facts = app.db.prepare('SELECT * FROM households WHERE id = ?').get(c.householdId) as { id: number };
    ok(
      await app.call(
        'household-facts-update',
        { householdId: facts.id, assetsCompliant: false, assetsNote: '名下新登记商品房一套', otherMonthlyIncome: 0 },
        clerk,
      ),
    );
    atState(c.id, 'preliminary-review');
    const d = ok<CaseDetail>(await app.call('case-preliminary-decide', { caseId: c.id, committeeAgrees: true }, clerk));
    expect(d.state).toBe('proposed-exit');
    const stopped = ok<CaseDetail>(await app.call('case-confirm-exit', { caseId: c.id, stopReason: '家庭财产状况不符合规定' }, clerk));
    expect(stopped.state).toBe('stopped');
    expect(app.db.prepare('SELECT status FROM households WHERE id = ?').get(c.householdId)).toEqual({ status: 'stopped' });
    expect(app.db.prepare("SELECT count(*) AS n FROM documents WHERE kind = 'stop-notice' AND household_id = ?").get(c.householdId)).toEqual({ n: 1 });
  });

  it('the committee may differ from the engine with a written reason', async () => {
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const c = await firstCase(() => true);
    atState(c.id, 'preliminary-review');
    const d = ok<CaseDetail>(
      await app.call('case-preliminary-decide', { caseId: c.id, committeeAgrees: false, reason: '评议查实子女在外务工月收入较高' }, clerk),
    );
    expect(d).toMatchObject({ state: 'proposed-exit', committeeAgrees: false, committeeReason: '评议查实子女在外务工月收入较高' });
  });

  it('the workbench counts done, pending and overdue per village and phase', async () => {
    ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const w = ok<Workbench>(await app.call('workbench', { campaignId: campaign.id }, clerk));
    const total = w.rows.reduce((a, r) => a + r.total, 0);
    expect(total).toBe(32);
    const application = w.rows.map((r) => r.cells.find((c) => c.phase === 'application')!);
    expect(application.reduce((a, c) => a + c.pending, 0)).toBe(32);
    expect(application.every((c) => !c.overdue)).toBe(true); // 2026-03-10 is inside 申请核对 (3/5–3/16)
  });
});
