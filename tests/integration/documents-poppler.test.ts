// Each document kind checked with Debian's poppler tools, as a reader of the printed page would: the Chinese title
// is real text, every font is embedded as a subset, the page is A4. PNG renderings go to the test artefacts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents';
import { SAMPLE_DOCUMENTS } from '../fixtures/documents/samples';

const dir = mkdtempSync(join(tmpdir(), 'dibao-poppler-'));
const ARTEFACTS = join(import.meta.dirname, '../../test-results/document-renderings');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TITLES: Record<string, string> = {
  'denial-notice': '不予批准通知书',
  'stop-notice': '停发通知书',
  'public-notice-evaluation': '公示',
  'public-notice-approval': '审批结果公示',
  'public-notice-long-term': '公示',
  'annex2-person-summary': '人员信息汇总表',
  'annex3-filing-register': '备案登记表',
  'annex4-ineligible-register': '不符合低保对象登记表',
  'screening-sheet': '重点对象摸排表',
  'home-visit-form': '入户调查表',
  authorization: '授权书',
  declaration: '申请声明书',
  'meeting-record-hearing': '记录',
  'meeting-record-review': '审核会议记录',
  'meeting-record-approval': '审批会议记录',
  'filing-cover-sheet': '备案报送单',
};

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe.each(Object.keys(SAMPLE_DOCUMENTS))('%s', (kind) => {
  it('has its Chinese title as text, embeds subset fonts only, and is A4', async () => {
    const file = join(dir, `${kind}.pdf`);
    writeFileSync(file, await renderPdf(SAMPLE_DOCUMENTS[kind]!()));
    const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, '');
    expect(text).toContain(TITLES[kind]);

    // pdffonts: name type encoding emb sub uni object ID — every font embedded ("yes") and subset ("yes").
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      const cols = line.trim().split(/\s+/);
      expect(cols[0], line).toMatch(/^[A-Z]{6}\+NotoSerifSC/);
      expect(cols.slice(-5, -3), line).toEqual(['yes', 'yes']);
    }

    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(run('pdfinfo', [file]));
    const [w, h] = [Number(size![1]), Number(size![2])].sort((a, b) => a - b);
    expect(w).toBeCloseTo(595.28, 0);
    expect(h).toBeCloseTo(841.89, 0);

    mkdirSync(ARTEFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, join(ARTEFACTS, kind)]);
  });
});
