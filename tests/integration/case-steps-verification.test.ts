import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CaseDetail, CaseVerificationView, Evaluation, Household, Page, VerificationImportPreview, VerificationImportResult } from '../../src/contract';
import { ok } from '../helpers/temp-app';
import { cadreOf, clerk, completeApplication, HEAD_ID, householdIn, SPOUSE_ID, setup, toVerification, type Setup } from '../helpers/case-steps';

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.app.dispose());

const evaluate = async () => ok<Evaluation>(await s.app.call('household-evaluate', { householdId: s.household.id }, clerk));
const findings = async () => ok<CaseVerificationView>(await s.app.call('case-verification-get', { caseId: s.caseId }, clerk));

/** The exported sheet, with the finding columns filled in as the county's platform would. */
async function returnedFile(fill: (row: ExcelJS.Row, idNumber: string) => void, mutate?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const exported = ok<{ base64: string }>(await s.app.call('verification-export', { campaignId: s.campaign.id }, clerk));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    fill(row, String(row.getCell(8).value));
  }
  mutate?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

// Columns of the export: 11 核定月收入, 12 车辆, 13 房产, 14 存款, 15 工商登记, 16 其他财产, 17 是否符合, 18 说明.
const highIncome = (row: ExcelJS.Row, id: string) => {
  row.getCell(11).value = id === HEAD_ID ? '1500' : '900';
  row.getCell(13).value = '县城商品房一套';
  row.getCell(17).value = '是';
};

describe('核对: findings by hand', () => {
  it('refuses to move on without a finding, records it, writes incomes and assets into the household, and the engine uses them', async () => {
    await toVerification(s);
    expect((await evaluate()).facts.assetsCompliant).toBeNull();
    const early = await s.app.call('case-record-verification', { caseId: s.caseId }, clerk);
    expect(early).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('尚未录入经济状况核对结果') } });

    const [head, spouse] = s.household.members as [Household['members'][number], Household['members'][number]];
    const v = ok<CaseVerificationView>(
      await s.app.call(
        'case-verification-record',
        {
          caseId: s.caseId,
          incomes: [
            { personId: head.id, monthlyIncome: 350 },
            { personId: spouse.id, monthlyIncome: 150 },
          ],
          assets: { vehicles: '', realEstate: '自建房一处', deposits: '', business: '', other: '' },
          compliant: true,
          note: '核对平台未发现其他财产',
        },
        clerk,
      ),
    );
    expect(v.latest).toMatchObject({ source: 'manual', compliant: true, recordedBy: '民政所经办员', incomes: [{ name: '张三', monthlyIncome: 350 }, { name: '李四', monthlyIncome: 150 }] });
    const e = await evaluate();
    expect(e.facts).toMatchObject({ assetsCompliant: true, assetsNote: expect.stringContaining('房产：自建房一处') });
    expect(e.result).toMatchObject({ category: 'poor', perCapitaIncome: 250 });

    // The person audit shows before and after of the income.
    const log = ok<Page<AuditEntry>>(await s.app.call('audit-list', { entityType: 'household', entityId: s.household.id, pageSize: 50 }));
    const personChange = log.items.find((a) => a.command === 'person-update' && (a.before as { name: string }).name === '张三');
    expect(personChange).toMatchObject({ before: { monthlyIncome: 300 }, after: { monthlyIncome: 350 } });

    const d = ok<CaseDetail>(await s.app.call('case-record-verification', { caseId: s.caseId }, clerk));
    expect(d.state).toBe('home-visit');
  });

  it('a non-compliant finding makes the household ineligible', async () => {
    await toVerification(s);
    ok(
      await s.app.call(
        'case-verification-record',
        { caseId: s.caseId, incomes: [], assets: { vehicles: '小型轿车一辆（2024年购）', realEstate: '', deposits: '', business: '', other: '' }, compliant: false },
        clerk,
      ),
    );
    expect((await evaluate()).result).toMatchObject({ category: 'ineligible', reasons: expect.arrayContaining([expect.stringContaining('家庭财产状况不符合规定')]) });
  });

  it('only the township records verification: a cadre is refused, and nothing is recorded in the wrong state', async () => {
    const input = { caseId: s.caseId, incomes: [], assets: {}, compliant: true };
    expect(await s.app.call('case-verification-record', input, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    await toVerification(s);
    expect(await s.app.call('case-verification-record', input, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-record-verification', { caseId: s.caseId }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const other = await householdIn(s.app, s.villageId, '外户', '99010119700303003');
    const bad = await s.app.call('case-verification-record', { ...input, incomes: [{ personId: other.members[0]!.id, monthlyIncome: 1 }] }, clerk);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await findings()).history).toEqual([]);
  });
});

