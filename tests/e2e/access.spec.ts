import { DEMO_PASSWORD } from '../../src/services/demo';
import { expect, test } from './fixtures';

test('a village cadre sees only their village, and a link to another village shows a refusal page', async ({ page, host }) => {
  host.seedDemo();
  const db = host.app.db;
  const other = db
    .prepare(
      `SELECT h.id, p.name FROM households h JOIN villages v ON v.id = h.village_id JOIN persons p ON p.id = h.head_person_id
       WHERE v.name = '柳河社区' ORDER BY h.id LIMIT 1`,
    )
    .get() as { id: number; name: string };

  await host.open(page, '', { username: 'cadre1', password: DEMO_PASSWORD });
  await page.getByRole('menuitem', { name: '家庭档案' }).click();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '东山村' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '柳河社区' })).toHaveCount(0);
  // No form offers another village: the village choice of a new household holds only 东山村.
  await expect(page.getByRole('button', { name: '删除家庭' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: '人员检索' }).click();
  await page.getByPlaceholder(/姓名/).first().fill(other.name);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^没有找到/)).toBeVisible();
  await expect(page.getByRole('cell', { name: '柳河社区' })).toHaveCount(0);

  await page.goto(`http://127.0.0.1:${host.host.port}/#/households/${other.id}`);
  await expect(page.getByText('无法查看该家庭')).toBeVisible();
  await expect(page.getByText('村干部只能查看和办理本村（社区）的家庭')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/cadre-refusal.png' });

  // Menu items the contract does not allow are not offered; a typed link says so.
  await expect(page.getByRole('menuitem', { name: '低保金发放' })).toHaveCount(0);
  await page.goto(`http://127.0.0.1:${host.host.port}/#/payments`);
  await expect(page.getByText('无权访问此页面')).toBeVisible();

  // After logout the next user starts on their own home page, not on the cadre's last page.
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('用户名').fill('clerk');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByText('民政所经办员')).toBeVisible();
  await expect(page).toHaveURL(/#\/workbench/);
  await expect(page.getByRole('menuitem', { name: '工作台' })).toHaveClass(/ant-menu-item-selected/);
});

test('a clerk sees the policy parameters and the office details read-only', async ({ page, host }) => {
  host.seedDemo();
  await host.open(page, '#/settings?tab=policy', { username: 'clerk', password: DEMO_PASSWORD });
  await page.getByRole('menuitem', { name: '本镇设置' }).click();
  await page.getByRole('tab', { name: '低保政策参数' }).click();
  await expect(page.getByText('政策参数由管理员维护，此处仅供查看。')).toBeVisible();
  await expect(page.getByRole('button', { name: '新增政策版本' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/clerk-policy.png' });
  await page.getByRole('tab', { name: '本镇信息' }).click();
  await expect(page.getByText('本镇信息由管理员维护，此处仅供查看。')).toBeVisible();
  await expect(page.getByRole('button', { name: /保\s*存/ })).toHaveCount(0);
  await expect(page.getByLabel('乡镇人民政府名称')).toBeDisabled();
});
