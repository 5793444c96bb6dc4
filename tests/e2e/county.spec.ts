// The county view through the browser (issue 15): a county clerk receives two township packages — made by the
// township side of the program — confirming each township's key against its cover sheet, and sees the planted
// duplicate in 交叉比对. The township's pages are not offered.
import { seedDemoTownships } from '../../src/services/county/demo';
import { ensureCountyOffice } from '../../src/services/county/setup';
import { DEMO_PASSWORD } from '../../src/services/demo';
import { hashPassword } from '../../src/services/passwords';
import { expect, test } from './fixtures';

test('a county clerk receives two township packages and sees the duplicate', async ({ host, page }) => {
  test.setTimeout(120_000);
  const { townships, duplicate } = await seedDemoTownships(host.dataDir, await hashPassword(DEMO_PASSWORD));
  ensureCountyOffice(host.app.ctx(), '演示县民政局');
  await host.open(page, '#/county-receive');

  // Only the county's pages.
  const menu = page.getByRole('menu');
  for (const label of ['接收备案包', '乡镇', '县级汇总', '交叉比对']) await expect(menu.getByText(label, { exact: true })).toBeVisible();
  for (const label of ['工作台', '家庭档案', '低保花名册', '专项治理']) await expect(menu.getByText(label, { exact: true })).toHaveCount(0);

  const packages = page.getByTestId('county-source-package');
  await expect(packages).toHaveCount(4); // two folders and two zips
  // First township: its key confirmed group by group against the cover sheet.
  const first = townships[0]!;
  await page.getByTestId('county-path').fill(first.package);
  await page.getByRole('button', { name: /核\s*验/ }).last().click();
  const inspection = page.getByTestId('county-inspection');
  await expect(inspection).toContainText(first.name);
  await expect(inspection).toContainText('首次报送，待核对');
  const receive = page.getByTestId('county-receive');
  await expect(receive).toBeDisabled();
  for (let i = 0; i < 16; i++) await page.getByTestId(`fingerprint-group-${i}`).click();
  await receive.click();
  await expect(page.getByTestId('county-receive-result')).toContainText(`已接收「${first.name}」的备案包`);

  // Second township: the fingerprint typed from its cover sheet.
  const second = townships[1]!;
  await page.getByTestId('county-path').fill(second.package);
  await page.getByRole('button', { name: /核\s*验/ }).last().click();
  await expect(inspection).toContainText(second.name);
  await page.getByTestId('fingerprint-typed').fill((second.fingerprint.match(/.{4}/g) ?? []).join(' '));
  await expect(inspection).toContainText('与备案包一致');
  await page.getByTestId('county-receive').click();
  await expect(page.getByTestId('county-receive-result')).toContainText(`已接收「${second.name}」的备案包`);

  // The duplicate, with both townships as its sources.
  await page.getByRole('menu').getByText('交叉比对', { exact: true }).click();
  const table = page.getByTestId('cross-check-table');
  const row = table.locator('tr', { hasText: duplicate.idNumber });
  await expect(row).toContainText('跨乡镇重复享受');
  await expect(row).toContainText(duplicate.name);
  await expect(row.getByTestId('cross-source')).toHaveCount(2);
  await expect(row).toContainText(first.name);
  await expect(row).toContainText(second.name);

  // The summary counts both townships' rolls.
  await page.getByRole('menu').getByText('县级汇总', { exact: true }).click();
  const summary = page.getByTestId('county-summary-table');
  await expect(summary).toContainText('全县合计');
  await expect(summary).toContainText(String(first.persons + second.persons));
});

test('first start as 县民政局 gives the county’s pages only, also after a restart', async ({ host, page }) => {
  await host.open(page, '', null);
  await page.getByText('县民政局', { exact: true }).click();
  await page.getByLabel('县民政局名称').fill('某某县民政局');
  await page.getByLabel('用户名').fill('zhang');
  await page.getByLabel('姓名').fill('张科长');
  await page.getByLabel('密码', { exact: true }).fill('zhangpass2026');
  await page.getByLabel('确认密码').fill('zhangpass2026');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByTestId('county-name')).toContainText('某某县民政局');
  await host.restart();
  await host.open(page, '#/households', { username: 'zhang', password: 'zhangpass2026' });
  // A township link lands on the county's first page; no township menu item exists.
  await expect(page.getByRole('heading', { name: '接收备案包' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '家庭档案' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '县级汇总' })).toBeVisible();
});
