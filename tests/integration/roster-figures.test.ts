import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseDetail, CaseView, Household, RosterSettingsView } from '../../src/contract';
import { personFieldsOf } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { patchCase } from '../../src/store/campaigns';
import { ok } from '../helpers/temp-app';
import { admin, cadreOf, clerk, decideAndApprove, lineOf, roster, rosterWorld, type World } from '../helpers/roster-world';

let w: World;
beforeEach(() => {
  w = rosterWorld();
});
afterEach(() => w.dispose());

describe('the roster (花名册)', () => {
  it('lists every recipient with per-member class and amount, from the saved determination for carried-over households', async () => {
    const page = await roster(w);
    const recipients = (w.db.prepare("SELECT count(*) AS n FROM households WHERE status = 'recipient'").get() as { n: number }).n;
    expect(page.total).toBe(recipients);
    expect(page.items.length).toBe(recipients);
    const line = page.items[0]!;
    expect(line.source).toBe('determination');
    expect(line.members.length).toBeGreaterThan(0);
    expect(line.members[0]!.idNumber).toMatch(/^990101\d{11}[\dX]$/);
    expect(line.monthlyTotal).toBe(line.members.reduce((s, m) => s + m.amount, 0));
    expect(line).toMatchObject({ lastReview: '2026-03-20', paymentStart: '2026-04' });
    expect(page.summary.monthlyTotal).toBeCloseTo(page.items.reduce((s, l) => s + l.monthlyTotal, 0), 2);
    // Paging and the village filter; a cadre sees only their village.
    const p2 = await roster(w, { page: 2, pageSize: 5 });
    expect(p2.items.map((l) => l.householdId)).toEqual(page.items.slice(5, 10).map((l) => l.householdId));
    const village = line.villageId;
    const mine = await roster(w, {}, cadreOf(village));
    expect(mine.items.every((l) => l.villageId === village)).toBe(true);
    expect((await roster(w, { villageId: village })).total).toBe(mine.total);
    const classB = await roster(w, { personClass: 'B' });
    expect(classB.items.every((l) => l.members.some((m) => m.class === 'B'))).toBe(true);
  });

  it('takes the figures from the approval snapshot: editing the household changes nothing until a new decision', async () => {
    const villages = (ok<{ id: number }[]>(await w.call('village-list', {}, clerk))).map((v) => v.id);
    const campaign = ok<CampaignView>(await w.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages }, clerk));
    ok(await w.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
    const kase = ok<CaseView[]>(await w.call('case-list', { campaignId: campaign.id }, clerk))[0]!;
    patchCase(w.db, kase.id, { state: 'preliminary-review' }, '2026-03-20T08:00:00Z');
    ok(await w.call('case-preliminary-decide', { caseId: kase.id, committeeAgrees: true }, clerk));
    patchCase(w.db, kase.id, { state: 'review' }, '2026-03-20T08:00:00Z'); // hearing and 公示 are other tests' steps
    await decideAndApprove(w, ok<CaseDetail>(await w.call('case-get', { id: kase.id }, clerk)));
    const approved = (await lineOf(w, kase.householdId))!;
    const approval = w.db.prepare('SELECT monthly_total AS t FROM approvals WHERE case_id = ?').get(kase.id) as { t: number };
    expect(approved).toMatchObject({ source: 'approval', basisDate: '2026-03-20', monthlyTotal: approval.t, paymentStart: '2026-04', lastReview: '2026-03-20' });

    const h = ok<Household>(await w.call('household-get', { id: kase.householdId }, clerk));
    const head = h.members[0]!;
    ok(await w.call('person-update', { id: head.id, person: { ...personFieldsOf(head), note: null, monthlyIncome: head.monthlyIncome + 250 } }, clerk));
    ok(await w.call('determination-save', { householdId: kase.householdId }, clerk));
    expect(await lineOf(w, kase.householdId)).toEqual(approved);
  });

  it('exports an A4 landscape workbook with full ID numbers, marked internal', async () => {
    const file = ok<{ fileName: string; base64: string }>(await w.call('roster-export', { view: 'all' }, clerk));
    expect(file.fileName).toMatch(/^低保对象花名册_2026-03-20\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    expect(String(ws.getCell('A2').value)).toContain('内部资料，不得公开张贴');
    expect(ws.headerFooter.oddFooter).toContain('内部资料，不得公开张贴');
    const first = (await roster(w)).items[0]!;
    expect(ws.getCell('H4').value).toBe(first.members[0]!.idNumber);
    expect(await w.call('roster-export', { view: 'all' }, cadreOf(first.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lays the workbook out one row per member, the household columns once, with no merged ranges but the title', async () => {
    const file = ok<{ fileName: string; base64: string }>(await w.call('roster-export', { view: 'all' }, clerk));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    // Only the title and the notice line are merged: per-household merges made a county roster quadratic.
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(['A1:O1', 'A2:O2']);
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '村（社区）', '村民小组', '户主', '人口', '家庭类别', '保障对象', '身份证号码', '分类', '月金额', '户月保障金', '发放起始', '上次复核', '下次复核', '渐退期至']);
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');

    const lines = (await roster(w)).items;
    const householdCols = ['A', 'B', 'C', 'D', 'E', 'F', 'K', 'L', 'M', 'N', 'O'];
    let r = 4;
    let multi = 0;
    for (const [i, l] of lines.entries()) {
      expect(ws.getCell(`A${r}`).value).toBe(i + 1);
      expect(ws.getCell(`B${r}`).value).toBe(l.villageName);
      expect(ws.getCell(`D${r}`).value).toBe(l.headName);
      expect(ws.getCell(`E${r}`).value).toBe(l.size);
      expect(ws.getCell(`K${r}`).value).toBe(l.monthlyTotal);
      expect(ws.getCell(`N${r}`).value).toBe(l.nextDue);
      if (l.members.length > 1) multi++;
      for (const [j, m] of l.members.entries()) {
        const row = r + j;
        expect(ws.getCell(`G${row}`).value).toBe(m.name);
        expect(ws.getCell(`H${row}`).value).toBe(m.idNumber);
        expect(ws.getCell(`H${row}`).numFmt).toBe('@');
        expect(ws.getCell(`I${row}`).value).toBe(m.class ? `${m.class}类` : '');
        expect(ws.getCell(`J${row}`).value).toBe(m.amount);
        expect(ws.getCell(`G${row}`).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
        for (const col of householdCols) {
          const cell = ws.getCell(`${col}${row}`);
          // Written once, on the household's first row; drawn as one box down the household's rows.
          if (j > 0) expect(cell.value ?? null).toBeNull();
          expect(Boolean(cell.border?.top)).toBe(j === 0);
          expect(Boolean(cell.border?.bottom)).toBe(j === l.members.length - 1);
          expect(cell.border).toMatchObject({ left: { style: 'thin' }, right: { style: 'thin' } });
        }
      }
      r += l.members.length;
    }
    expect(multi).toBeGreaterThan(0);
    const persons = lines.reduce((n, l) => n + l.members.length, 0);
    expect(ws.getCell(`A${r}`).value).toBe('合计');
    expect(ws.getCell(`G${r}`).value).toBe(`${persons} 人`);
    expect(ws.getCell(`K${r}`).value).toBeCloseTo(lines.reduce((s, l) => s + l.monthlyTotal, 0), 2);
    expect(ws.rowCount).toBe(r);
  });
});

describe('review intervals and the due list', () => {
  it('puts a household on the due list by the shortest interval of its classes; only the administrator sets intervals', async () => {
    expect(ok<RosterSettingsView>(await w.call('roster-settings-get', {}, clerk))).toEqual({ intervals: { A: 12, B: 12, C: 6 }, gradualExitMonths: 0 });
    expect((await roster(w, { view: 'due' })).total).toBe(0);
    expect(await w.call('roster-settings-update', { intervals: { A: 12, B: 12, C: 1 }, gradualExitMonths: 0 }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ok(await w.call('roster-settings-update', { intervals: { A: 12, B: 12, C: 1 }, gradualExitMonths: 0 }, admin));
    // Reviewed 2026-03-20, due a month later: on the list from 30 days before (not yet on 03-20, which is 31 days before).
    expect((await roster(w, { view: 'due' })).total).toBe(0);
    w.setNow('2026-03-25T08:00:00Z');
    const due = await roster(w, { view: 'due' });
    const all = await roster(w);
    const withC = all.items.filter((l) => l.members.some((m) => m.class === 'C'));
    expect(withC.length).toBeGreaterThan(0);
    expect(due.items.map((l) => l.householdId).sort()).toEqual(withC.map((l) => l.householdId).sort());
    expect(due.items.every((l) => l.nextDue === '2026-04-20' && l.dueStatus === 'due')).toBe(true);

    // Three months on, they are overdue and the others are not yet due.
    w.setNow('2026-06-01T08:00:00Z');
    const later = await roster(w, { view: 'due' });
    expect(later.items.every((l) => l.dueStatus === 'overdue')).toBe(true);
    expect(later.total).toBe(withC.length);
  });
});
