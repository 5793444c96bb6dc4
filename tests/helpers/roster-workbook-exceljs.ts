import ExcelJS from 'exceljs';
// The 低保花名册 as exceljs built it before the workbook was written by hand (src/exchange/roster-xlsx.ts, issue 13):
// kept as the reference the hand-written workbook is compared with, cell by cell.
import type { RosterLine } from '../../src/contract';
import { CATEGORY_LABELS } from '../../src/domain/determination-types';

const INTERNAL = '内部资料，不得公开张贴';
const COLUMNS = 15;
/** 序号 … 家庭类别 and 户月保障金 … 渐退期至: one value per household (columns A–F, K–O). */
const HOUSEHOLD_COLUMNS = new Set([1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15]);
const THIN = { style: 'thin' as const };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
// Shared style objects: one per kind, not one per cell.
const HOUSEHOLD_BORDER: Record<'only' | 'first' | 'middle' | 'last', Partial<ExcelJS.Borders>> = {
  only: BOX,
  first: { top: THIN, left: THIN, right: THIN },
  middle: { left: THIN, right: THIN },
  last: { left: THIN, right: THIN, bottom: THIN },
};
const HOUSEHOLD_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const MEMBER_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'middle', wrapText: true };

/**
 * The 低保对象花名册 as a workbook (A4 landscape, header rows repeated on every page). It carries the covered
 * members' full ID numbers, so every page says it is internal (spec §9: public lists never show them).
 */
type RosterWorkbookMeta = { township: string; office: string; generatedAt: string; today: string; view: 'all' | 'due' | 'gradual-exit' };

export async function rosterWorkbookByExceljs(lines: RosterLine[], meta: RosterWorkbookMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.office;
  wb.created = new Date(meta.generatedAt);
  const title = meta.view === 'due' ? '低保对象到期复核名单' : meta.view === 'gradual-exit' ? '低保对象渐退期名单' : '低保对象花名册';
  const ws = wb.addWorksheet(title, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&L&"宋体,加粗"${INTERNAL}&R${meta.office}`, oddFooter: `&L${INTERNAL}&C第 &P 页，共 &N 页&R导出日期 ${meta.today}` },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = [
    { key: 'no', width: 6 },
    { key: 'village', width: 12 },
    { key: 'group', width: 12 },
    { key: 'head', width: 10 },
    { key: 'size', width: 6 },
    { key: 'category', width: 14 },
    { key: 'name', width: 10 },
    { key: 'idNumber', width: 21 },
    { key: 'class', width: 6 },
    { key: 'amount', width: 10, style: { numFmt: '#,##0.00' } },
    { key: 'total', width: 12, style: { numFmt: '#,##0.00' } },
    { key: 'start', width: 10 },
    { key: 'lastReview', width: 12 },
    { key: 'nextDue', width: 12 },
    { key: 'gradual', width: 12 },
  ];
  const last = 'O';
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = `${meta.township}${title}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells(`A2:${last}2`);
  const persons = lines.reduce((n, l) => n + l.members.length, 0);
  const total = lines.reduce((s, l) => s + l.monthlyTotal, 0);
  ws.getCell('A2').value = `【${INTERNAL}】含保障对象完整身份证号码，仅供民政所内部核对使用。共 ${lines.length} 户 ${persons} 人，月保障金合计 ${total.toFixed(2)} 元。导出日期 ${meta.today}`;
  ws.getCell('A2').font = { bold: true, color: { argb: 'FFC00000' } };
  const header = ws.getRow(3);
  header.values = ['序号', '村（社区）', '村民小组', '户主', '人口', '家庭类别', '保障对象', '身份证号码', '分类', '月金额', '户月保障金', '发放起始', '上次复核', '下次复核', '渐退期至'];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.pageSetup.printTitlesRow = '1:3';
  lines.forEach((l, i) => {
    const members = l.members.length ? l.members : [{ name: '', idNumber: '', class: '', amount: 0, personId: 0 }];
    members.forEach((m, j) => {
      const row = ws.addRow({
        ...(j === 0
          ? {
              no: i + 1,
              village: l.villageName,
              group: l.groupName ?? '',
              head: l.headName ?? '',
              size: l.size,
              category: CATEGORY_LABELS[l.category as keyof typeof CATEGORY_LABELS] ?? l.category,
              total: l.monthlyTotal,
              start: l.paymentStart ?? '',
              lastReview: l.lastReview,
              nextDue: l.nextDue,
              gradual: l.gradualExit?.endMonth ?? '',
            }
          : {}),
        name: m.name,
        // Text, so that Excel does not turn an 18-digit number into 3.40E+17.
        idNumber: m.idNumber,
        class: m.class ? `${m.class}类` : '',
        amount: m.amount,
      });
      row.getCell('idNumber').numFmt = '@';
      if (l.dueStatus === 'overdue' && j === 0) row.getCell('nextDue').font = { color: { argb: 'FFC00000' }, bold: true };
      // A household's columns are written once, on its first member's row, and drawn as one box down its rows
      // (no rule between members). Not merged: exceljs checks every new merge against all earlier ones, which
      // made a county-sized roster quadratic (issue 13); the printed page looks the same.
      const place = members.length === 1 ? 'only' : j === 0 ? 'first' : j === members.length - 1 ? 'last' : 'middle';
      for (let c = 1; c <= COLUMNS; c++) {
        const cell = row.getCell(c);
        if (HOUSEHOLD_COLUMNS.has(c)) {
          cell.border = HOUSEHOLD_BORDER[place];
          cell.alignment = HOUSEHOLD_ALIGNMENT;
        } else {
          cell.border = BOX;
          cell.alignment = MEMBER_ALIGNMENT;
        }
      }
    });
  });
  header.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = BOX;
  });
  const sum = ws.addRow({ no: '合计', size: lines.reduce((n, l) => n + l.size, 0), name: `${persons} 人`, total });
  sum.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
