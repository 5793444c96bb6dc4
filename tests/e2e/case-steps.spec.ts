import ExcelJS from 'exceljs';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CampaignView, CaseDetail, HouseholdSummary, Page as ListPage, Village } from '../../src/contract';
import { defaultPhases } from '../../src/domain/workflow';
import { expect, test } from './fixtures';

// 1×1 PNG: a stand-in for the scanned, signed 入户调查表.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Screenshots for looking at the panels, when SHOTS_DIR is set. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const style = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  await style.evaluate((el) => (el as HTMLElement).remove());
}

const value = <T,>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

test('a clerk takes a new application from 申请 through 核对 and 入户调查 to 初审', async ({ page, host }) => {
  host.seedDemo();
  const villages = value<Village[]>(await host.app.call('village-list', {}));
  const campaign = value<CampaignView>(
    await host.app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }),
  );
  const household = value<ListPage<HouseholdSummary>>(await host.app.call('household-list', { pageSize: 100 })).items.find((h) => h.status === 'registered' && h.size >= 2)!;
  const opened = value<CaseDetail>(await host.app.call('case-open', { campaignId: campaign.id, householdId: household.id }));
  value(await host.app.call('case-screen', { caseId: opened.id, result: 'apply' }));

  await host.open(page, '', { username: 'clerk', password: 'demo1234' });
  await page.evaluate((id) => (window.location.hash = `#/cases/${id}`), opened.id);
  const stepCard = page.locator('.ant-card').filter({ hasText: '当前步骤：申请' });
  await expect(stepCard).toBeVisible();

  // 申请: the submit button waits for the materials and both signatures.
  await expect(page.getByText('缺少申请材料：申请声明书、家庭经济状况核对授权书')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交申请材料' })).toBeDisabled();
  for (const label of ['申请声明书', '家庭经济状况核对授权书', '法定赡抚扶养人相关信息', '户口簿及身份证复印件']) {
    await page.getByRole('checkbox', { name: label }).click();
    await expect(page.getByRole('checkbox', { name: label })).toBeChecked();
  }
  await expect(page.getByText('缺少申请材料')).toBeHidden();
  const today = new Date().toLocaleDateString('sv-SE');
  await page.getByLabel('村书记签字', { exact: true }).fill('王书记');
  await page.getByLabel('村书记签字日期').fill(today);
  await page.getByLabel('村书记签字日期').press('Enter');
  await page.getByLabel('分片村干部签字', { exact: true }).fill('赵干部');
  await page.getByLabel('分片村干部签字日期').fill(today);
  await page.getByLabel('分片村干部签字日期').press('Enter');
  await shot(page, '1-application');
  await page.getByRole('button', { name: '保存签字与声明' }).click();
  await expect(page.getByText('必交材料已收齐')).toBeVisible();
  await page.getByRole('button', { name: '提交申请材料' }).click();

  // 核对: entered by hand.
  await expect(page.locator('.ant-card').filter({ hasText: '当前步骤：经济状况核对' })).toBeVisible();
  await expect(page.getByRole('button', { name: '核对完成，转入入户调查' })).toBeDisabled();
  await page.getByRole('radio', { name: '符合', exact: true }).check();
  await page.getByLabel('房产').fill('自建房一处');
  await shot(page, '2-verification');
  await page.getByRole('button', { name: '保存核对结果' }).click();
  await expect(page.getByText('已录入核对结果')).toBeVisible();
  await expect(page.getByText('符合规定', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '核对完成，转入入户调查' }).click();

  // 入户调查: two investigators, the family member present, a scanned attachment.
  await expect(page.locator('.ant-card').filter({ hasText: '当前步骤：入户调查' })).toBeVisible();
  await expect(page.getByText('入户调查须至少两名调查人员签字')).toBeVisible();
  await page.getByLabel('调查日期').fill(today);
  await page.getByLabel('调查日期').press('Enter');
  await page.getByLabel('调查人员1').fill('刘调查');
  await page.getByLabel('调查人员2').fill('陈调查');
  await page.getByRole('combobox', { name: '在场家庭成员' }).click();
  await page.locator('.ant-select-item-option').first().click();
  await page.getByLabel('住房情况').fill('砖混平房三间');
  await page.locator('input[type=file]').setInputFiles({ name: '入户调查表签字页.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByRole('row', { name: /入户调查表签字页\.png/ })).toBeVisible();
  await page.getByRole('row', { name: /入户调查表签字页\.png/ }).getByRole('button', { name: /预\s*览/ }).click();
  const preview = page.getByRole('dialog', { name: '入户调查表签字页.png' });
  await expect(preview.getByRole('img', { name: '入户调查表签字页.png' })).toBeVisible();
  await preview.locator('.ant-modal-close').click();
  await expect(preview).toBeHidden();
  await shot(page, '3-home-visit');
  await page.getByRole('button', { name: '提交初审' }).click();

  await expect(page.locator('.ant-card').filter({ hasText: '当前步骤：初审' })).toBeVisible();
  const after = value<CaseDetail>(await host.app.call('case-get', { id: opened.id }));
  expect(after.state).toBe('preliminary-review');
  expect(after.events.map((e) => [e.action, e.actor])).toEqual([
    ['open', '本机管理员'],
    ['screen', '本机管理员'],
    ['submit-application', '民政所经办员'],
    ['record-verification', '民政所经办员'],
    ['record-home-visit', '民政所经办员'],
  ]);
  const evaluation = value<{ facts: { assetsCompliant: boolean | null } }>(await host.app.call('household-evaluate', { householdId: household.id }));
  expect(evaluation.facts.assetsCompliant).toBe(true);
  expect(existsSync(join(host.dataDir, 'attachments', String(opened.id)))).toBe(true);
});

test('the campaign page exports the verification batch and imports the county’s findings with a preview', async ({ page, host }) => {
  host.seedDemo();
  const villages = value<Village[]>(await host.app.call('village-list', {}));
  const campaign = value<CampaignView>(
    await host.app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }),
  );
  const household = value<ListPage<HouseholdSummary>>(await host.app.call('household-list', { pageSize: 100 })).items.find((h) => h.status === 'registered')!;
  const opened = value<CaseDetail>(await host.app.call('case-open', { campaignId: campaign.id, householdId: household.id }));
  value(await host.app.call('case-screen', { caseId: opened.id, result: 'apply' }));
  const app = value<{ materials: { key: string; required: boolean }[] }>(await host.app.call('case-application-get', { caseId: opened.id }));
  for (const m of app.materials.filter((x) => x.required)) value(await host.app.call('case-material-set', { caseId: opened.id, key: m.key, received: true }));
  value(await host.app.call('case-application-update', { caseId: opened.id, secretary: { name: '王书记', date: '2026-03-06' }, cadre: { name: '赵干部', date: '2026-03-06' } }));
  value(await host.app.call('case-submit-application', { caseId: opened.id }));

  // What the county's platform sends back: the exported sheet with the finding columns filled in.
  const exported = value<{ base64: string }>(await host.app.call('verification-export', { campaignId: campaign.id }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (let r = 4; r <= ws.rowCount; r++) {
    ws.getRow(r).getCell(11).value = '0';
    ws.getRow(r).getCell(17).value = '否';
    ws.getRow(r).getCell(12).value = '小型轿车一辆';
  }
  const findings = Buffer.from(await wb.xlsx.writeBuffer());

  await host.open(page, '', { username: 'clerk', password: 'demo1234' });
  await page.evaluate((id) => (window.location.hash = `#/campaigns/${id}`), campaign.id);
  await page.getByRole('button', { name: '经济状况核对' }).click();
  const dialog = page.getByRole('dialog', { name: '经济状况核对（批量）' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出 Excel（报县核对平台）' }).click();
  expect((await download).suggestedFilename()).toMatch(/^人员信息汇总表-核对-.*\.xlsx$/);
  await dialog.locator('input[type=file]').setInputFiles({ name: '核对结果.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: findings });
  await expect(dialog.getByText('共 1 户可导入')).toBeVisible();
  await expect(dialog.getByRole('row', { name: new RegExp(household.headName ?? '') })).toContainText('不符合');
  await shot(page, '4-verification-batch');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('已导入 1 户的核对结果')).toBeVisible();
  // One confirmation for the batch is offered, listing the household; this walk confirms on the case page instead.
  const advance = page.getByRole('dialog', { name: /核对完成，将 1 户转入入户调查/ });
  await expect(advance).toContainText(`${household.headName ?? ''}户`);
  await advance.getByRole('button', { name: '稍后逐户确认' }).click();
  await dialog.getByRole('button', { name: /^关\s*闭$/ }).click();

  await page.evaluate((id) => (window.location.hash = `#/cases/${id}`), opened.id);
  await expect(page.getByText('核对平台反馈文件（批次 1）')).toBeVisible();
  await expect(page.getByText('不符合规定', { exact: true })).toBeVisible();

  await page.evaluate(() => (window.location.hash = '#/settings?tab=materials'));
  await page.getByRole('tab', { name: '申请材料清单' }).click();
  await expect(page.getByLabel('材料1名称')).toHaveValue('申请声明书');
  await shot(page, '5-materials-settings');
});
