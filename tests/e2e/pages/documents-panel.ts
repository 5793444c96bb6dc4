import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the household page's 文书 panel and the document preview. */
export class DocumentsPanel {
  readonly panel: Locator;
  readonly preview: Locator;
  constructor(readonly page: Page) {
    this.panel = page.locator('.ant-card').filter({ has: page.getByRole('button', { name: '入户调查表' }) });
    this.preview = page.getByRole('dialog').filter({ has: page.locator('iframe[title="文书预览"]') });
  }

  async issue(kind: string): Promise<void> {
    await this.panel.getByRole('button', { name: kind }).click();
    const confirm = this.page.getByRole('dialog').filter({ hasText: `出具${kind}？` });
    await confirm.getByRole('button', { name: /出\s*具/ }).click();
    await expect(this.preview).toBeVisible();
  }
}
