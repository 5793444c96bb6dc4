// The 人员信息汇总表 the township sends to the county's verification platform (plan 三(二)第三步), and the
// reading of the findings file that comes back. Every cell is text: an 18-digit ID number must never become a
// floating-point number in Excel.
import ExcelJS from 'exceljs';
import { VERIFICATION_FIELD_LABELS, VERIFICATION_FIELDS, type VerificationField } from '../contract';
import { readSheet } from './xlsx/read-sheet';

export type VerificationExportRow = {
  village: string;
  headName: string;
  headIdNumber: string;
  name: string;
  relation: string;
  sex: string;
  idNumber: string;
  householdSize: number;
  applicationType: string;
};

/** Columns of the sheet: the household and member first, then the finding columns the county fills in. */
const EXPORT_COLUMNS: { header: string; key: keyof VerificationExportRow | VerificationField | 'seq'; width: number }[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '村（社区）', key: 'village', width: 14 },
  { header: '户主姓名', key: 'headName', width: 10 },
  { header: VERIFICATION_FIELD_LABELS.headIdNumber, key: 'headIdNumber', width: 21 },
  { header: VERIFICATION_FIELD_LABELS.name, key: 'name', width: 10 },
  { header: '与户主关系', key: 'relation', width: 10 },
  { header: '性别', key: 'sex', width: 6 },
  { header: VERIFICATION_FIELD_LABELS.idNumber, key: 'idNumber', width: 21 },
  { header: '家庭人口', key: 'householdSize', width: 8 },
  { header: '申请类型', key: 'applicationType', width: 10 },
  ...(['monthlyIncome', 'vehicles', 'realEstate', 'deposits', 'business', 'other', 'compliant', 'note'] as const).map((f) => ({
    header: VERIFICATION_FIELD_LABELS[f],
    key: f,
    width: f === 'note' ? 30 : 14,
  })),
];

export async function verificationWorkbook(rows: readonly VerificationExportRow[], meta: { title: string; office: string; generatedAt: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.office;
  wb.created = new Date(meta.generatedAt);
  const ws = wb.addWorksheet('人员信息汇总表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width, style: { numFmt: '@' } }));
  const last = ws.getColumn(EXPORT_COLUMNS.length).letter;
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = meta.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = `填报单位：${meta.office}　导出时间：${meta.generatedAt.slice(0, 10)}　核定月收入、财产情况及结论由核对平台填写；结论填「是」或「否」`;
  const header = ws.getRow(3);
  header.values = EXPORT_COLUMNS.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.pageSetup.printTitlesRow = '3:3';
  rows.forEach((r, i) => {
    const values = EXPORT_COLUMNS.map((c) => {
      if (c.key === 'seq') return String(i + 1);
      const v = (r as Record<string, unknown>)[c.key];
      return v === undefined ? '' : String(v);
    });
    ws.addRow(values);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- reading the returned findings

export type SheetRow = { row: number; cells: Map<number, string> };
export type Sheet = { sheets: string[]; sheetName: string; headerRow: number; headers: { column: number; header: string }[]; rows: SheetRow[] };

const normalise = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

const SYNONYMS: Record<VerificationField, string[]> = {
  headIdNumber: ['户主身份证号码', '户主身份证号', '户主证件号码', '户主公民身份号码'],
  idNumber: ['身份证号码', '身份证号', '证件号码', '公民身份号码', '成员身份证号码'],
  name: ['姓名', '成员姓名'],
  monthlyIncome: ['核定月收入(元)', '核定月收入', '月收入(元)', '月收入', '月人均收入'],
  vehicles: ['车辆', '车辆情况', '机动车'],
  realEstate: ['房产', '房产情况', '不动产'],
  deposits: ['存款及有价证券', '存款', '银行存款', '金融资产'],
  business: ['工商登记', '工商注册', '市场主体登记'],
  other: ['其他财产', '其他'],
  compliant: ['财产状况是否符合(是/否)', '财产状况是否符合', '是否符合', '核对结论', '结论'],
  note: ['核对说明', '说明', '备注'],
};

/** Column of each field by its header (exact first, then a header that contains a known name). */
export function suggestMapping(headers: { column: number; header: string }[]): Partial<Record<VerificationField, number | null>> {
  const used = new Set<number>();
  const out: Partial<Record<VerificationField, number | null>> = {};
  for (const pass of ['exact', 'contains'] as const) {
    for (const f of VERIFICATION_FIELDS) {
      if (out[f]) continue;
      const names = SYNONYMS[f].map(normalise);
      const hit = headers.find((h) => {
        if (used.has(h.column)) return false;
        const n = normalise(h.header);
        return pass === 'exact' ? names.includes(n) : names.some((name) => name.length >= 2 && n.includes(name));
      });
      if (hit) {
        out[f] = hit.column;
        used.add(hit.column);
      }
    }
  }
  for (const f of VERIFICATION_FIELDS) out[f] ??= null;
  return out;
}

/**
 * One visible worksheet (the first, or `sheetName`), read in a worker thread by the strict reader of ./xlsx:
 * the header row is the first of the top 10 rows that names an ID-number column. Columns are 1-based.
 */
export async function readVerificationSheet(bytes: Buffer, sheetName: string | null = null): Promise<Sheet> {
  const book = await readSheet(bytes, sheetName);
  const top = book.rows.filter((r) => r.rowNumber <= 10);
  const headerRow = top.find((r) => r.cells.some((c) => /身份证|证件号码|身份号码/.test(c)))?.rowNumber ?? 1;
  const headers: { column: number; header: string }[] = [];
  book.rows.find((r) => r.rowNumber === headerRow)?.cells.forEach((c, i) => c && headers.push({ column: i + 1, header: c }));
  const rows: SheetRow[] = [];
  for (const r of book.rows) {
    if (r.rowNumber <= headerRow) continue;
    const cells = new Map<number, string>();
    r.cells.forEach((c, i) => c && cells.set(i + 1, c));
    if (cells.size > 0) rows.push({ row: r.rowNumber, cells });
  }
  return { sheets: book.sheets, sheetName: book.sheetName, headerRow, headers, rows };
}
