import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Household, PaymentBatchView, RetryItem, ReturnCommitResult, ReturnPreview } from '../../src/contract';
import { generate, returnFile, sheetOf, type ReturnLine } from '../helpers/payments-world';
import { clerk, rosterWorld, type World } from '../helpers/roster-world';
import { ok } from '../helpers/temp-app';

let w: World;
let batch: PaymentBatchView;
beforeEach(async () => {
  w = rosterWorld();
  batch = await generate(w, '2026-04');
});
afterEach(() => w.dispose());

const paying = () => batch.rows.filter((r) => r.status === 'pending');
const lineOf = (r: PaymentBatchView['rows'][number], over: Partial<ReturnLine> = {}): ReturnLine => ({ account: r.accountNumber!, name: r.holderName!, amount: r.amount, status: '成功', ...over });
const input = (base64: string, fileName = '回盘.xlsx') => ({ batchId: batch.batch.id, fileName, base64 });
const previewOf = async (base64: string) => ok<ReturnPreview>(await w.call('payment-return-preview', input(base64), clerk));
const commit = (base64: string, fileName?: string) => w.call('payment-return-commit', input(base64, fileName), clerk);
const get = async () => ok<PaymentBatchView>(await w.call('payment-batch-get', { batchId: batch.batch.id }, clerk));
const statuses = async () => new Map((await get()).rows.map((r) => [r.id, `${r.status}:${r.failReason ?? ''}`]));

describe('the bank return file', () => {
  it('marks each row paid or failed with the reason; the same file again changes nothing', async () => {
    const [failedRow, ...rest] = paying();
    const file = await returnFile([lineOf(failedRow!, { status: '失败', reason: '账户已销户' }), ...rest.map((r) => lineOf(r))]);
    const p = await previewOf(file);
    expect(p.mapping).toEqual({ account: 0, name: 1, amount: 2, status: 3, reason: 4 });
    expect(p).toMatchObject({ dataRows: paying().length, paid: rest.length, failed: 1, unchanged: 0, problems: [], alreadyImported: false });
    expect(p.items[0]).toMatchObject({ row: 3, headName: failedRow!.headName, result: 'failed', reason: '账户已销户', change: 'new' });
    // A preview writes nothing.
    expect((await get()).batch.counts).toMatchObject({ pending: paying().length, paid: 0, failed: 0 });

    expect(ok<ReturnCommitResult>(await commit(file))).toEqual({ paid: rest.length, failed: 1, unchanged: 0, alreadyImported: false });
    const after = await get();
    expect(after.batch.counts).toMatchObject({ pending: 0, paid: rest.length, failed: 1 });
    expect(after.rows.find((r) => r.id === failedRow!.id)).toMatchObject({ status: 'failed', failReason: '账户已销户' });
    expect(after.returns).toEqual([expect.objectContaining({ fileName: '回盘.xlsx', paid: rest.length, failed: 1, importedBy: clerk.name })]);

    const before = await statuses();
    expect(ok<ReturnCommitResult>(await commit(file))).toMatchObject({ paid: 0, failed: 0, alreadyImported: true });
    expect((await previewOf(file)).alreadyImported).toBe(true);
    // The same content in a new file (re-saved by the bank) is recognised row by row as unchanged.
    const copy = await returnFile([lineOf(failedRow!, { status: '失败', reason: '账户已销户' }), ...rest.map((r) => lineOf(r))], '回盘（重新导出）');
    expect(ok<ReturnCommitResult>(await commit(copy, '回盘2.xlsx'))).toEqual({ paid: 0, failed: 0, unchanged: paying().length, alreadyImported: false });
    expect(await statuses()).toEqual(before);
    // A batch with a return imported can no longer be cancelled.
    expect(await w.call('payment-batch-cancel', { batchId: batch.batch.id, reason: '测试作废批次' }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
  });

  it('refuses a file with an unknown account, a wrong amount or an unreadable result, writing nothing', async () => {
    const [a, b, c, ...rest] = paying();
    const file = await returnFile([
      lineOf(a!, { account: '6228480402564890018' }),
      lineOf(b!, { amount: b!.amount + 10 }),
      lineOf(c!, { status: '处理中' }),
      ...rest.map((r) => lineOf(r)),
    ]);
    const p = await previewOf(file);
    expect(p.problems).toEqual([
      { row: 3, column: '账号', message: '账号 6228 4804 0256 4890 018 不在本批次的代发名单中' },
      { row: 4, column: '金额', message: `金额 ${(b!.amount + 10).toFixed(2)} 与本批次${b!.headName}户应发金额 ${b!.amount.toFixed(2)} 不一致` },
      { row: 5, column: '处理结果', message: '处理结果「处理中」无法识别（应为成功或失败）' },
    ]);
    const before = await statuses();
    const r = await commit(file);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('回盘文件有3处问题，未导入任何记录') } });
    expect(await statuses()).toEqual(before);
    expect((await get()).returns).toEqual([]);
    // Not a workbook at all.
    expect(await commit(Buffer.from('账号,金额\n1,2').toString('base64'))).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('.xlsx') } });
  });
});

