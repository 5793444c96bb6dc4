import { computeCheckChar } from '../../src/domain/id-number';
import { expect, test } from './fixtures';
import { HouseholdsPage } from './pages/households-page';

const id = (first17: string) => first17 + computeCheckChar(first17);
const HEAD_ID = id('99010119580312001');
const WIFE_ID = id('99010119600415002');
const SON_ID = id('99010119881120003');

async function addVillage(page: import('@playwright/test').Page, name: string, code: string, groups: string[]) {
  await page.getByRole('menuitem', { name: '村（社区）' }).click();
  await page.getByRole('button', { name: '新增村（社区）' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(name);
  await dialog.getByLabel('村（社区）代码').fill(code);
  const groupsBox = dialog.getByLabel('村民小组');
  for (const g of groups) {
    await groupsBox.fill(g);
    await groupsBox.press('Enter');
  }
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
}

test('a clerk registers a village and a household of three, finds a member by pinyin initials, and it survives a restart', async ({
  page,
  host,
}) => {
  await host.open(page);
  await expect(page.getByText('本镇还没有登记任何村（社区）')).toBeVisible();
  await addVillage(page, '白沙村', '990101100301', ['第一村民小组', '第二村民小组']);

  const households = new HouseholdsPage(page);
  await households.goto();
  await households.openNewHousehold();
  await households.fillHead({ name: '张三', idNumber: HEAD_ID, address: '白沙村第一组8号', village: '白沙村', group: '第一村民小组' });
  await households.save();

  // The new household's page: add the spouse and a son.
  await expect(page.getByText('张三户', { exact: true })).toBeVisible();
  for (const m of [
    { name: '李秀兰', idNumber: WIFE_ID, relation: '配偶' },
    { name: '张小明', idNumber: SON_ID, relation: '子女' },
  ]) {
    await page.getByRole('button', { name: '添加成员' }).click();
    const dialog = page.getByRole('dialog', { name: '添加家庭成员' });
    await dialog.getByLabel('姓名').fill(m.name);
    await dialog.getByLabel('身份证号码').fill(m.idNumber);
    await dialog.getByLabel('与户主关系').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(m.relation, { exact: true }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByRole('cell', { name: m.name, exact: true })).toBeVisible();
  }
  await expect(page.getByText('3 人')).toBeVisible();
  // Sex and birth date are derived from the ID number.
  const sonRow = page.getByRole('row', { name: /^张小明 子女/ });
  await expect(sonRow).toContainText('1988-11-20');
  await expect(sonRow).toContainText('男');
  // The change history shows who added whom.
  await expect(page.getByText('新增成员「李秀兰」（配偶）')).toBeVisible();

  await page.getByRole('menuitem', { name: '人员检索' }).click();
  const box = page.getByPlaceholder('姓名或名字、身份证号（或后4位）、拼音首字母');
  await box.fill('zxm');
  await box.press('Enter');
  await expect(page.getByRole('cell', { name: '张小明', exact: true })).toBeVisible();
  await expect(page.getByText('共 1 人')).toBeVisible();

  await host.restart();
  await host.open(page, '#/search');
  await box.fill(SON_ID.slice(-6));
  await box.press('Enter');
  await expect(page.getByRole('cell', { name: '张小明', exact: true })).toBeVisible();
  await page.getByRole('link', { name: '张小明' }).click();
  await expect(page.getByText('张三户', { exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '李秀兰', exact: true })).toBeVisible();
});

test('an invalid ID number shows the checksum error in Chinese and saves nothing', async ({ page, host }) => {
  host.seedDemo();
  await host.open(page);
  const households = new HouseholdsPage(page);
  await households.openNewHousehold();
  const bad = HEAD_ID.slice(0, 17) + (HEAD_ID.endsWith('1') ? '2' : '1');
  await households.fillHead({ name: '王五', idNumber: bad, address: '东山村1号', village: '东山村' });
  await households.save();
  await expect(page.getByRole('dialog').getByText('校验码错误')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await households.search('王五');
  await expect(page.getByText('共 0 户')).toHaveCount(0); // antd hides the total on an empty table
  // The empty list names the next step (issue 14), not antd's bare 暂无数据.
  await expect(page.getByText(/^没有找到家庭。点击「新建家庭」逐户登记/)).toBeVisible();
  await expect(page.getByText('暂无数据')).toHaveCount(0);
});

test('a person already in another household is refused with a message naming that household', async ({ page, host }) => {
  host.seedDemo();
  const existing = await host.app.call('search', { query: '', pageSize: 1 });
  if (!existing.ok) throw new Error('search failed');
  const someone = (existing.value as { items: { idNumber: string; villageName: string; name: string }[] }).items[0]!;
  await host.open(page);
  const households = new HouseholdsPage(page);
  await households.openNewHousehold();
  await households.fillHead({ name: '赵六', idNumber: someone.idNumber, address: '柳河社区2号', village: '柳河社区' });
  await households.save();
  await expect(page.getByRole('dialog').getByText(new RegExp(`已登记为「${someone.villageName}」.*「${someone.name}」`))).toBeVisible();
});

test('the UI is in Chinese, including antd built-ins (pagination 条/页)', async ({ page, host }) => {
  host.seedDemo();
  await host.open(page);
  await expect(page.getByText('共 36 户')).toBeVisible();
  await expect(page.locator('.ant-pagination-options')).toContainText('条/页');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the API refuses calls without the launch token', async ({ page, host }) => {
  await host.open(page);
  const status = await page.evaluate(async () => (await fetch('/api/village-list', { method: 'POST', body: '{}' })).status);
  expect(status).toBe(401);
});
