import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoveryKeyGroups } from '../../src/exchange/backup-crypto';
import { openApp } from '../../src/services/app';
import { DEMO_PASSWORD, seedDemo } from '../../src/services/demo';
import { legacyBackup } from '../helpers/backup-office';
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
  expect(readdirSync(join(host.dataDir, 'backups')).filter((n) => n.endsWith('-手动.bak'))).toHaveLength(1);

  // Restore shows the backup's contents and needs the typed word.
  await page.getByRole('button', { name: /恢复…/ }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog.getByText(/家庭 36 户/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /恢\s*复/ })).toBeDisabled();
  await dialog.getByLabel('输入恢复以确认').fill('恢复');
  await expect(dialog.getByRole('button', { name: /恢\s*复/ })).toBeEnabled();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
});

test('the admin prints the recovery key sheet; on a new PC a backup opens only with that key, and an old unencrypted one is flagged', async ({ page, host }) => {
  // The "old PC": an office with its own backup key, and a backup of it on a USB stick.
  const oldPc = mkdtempSync(join(tmpdir(), 'dibao-oldpc-'));
  const usb = mkdtempSync(join(tmpdir(), 'dibao-usb-'));
  try {
    const other = openApp({ dataDir: oldPc });
    let recovery: string[];
    try {
      seedDemo(other.ctx(), { cycle: false });
      const made = await other.call('backup-create', { destination: usb });
      expect(made.ok).toBe(true);
      recovery = recoveryKeyGroups((await other.backupKeys.current()).key);
      await legacyBackup({ db: other.db, dataDir: oldPc }, join(usb, '低保备份-20250101-080000-手动.zip'));
    } finally {
      other.close();
    }
    // This PC's office has its settings (the sheet names the office) and its own, different key.
    host.seedDemo();
    const wrong = recoveryKeyGroups((await host.app.backupKeys.current()).key);
    const backup = readdirSync(usb).find((n) => n.endsWith('-手动.bak'))!;

    await host.open(page, '#/filing?tab=backup', { username: 'admin', password: DEMO_PASSWORD });
    await page.getByRole('menuitem', { name: '备案与备份' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await expect(page.getByText('尚未打印恢复密钥单').first()).toBeVisible();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: 'test-results/backup-key-panel.png' });
    await page.getByRole('button', { name: '打印恢复密钥单' }).click();
    const sheet = page.getByRole('dialog', { name: /恢复密钥单/ });
    await expect(sheet.getByText('打印后请妥善保管于保险柜')).toBeVisible();
    await expect(sheet.getByRole('button', { name: '下载' })).toHaveCount(0);
    await sheet.getByRole('button', { name: /关\s*闭/ }).click();
    await expect(page.getByText(/已于 .* 由 系统管理员 打印/)).toBeVisible();

    // A backup from the other PC: its header is shown, unchecked, and the recovery key is asked for.
    await page.getByLabel('备份文件路径').fill(join(usb, backup));
    await page.getByRole('button', { name: '查看备份内容' }).click();
    const ask = page.getByRole('dialog', { name: '输入恢复密钥' });
    await expect(ask.getByText('清河镇人民政府')).toBeVisible();
    await ask.getByLabel('恢复密钥').fill(wrong.join(' '));
    await expect(ask.getByText('已输入 80 / 80 位数字')).toBeVisible();
    await page.screenshot({ path: 'test-results/backup-recovery-key.png' });
    await ask.getByRole('button', { name: '核验备份' }).click();
    await expect(ask.getByText(/不是该备份的密钥/)).toBeVisible();
    await ask.getByLabel('恢复密钥').fill(recovery.join('-'));
    await ask.getByRole('button', { name: '核验备份' }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await expect(dialog.getByText(/用输入的恢复密钥打开/)).toBeVisible();
    await expect(dialog.getByText(/家庭 36 户/)).toBeVisible();
    await dialog.getByLabel('输入恢复以确认').fill('恢复');
    await dialog.getByRole('button', { name: /恢\s*复/ }).click();
    const done = page.getByRole('dialog').filter({ hasText: '恢复完成' });
    await expect(done.getByText(/已设为本机的备份密钥/)).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/backup-restored.png' });
    await done.getByRole('button', { name: '重新登录' }).click();

    // The restored office's own backups now open with this PC's key; an old zip backup carries a warning.
    await host.open(page, '#/filing?tab=backup', { username: 'admin', password: DEMO_PASSWORD });
    await page.getByRole('menuitem', { name: '备案与备份' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await page.getByLabel('备份文件路径').fill(join(usb, '低保备份-20250101-080000-手动.zip'));
    await page.getByRole('button', { name: '查看备份内容' }).click();
    const legacy = page.getByRole('dialog', { name: '从备份恢复' });
    await expect(legacy.getByText('未加密的旧备份')).toBeVisible();
    await page.screenshot({ path: 'test-results/backup-legacy.png' });
    await legacy.getByRole('button', { name: /取\s*消/ }).click();
  } finally {
    rmSync(oldPc, { recursive: true, force: true });
    rmSync(usb, { recursive: true, force: true });
  }
});