describe('the retry list', () => {
  it('lists failed and excluded rows with the fix, and makes a retry file once the account is corrected', async () => {
    const [failedRow, ...rest] = paying();
    ok(await w.call('payment-return-commit', input(await returnFile([lineOf(failedRow!, { status: '失败', reason: '户名与账号不符' }), ...rest.map((r) => lineOf(r))])), clerk));
    const excluded = batch.rows.filter((r) => r.status === 'excluded');
    let list = ok<RetryItem[]>(await w.call('payment-retry-list', { batchId: batch.batch.id }, clerk));
    expect(list.length).toBe(1 + excluded.length);
    expect(list.find((i) => i.row.id === failedRow!.id)).toMatchObject({ fix: 'same-account', row: { failReason: '户名与账号不符' } });
    expect(list.filter((i) => i.row.status === 'excluded').every((i) => i.fix === 'no-account' && i.current === null)).toBe(true);

    // The clerk corrects the failed household's account (the card is in the spouse's name).
    const h = ok<Household>(await w.call('household-get', { id: failedRow!.householdId }, clerk));
    const holder = h.members.at(-1)!;
    ok(await w.call('bank-account-save', { householdId: h.id, holderPersonId: holder.id, bankName: '清河农商银行', kind: 'card', accountNumber: '6228480402564890018' }, clerk));
    list = ok<RetryItem[]>(await w.call('payment-retry-list', { batchId: batch.batch.id }, clerk));
    expect(list.find((i) => i.row.id === failedRow!.id)).toMatchObject({ fix: 'account-changed', current: { accountNumber: '6228480402564890018', holderName: holder.name } });

    const retry = ok<{ fileName: string; base64: string; rows: number }>(await w.call('payment-retry-export', { batchId: batch.batch.id }, clerk));
    expect(retry.rows).toBe(1);
    expect(retry.fileName).toMatch(/^低保金补发_2026-04_全镇_第\d+批_第1轮\.xlsx$/);
    const ws = await sheetOf(retry.base64);
    expect(ws.rowCount).toBe(2);
    expect(ws.getCell('D2').value).toBe('6228480402564890018');
    expect(ws.getCell('F2').value).toBe(failedRow!.amount);
    list = ok<RetryItem[]>(await w.call('payment-retry-list', { batchId: batch.batch.id }, clerk));
    expect(list.find((i) => i.row.id === failedRow!.id)).toMatchObject({ fix: 'sent', row: { status: 'pending', retryRound: 1, retryAccountNumber: '6228480402564890018' } });
    // Downloading again gives the same round, not a second one.
    expect(ok<{ fileName: string }>(await w.call('payment-retry-export', { batchId: batch.batch.id }, clerk)).fileName).toBe(retry.fileName);

    // The bank pays the retry into the corrected account.
    const back = ok<ReturnCommitResult>(
      await w.call('payment-return-commit', input(await returnFile([{ account: '6228480402564890018', name: holder.name, amount: failedRow!.amount, status: '交易成功' }]), '补发回盘.xlsx'), clerk),
    );
    expect(back).toEqual({ paid: 1, failed: 0, unchanged: 0, alreadyImported: false });
    expect((await get()).rows.find((r) => r.id === failedRow!.id)).toMatchObject({ status: 'paid', accountNumber: failedRow!.accountNumber });
    list = ok<RetryItem[]>(await w.call('payment-retry-list', { batchId: batch.batch.id }, clerk));
    expect(list.some((i) => i.row.id === failedRow!.id)).toBe(false);
  });
});
