import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf, resolveFonts } from '../../src/documents/render.js';
import { personSummary } from '../../src/documents/templates/annex2-person-summary.js';
import { denialNotice } from '../../src/documents/templates/denial-notice.js';
import { publicNotice } from '../../src/documents/templates/public-notice.js';
import { countPages, extractPageTexts, firstPageSize } from '../fixtures/documents/pdf-text.js';
import { DENIAL, PERSON_SUMMARY, PUBLIC_NOTICE, SAMPLE_IDS, summaryRows } from '../fixtures/documents/sample-data.js';
import { SAMPLE_DOCUMENTS } from '../fixtures/documents/samples.js';

const A4_PORTRAIT: [number, number] = [595.28, 841.89];
const EXPECTED_TITLES: Record<string, string> = {
  'denial-notice': '最低生活保障待遇不予批准通知书',
  'stop-notice': '最低生活保障金停发通知书',
  'public-notice-evaluation': '最低生活保障拟纳入对象评议结果公示',
  'public-notice-approval': '最低生活保障对象审批结果公示',
  'public-notice-long-term': '最低生活保障对象长期公示',
  'annex2-person-summary': '低保对象人员信息汇总表',
  'annex3-filing-register': '最低生活保障对象备案登记表',
  'annex4-ineligible-register': '不符合低保对象登记表',
  'screening-sheet': '重点对象摸排表',
  'home-visit-form': '最低生活保障入户调查表',
  authorization: '家庭经济状况核对授权书',
  declaration: '最低生活保障申请声明书',
  'meeting-record-hearing': '最低生活保障评议听证会记录',
  'meeting-record-review': '最低生活保障审核会议记录',
  'meeting-record-approval': '最低生活保障审批会议记录',
  'filing-cover-sheet': '最低生活保障备案报送单',
};

describe('rendering every document kind', () => {
  for (const [name, build] of Object.entries(SAMPLE_DOCUMENTS)) {
    it(`${name}: A4 PDF with its Chinese title and an embedded subset font`, async () => {
      const definition = build();
      const pdf = await renderPdf(definition);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const size = firstPageSize(pdf);
      const expected = definition.pageOrientation === 'landscape' ? [A4_PORTRAIT[1], A4_PORTRAIT[0]] : A4_PORTRAIT;
      expect(size).toEqual(expected);
      const pages = extractPageTexts(pdf);
      expect(pages.length).toBe(countPages(pdf));
      expect(pages[0]).toContain(EXPECTED_TITLES[name]);
      expect(pages.at(-1)).toContain(`— ${pages.length} —`);
      // Subset fonts are named with a six-letter tag ("ABCDEF+Name") and carry their glyphs in FontFile2.
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
      expect(raw).toContain('/FontFile2');
      expect(pdf.length).toBeLessThan(100 * 1024);
    });
  }
});

describe('notices', () => {
  it('a one-page denial notice is under 100 KB and quotes its reason', async () => {
    const pdf = await renderPdf(denialNotice({ ...DENIAL, reasons: [DENIAL.reasons[0]!] }));
    expect(countPages(pdf)).toBe(1);
    expect(pdf.length).toBeLessThan(100 * 1024);
    const [text] = extractPageTexts(pdf);
    expect(text).toContain(DENIAL.reasons[0]);
    expect(text).toContain('60日内向清河县人民政府申请行政复议');
    expect(text).toContain('0558-7654321');
  });

  it('never leaves the issuer and date alone on a page', async () => {
    const pages = extractPageTexts(await renderPdf(denialNotice(DENIAL)));
    const last = pages.at(-1) ?? '';
    expect(last).toContain('清河镇人民政府');
    expect(last.replace(/清河镇人民政府|2020年3月20日|— \d+ —/g, '').length).toBeGreaterThan(10);
  });
});

describe('determinism', () => {
  it('renders the same data to byte-identical PDFs, and does not mutate the definition', async () => {
    const definition = denialNotice(DENIAL);
    const before = JSON.stringify(definition);
    const first = await renderPdf(definition);
    await renderPdf(personSummary(PERSON_SUMMARY));
    const second = await renderPdf(denialNotice(DENIAL));
    const third = await renderPdf(definition);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(third)).toBe(true);
    expect(JSON.stringify(definition)).toBe(before);
  });

  it('concurrent renders do not interfere', async () => {
    const [a, b] = await Promise.all([renderPdf(denialNotice(DENIAL)), renderPdf(denialNotice(DENIAL))]);
    expect(a.equals(b)).toBe(true);
  });

  it('a different decision date changes the bytes (dates come from the data)', async () => {
    const a = await renderPdf(denialNotice(DENIAL));
    const b = await renderPdf(denialNotice({ ...DENIAL, issueDate: '2020-03-21' }));
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).toContain('D:20200319160000Z');
  });
});

describe('multi-page tables', () => {
  it('repeat the header row on every page', async () => {
    const pdf = await renderPdf(personSummary({ ...PERSON_SUMMARY, rows: summaryRows(60) }));
    const pages = extractPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(2);
    expect(countPages(pdf)).toBe(pages.length);
    for (const page of pages) expect(page).toContain('序号姓名与户主关系性别身份证号码');
    for (const page of pages) expect(page).toContain('内部资料');
    expect(pages.at(-1)).toMatch(/60\S{2,3}(户主|配偶|子女)/);
  });
});

describe('public sheets', () => {
  it('print no ID number or address even when the rows carry them', async () => {
    const rows = PUBLIC_NOTICE.rows.map((row, index) => ({
      ...row,
      idNumber: SAMPLE_IDS[index % SAMPLE_IDS.length],
      address: `桃园村秘密路${index}号`,
      monthlyIncome: 987.65,
    }));
    const text = extractPageTexts(await renderPdf(publicNotice({ ...PUBLIC_NOTICE, rows }))).join('');
    expect(text).toContain('最低生活保障拟纳入对象评议结果公示');
    expect(text).toContain(PUBLIC_NOTICE.rows[3]!.headName);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('秘密路');
    expect(text).not.toContain('987.65');
    expect(text).toContain('镇民政所 0558-1234567');
    expect(text).toContain('县低保中心 0558-7654321');
  });
});

describe('font override', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-fonts-'));

  it('falls back to the bundled font when the office font is missing or not a font', async () => {
    const notAFont = join(dir, 'fangsong.ttf');
    writeFileSync(notAFont, 'this is not a font file');
    expect(resolveFonts({ fontFile: { regular: join(dir, 'missing.ttf') } }).usedOverride).toBe(false);
    expect(resolveFonts({ fontFile: { regular: notAFont } }).usedOverride).toBe(false);
    const fallback = await renderPdf(denialNotice(DENIAL), { fontFile: { regular: notAFont } });
    expect(fallback.equals(await renderPdf(denialNotice(DENIAL)))).toBe(true);
  });

  it('uses a readable office font for body text and keeps the bundled bold when it has none', async () => {
    // Stand-in for an office 仿宋 file: any other TrueType font will do.
    // Taken from the npm package so the test does not depend on copy-fonts having run.
    const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif-sc/package.json'));
    const office = join(packageDir, '700Bold', 'NotoSerifSC_700Bold.ttf');
    expect(resolveFonts({ fontFile: { regular: office } }).usedOverride).toBe(true);
    const raw = (await renderPdf(denialNotice(DENIAL), { fontFile: { regular: office } })).toString('latin1');
    expect(raw).not.toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Bold/);
  });
});
