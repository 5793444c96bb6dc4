import { expect, test } from './fixtures';

// Issue 14: 文号格式 is shown and edited with named Chinese parts, never the stored {seq} codes.
test('an administrator edits the 文号格式 with named parts, sees the next number live, is stopped without 序号, and saves it as the same stored pattern', async ({
  page,
  host,
}) => {
  host.seedDemo();
  await host.open(page, '#/settings?tab=documents');
  const pattern = page.getByLabel('文号格式');
  await expect(pattern).toHaveValue('【乡镇简称】民低【文书类别代字】〔【年份】〕【序号】号');
  await expect(page.getByText(/\{(township|kind|year|seq)\}/)).toHaveCount(0);

  const year = new Date().getFullYear();
  const denial = page.getByTestId('number-example-denial-notice');
  await page.getByLabel('乡镇简称').fill('清河');
  await page.locator('input#prefixes_denial-notice').fill('字');
  await expect(denial).toContainText(`清河民低字〔${year}〕1号`);

  // Without 序号 the numbers would repeat: refused with a message naming the part, nothing saved.
  await pattern.fill('【乡镇简称】民低【文书类别代字】〔【年份】〕号');
  await expect(page.getByText('文号格式须包含【序号】')).toBeVisible();
  await page.getByRole('button', { name: /保\s*存/ }).first().click();
  await expect(page.getByText('文书设置已保存')).toHaveCount(0);

  // Put the sequence back with the part button (at the caret, here the end), and save.
  await pattern.fill('【乡镇简称】民低【文书类别代字】〔【年份】〕第');
  await pattern.press('End');
  await page.getByRole('button', { name: '序号', exact: true }).click();
  await pattern.press('End');
  await pattern.pressSequentially('号');
  await expect(pattern).toHaveValue('【乡镇简称】民低【文书类别代字】〔【年份】〕第【序号】号');
  await expect(denial).toContainText(`清河民低字〔${year}〕第1号`);
  await page.getByRole('button', { name: /保\s*存/ }).first().click();
  await expect(page.getByText('文书设置已保存')).toBeVisible();

  const saved = await host.app.call('document-settings-get', {});
  expect(saved.ok && (saved.value as { settings: { numberPattern: string } }).settings.numberPattern).toBe('{township}民低{kind}〔{year}〕第{seq}号');
  // Shown again from the database as named parts.
  await page.evaluate(() => (location.hash = '#/households'));
  await page.evaluate(() => (location.hash = '#/settings?tab=documents'));
  await expect(page.getByLabel('文号格式')).toHaveValue('【乡镇简称】民低【文书类别代字】〔【年份】〕第【序号】号');
});
