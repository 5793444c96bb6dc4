import { expect, test } from './fixtures';

// A newcomer loads the demo through the UI and finds every page of the cycle with content (issue 14): the campaign,
// a 公示 with an objection, the notices, the package, a due and an overdue deadline, this month's payments.
test('载入演示数据 gives a campaign in progress: every page of the cycle shows content', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await host.open(page);
  await expect(page.getByText('本镇还没有登记任何村（社区）')).toBeVisible();
  await page.getByRole('button', { name: '载入演示数据' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /载\s*入/ }).click();
  await expect(page.locator('.ant-message').getByText(/^已载入演示数据：38 户，\d+ 人；专项治理案件 36 件，文书 7 份$/)).toBeVisible({ timeout: 30_000 });
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  await page.getByRole('menuitem', { name: '专项治理' }).click();
  await page.getByRole('link', { name: /年低保专项治理$/ }).click();
  for (const state of ['摸排', '申请', '经济状况核对', '审核', '审批', '已批准', '不予批准', '已停发']) {
    await expect(page.locator('.ant-tag').filter({ hasText: new RegExp(`^${state}$`) }).first()).toBeVisible();
  }
  await shot('campaign');

  await page.getByRole('menuitem', { name: '评议公示' }).click();
  await page.getByRole('tab', { name: /^公示/ }).click();
  await expect(page.getByText(/反映其子在县城打零工/)).toBeVisible();
  await expect(page.getByText('待处理')).toBeVisible();
  await shot('hearings');

  await page.getByRole('menuitem', { name: '文书' }).click();
  await expect(page.getByRole('cell', { name: '不予批准通知书' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '停发通知书' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '会议记录' }).first()).toBeVisible();
  await shot('documents');

  await page.getByRole('menuitem', { name: '备案与备份' }).click();
  const packages = page.locator('.ant-table-row').filter({ hasText: /案件 36 件，审批通过 1 户，不予批准 1 户/ });
  await expect(packages).toHaveCount(1);
  await packages.getByRole('button', { name: '核验' }).click();
  await expect(page.getByText('核验通过：备案包完好')).toBeVisible();
  await shot('filing');

  await page.getByRole('menuitem', { name: '工作台' }).click();
  await page.getByRole('tab', { name: '办理期限' }).click();
  await expect(page.locator('.ant-table-row').filter({ hasText: '出具不予批准通知书' }).getByText(/^逾期 \d+ 个工作日$/)).toBeVisible();
  await expect(page.locator('.ant-table-row').filter({ hasText: '出具停发通知书' }).getByText(/^剩 \d+ 个工作日$/)).toBeVisible();
  await shot('deadlines');

  await page.getByRole('menuitem', { name: '低保金发放' }).click();
  await expect(page.getByText(/第1批 · 全镇 · \d+户/)).toBeVisible();
  await shot('payments');
});
