import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseDetail, DocumentDetail, DocumentView, FocusList, Proposals } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { ok } from '../helpers/temp-app';
import { ID, cadreOf, clerk, listXlsx, screeningWorld, type World } from '../helpers/screening-world';

let w: World;
let campaign: CampaignView;
beforeEach(async () => {
  w = await screeningWorld();
  campaign = ok<CampaignView>(
    await w.app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: [w.east.id, w.west.id] }, clerk),
  );
  const base64 = await listXlsx(
    ['姓名', '身份证号码', '村', '类别'],
    [
      ['张建国', ID.zhang, '东山村', '未脱贫户'],
      ['李秀英', ID.li, '东山村', '已脱贫A类户'],
      ['陈志强', ID.west, '西岭村', '重点关注户'],
    ],
  );
  ok(await w.app.call('screening-commit', { source: 'poverty', fileName: '扶贫.xlsx', base64, mapping: { idNumber: 1, name: 0, village: 2, flag: 3 } }, clerk));
});
afterEach(() => w.app.dispose());

describe('village focus list', () => {
  it('lists flagged households, current recipients and cadre additions, and opens their cases once', async () => {
    const cadre = cadreOf(w.east.id);
    // A cadre adds 王德明 by hand (a household no department named).
    ok<CaseDetail>(await w.app.call('case-open', { campaignId: campaign.id, householdId: w.households.wang.id, note: '走访发现' }, cadre));
    const list = ok<FocusList>(await w.app.call('screening-focus-list', { villageId: w.east.id, campaignId: campaign.id }, cadre));
    const byName = Object.fromEntries(list.households.map((h) => [h.headName, h]));
    expect(Object.keys(byName).sort()).toEqual(['刘永福', '张建国', '李秀英', '王德明'].sort());
    expect(byName['张建国']).toMatchObject({ isRecipient: false, isCadreAddition: false, flags: [{ source: 'poverty', label: '未脱贫户', personName: '张建国' }], case: null });
    expect(byName['刘永福']).toMatchObject({ isRecipient: true, flags: [] });
    expect(byName['王德明']).toMatchObject({ isCadreAddition: true, case: { kind: 'new-application', state: 'screening' } });
    expect(list.sources).toMatchObject([{ source: 'poverty', fileName: '扶贫.xlsx' }]);

    const r1 = ok<{ created: number; existing: number }>(await w.app.call('screening-open-cases', { campaignId: campaign.id, villageId: w.east.id }, cadre));
    expect(r1).toEqual({ created: 3, existing: 0, elsewhere: 0 });
    const r2 = ok<{ created: number; existing: number }>(await w.app.call('screening-open-cases', { campaignId: campaign.id, villageId: w.east.id }, cadre));
    expect(r2).toEqual({ created: 0, existing: 3, elsewhere: 0 });
    const after = ok<FocusList>(await w.app.call('screening-focus-list', { villageId: w.east.id, campaignId: campaign.id }, cadre));
    const recipient = after.households.find((h) => h.headName === '刘永福')!;
    expect(recipient.case).toMatchObject({ kind: 'recipient-review', state: 'screening' });
  });

  it('keeps a cadre to their own village', async () => {
    const cadre = cadreOf(w.east.id);
    expect(await w.app.call('screening-focus-list', { villageId: w.west.id }, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.app.call('screening-open-cases', { campaignId: campaign.id, villageId: w.west.id }, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.app.call('case-open', { campaignId: campaign.id, householdId: w.households.west.id }, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.app.call('screening-sheet-issue', { campaignId: campaign.id, villageId: w.west.id }, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.app.call('screening-batch-list', {}, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((w.app.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(0);
  });
});

describe('proposed lists and the 摸排表', () => {
  it('groups screened cases by result and issues the village sheet with the results', async () => {
    const cadre = cadreOf(w.east.id);
    ok(await w.app.call('screening-open-cases', { campaignId: campaign.id, villageId: w.east.id }, cadre));
    const list = ok<FocusList>(await w.app.call('screening-focus-list', { villageId: w.east.id, campaignId: campaign.id }, cadre));
    const caseOf = (name: string) => list.households.find((h) => h.headName === name)!.case!.id;
    ok(await w.app.call('case-screen', { caseId: caseOf('张建国'), result: 'apply', note: '因病致贫' }, cadre));
    ok(await w.app.call('case-screen', { caseId: caseOf('李秀英'), result: 'none' }, cadre));
    ok(await w.app.call('case-screen', { caseId: caseOf('刘永福'), result: 'maintain' }, cadre));

    const p = ok<Proposals>(await w.app.call('screening-proposals', { campaignId: campaign.id, villageId: w.east.id }, cadre));
    expect(p.apply.map((r) => [r.headName, r.note, r.screenedBy])).toEqual([['张建国', '因病致贫', '东山村干部']]);
    expect(p.apply[0]!.screenedAt).toBe('2026-03-06T08:00:00.000Z');
    expect(p.maintain.map((r) => r.headName)).toEqual(['刘永福']);
    expect(p.none.map((r) => r.headName)).toEqual(['李秀英']);
    expect(p.exit).toEqual([]);
    expect(p.pending).toBe(0);

    const doc = ok<DocumentView>(await w.app.call('screening-sheet-issue', { campaignId: campaign.id, villageId: w.east.id }, cadre));
    expect(doc).toMatchObject({ kind: 'screening-sheet', villageId: w.east.id, title: '东山村重点对象摸排表', issuedBy: '东山村干部' });
    const detail = ok<DocumentDetail>(await w.app.call('document-get', { id: doc.id }, cadre));
    const snap = detail.snapshot as { cadreName: string; rows: { headName: string; focusTypes: string[]; proposal: string; isCurrentRecipient: boolean; note?: string }[] };
    expect(snap.cadreName).toBe('东山村干部');
    expect(snap.rows.map((r) => [r.headName, r.focusTypes.join('、'), r.proposal, r.isCurrentRecipient])).toEqual([
      ['张建国', '未脱贫户', '拟申请', false],
      ['李秀英', '已脱贫A类户', '无需', false],
      ['刘永福', '现有低保户', '维持', true],
    ]);
    const pdf = ok<{ base64: string }>(await w.app.call('document-pdf', { id: doc.id }, cadre));
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
