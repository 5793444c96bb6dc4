import ExcelJS from 'exceljs';
import type { RosterLine } from '../contract';
import { CATEGORY_LABELS } from '../domain/determination-types';

const INTERNAL = '内部资料，不得公开张贴';

/**
 * The 低保对象花名册 as a workbook (A4 landscape, header rows repeated on every page). It carries the covered
 * members' full ID numbers, so every page says it is internal (spec §9: public lists never show them).
 */
export async function rosterWorkbook(
  lines: RosterLine[],
  meta: { township: string; office: string; generatedAt: string; today: string; view: 'all' | 'due' | 'gradual-exit' },
): Promise<Buffer> {
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
  const border = { style: 'thin' as const };
  lines.forEach((l, i) => {
    const first = ws.rowCount + 1;
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
    });
    const lastRow = ws.rowCount;
    if (lastRow > first) {
      for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'K', 'L', 'M', 'N', 'O']) ws.mergeCells(`${col}${first}:${col}${lastRow}`);
    }
  });
  ws.eachRow((row, n) => {
    if (n < 3) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: border, left: border, bottom: border, right: border };
      if (n > 3) cell.alignment = { vertical: 'middle', wrapText: true };
    });
  });
  const sum = ws.addRow({ no: '合计', size: lines.reduce((n, l) => n + l.size, 0), name: `${persons} 人`, total });
  sum.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
