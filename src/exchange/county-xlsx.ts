// The county's workbooks (issue 15): 县级汇总 (per township and county totals, the 近亲属 and overdue cases) and
// 交叉比对 (one row per finding and source, with a column for the township's answer). Both carry full ID numbers
// or household heads, so every page says 内部资料.
import ExcelJS from 'exceljs';
import type { CountySummary, CrossCheckResult } from '../contract';
import { CATEGORY_LABELS } from '../domain/determination-types';

const INTERNAL = '内部资料，不得公开张贴';
const THIN = { style: 'thin' as const };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function sheet(wb: ExcelJS.Workbook, name: string, office: string, today: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&L&"宋体,加粗"${INTERNAL}&R${office}`, oddFooter: `&L${INTERNAL}&C第 &P 页，共 &N 页&R导出日期 ${today}` },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

function heading(ws: ExcelJS.Worksheet, title: string, sub: string, headers: string[]): void {
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell(2, 1).value = sub;
  const row = ws.addRow(headers);
  row.font = { bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  row.eachCell((c) => (c.border = BOX));
}

const boxed = (row: ExcelJS.Row) => row.eachCell({ includeEmpty: true }, (c) => (c.border = BOX));

export async function countySummaryWorkbook(s: CountySummary, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = s.countyName;
  wb.created = new Date(s.generatedAt);
  const headers = [
    '乡镇', '在保户数', '在保人数', `${CATEGORY_LABELS.poor}（户）`, `${CATEGORY_LABELS['low-income']}（户）`, `${CATEGORY_LABELS['medical-expense']}（户）`,
    'A类（人）', 'B类（人）', 'C类（人）', '月保障金（元）', '本轮批准（户）', '不予批准（户）', '退出（户）', '超过办结时限（件）', '近亲属备案（件）', '其中全面入户调查（件）', '重复享受（人）',
  ];
  const ws = sheet(wb, '县级汇总', s.countyName, today, [18, 10, 10, 12, 12, 12, 9, 9, 9, 14, 11, 11, 9, 12, 11, 13, 11]);
  heading(ws, `${s.countyName}最低生活保障县级汇总表`, `${INTERNAL}　制表时间：${today}　同一乡镇同一范围以最新备案包为准`, headers);
  const line = (name: string, f: CountySummary['total']) => [
    name, f.households, f.persons, f.byCategory.poor?.households ?? 0, f.byCategory['low-income']?.households ?? 0, f.byCategory['medical-expense']?.households ?? 0,
    f.byClass.A ?? 0, f.byClass.B ?? 0, f.byClass.C ?? 0, f.monthlyTotal, f.approvals, f.refusals, f.exits, f.overdue, f.relatives, f.relativesFullVisit, f.duplicates,
  ];
  for (const r of s.rows) boxed(ws.addRow(line(r.township, r)));
  const total = ws.addRow(line('全县合计', s.total));
  total.font = { bold: true };
  boxed(total);
  ws.getColumn(10).numFmt = '#,##0.00';

  const rel = sheet(wb, '近亲属备案', s.countyName, today, [18, 16, 10, 9, 30, 14, 14]);
  heading(rel, '近亲属备案案件', INTERNAL, ['乡镇', '村（社区）', '户主', '案件号', '近亲属关系', '全面入户调查', '办理状态']);
  for (const r of s.relatives) {
    boxed(rel.addRow([r.township, r.village, r.headName, r.caseRef, r.staffRelativeOf ?? '', r.fullVisit === null ? '未入户调查' : r.fullVisit ? '是' : '否（有成员未见面）', r.state]));
  }
  const late = sheet(wb, '超过办结时限', s.countyName, today, [18, 16, 10, 9, 12, 12, 12]);
  heading(late, '超过办结时限的案件', INTERNAL, ['乡镇', '村（社区）', '户主', '案件号', '受理日期', '办结期限', '办结日期']);
  for (const r of s.overdue) boxed(late.addRow([r.township, r.village, r.headName, r.caseRef, r.startedOn, r.dueOn, r.concludedOn ?? '未办结']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function crossCheckWorkbook(r: CrossCheckResult, meta: { countyName: string; today: string; labels: Record<string, string> }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.countyName;
  wb.created = new Date(r.generatedAt);
  const ws = sheet(wb, '交叉比对', meta.countyName, meta.today, [6, 20, 10, 21, 40, 16, 40, 16, 14, 10, 9, 14, 30]);
  heading(ws, `${meta.countyName}低保对象交叉比对结果`, `${INTERNAL}　比对时间：${meta.today}　请各乡镇核实后在「乡镇核实情况」栏填写`, [
    '序号', '问题类型', '姓名', '身份证号码', '说明', '来源乡镇', '备案包', '村（社区）', '户主', '户编号', '案件号', '在来源中的情形', '乡镇核实情况',
  ]);
  ws.getColumn(4).numFmt = '@';
  r.findings.forEach((f, i) => {
    const first = ws.rowCount + 1;
    for (const s of f.sources) {
      const row = ws.addRow([i + 1, meta.labels[f.kind] ?? f.kind, f.name, f.idNumber, f.detail, s.township, s.packageName, s.village, s.headName, s.householdRef ?? '', s.caseRef ?? '', s.role, '']);
      row.alignment = { vertical: 'top', wrapText: true };
      boxed(row);
    }
    // One finding, several sources: the finding's own columns span its rows.
    if (f.sources.length > 1) for (const c of [1, 2, 3, 4, 5]) ws.mergeCells(first, c, first + f.sources.length - 1, c);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
