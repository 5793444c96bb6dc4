// 存量花名册 (issue 14): the template workbook the office fills in, and the reading of an uploaded roll. Uploads
// are read by the strict reader of ./xlsx in a worker thread, like the department lists; exceljs only writes.
import ExcelJS from 'exceljs';
import { ROLL_EXAMPLE, ROLL_FIELDS, ROLL_FIELD_LABELS, ROLL_REQUIRED } from '../domain/roll-import';
import { readDepartmentSheet, type DepartmentSheet } from './department-import';

export type RollSheet = DepartmentSheet;

/** The header row is the first of the top rows naming the ID column (a title row may sit above it). */
export const readRollSheet = (bytes: Buffer, sheetName: string | null): Promise<RollSheet> => readDepartmentSheet(bytes, sheetName);

const NOTES: string[] = [
  '填写说明：',
  '1. 每行一人：户主一行，其余家庭成员各一行，「户主姓名」填本户户主；只有户主一行也可以（一户一行）。',
  '2. 保障类别填 困难、低收入 或 因病支出型；人员类别填 A、B 或 C，未纳入保障的成员留空，月保障金也留空。',
  '3. 月保障金为该成员每月金额（元）；享受起始年月如 2021-03。开户行、银行账号填在户主一行。',
  '4. 身份证号码、银行账号请设为「文本」格式，以免 Excel 丢失末几位。示例行为虚构数据，导入前请删除。',
];

/** The template: the columns in the order rolls usually carry them, one example row, and how to fill it in. */
export async function rollTemplateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('存量花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROLL_FIELDS.map((f) => ({
    header: ROLL_FIELD_LABELS[f],
    key: f,
    width: f === 'idNumber' || f === 'accountNumber' ? 22 : f === 'address' ? 26 : f === 'startMonth' ? 14 : 11,
    style: { numFmt: '@' },
  }));
  ws.addRow(ROLL_FIELDS.map((f) => ROLL_EXAMPLE[f]));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 24;
  for (const [i, f] of ROLL_FIELDS.entries()) {
    if (ROLL_REQUIRED.includes(f)) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  }
  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 110;
  for (const line of [...NOTES, '', '底色为黄色的列必须填写。']) notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
