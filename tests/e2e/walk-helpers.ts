import { expect, type Page } from '@playwright/test';
import type { CaseDetail } from '../../src/contract';
import type { HostHandle } from './fixtures';

export const value = <T,>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

const ASSETS = { vehicles: '', realEstate: '', deposits: '', business: '', other: '' };

/** The steps between screening and preliminary review; walked through the UI in case-steps.spec.ts. */
export async function throughHomeVisit(host: HostHandle, caseId: number): Promise<void> {
  const app = value<{ materials: { key: string; required: boolean }[] }>(await host.app.call('case-application-get', { caseId }));
  for (const m of app.materials.filter((x) => x.required)) value(await host.app.call('case-material-set', { caseId, key: m.key, received: true }));
  value(await host.app.call('case-application-update', { caseId, secretary: { name: '王书记', date: '2026-03-06' }, cadre: { name: '赵干部', date: '2026-03-06' } }));
  value(await host.app.call('case-submit-application', { caseId }));
  const detail = value<CaseDetail>(await host.app.call('case-get', { id: caseId }));
  const { facts } = value<{ facts: { assetsCompliant: boolean | null } }>(await host.app.call('household-evaluate', { householdId: detail.householdId }));
  const members = value<{ members: { id: number; name: string; monthlyIncome: number }[] }>(await host.app.call('household-get', { id: detail.householdId })).members;
  value(
    await host.app.call('case-verification-record', {
      caseId,
      incomes: members.map((m) => ({ personId: m.id, monthlyIncome: m.monthlyIncome })),
      assets: ASSETS,
      compliant: facts.assetsCompliant ?? true,
      note: '核对平台反馈',
    }),
  );
  value(await host.app.call('case-record-verification', { caseId }));
  value(
    await host.app.call('case-home-visit-save', {
      caseId,
      visitDate: '2026-03-10',
      investigators: ['刘调查', '陈调查'],
      familyMemberPresent: members[0]!.name,
      membersSeen: members.map((m) => m.id),
    }),
  );
  value(await host.app.call('case-record-home-visit', { caseId }));
}

/** Opens (or re-opens, after service-side steps) a case page and waits for its current step. */
export async function openCase(page: Page, id: number, step: string): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/campaigns'));
  await page.evaluate((caseId) => (window.location.hash = `#/cases/${caseId}`), id);
  await expect(page.locator('.ant-card').filter({ hasText: `当前步骤：${step}` })).toBeVisible();
}

/**
 * Clicks a Modal.confirm button and waits for the confirmation to close. A click that lands while the dialog is
 * still zooming in can be lost under load, so it is retried; a running request keeps the button in its loading
 * state, which ignores further clicks.
 */
export async function confirm(page: Page, name: string | RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  await expect(async () => {
    if ((await dialog.count()) > 0) await dialog.getByRole('button', { name }).click({ timeout: 3_000 });
    await expect(dialog).toHaveCount(0, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}
