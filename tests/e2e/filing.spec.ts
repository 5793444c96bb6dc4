import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../src/services/demo';
import { filingWorld } from '../helpers/filing-world';
import { expect, test } from './fixtures';

test('a clerk exports the county package to the default folder and sees it verify; an admin backs up and sees it listed', async ({ page, host }) => {
  await filingWorld(host.app, { approve: 3, deny: 1 });

  await host.open(page, '#/filing', { username: 'clerk', password: DEMO_PASSWORD });
  await page.getByRole('menuitem', { name: '备案与备份' }).click();
  await expect(page.getByRole('combobox', { name: '保存到' })).toHaveValue(join(host.dataDir, 'exports'));
  await page.getByRole('button', { name: '生成备案包' }).click();
  await expect(page.getByText('备案包已生成', { exact: true })).toBeVisible({ timeout: 30_000 });
  const folder = (await page.getByTestId('package-folder').textContent())!;
  expect(folder.startsWith(join(host.dataDir, 'exports'))).toBe(true);
  expect(existsSync(folder) && existsSync(`${folder}.zip`)).toBe(true);

  await page.getByRole('button', { name: '核验备案包' }).click();
  const report = page.getByTestId('package-report');
  await expect(report.getByText('核验通过：备案包完好')).toBeVisible();
  await report.getByRole('tab', { name: /审批通过名单/ }).click();
  await expect(report.locator('.ant-tabs-tabpane-active .ant-table-tbody tr')).toHaveCount(3);

  // The zip opened read-only in the other tab, as the county would.
  await page.getByRole('tab', { name: '核验/查看备案包' }).click();
  await page.getByLabel('备案包路径').fill(`${folder}.zip`);
  await page.getByRole('button', { name: '核验并查看' }).click();
  await expect(page.getByText('核验通过：备案包完好').last()).toBeVisible();

  // A clerk backs up but cannot restore.
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page.getByText('从备份恢复须由管理员操作。')).toBeVisible();

  await page.getByRole('button', { name: '退出' }).click();
  await host.open(page, '#/filing?tab=backup', { username: 'admin', password: DEMO_PASSWORD });
  await page.getByRole('menuitem', { name: '备案与备份' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page.getByText('还没有备份')).toBeVisible();
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/已备份并核验/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('cell', { name: '手动备份' })).toBeVisible();
  expect(readdirSync(join(host.dataDir, 'backups')).filter((n) => n.endsWith('-手动.zip'))).toHaveLength(1);

  // Restore shows the backup's contents and needs the typed word.
  await page.getByRole('button', { name: /恢复…/ }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog.getByText(/家庭 36 户/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /恢\s*复/ })).toBeDisabled();
  await dialog.getByLabel('输入恢复以确认').fill('恢复');
  await expect(dialog.getByRole('button', { name: /恢\s*复/ })).toBeEnabled();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
});
