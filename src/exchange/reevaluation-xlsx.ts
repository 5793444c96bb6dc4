import ExcelJS from 'exceljs';
import type { ReevaluationPreview } from '../contract';
import { CATEGORY_LABELS } from '../domain/determination-types';

/** The re-evaluation preview as a workbook the office can open, sort and print (A4 landscape). */
export async function reevaluationWorkbook(p: ReevaluationPreview, meta: { office: string; generatedAt: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.office;
  wb.created = new Date(meta.generatedAt);
  const ws = wb.addWorksheet('调整测算', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = [
    { key: 'village', width: 14 },
    { key: 'head', width: 12 },
    { key: 'size', width: 8 },
    { key: 'oldCategory', width: 16 },
    { key: 'newCategory', width: 16 },
    { key: 'oldTotal', width: 14, style: { numFmt: '#,##0.00' } },
    { key: 'newTotal', width: 14, style: { numFmt: '#,##0.00' } },
    { key: 'difference', width: 12, style: { numFmt: '+#,##0.00;-#,##0.00;0.00' } },
    { key: 'changes', width: 60 },
  ];
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = `政策调整测算：${p.policy.label}（${p.policy.version}，${p.policy.effectiveFrom} 起生效）`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells('A2:I2');
  ws.getCell('A2').value =
    `测算日期 ${p.evaluationDate}；在保户 ${p.recipients} 户，有变化 ${p.rows.length} 户；` +
    `月保障金 ${p.oldMonthlyTotal.toFixed(2)} 元 → ${p.newMonthlyTotal.toFixed(2)} 元，差额 ${p.monthlyDifference.toFixed(2)} 元`;
  const header = ws.getRow(3);
  header.values = ['村（社区）', '户主', '人口', '原类别', '新类别', '原月保障金', '新月保障金', '差额', '变化说明'];
  header.font = { bold: true };
  ws.pageSetup.printTitlesRow = '3:3';
  for (const r of p.rows) {
    ws.addRow({
      village: r.villageName,
      head: r.headName ?? '',
      size: r.size,
      oldCategory: r.oldCategory ? CATEGORY_LABELS[r.oldCategory] : '—',
      newCategory: r.newCategory ? CATEGORY_LABELS[r.newCategory] : '无法测算',
      oldTotal: r.oldTotal,
      newTotal: r.newTotal,
      difference: r.difference,
      changes: r.problem ?? r.changes.join('；'),
    }).alignment = { vertical: 'top', wrapText: true };
  }
  const total = ws.addRow({ village: '合计', oldTotal: p.oldMonthlyTotal, newTotal: p.newMonthlyTotal, difference: p.monthlyDifference });
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
