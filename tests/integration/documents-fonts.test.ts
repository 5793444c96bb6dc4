// Office fonts (issue 12): on Windows the body is set in 仿宋 and headings in 黑体 from C:\Windows\Fonts when present,
// with the bundled Noto Serif SC as the fallback; a character none of the chosen fonts has (CJK Extension B names
// such as 𠮷) is set in a font that has it instead of printing □. The font folder is injected: here a fake
// "Windows" folder holding Debian's HanaMin fonts (fonts-hanazono) under the Windows file names.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { denialNotice, renderPdf, resolveFonts, type RenderOptions } from '../../src/documents';
import { DENIAL } from '../fixtures/documents/sample-data';

const HANAZONO = '/usr/share/fonts/truetype/hanazono';
const NOTO_REGULAR = resolve(import.meta.dirname, '../../resources/fonts/NotoSerifSC-Regular.ttf');
const dir = mkdtempSync(join(tmpdir(), 'dibao-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for C:\Windows\Fonts with the given files (Windows names, any case) linked to real fonts. */
function fakeWindowsFonts(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  execFileSync('mkdir', ['-p', folder]);
  for (const [file, target] of Object.entries(files)) symlinkSync(target, join(folder, file));
  return folder;
}

async function fontsAndText(addressee: string, options: RenderOptions): Promise<{ fonts: string[]; text: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await renderPdf(denialNotice({ ...DENIAL, addressee }), options));
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
  return { fonts, text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) };
}

describe('office fonts from the system font folder', () => {
  it('needs Debian’s fonts-hanazono for these checks (.ci/run installs it)', () => {
    expect(existsSync(join(HANAZONO, 'HanaMinB.ttf')), 'sudo apt-get install -y fonts-hanazono').toBe(true);
  });

  it('sets the body in the folder’s 仿宋 (simfang.ttf, found whatever its case) and headings in its 黑体 (simhei.ttf)', async () => {
    const folder = fakeWindowsFonts('office', { 'SIMFANG.TTF': join(HANAZONO, 'HanaMinA.ttf'), 'simhei.ttf': NOTO_REGULAR });
    const options = { systemFontsDir: folder, fallbackFontFiles: [] };
    expect(resolveFonts(options).systemFonts).toEqual({ body: true, heading: true, title: false });
    const { fonts } = await fontsAndText('王建国', options);
    expect(fonts).toContain('HanaMinA'); // the stand-in 仿宋
    expect(fonts).toContain('NotoSerifSC-Regular'); // the stand-in 黑体, for the bold title
    expect(fonts).not.toContain('NotoSerifSC-Bold');
  });

  it('keeps the bundled Noto Serif SC where the folder has no office fonts (and on Linux, by default)', async () => {
    const empty = fakeWindowsFonts('empty', {});
    expect(resolveFonts({ systemFontsDir: empty }).systemFonts).toEqual({ body: false, heading: false, title: false });
    const { fonts } = await fontsAndText('王建国', { systemFontsDir: empty, fallbackFontFiles: [] });
    expect(fonts.sort()).toEqual(['NotoSerifSC-Bold', 'NotoSerifSC-Regular']);
  });
});

describe('characters the chosen fonts lack', () => {
  it('sets 𠮷 and 𠀁 (CJK Extension B) in the folder’s SimSun-ExtB (simsunb.ttf) instead of printing □', async () => {
    const folder = fakeWindowsFonts('extb', { 'simsunb.ttf': join(HANAZONO, 'HanaMinB.ttf') });
    const { fonts, text } = await fontsAndText('𠮷𠀁祥', { systemFontsDir: folder, fallbackFontFiles: [] });
    expect(fonts).toContain('HanaMinB');
    expect(text).toContain('𠮷𠀁祥：');
  });

  it('prefers the bundled Noto Serif SC over the Ext-B font for what 仿宋 lacks, and uses the Ext-B font only for the rest', async () => {
    const folder = fakeWindowsFonts('chain', { 'simfang.ttf': join(HANAZONO, 'HanaMinB.ttf'), 'simsunb.ttf': join(HANAZONO, 'HanaMinA.ttf') });
    // HanaMinB (as 仿宋) lacks most of the basic block: those characters come from Noto, 𠮷 stays in HanaMinB itself.
    const { fonts, text } = await fontsAndText('𠮷祥', { systemFontsDir: folder, fallbackFontFiles: [] });
    expect(fonts).toContain('HanaMinB');
    expect(fonts).toContain('NotoSerifSC-Regular');
    expect(text).toContain('𠮷祥：');
  });

  it('without any font that has the character it is lost, which is why the fallback exists', async () => {
    const { text } = await fontsAndText('𠮷祥', { systemFontsDir: null, fallbackFontFiles: [] });
    expect(text).not.toContain('𠮷');
  });
});
