import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import dayjs from 'dayjs';
import type { CampaignView, CaseView, Village } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { patchCase } from '../../src/store/campaigns';
import { expect, test } from './fixtures';
import { confirm } from './walk-helpers';

/** Screenshots for looking at the page and panels, when SHOTS_DIR is set. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const value = <T,>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

test('a clerk records a village hearing with votes, posts the 公示 with its sheet, and dismisses an objection', async ({ page, host }) => {
  host.seedDemo();
  const villages = value<Village[]>(await host.app.call('village-list', {}));
  const campaign = value<CampaignView>(
    await host.app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }),
  );
  value(await host.app.call('campaign-review-recipients', { campaignId: campaign.id }));
  const cases = value<CaseView[]>(await host.app.call('case-list', { campaignId: campaign.id, villageId: campaign.villageIds[0]! })).slice(0, 2);
  for (const c of cases) patchCase(host.app.db, c.id, { state: 'proposed-inclusion' }, new Date().toISOString());
  const [a, b] = cases as [CaseView, CaseView];

  await host.open(page, '', { username: 'clerk', password: 'demo1234' });
  await page.getByRole('menuitem', { name: '评议公示' }).click();
  await expect(page.getByText(`待评议：${a.headName}户、${b.headName}户`)).toBeVisible();
  await shot(page, 'hearings-page');
  await page.getByRole('tab', { name: '评议规则' }).click();
  await expect(page.getByText('现行规则：同意票超过所投票数（含电话征求意见的外出户）的半数为通过')).toBeVisible();
  await shot(page, 'hearings-settings');
  await page.getByRole('tab', { name: /评议听证/ }).click();

  // 评议听证会: who met, one representative per household, the votes.
  await page.getByRole('button', { name: '登记评议听证会' }).click();
  const form = page.getByRole('dialog', { name: /登记评议听证会/ });
  await form.getByLabel('会议地点').fill('东山村村委会会议室');
  await form.getByLabel('主持人').fill('王支书');
  await form.getByLabel('记录人').fill('李文书');
  await form.getByLabel('包村镇干').fill('赵镇干');
  const investigators = form.getByLabel('入户调查人员（全程参加）');
  await investigators.fill('钱调查');
  await investigators.press('Enter');
  await investigators.fill('孙调查');
  await investigators.press('Enter');
  for (const [i, [name, household]] of [
    ['周一', '周一户'],
    ['吴二', '吴二户'],
    ['郑三', '郑三户'],
  ].entries()) {
    if (i > 0) await form.getByRole('button', { name: '添加户代表' }).click();
    await form.getByLabel(`第${i + 1}位代表姓名`).fill(name!);
    await form.getByLabel(`第${i + 1}位代表所代表的户`).fill(household!);
  }
  await form.getByLabel(`${a.headName}户同意票数`).fill('3');
  await form.getByLabel(`${a.headName}户评议意见`).fill('家庭收入低，无大额财产');
  await form.getByLabel(`${b.headName}户同意票数`).fill('2');
  await form.getByLabel(`${b.headName}户不同意票数`).fill('1');
  await expect(form.getByText('通过', { exact: true })).toHaveCount(2);
  await shot(page, 'hearings-meeting-form');
  await form.getByRole('button', { name: '登记评议结果' }).click();
  await confirm(page, '确认登记');

  // The record opens in the preview; both cases passed.
  await expect(page.locator('iframe[title="文书预览"]')).toHaveAttribute('src', /^blob:/);
  await page.getByRole('dialog').filter({ has: page.locator('iframe[title="文书预览"]') }).getByRole('button', { name: /关\s*闭/ }).click();
  await expect(page.getByRole('cell', { name: '2户：通过2户' })).toBeVisible();

  // 公示: posting date, 7 natural days, the sheet.
  await page.getByRole('tab', { name: /公示（待公示2户）/ }).click();
  // 7 natural days counting the posting day (today).
  await expect(page.getByText(dayjs().add(6, 'day').format('YYYY年M月D日'), { exact: true })).toBeVisible();
  await shot(page, 'hearings-publicity-form');
  await page.getByRole('button', { name: '张贴公示并出具公示表' }).click();
  await confirm(page, '确认张贴');
  const preview = page.getByRole('dialog').filter({ has: page.locator('iframe[title="文书预览"]') });
  await expect(preview.locator('iframe[title="文书预览"]')).toHaveAttribute('src', /^blob:/);
  await expect(preview).toContainText('公示表');
  await shot(page, 'hearings-sheet-preview');
  await preview.getByRole('button', { name: /关\s*闭/ }).click();

  // An objection, then its dismissal with the reason.
  const batch = page.locator('.ant-card').filter({ hasText: '评议结果公示' }).last();
  await expect(batch.locator('.ant-card-head').getByText('公示中')).toBeVisible();
  await batch.getByRole('row', { name: new RegExp(`${a.headName}户`) }).getByRole('button', { name: '登记异议' }).click();
  const add = page.getByRole('dialog', { name: /登记公示异议/ });
  await add.getByLabel('异议人').fill('冯某');
  await add.getByLabel('联系方式').fill('13900001111');
  await add.getByLabel('异议内容').fill('该户家中新购农用车一辆');
  await add.getByRole('button', { name: /登\s*记/ }).click();
  await expect(batch.getByText('待处理')).toBeVisible();
  await expect(batch.getByText(/尚有1件异议未处理/)).toBeVisible();
  await shot(page, 'hearings-batch-objection');
  await batch.getByRole('button', { name: /^处\s*理$/ }).click();
  const handle = page.getByRole('dialog', { name: /处理异议/ });
  await handle.getByLabel('异议不成立（继续公示）').check();
  await handle.getByLabel('处理理由（调查核实情况）').fill('经入户核实，农用车为生产用车，价值较低，不影响认定');
  await handle.getByRole('button', { name: '确认处理' }).click();
  await expect(batch.getByText('异议不成立', { exact: true })).toBeVisible();
  await expect(batch.getByText(/尚有1件异议未处理/)).toBeHidden();

  // The case page shows the window and the handled objection.
  await batch.getByRole('link', { name: `${a.headName}户` }).click();
  await expect(page.locator('.ant-card').filter({ hasText: '当前步骤：公示中' })).toBeVisible();
  await expect(page.getByText('异议不成立', { exact: true })).toBeVisible();
  await shot(page, 'case-publicity-panel');
});
