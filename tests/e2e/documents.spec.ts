import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { DocumentsPanel } from './pages/documents-panel';

test('a clerk issues a home-visit form from the household page, previews and downloads it, finds it under 文书, and the file is in the data folder', async ({
  page,
  host,
}) => {
  host.seedDemo();
  await host.open(page);
  await page.getByPlaceholder('姓名或名字、身份证号（或后4位）、拼音首字母').fill('王国庆');
  await page.getByPlaceholder('姓名或名字、身份证号（或后4位）、拼音首字母').press('Enter');
  await page.getByRole('link', { name: '王国庆' }).first().click();

  const docs = new DocumentsPanel(page);
  await expect(docs.panel.getByText('尚未出具文书')).toBeVisible();
  // Notices that refuse or stop are official acts of the case steps: the household page never offers them.
  await expect(docs.panel.getByRole('button', { name: '不予批准通知书' })).toHaveCount(0);
  await expect(docs.panel.getByRole('button', { name: '停发通知书' })).toHaveCount(0);
  await expect(docs.panel.getByText(/由案件办理中作出决定的步骤/)).toBeVisible();

  await docs.issue('入户调查表');
  const frame = docs.preview.locator('iframe[title="文书预览"]');
  await expect(frame).toHaveAttribute('src', /^blob:/);
  const download = page.waitForEvent('download');
  await docs.preview.getByRole('link', { name: /下\s*载/ }).click();
  const saved = await download;
  const year = String(new Date().getFullYear());
  // Saved under a Chinese name (issue 14); the stored file keeps its stable path.
  expect(saved.suggestedFilename()).toMatch(new RegExp(`^入户调查表_.*王国庆户_${year}年第1份\\.pdf$`));
  const downloaded = readFileSync(await saved.path());

  // The stored file is exactly what the preview showed and the download saved.
  const folder = join(host.dataDir, 'documents', year, 'home-visit-form');
  expect(readdirSync(folder)).toEqual([`home-visit-form-${year}-0001.pdf`]);
  const stored = readFileSync(join(folder, `home-visit-form-${year}-0001.pdf`));
  expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
  expect(downloaded.equals(stored)).toBe(true);
  const sha = createHash('sha256').update(stored).digest('hex');

  await docs.preview.getByRole('button', { name: /关\s*闭/ }).click();
  await expect(docs.panel.getByRole('row', { name: /入户调查表/ })).toBeVisible();

  await page.getByRole('menuitem', { name: '文书' }).click();
  const row = page.getByRole('row', { name: /入户调查表/ });
  await expect(row).toContainText('王国庆户');
  await row.getByRole('button', { name: '预览' }).click();
  await expect(page.locator('iframe[title="文书预览"]')).toBeVisible();
  // The hash is in the details of the preview, not a column of the table.
  await expect(page.getByRole('dialog')).toContainText(sha.slice(0, 8));
});