describe('核对: the batch export and import', () => {
  it('exports the cases in verification, one row per member with ID numbers as text', async () => {
    expect(await s.app.call('verification-export', { campaignId: s.campaign.id }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    await toVerification(s);
    const r = ok<{ fileName: string; base64: string; households: number }>(await s.app.call('verification-export', { campaignId: s.campaign.id, villageId: s.villageId }, clerk));
    expect(r.households).toBe(1);
    expect(r.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(4).value).toBe('户主身份证号码');
    expect([ws.getRow(4).getCell(5).value, ws.getRow(4).getCell(8).value, ws.getRow(5).getCell(5).value, ws.getRow(5).getCell(8).value]).toEqual(['张三', HEAD_ID, '李四', SPOUSE_ID]);
    expect(ws.getRow(5).getCell(4).value).toBe(HEAD_ID);
    expect(await s.app.call('verification-export', { campaignId: s.campaign.id }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('previews, commits all households, and the same file again changes nothing', async () => {
    await toVerification(s);
    const base64 = await returnedFile(highIncome);
    const preview = ok<VerificationImportPreview>(await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: '核对结果.xlsx', base64 }, clerk));
    expect(preview.problems).toEqual([]);
    expect(preview.mapping).toMatchObject({ headIdNumber: 4, idNumber: 8, name: 5, monthlyIncome: 11, realEstate: 13, compliant: 17 });
    expect(preview.households).toEqual([expect.objectContaining({ caseId: s.caseId, members: 2, monthlyIncomeTotal: 2400, compliant: true })]);
    expect(preview.alreadyImported).toBeNull();

    const done = ok<VerificationImportResult>(await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: '核对结果.xlsx', base64 }, clerk));
    expect(done).toMatchObject({ households: 1, alreadyImported: false });
    const v = await findings();
    expect(v.latest).toMatchObject({ source: 'import', batchId: done.batchId, fileHash: preview.fileHash, compliant: true, assets: { realEstate: '县城商品房一套' } });
    const e = await evaluate();
    expect(e.result).toMatchObject({ category: 'ineligible', perCapitaIncome: 1200 });

    const again = ok<VerificationImportResult>(await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: '核对结果（副本）.xlsx', base64 }, clerk));
    expect(again).toMatchObject({ batchId: done.batchId, households: 0, alreadyImported: true });
    expect((await findings()).history).toHaveLength(1);
    const p2 = ok<VerificationImportPreview>(await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'x.xlsx', base64 }, clerk));
    expect(p2.alreadyImported).toMatchObject({ batchId: done.batchId });
  });

  it('lists row and column problems and imports nothing when any row is bad (all or nothing)', async () => {
    await toVerification(s);
    // A second case in verification whose row is fine: it must not be imported either.
    const h2 = await householdIn(s.app, s.villageId, '王二', '99010119700404004');
    const c2 = ok<CaseDetail>(await s.app.call('case-open', { campaignId: s.campaign.id, householdId: h2.id }, clerk));
    ok(await s.app.call('case-screen', { caseId: c2.id, result: 'apply' }, clerk));
    const s2 = { ...s, caseId: c2.id };
    await completeApplication(s2);
    ok(await s.app.call('case-submit-application', { caseId: c2.id }, clerk));

    const base64 = await returnedFile(
      (row, id) => {
        row.getCell(11).value = id === SPOUSE_ID ? '-5' : '800';
        row.getCell(17).value = id === HEAD_ID ? '可能' : '否';
      },
      (ws) => {
        ws.addRow(['9', '东山村', '某人', '990101196001010010', '某人', '户主', '男', '990101196001010010', '1', '新申请', '0', '', '', '', '', '', '是']);
      },
    );
    const preview = ok<VerificationImportPreview>(await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'bad.xlsx', base64 }, clerk));
    const messages = preview.problems.map((p) => `${p.row}|${p.column}|${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4\|财产状况是否符合（是\/否）\|「可能」无法识别/),
        expect.stringMatching(/^5\|核定月收入（元）\|核定月收入「-5」不是有效金额/),
        expect.stringMatching(/^7\|户主身份证号码\|户主身份证号码校验码错误/),
      ]),
    );
    const r = await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: 'bad.xlsx', base64 }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('未导入任何数据') } });
    expect((await findings()).history).toEqual([]);
    expect(ok<CaseVerificationView>(await s.app.call('case-verification-get', { caseId: c2.id }, clerk)).history).toEqual([]);
    expect(s.app.db.prepare('SELECT count(*) AS n FROM verification_batches').get()).toEqual({ n: 0 });
    // The household with a bad row shows all its rows and no total (not 「1 行、0.00 元」).
    const first = preview.households.find((h) => h.caseId === s.caseId)!;
    expect(first).toMatchObject({ rows: 2, problemRows: 2, monthlyIncomeTotal: null });
    expect(preview.households.find((h) => h.caseId === c2.id)).toMatchObject({ problemRows: 0, monthlyIncomeTotal: expect.any(Number) });
  });

  it('one confirmation moves the imported batch to 入户调查, listing its cases (issue 16)', async () => {
    await toVerification(s);
    const h2 = await householdIn(s.app, s.villageId, '王二', '99010119700404004');
    const c2 = ok<CaseDetail>(await s.app.call('case-open', { campaignId: s.campaign.id, householdId: h2.id }, clerk));
    ok(await s.app.call('case-screen', { caseId: c2.id, result: 'apply' }, clerk));
    await completeApplication({ ...s, caseId: c2.id });
    ok(await s.app.call('case-submit-application', { caseId: c2.id }, clerk));
    const base64 = await returnedFile(highIncome);
    const done = ok<VerificationImportResult>(await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: '核对结果.xlsx', base64 }, clerk));
    expect(done.ready.cases.map((c) => c.caseId).sort()).toEqual([s.caseId, c2.id].sort());
    expect(done.ready.cases.find((c) => c.caseId === c2.id)).toMatchObject({ headName: '王二', compliant: true });
    // A cadre may not; a case not in the batch is refused and nothing moves.
    expect(await s.app.call('verification-batch-advance', { batchId: done.batchId, caseIds: [s.caseId] }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await s.app.call('verification-batch-advance', { batchId: done.batchId, caseIds: [s.caseId, 99999] }, clerk);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ok<CaseDetail>(await s.app.call('case-get', { id: s.caseId }, clerk)).state).toBe('verification');
    const moved = ok<{ moved: number; cases: { caseId: number }[] }>(await s.app.call('verification-batch-advance', { batchId: done.batchId, caseIds: done.ready.cases.map((c) => c.caseId) }, clerk));
    expect(moved.moved).toBe(2);
    for (const id of [s.caseId, c2.id]) {
      const d = ok<CaseDetail>(await s.app.call('case-get', { id }, clerk));
      expect(d.state).toBe('home-visit');
      expect(d.events.at(-1)).toMatchObject({ action: 'record-verification', note: expect.stringContaining('批量确认核对完成') });
    }
    // The same confirmation again finds nothing to move; re-importing the file says nothing is left.
    expect(await s.app.call('verification-batch-advance', { batchId: done.batchId, caseIds: [s.caseId] }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const again = ok<VerificationImportResult>(await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: '核对结果.xlsx', base64 }, clerk));
    expect(again).toMatchObject({ alreadyImported: true, ready: { cases: [] } });
  });

  it('a missing column is reported and can be mapped by hand; a household not in verification is a row problem', async () => {
    await toVerification(s);
    const base64 = await returnedFile(highIncome, (ws) => {
      ws.getRow(3).getCell(17).value = '评估';
    });
    const p = ok<VerificationImportPreview>(await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'x.xlsx', base64 }, clerk));
    expect(p.problems).toEqual([{ row: 3, column: null, message: '未找到「财产状况是否符合（是/否）」列，请在列对应中选择' }]);
    const mapped = ok<VerificationImportPreview>(
      await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'x.xlsx', base64, mapping: { compliant: 17 } }, clerk),
    );
    expect(mapped.problems).toEqual([]);
    ok(await s.app.call('case-return', { caseId: s.caseId, reason: '材料需补正' }, clerk));
    const moved = ok<VerificationImportPreview>(
      await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'x.xlsx', base64, mapping: { compliant: 17 } }, clerk),
    );
    expect(moved.problems[0]).toMatchObject({ row: 4, message: expect.stringContaining('不在「经济状况核对」阶段') });
  });

  it('refuses a file that is not a workbook', async () => {
    const r = await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: 'x.xlsx', base64: Buffer.from('hello').toString('base64') }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('.xlsx') } });
  });
});
