import { expect, test } from './fixtures';

test('first start creates the administrator; the lock button locks the screen until the password is given', async ({ page, host }) => {
  await host.open(page, '', null);
  await expect(page.getByText('首次使用：选择单位类型，创建管理员账户')).toBeVisible();
  await page.getByLabel('用户名').fill('wang');
  await page.getByLabel('姓名').fill('王所长');
  await page.getByLabel('密码', { exact: true }).fill('abc');
  await page.getByLabel('确认密码').fill('abc');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByText('密码至少8位')).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill('wangpass2026');
  await page.getByLabel('确认密码').fill('wangpass2026');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByText('王所长')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '账户管理' })).toBeVisible();

  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByText('屏幕已锁定')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '家庭档案' })).toHaveCount(0);
  await page.getByLabel('密码').fill('wrong-pass1');
  await page.getByRole('button', { name: /解\s*锁/ }).click();
  await expect(page.getByText('密码不正确')).toBeVisible();
  await page.getByLabel('密码').fill('wangpass2026');
  await page.getByRole('button', { name: /解\s*锁/ }).click();
  await expect(page.getByRole('menuitem', { name: '家庭档案' })).toBeVisible();
});

test('a village cadre sees no administration and cannot reach it through the API either', async ({ page, host }) => {
  host.seedDemo();
  await host.open(page, '', { username: 'cadre1', password: 'demo1234' });
  await expect(page.getByText('村干部 · 东山村')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '账户管理' })).toHaveCount(0);
  const status = await page.evaluate(async () => {
    const token = sessionStorage.getItem('dibao-token') ?? '';
    const session = sessionStorage.getItem('dibao-session') ?? '';
    const r = await fetch('./api/user-list', { method: 'POST', headers: { 'X-Dibao-Token': token, 'X-Dibao-Session': session }, body: '{}' });
    return (await r.json()) as { ok: boolean; error?: { code: string } };
  });
  expect(status).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
