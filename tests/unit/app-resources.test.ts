// Issue 14: a clean clone must hold the app icon, the installer art and the fonts' licence (resources/, committed;
// only the TTFs are copied in at install), and the packaging config must use them, or the packaged desk would carry
// Electron's default icon and no licence for the fonts it ships.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const at = (p: string) => join(ROOT, p);
const require = createRequire(at('package.json'));
// electron-builder's own YAML reader and the schema it validates the config against.
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const schema = require('app-builder-lib/scheme.json') as { properties: Record<string, unknown>; definitions: Record<string, { properties: Record<string, unknown> }> };

type BuilderConfig = {
  icon: string;
  files: string[];
  win: { icon: string };
  nsis: Record<string, string>;
  linux: { icon: string };
  extraResources: { from: string; to: string }[];
};
const config = yaml.load(readFileSync(at('electron-builder.yml'), 'utf8')) as BuilderConfig;

function png(file: Buffer): { width: number; height: number; colorType: number } {
  expect(file.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(file.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20), colorType: file[25]! };
}

function bmp(file: Buffer): { width: number; height: number; bits: number } {
  expect(file.toString('latin1', 0, 2)).toBe('BM');
  expect(file.readUInt32LE(2)).toBe(file.length);
  expect(file.readUInt32LE(14)).toBe(40); // BITMAPINFOHEADER, which NSIS reads
  const width = file.readInt32LE(18);
  const height = file.readInt32LE(22);
  const bits = file.readUInt16LE(28);
  expect(file.length).toBe(file.readUInt32LE(10) + Math.ceil((width * bits) / 32) * 4 * Math.abs(height));
  return { width, height, bits };
}

/** The sizes of an ICO's entries, each checked to be a PNG of the size its directory entry says. */
function icoSizes(file: Buffer): number[] {
  expect([file.readUInt16LE(0), file.readUInt16LE(2)]).toEqual([0, 1]);
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const e = 6 + 16 * i;
    const size = file[e] || 256;
    const length = file.readUInt32LE(e + 8);
    const offset = file.readUInt32LE(e + 12);
    expect(offset + length).toBeLessThanOrEqual(file.length);
    const entry = png(file.subarray(offset, offset + length));
    expect([entry.width, entry.height]).toEqual([size, size]);
    return size;
  });
}

describe('app icon, installer art and the fonts’ licence', () => {
  it('the icon is a 512 px RGBA PNG (with 256 and 512 for Linux) and an ICO with 16 to 256 px', () => {
    expect(png(readFileSync(at('resources/icon.png')))).toEqual({ width: 512, height: 512, colorType: 6 });
    expect(png(readFileSync(at('resources/icons/256x256.png')))).toMatchObject({ width: 256, height: 256 });
    expect(png(readFileSync(at('resources/icons/512x512.png')))).toMatchObject({ width: 512, height: 512 });
    // electron-builder refuses a Windows icon without a 256 px image; Explorer and the task bar use the small ones.
    expect(icoSizes(readFileSync(at('resources/icon.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('the NSIS sidebar and header are 24-bit BMPs of the sizes MUI2 shows', () => {
    expect(bmp(readFileSync(at('resources/installer-sidebar.bmp')))).toEqual({ width: 164, height: 314, bits: 24 });
    expect(bmp(readFileSync(at('resources/installer-header.bmp')))).toEqual({ width: 150, height: 57, bits: 24 });
  });

  it('the OFL text ships with the fonts', () => {
    const ofl = readFileSync(at('resources/fonts/OFL.txt'), 'utf8');
    expect(ofl).toContain('Noto Serif SC');
    expect(ofl).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(ofl).toContain('Reserved Font Name');
    const fonts = config.extraResources.find((r) => r.from === 'resources/fonts');
    expect(fonts?.to).toBe('fonts');
  });

  it('electron-builder.yml points at these files, with keys its schema knows', () => {
    const paths = {
      icon: config.icon,
      'win.icon': config.win.icon,
      'nsis.installerIcon': config.nsis.installerIcon,
      'nsis.uninstallerIcon': config.nsis.uninstallerIcon,
      'nsis.installerSidebar': config.nsis.installerSidebar,
      'nsis.uninstallerSidebar': config.nsis.uninstallerSidebar,
      'nsis.installerHeader': config.nsis.installerHeader,
      'linux.icon': config.linux.icon,
    };
    expect(paths).toEqual({
      icon: 'resources/icon.png',
      'win.icon': 'resources/icon.ico',
      'nsis.installerIcon': 'resources/icon.ico',
      'nsis.uninstallerIcon': 'resources/icon.ico',
      'nsis.installerSidebar': 'resources/installer-sidebar.bmp',
      'nsis.uninstallerSidebar': 'resources/installer-sidebar.bmp',
      'nsis.installerHeader': 'resources/installer-header.bmp',
      'linux.icon': 'resources/icons',
    });
    for (const p of Object.values(paths)) expect(existsSync(at(p ?? '')), p).toBe(true);
    expect(Object.keys(schema.properties)).toContain('icon');
    for (const key of Object.keys(config.nsis)) expect(Object.keys(schema.definitions.NsisOptions!.properties), `nsis.${key}`).toContain(key);
    for (const key of Object.keys(config.win)) expect(Object.keys(schema.definitions.WindowsConfiguration!.properties), `win.${key}`).toContain(key);
    for (const key of Object.keys(config.linux)) expect(Object.keys(schema.definitions.LinuxConfiguration!.properties), `linux.${key}`).toContain(key);
    // The window icon is read from app.asar at run time, so resources/icon.png must stay in `files`.
    expect(config.files).toContain('resources/**/*');
    expect(readFileSync(at('electron/main.ts'), 'utf8')).toMatch(/icon: join\(app\.getAppPath\(\), 'resources', 'icon\.png'\)/);
  });

  it('git ignores only the fonts under resources/', () => {
    const ignored = (p: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: ROOT });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('resources/fonts/NotoSerifSC-Regular.ttf')).toBe(true);
    for (const p of ['resources/icon.png', 'resources/icon.ico', 'resources/icons/256x256.png', 'resources/installer-sidebar.bmp', 'resources/installer-header.bmp', 'resources/fonts/OFL.txt']) {
      expect(ignored(p), p).toBe(false);
    }
  });
});
