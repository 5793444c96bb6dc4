import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { startHost, type Host } from '../../src/host/server';

const DIST = join(import.meta.dirname, '../../renderer/dist');

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
  seedDemo(): void {
    seedDemo(this.app.ctx());
  }
  async open(page: Page, path = ''): Promise<void> {
    await page.goto(`http://127.0.0.1:${this.host.port}/${path}#token=${this.host.token}`);
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
