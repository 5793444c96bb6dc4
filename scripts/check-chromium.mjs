// Fails early, in Chinese and English, when Debian's Chromium (used by the e2e tests) is missing.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    [
      `未找到 Chromium 浏览器（${path}），端到端测试需要它。`,
      `Chromium not found at ${path}; the end-to-end tests need it. Install it with:`,
      '    sudo apt-get update && sudo apt-get install -y chromium',
      '(or set CHROMIUM_PATH to another Chromium/Chrome binary). Playwright\'s own browser download does not work on these machines.',
    ].join('\n'),
  );
  process.exit(1);
}
