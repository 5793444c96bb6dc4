import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const CLERK = { username: 'clerk', password: 'demo1234' };

test('payments: the clerk generates the month, downloads the bank file, imports a return with one failure and sees it on the retry list', async ({ host, page }, testInfo) => {
  // The demo office as of 45 days ago: its recipients are paid from the month after, so this month is due.
  host.seedDemo(new Date(Date.now() - 45 * 86_400_000));
  await host.open(page, '', CLERK);
  await page.getByRole('menuitem', { name: '低保金发放' }).click();
  await expect(page.getByText('内部资料，严禁公开张贴').first()).toBeVisible();

  await page.getByRole('button', { name: '生成发放名单' }).click();
  const dialog = page.getByRole('dialog', { name: /生成.*低保金发放名单（全镇）/ });
  await expect(dialog.getByText(/户没有有效的银行账户，将列为问题户/)).toBeVisible();
  await dialog.getByRole('button', { name: '确认生成' }).click();
  await expect(page.locator('.ant-message').getByText(/^已生成\d{4}年\d+月发放名单/)).toBeVisible();
  const batch = page.locator('.ant-card').filter({ hasText: /第\d+批/ }).last();
  await expect(batch.getByText(/户未列入银行代发/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('payments-page.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), batch.getByRole('button', { name: /下载银行代发文件/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^低保金发放花名册_\d{4}-\d{2}_全镇_第\d+批\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).values).toEqual([undefined, '序号', '户主姓名', '身份证号码', '银行账号', '开户行', '金额', '备注']);
  const rows: { name: string; account: string; amount: number }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push({ name: String(ws.getCell(r, 2).value), account: String(ws.getCell(r, 4).value), amount: Number(ws.getCell(r, 6).value) });
  expect(rows.length).toBeGreaterThan(5);

  // The bank's return: every row paid except the first, whose account is frozen.
  const back = new ExcelJS.Workbook();
  const sheet = back.addWorksheet('回盘');
  sheet.addRow(['账号', '户名', '金额', '处理结果', '失败原因']);
  rows.forEach((r, i) => sheet.addRow([r.account, r.name, r.amount, i === 0 ? '失败' : '成功', i === 0 ? '账户已冻结' : '']));
  const file = join(testInfo.outputPath(), '银行回盘.xlsx');
  writeFileSync(file, Buffer.from(await back.xlsx.writeBuffer()));

  await batch.getByRole('tab', { name: '银行回盘' }).click();
  await batch.locator('.ant-tabs-tabpane-active input[type=file]').setInputFiles(file);
  await expect(batch.getByText(`可以导入：成功 ${rows.length - 1} 户，失败 1 户`)).toBeVisible();
  await batch.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('.ant-message').getByText(`已导入银行回盘：成功 ${rows.length - 1} 户，失败 1 户`)).toBeVisible();

  await batch.getByRole('tab', { name: /补发名单/ }).click();
  const failed = batch.locator('.ant-tabs-tabpane-active .ant-table-row').filter({ hasText: '账户已冻结' });
  await expect(failed).toHaveCount(1);
  await expect(failed.getByRole('link', { name: rows[0]!.name })).toBeVisible();
  await expect(failed.getByText('账号未更改')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('payments-retry.png'), fullPage: true });

  // The fix: the clerk corrects the account on the household page, and the retry list says so.
  await failed.getByRole('link', { name: rows[0]!.name }).click();
  const card = page.locator('.ant-card').filter({ hasText: '低保金代发账户' });
  await expect(card.getByText('清河农商银行')).toBeVisible();
  await card.getByRole('button', { name: '更正账户' }).click();
  const edit = page.getByRole('dialog', { name: '更正银行账户' });
  await edit.getByLabel('银行账号').fill('6228 4804 0256 4890 019');
  await edit.getByRole('button', { name: '保 存' }).click();
  await expect(edit.getByText('银行卡号校验位不正确，请核对卡号是否抄错')).toBeVisible();
  await edit.getByLabel('银行账号').fill('6228 4804 0256 4890 018');
  await edit.getByRole('button', { name: '保 存' }).click();
  await expect(card.getByText('6228 4804 0256 4890 018')).toBeVisible();
  await expect(card.getByText(/更正前账号/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('household-account.png'), fullPage: true });
  await page.goBack();
  await page.getByRole('menuitem', { name: '低保金发放' }).click();
  await batch.getByRole('tab', { name: /补发名单/ }).click();
  await expect(failed.getByText('账号已更正', { exact: true })).toBeVisible();
});
