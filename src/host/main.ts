import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp, resolveDataDir } from '../services/app';
import { startHost } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'renderer/dist');
const SOURCES = ['renderer/src', 'renderer/index.html', 'src/contract', 'src/domain'].map((p) => join(ROOT, p));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds the renderer when there is no build yet or a source is newer than it. */
async function ensureRendererBuilt(): Promise<void> {
  const index = join(DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built && Math.max(...SOURCES.map(newestMtime)) <= built) return;
  console.log('正在构建界面（首次启动或源代码有更新）…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  if (!values['no-build']) await ensureRendererBuilt();
  const dataDir = resolveDataDir(values['data-dir']);
  const app = openApp({ dataDir, autoBackup: true, backgroundCheckpoints: true });
  const host = await startHost({ app, staticDir: DIST, port: values.port ? Number(values.port) : 0 });
  console.log(`低保案件台已启动（浏览器版）`);
  console.log(`数据目录：${dataDir}`);
  if (app.startup.recovery) {
    console.log(app.startup.recovery.outcome === 'finished' ? '上次的恢复在完成前被中断，已在启动时完成，现为恢复后的数据。' : '上次的恢复在完成前被中断，已在启动时撤回，现为恢复前的原有数据。');
  }
  console.log(`请在浏览器中打开：${host.url}`);
  const stop = () => {
    void host.close().then(() => {
      app.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
