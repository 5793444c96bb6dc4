#!/usr/bin/env node
// Copies the bundled CJK serif (Noto Serif SC, OFL) from its npm package into resources/fonts/.
// The TTFs are ~14 MB each, so they are git-ignored and materialised at install time instead of committed.
// Plain Node ESM without dependencies: it runs from a postinstall-like step before anything else is built.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = join(root, 'resources', 'fonts');

const FONTS = [
  { from: '400Regular/NotoSerifSC_400Regular.ttf', to: 'NotoSerifSC-Regular.ttf' },
  { from: '700Bold/NotoSerifSC_700Bold.ttf', to: 'NotoSerifSC-Bold.ttf' },
];

function packageDir() {
  // Resolve through Node so hoisted or nested node_modules layouts both work.
  const require = createRequire(join(root, 'package.json'));
  try {
    return dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  } catch {
    return join(root, 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
  }
}

function sizeOf(path) {
  return existsSync(path) ? statSync(path).size : -1;
}

const srcDir = packageDir();
mkdirSync(targetDir, { recursive: true });
let failed = false;
for (const font of FONTS) {
  const src = join(srcDir, font.from);
  const dst = join(targetDir, font.to);
  const srcSize = sizeOf(src);
  if (srcSize < 0) {
    console.error(`copy-fonts: missing ${src} (is @expo-google-fonts/noto-serif-sc installed?)`);
    failed = true;
    continue;
  }
  if (sizeOf(dst) === srcSize) {
    console.log(`copy-fonts: ${font.to} up to date`);
    continue;
  }
  copyFileSync(src, dst);
  console.log(`copy-fonts: ${font.to} copied (${(srcSize / 1048576).toFixed(1)} MB)`);
}
process.exitCode = failed ? 1 : 0;
