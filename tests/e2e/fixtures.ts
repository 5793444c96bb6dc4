import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/services/app';
import { DEMO_PASSWORD, seedDemo } from '../../src/services/demo';
import { startHost, type Host } from '../../src/host/server';

const DIST = join(import.meta.dirname, '../../renderer/dist');

/** The demo accounts share DEMO_PASSWORD; the admin the fixture creates on an empty office uses the same. */
export const ADMIN_PASSWORD = DEMO_PASSWORD;

/** A browser host on a fresh data folder; `restart()` closes everything and opens the same folder again. */
export class HostHandle {
  app!: App;
  host!: Host;
  constructor(readonly dataDir: string) {}
  async start(): Promise<void> {
    this.app = openApp({ dataDir: this.dataDir });
    this.host = await startHost({ app: this.app, staticDir: DIST });
  }
  async stop(): Promise<void> {
    await this.host.close();
    this.app.close();
  }
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
  /**
   * The bare demo office (no campaign): the walks build their own campaign on it and count its 32 recipients' review
   * cases. `asOf` seeds it as of an earlier day (e.g. so that reviews fall due).
   */
  seedDemo(asOf?: Date): void {
    seedDemo(asOf ? { ...this.app.ctx(), clock: () => asOf } : this.app.ctx(), { cycle: false });
  }
  /** Creates the administrator the tests log in as, unless some account exists already (e.g. the demo's). */
  async ensureAdmin(): Promise<void> {
    const r = await this.app.call('user-list', {});
    if (r.ok && (r.value as unknown[]).length === 0) {
      await this.app.call('user-create', { username: 'admin', password: ADMIN_PASSWORD, displayName: '测试管理员', role: 'admin' });
    }
  }

  /** Opens the app at `path` and logs in through the login form (as `admin` unless told otherwise). */
  async open(page: Page, path = '', login: { username: string; password: string } | null = { username: 'admin', password: ADMIN_PASSWORD }): Promise<void> {
    if (login?.username === 'admin') await this.ensureAdmin();
    await page.goto(`http://127.0.0.1:${this.host.port}/${path}#token=${this.host.token}`);
    if (!login) return;
    await page.getByLabel('用户名').fill(login.username);
    await page.getByLabel('密码').fill(login.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('button', { name: '退出' }).waitFor();
  }
}

export const test = base.extend<{ host: HostHandle }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  host: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-e2e-'));
    const handle = new HostHandle(dir);
    await handle.start();
    await use(handle);
    await handle.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
