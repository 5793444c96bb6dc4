import { expect, test } from './fixtures';

const CLERK = { username: 'clerk', password: 'demo1234' };
const ADMIN = { username: 'admin', password: 'demo1234' };

test('roster: demo recipients, Excel export, due list after the interval setting, a change case from a row', async ({ host, page, context }) => {
  // The demo office as of 45 days ago: every carried-over recipient was last reviewed then.
  host.seedDemo(new Date(Date.now() - 45 * 86_400_000));
  await host.open(page, '', CLERK);
  await page.getByRole('menuitem', { name: '低保花名册' }).click();
  const card = page.locator('.ant-card').filter({ hasText: '低保花名册' });
  await expect(card.getByText('内部资料，不得公开张贴').first()).toBeVisible();
  const rows = card.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(card.getByText(/共 \d+ 户/)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^低保对象花名册_\d{4}-\d{2}-\d{2}\.xlsx$/);

  await card.getByRole('tab', { name: '到期复核' }).click();
  await expect(card.getByText('30 天内没有到期复核的家庭')).toBeVisible();

  // The administrator shortens the C-class interval to one month (本镇设置 → 动态管理).
  const adminPage = await context.newPage();
  await host.open(adminPage, '#/settings?tab=roster', ADMIN);
  const cField = adminPage.getByLabel('C类');
  await expect(cField).toHaveValue('6');
  await cField.fill('1');
  await adminPage.getByRole('button', { name: '保 存' }).click();
  await expect(adminPage.getByText('动态管理设置已保存')).toBeVisible();
  await adminPage.close();

  await card.getByRole('tab', { name: '花名册' }).click();
  await card.getByRole('tab', { name: '到期复核' }).click();
  const due = card.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');
  await expect(due.first()).toBeVisible();
  await expect(due.first().getByText('已逾期')).toBeVisible();

  const row = due.first();
  const head = (await row.locator('td').nth(1).locator('a').innerText()).trim();
  await row.getByRole('button', { name: '开启动态调整' }).click();
  const dialog = page.getByRole('dialog', { name: /开启动态调整/ });
  // Pick the reason from the suggestions, which closes the list that would otherwise cover the buttons.
  await dialog.getByLabel('调整原因').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '家庭成员就业' }).click();
  await expect(dialog.getByLabel('调整原因')).toHaveValue('家庭成员就业');
  await dialog.getByRole('button', { name: '开启案件' }).click();
  await expect(page).toHaveURL(/#\/cases\/\d+/);
  await expect(page.getByText(`${head}户`, { exact: true })).toBeVisible();
  await expect(page.locator('.ant-tag').filter({ hasText: '动态调整' })).toBeVisible();
  await expect(page.getByText('当前步骤：经济状况核对')).toBeVisible();
  await expect(page.locator('.ant-descriptions').getByText('家庭成员就业')).toBeVisible();
});
