// The bank file of a payment batch (代发文件) and the reading of the bank's return file (回盘文件).
import ExcelJS from 'exceljs';
import type { PaymentTotals, ReturnField, ReturnMapping } from '../contract';
import { readDepartmentSheet } from './department-import';

const INTERNAL = '内部资料，严禁公开张贴';

export type BankFileRow = { seq: number; headName: string; idNumber: string; accountNumber: string; bankName: string; amount: number; note: string };

export type BankFileMeta = { title: string; office: string; generatedAt: string; today: string };

/**
 * Sheet 1 is what the bank's 代发 import takes: one header row, then one row per household (序号, 户主姓名,
 * 身份证号码, 银行账号, 开户行, 金额, 备注), ID and account numbers as text so Excel keeps every digit. Sheet 2
 * holds the totals by village and class for the office's own check against the PDF.
 */
export async function paymentWorkbook(rows: readonly BankFileRow[], totals: PaymentTotals | null, meta: BankFileMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.office;
  wb.created = new Date(meta.generatedAt);
  const print = {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape' as const,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&L&"宋体,加粗"${INTERNAL}&C${meta.title}&R${meta.office}`, oddFooter: `&L${INTERNAL}&C第 &P 页，共 &N 页&R生成日期 ${meta.today}` },
  };
  const ws = wb.addWorksheet('发放明细', { ...print, views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '户主姓名', key: 'headName', width: 10 },
    { header: '身份证号码', key: 'idNumber', width: 21, style: { numFmt: '@' } },
    { header: '银行账号', key: 'accountNumber', width: 24, style: { numFmt: '@' } },
    { header: '开户行', key: 'bankName', width: 22 },
    { header: '金额', key: 'amount', width: 11, style: { numFmt: '0.00' } },
    { header: '备注', key: 'note', width: 34 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.pageSetup.printTitlesRow = '1:1';
  for (const r of rows) ws.addRow(r);
  const border = { style: 'thin' as const };
  ws.eachRow((row) => row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: border, left: border, bottom: border, right: border })));

  if (totals) {
    const sum = wb.addWorksheet('汇总', print);
    sum.columns = [{ width: 16 }, { width: 10 }, { width: 10 }, { width: 14 }];
    sum.mergeCells('A1:D1');
    sum.getCell('A1').value = meta.title;
    sum.getCell('A1').font = { bold: true, size: 14 };
    sum.getCell('A1').alignment = { horizontal: 'center' };
    sum.mergeCells('A2:D2');
    sum.getCell('A2').value = `【${INTERNAL}】发放明细含完整身份证号码和银行账号，仅供民政所、财政所和代发银行使用。`;
    sum.getCell('A2').font = { bold: true, color: { argb: 'FFC00000' } };
    sum.addRow([]);
    sum.addRow(['按村（社区）', '户数', '人数', '金额（元）']).font = { bold: true };
    for (const v of totals.byVillage) sum.addRow([v.villageName, v.households, v.persons, v.amount]);
    sum.addRow(['合计', totals.households, totals.persons, totals.amount]).font = { bold: true };
    sum.addRow([]);
    sum.addRow(['按保障类别', '', '人数', '金额（元）']).font = { bold: true };
    for (const c of totals.byClass) sum.addRow([`${c.class}类`, '', c.persons, c.amount]);
    sum.getColumn(4).numFmt = '#,##0.00';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- the bank's return file

export type ReturnSheetRow = { rowNumber: number; cells: string[]; lossy: number[] };
export type ReturnSheet = { sheets: string[]; sheetName: string; headers: string[]; rows: ReturnSheetRow[] };

/** One visible worksheet (the first, or `sheetName`); the header row is the first of the top ten rows that names an account column. */
export async function readReturnSheet(bytes: Buffer, sheetName: string | null = null): Promise<ReturnSheet> {
  const sheet = await readDepartmentSheet(bytes, sheetName);
  const all: ReturnSheetRow[] = [{ rowNumber: sheet.headerRowNumber, cells: sheet.headers, lossy: [] }, ...sheet.rows];
  const at = all.slice(0, 10).findIndex((r) => r.cells.some((c) => /账号|帐号|卡号/.test(c)));
  const h = at >= 0 ? at : 0;
  return { sheets: sheet.sheets, sheetName: sheet.sheetName, headers: all[h]!.cells, rows: all.slice(h + 1) };
}

const normalise = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const SYNONYMS: Record<ReturnField, string[]> = {
  account: ['账号', '银行账号', '帐号', '卡号', '收款账号', '收款人账号', '账户'],
  name: ['户名', '姓名', '户主姓名', '收款人', '收款人姓名', '账户名称'],
  amount: ['金额', '发放金额', '交易金额', '代发金额', '金额(元)'],
  status: ['状态', '处理结果', '交易状态', '处理状态', '结果'],
  reason: ['失败原因', '原因', '错误信息', '失败说明', '处理说明'],
};

export const RETURN_FIELDS: readonly ReturnField[] = ['account', 'name', 'amount', 'status', 'reason'];

/** Column of each field by its header: exact names first, then a header containing one. */
export function guessReturnMapping(headers: readonly string[]): ReturnMapping {
  const used = new Set<number>();
  const out: ReturnMapping = { account: null, name: null, amount: null, status: null, reason: null };
  for (const pass of ['exact', 'contains'] as const) {
    for (const f of RETURN_FIELDS) {
      if (out[f] !== null) continue;
      const names = SYNONYMS[f].map(normalise);
      const hit = headers.findIndex((h, i) => {
        if (used.has(i) || !h) return false;
        const n = normalise(h);
        return pass === 'exact' ? names.includes(n) : names.some((name) => name.length >= 2 && n.includes(name));
      });
      if (hit >= 0) {
        out[f] = hit;
        used.add(hit);
      }
    }
  }
  return out;
}

/** 成功 / 失败 in the words banks use; null when the text says neither. */
export function parseReturnStatus(text: string): 'paid' | 'failed' | null {
  const t = text.replace(/\s+/g, '').toLowerCase();
  if (t === '') return null;
  if (/失败|不成功|未成功|退回|退票|拒绝|错误|异常|fail|error/.test(t)) return 'failed';
  if (/成功|已入账|入账|已发放|已代发|正常|完成|success|^ok$|^0000$/.test(t)) return 'paid';
  return null;
}
