// Issue 14: an office adopting the program brings in its existing roll through 存量数据导入, from the template the
// page offers, and finds the households on the 低保花名册 with the roll's amounts and start month.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Set ROLL_SHOTS=/tmp/shots-roll to keep a 1366×768 screenshot of each step. */
const SHOTS = process.env.ROLL_SHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('a clerk downloads the template, imports it as the roll, and sees the household on the roster', async ({ page, host }) => {
  await host.open(page);
  await page.getByRole('menuitem', { name: '低保花名册' }).click();
  await page.getByRole('link', { name: '存量数据导入' }).first().click();
  await expect(page.getByTestId('roll-import')).toBeVisible();
  await shot(page, '1-start');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  const file = join(host.dataDir, '存量花名册导入模板.xlsx');
  await (await download).saveAs(file);

  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText('请核对每一项对应的列')).toBeVisible();
  await shot(page, '2-mapping');
  await page.getByRole('button', { name: '下一步：预览检查' }).click();
  await expect(page.getByText('没有错误，可以导入')).toBeVisible();
  await expect(page.getByText('将新建村（社区）')).toBeVisible();
  await shot(page, '3-preview');
  await page.getByRole('button', { name: /^导\s*入$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /导\s*入/ }).click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(page.getByText('已建立 1 户 1 人')).toBeVisible();
  await shot(page, '4-done');

  await page.getByRole('button', { name: '查看低保花名册' }).click();
  const row = page.getByRole('row').filter({ hasText: '张建国' });
  await expect(row).toContainText('东山村');
  await expect(row).toContainText('620.00');
  await expect(row).toContainText('2021');
  await shot(page, '5-roster');

  // After a restart the import is still there, and the same file again changes nothing.
  await host.restart();
  await host.open(page);
  await page.getByRole('menuitem', { name: '低保花名册' }).click();
  await expect(page.getByRole('row').filter({ hasText: '张建国' })).toContainText('620.00');
  await page.getByRole('link', { name: '存量数据导入' }).first().click();
  await expect(page.getByRole('cell', { name: '存量花名册导入模板.xlsx' })).toBeVisible();
});
