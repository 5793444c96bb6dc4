import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../src/services/demo';
import { getOfficeKey } from '../../src/store/office-key';
import { filingWorld } from '../helpers/filing-world';
import { oldFormatBackup } from '../helpers/old-backup';
import { expect, test } from './fixtures';

const grouped = (hex: string) => hex.match(/.{4}/g)!.join(' ');
const SHOTS = process.env.DIBAO_SCREENSHOTS;

test('the office key in 本镇设置, a package checked against it, the administrator told of a broken audit chain, an unsigned backup flagged, a signed one shown with its key', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const world = await filingWorld(host.app, { approve: 2, deny: 1 });
  const fingerprint = getOfficeKey(host.app.db)!.fingerprint;

  // 本镇设置 shows the fingerprint, read-only, to office staff.
  await host.open(page, '#/settings', { username: 'clerk', password: DEMO_PASSWORD });
  await page.getByRole('menuitem', { name: '本镇设置' }).click();
  await expect(page.getByTestId('office-key-fingerprint')).toHaveText(`${grouped(fingerprint.slice(0, 32))}${grouped(fingerprint.slice(32))}`);
  if (SHOTS) {
    await page.getByTestId('office-key').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-key.png` });
  }

  // A package verified with the fingerprint from the cover sheet; a wrong one fails.
  const exported = await host.app.call('filing-export', { campaignId: world.campaign.id, destination: null }, { id: 2, name: '民政所经办员', role: 'clerk', villageId: null });
  if (!exported.ok) throw new Error(exported.error.message);
  const { zip } = exported.value as { zip: string };
  await page.getByRole('menuitem', { name: '备案与备份' }).click();
  await page.getByRole('tab', { name: '核验/查看备案包' }).click();
  await page.getByLabel('备案包路径').fill(zip);
  await page.getByLabel('签名密钥指纹').fill(grouped(fingerprint).toLowerCase());
  await page.getByRole('button', { name: '核验并查看' }).click();
  const signature = page.getByTestId('package-signature');
  await expect(page.getByText('核验通过：备案包完好')).toBeVisible();
  await expect(signature.getByText('签名有效（Ed25519）')).toBeVisible();
  await expect(signature.getByText('与指定指纹一致')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/verify-signed.png`, fullPage: true });
  await page.getByLabel('签名密钥指纹').fill('0'.repeat(64));
  await page.getByRole('button', { name: '核验并查看' }).click();
  await expect(page.getByText(/^签名密钥与指定的不符/)).toBeVisible();

  // Someone edits an audit row with the database file; at the next start the administrator sees it, a clerk does not.
  host.app.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '他人' WHERE id = 5; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;");
  await host.restart();
  await host.open(page, '#/workbench', { username: 'clerk', password: DEMO_PASSWORD });
  await expect(page.getByText('工作台').first()).toBeVisible();
  await expect(page.getByTestId('audit-chain-banner')).toHaveCount(0);
  await page.getByRole('button', { name: '退出' }).click();
  await host.open(page, '#/workbench', { username: 'admin', password: DEMO_PASSWORD });
  const banner = page.getByTestId('audit-chain-banner');
  await expect(banner).toContainText('审计日志哈希链断裂：第 5 条审计记录已被改动');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/audit-banner.png` });

  // An old unsigned backup: the restore dialog says so before anything is replaced.
  const old = join(host.dataDir, '低保备份-20250101-000000-手动.zip');
  writeFileSync(old, await oldFormatBackup());
  await page.getByRole('menuitem', { name: '备案与备份' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await page.getByLabel('备份文件路径').fill(old);
  await page.getByRole('button', { name: '查看备份内容' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog.getByText('无签名（旧版程序制作）')).toBeVisible();
  await expect(dialog.getByTestId('restore-warnings')).toContainText('该备份由旧版程序制作，没有签名');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/restore-old.png` });
  await dialog.getByRole('button', { name: /取\s*消/ }).click();

  // This office's own backup: encrypted and signed inside; the dialog names the key as this office's and the break
  // in the audit chain it carries.
  const made = await host.app.call('backup-create', {});
  if (!made.ok) throw new Error(made.error.message);
  await page.getByLabel('备份文件路径').fill((made.value as { path: string }).path);
  await page.getByRole('button', { name: '查看备份内容' }).click();
  const own = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(own.getByText('签名有效')).toBeVisible();
  await expect(own.getByText('本所当前密钥')).toBeVisible();
  await expect(own.getByText(`${grouped(fingerprint)}`)).toBeVisible();
  await expect(own.getByTestId('restore-warnings')).toContainText('备份中的审计日志哈希链断裂：第 5 条审计记录已被改动');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/restore-signed.png` });
  await own.getByRole('button', { name: /取\s*消/ }).click();
});
