// The demo office (most recipients with a fictitious bank card) and the payment steps the tests share.
import ExcelJS from 'exceljs';
import type { Actor, PaymentBatchView, PaymentPreview, PaymentRowPage, PaymentRowView } from '../../src/contract';
import { ok } from './temp-app';
import { clerk, type World } from './roster-world';

export async function preview(w: World, month: string, villageId: number | null = null, actor: Actor = clerk): Promise<PaymentPreview> {
  return ok<PaymentPreview>(await w.call('payment-preview', { month, villageId }, actor));
}

export async function generate(w: World, month: string, villageId: number | null = null): Promise<PaymentBatchView> {
  return ok<PaymentBatchView>(await w.call('payment-generate', { month, villageId }, clerk));
}

/** Every row of a batch, read a page at a time as the screen does (the batch itself carries the first page only). */
export async function allRows(w: World, batchId: number, pageSize = 7): Promise<PaymentRowView[]> {
  const rows: PaymentRowView[] = [];
  for (let page = 1; ; page++) {
    const p = ok<PaymentRowPage>(await w.call('payment-batch-rows', { batchId, page, pageSize }, clerk));
    rows.push(...p.rows);
    if (p.rows.length < pageSize || rows.length >= p.total) return rows;
  }
}

export async function sheetOf(base64: string, index = 0): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[index]!;
}

export type ReturnLine = { account: string; name: string; amount: number | string; status: string; reason?: string };

/** A bank's return file: a title row, then 账号 / 户名 / 金额 / 处理结果 / 失败原因, account numbers as text. */
export async function returnFile(lines: readonly ReturnLine[], title = '清河农商银行代发回盘'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow([title]);
  ws.addRow(['账号', '户名', '金额', '处理结果', '失败原因']);
  for (const l of lines) ws.addRow([l.account, l.name, l.amount, l.status, l.reason ?? '']);
  ws.getColumn(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
