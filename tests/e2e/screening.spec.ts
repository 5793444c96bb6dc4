import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { defaultPhases } from '../../src/domain/workflow';
import { expect, test } from './fixtures';

/** Set SCREENING_SHOTS=/tmp/shots-screening to keep a screenshot of each wizard step. */
const SHOTS = process.env.SCREENING_SHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function writeList(path: string, rows: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('扶贫名单');
  ws.addRow(['清河镇2026年扶贫对象名单']);
  ws.addRow(['序号', '姓名', '公民身份号码', '村委会', '户类型']);
  rows.forEach((r, i) => ws.addRow([String(i + 1), ...r]));
  await wb.xlsx.writeFile(path);
}

test('a clerk imports a 扶贫 list: a bad row blocks the import, the corrected file commits, the focus list shows the household', async ({ page, host }) => {
  host.seedDemo();
  const villages = (await host.app.call('village-list', {})) as { ok: true; value: { id: number; name: string }[] };
  await host.app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.value.map((v) => v.id) });
  // Two households of 东山村 that are not on the roll: only the department's list puts them on the focus list.
  const people = host.app.db
    .prepare(
      `SELECT p.name, p.id_number AS id FROM persons p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
       WHERE v.name = '东山村' AND h.status <> 'recipient' AND p.id = h.head_person_id ORDER BY h.id LIMIT 2`,
    )
    .all() as { name: string; id: string }[];
  expect(people).toHaveLength(2);
  const [a, b] = people as [{ name: string; id: string }, { name: string; id: string }];
  const badId = `${b.id.slice(0, 17)}${b.id[17] === '0' ? '1' : '0'}`;

  const dir = mkdtempSync(join(tmpdir(), 'dibao-e2e-list-'));
  const bad = join(dir, '扶贫名单-有误.xlsx');
  const good = join(dir, '扶贫名单.xlsx');
  await writeList(bad, [
    [a.name, a.id, '东山村', '未脱贫户'],
    [b.name, badId, '东山村', '已脱贫A类户'],
  ]);
  await writeList(good, [
    [a.name, a.id, '东山村', '未脱贫户'],
    [b.name, b.id, '东山村', '已脱贫A类户'],
  ]);

  try {
    await host.open(page);
    await page.getByRole('menuitem', { name: '摸排' }).click();
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard.getByText('点击或拖入 Excel 名单（.xlsx）')).toBeVisible();
    await shot(page, '1-选择文件');

    // 选择文件 → 对应列: the columns are guessed from the headers.
    await wizard.locator('input[type=file]').setInputFiles(bad);
    await expect(wizard.getByText('表头在第 2 行，共 2 行数据')).toBeVisible();
    await expect(wizard.locator('.ant-select').filter({ hasText: 'C列：公民身份号码' })).toBeVisible();
    await expect(wizard.locator('.ant-select').filter({ hasText: 'E列：户类型' })).toBeVisible();
    await shot(page, '2-对应列');

    // 预览检查: the bad checksum is named by row and column, and the import is blocked.
    await wizard.getByRole('button', { name: '下一步：预览检查' }).click();
    await expect(wizard.getByText('有 1 行错误，不能导入')).toBeVisible();
    await expect(wizard.getByRole('row', { name: /校验码错误/ })).toContainText('C列');
    await expect(wizard.getByRole('row', { name: /校验码错误/ })).toContainText('4');
    await expect(wizard.getByRole('button', { name: /^导\s*入$/ })).toBeDisabled();
    await shot(page, '3-预览检查-有错误');
    await wizard.getByRole('switch').click();
    await expect(wizard.getByRole('row', { name: new RegExp(a.name) })).toContainText('已匹配');

    // The corrected file goes through.
    await wizard.getByRole('button', { name: '重新上传' }).click();
    await wizard.locator('input[type=file]').setInputFiles(good);
    await wizard.getByRole('button', { name: '下一步：预览检查' }).click();
    await expect(wizard.getByText('没有错误，可以导入')).toBeVisible();
    await shot(page, '4-预览检查-无错误');
    await wizard.getByRole('button', { name: /^导\s*入$/ }).click();
    const confirm = page.getByRole('dialog', { name: '确认导入' });
    await expect(confirm).toContainText('将导入 2 行，新增 0 户，确定？');
    await shot(page, '5-确认导入');
    await confirm.getByRole('button', { name: /导\s*入/ }).click();
    await expect(wizard.getByText('导入完成')).toBeVisible();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('row', { name: /扶贫名单\.xlsx/ })).toContainText('首批');
    await shot(page, '6-导入完成');

    // The focus list of 东山村 shows the flagged households.
    await page.getByRole('tab', { name: '重点对象与摸排结果' }).click();
    await page.locator('div.ant-select[aria-label="村（社区）"]').filter({ visible: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('东山村', { exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(a.name) });
    await expect(row).toContainText('未脱贫户');
    await expect(row).toContainText('未建案件');
    await expect(page.getByRole('row', { name: new RegExp(b.name) })).toContainText('已脱贫A类户');
    await shot(page, '7-重点对象');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a workbook with a hidden sheet and two visible ones: the wizard names the visible sheets and imports the one the clerk picks; an oversize file is refused at once', async ({ page, host }) => {
  host.seedDemo();
  const heads = host.app.db
    .prepare(
      `SELECT p.name, p.id_number AS id, v.name AS village FROM persons p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
       WHERE h.status <> 'recipient' AND p.id = h.head_person_id ORDER BY v.id, h.id`,
    )
    .all() as { name: string; id: string; village: string }[];
  const east = heads.filter((h) => h.village === '东山村').slice(0, 2);
  const west = heads.filter((h) => h.village === '柳河社区').slice(0, 1);
  expect(east).toHaveLength(2);
  expect(west).toHaveLength(1);
  const dir = mkdtempSync(join(tmpdir(), 'dibao-e2e-sheets-'));
  const path = join(dir, '扶贫名单-分村.xlsx');
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, people: { name: string; id: string; village: string }[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(['序号', '姓名', '公民身份号码', '村委会', '户类型']);
    people.forEach((p, i) => ws.addRow([String(i + 1), p.name, p.id, p.village, '未脱贫户']));
    return ws;
  };
  // The hidden first sheet is an old list: it must never be what gets read.
  sheet('旧名单（隐藏）', heads.slice(-3)).state = 'hidden';
  sheet('东山村', east);
  sheet('柳河社区', west);
  await wb.xlsx.writeFile(path);

  try {
    await host.open(page);
    await page.getByRole('menuitem', { name: '摸排' }).click();
    const wizard = page.getByTestId('import-wizard');
    await wizard.locator('input[type=file]').setInputFiles(path);
    await expect(wizard.getByText('此文件有 2 个工作表：「东山村」、「柳河社区」')).toBeVisible();
    await expect(wizard.getByText('工作表「东山村」，表头在第 1 行，共 2 行数据')).toBeVisible();
    await shot(page, '8-选择工作表');

    await wizard.locator('div.ant-select[aria-label="要导入的工作表"]').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('柳河社区', { exact: true }).click();
    await expect(wizard.getByText('工作表「柳河社区」，表头在第 1 行，共 1 行数据')).toBeVisible();
    await wizard.getByRole('button', { name: '下一步：预览检查' }).click();
    await expect(wizard.getByText('没有错误，可以导入')).toBeVisible();
    await wizard.getByRole('button', { name: /^导\s*入$/ }).click();
    await page.getByRole('dialog', { name: '确认导入' }).getByRole('button', { name: /导\s*入/ }).click();
    await expect(wizard.getByText('导入完成')).toBeVisible();
    const flagged = host.app.db.prepare('SELECT id_number AS id FROM screening_flags').all() as { id: string }[];
    expect(flagged.map((f) => f.id)).toEqual([west[0]!.id]);

    // Over the upload limit: said before the file is read or sent.
    await wizard.getByRole('button', { name: '继续导入其他名单' }).click();
    await wizard.locator('input[type=file]').setInputFiles({ name: '过大的名单.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(31 * 1024 * 1024) });
    await expect(page.getByText('「过大的名单.xlsx」文件过大（不能超过30MB）')).toBeVisible();
    await shot(page, '9-文件过大');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
