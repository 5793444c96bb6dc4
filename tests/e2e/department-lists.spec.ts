// Issue 18: a clerk imports the three lists as departments send them today, accepting every guessed column; the
// 残联 list updates types and levels, and the 医保 list's self-paid amount is adopted as M on the household page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/services/demo';
import { expect, test } from './fixtures';

/** Set SCREENING_SHOTS=/tmp/shots-lists to keep a 1366×768 screenshot of each preview. */
const SHOTS = process.env.SCREENING_SHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A merged title row above the headers, ID-like columns stored as text: as the lists arrive. */
async function writeList(path: string, title: string, headers: string[], rows: string[][], textColumns: number[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  rows.forEach((r) => ws.addRow(r));
  for (const c of textColumns) ws.getColumn(c + 1).numFmt = '@';
  await wb.xlsx.writeFile(path);
}

test('a clerk imports the 乡村振兴, 残联 and 医保 lists of today with the guessed mapping, and adopts the self-paid amount as M', async ({ page, host }) => {
  host.seedDemo();
  const people = host.app.db
    .prepare(
      `SELECT p.name, p.id_number AS id, h.id AS householdId FROM persons p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
       WHERE v.name = '东山村' AND p.id = h.head_person_id AND p.disability_type IS NULL ORDER BY h.id LIMIT 3`,
    )
    .all() as { name: string; id: string; householdId: number }[];
  expect(people).toHaveLength(3);
  const [a, b, c] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
  const dir = mkdtempSync(join(tmpdir(), 'dibao-e2e-lists-'));
  const monitor = join(dir, '防止返贫监测对象信息表.xlsx');
  const disabled = join(dir, '持证残疾人名单.xlsx');
  const medical = join(dir, '大病患者费用统计.xlsx');
  await writeList(
    monitor,
    '防止返贫监测对象信息表',
    ['序号', '乡镇', '行政村', '户主姓名', '姓名', '证件号码', '监测对象类别', '风险类型', '风险是否消除'],
    [
      ['1', '清河镇', '东山村', a.name, a.name, a.id, '脱贫不稳定户', '因病', '否'],
      ['2', '清河镇', '东山村', b.name, b.name, b.id, '边缘易致贫户', '因残', '否'],
      ['3', '清河镇', '东山村', c.name, c.name, c.id, '突发严重困难户', '因灾', '是'],
    ],
    [5],
  );
  await writeList(
    disabled,
    '清河镇持证残疾人名单',
    ['序号', '姓名', '性别', '残疾人证号', '所在村'],
    [
      ['1', a.name, '', `${a.id}42`, '东山村'],
      ['2', b.name, '', `${b.id}63`, '东山村'],
    ],
    [3],
  );
  await writeList(
    medical,
    '2025年度大病保险患者费用统计表',
    ['序号', '参保人姓名', '身份证号码', '所属村', '疾病名称', '认定日期', '年度医疗总费用', '个人负担金额'],
    [['1', a.name, a.id, '东山村', '尿毒症', '2024-05-10', '86500.00', '31250.50']],
    [2],
  );

  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await host.open(page, '', { username: 'clerk', password: DEMO_PASSWORD });
    await page.getByRole('menuitem', { name: '摸排' }).click();
    const wizard = page.getByTestId('import-wizard');

    const importList = async (source: string, path: string, name: string, check: () => Promise<void>) => {
      await wizard.locator('label.ant-radio-button-wrapper', { hasText: source }).click();
      await wizard.locator('input[type=file]').setInputFiles(path);
      await expect(wizard.getByText('表头在第 2 行')).toBeVisible();
      await wizard.getByRole('button', { name: '下一步：预览检查' }).click();
      await expect(wizard.getByText('没有错误，可以导入')).toBeVisible();
      // Every row, not only those with a remark.
      const onlyProblems = wizard.getByRole('switch');
      if ((await onlyProblems.getAttribute('aria-checked')) === 'true') await onlyProblems.click();
      await check();
      await shot(page, name);
      await wizard.getByRole('button', { name: /^导\s*入$/ }).click();
      await page.getByRole('dialog', { name: '确认导入' }).getByRole('button', { name: /导\s*入/ }).click();
      await expect(wizard.getByText('导入完成')).toBeVisible();
      await wizard.getByRole('button', { name: '继续导入其他名单' }).click();
    };

    await importList('扶贫部门', monitor, '1-乡村振兴-预览', async () => {
      await expect(wizard.getByRole('row', { name: new RegExp(a.name) }).first()).toContainText('防返贫监测对象：脱贫不稳定户（因病）');
      await expect(wizard.getByRole('row', { name: new RegExp(c.name) }).first()).toContainText('风险已消除');
    });
    await importList('残联', disabled, '2-残联-预览', async () => {
      await expect(wizard.getByText('将更新 2 人的残疾类别、等级')).toBeVisible();
      await expect(wizard.getByRole('row', { name: new RegExp(b.name) }).first()).toContainText('精神残疾三级（据残疾人证号）');
    });
    await importList('医保部门', medical, '3-医保-预览', async () => {
      await expect(wizard.getByRole('row', { name: new RegExp(a.name) }).first()).toContainText('个人自付 31250.50 元');
      await expect(wizard.getByText(/1 人有「个人自付金额」/)).toBeVisible();
    });

    // The 残联 list wrote type and level.
    const li = host.app.db.prepare('SELECT disability_type AS t, disability_level AS l FROM persons WHERE id_number = ?').get(b.id);
    expect(li).toEqual({ t: 'mental', l: 3 });

    // The household's 测算 offers the amount; only 「采用」 writes it.
    await page.goto(page.url().replace(/#\/.*$/, `#/households/${a.householdId}`));
    const proposal = page.getByTestId('medical-proposals');
    await expect(proposal).toContainText('个人自付 31250.50 元，可作为自负医疗费用（M）');
    await expect(proposal).toContainText('来源：医保部门名单「大病患者费用统计.xlsx」第3行（个人自付金额）');
    await proposal.scrollIntoViewIfNeeded();
    await shot(page, '4-测算-医保提示');
    await proposal.getByRole('button', { name: /采\s*用/ }).click();
    await expect(proposal).toContainText(`已采用：${a.name} 个人自付 31250.50 元`);
    await expect(page.getByLabel('自负医疗费用（元）')).toHaveValue('31250.50');

    // 本镇设置 → 名单类别 shows the dated set.
    await page.goto(page.url().replace(/#\/.*$/, '#/settings?tab=screening'));
    await expect(page.getByRole('row', { name: /2020-01-01/ })).toContainText('边缘易致贫户');
    await shot(page, '5-名单类别');

    // The clerk adds a set from today with a new category; it is in force at once, the 2020 set stays on record.
    await page.getByRole('button', { name: '新增或修改版本' }).click();
    const modal = page.getByRole('dialog', { name: '名单类别版本' });
    await expect(modal.getByPlaceholder('类别名称，如：边缘易致贫户')).toHaveCount(8);
    await modal.getByRole('button', { name: '增加类别' }).click();
    await modal.getByPlaceholder('类别名称，如：边缘易致贫户').last().fill('易返贫致贫户');
    await shot(page, '6-名单类别-新增');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect(modal).toBeHidden();
    await expect(page.getByRole('row', { name: /现行/ })).toContainText('易返贫致贫户');
    await expect(page.getByRole('row', { name: /2020-01-01/ })).not.toContainText('现行');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
