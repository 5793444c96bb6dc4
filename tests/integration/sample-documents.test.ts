// `sample-documents` from the demo office (issue 12, done when): every kind, with 附件2, 附件3 and the three meeting
// records, the 摸排表, the 评议结果公示 and the package's 备案报送单 built from the office's campaign — the 近亲属 and the supporter the demo's newcomer declared, the review
// meeting's cases and the 镇评审小组 by title — and the lists marked 内部资料.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { openApp } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';

const dir = mkdtempSync(join(tmpdir(), 'dibao-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample-documents from the demo office', () => {
  it('makes every kind from the office’s data, 附件3, the meeting records and the cover sheet included', async () => {
    const data = join(dir, 'office');
    const app = openApp({ dataDir: data, clock: () => new Date('2026-11-30T09:00:00') });
    try {
      await seedDemo(app.ctx());
    } finally {
      app.close();
    }
    const out = join(dir, 'out');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['sample-documents', '--data-dir', data, '--out', out], { stdin: Readable.from([]), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Every kind from the office's own data: none falls back to a fixture.
    const lines = stdout.split('\n').filter((l) => l.includes('.pdf'));
    expect(lines).toHaveLength(16);
    for (const line of lines) expect(line).toMatch(/\.pdf\s+[\d.]+ KB\s+本镇数据$/);
    const text = (file: string) => execFileSync('pdftotext', ['-layout', join(out, `${file}.pdf`), '-'], { encoding: 'utf8' });
    const annex3 = text('annex3-filing-register');
    expect(annex3).toMatch(/陈国庆\s+居委会委员\s+表兄\s+是/);
    expect(annex3).toContain('内部资料');
    expect(text('annex2-person-summary')).toContain('孙建军（儿子）');
    const approval = text('meeting-record-approval');
    expect(approval).toContain('审批会议记录');
    expect(approval).toMatch(/（组长）/);
    expect(approval).not.toContain('村民代表');
    expect(text('meeting-record-review')).toContain('审核会议记录');
    // The 备案报送单 of the demo's package: its manifest's hash as the package holds it.
    const exports = join(data, 'exports');
    const folder = readdirSync(exports).find((f) => !f.endsWith('.zip'))!;
    const manifestHash = createHash('sha256').update(readFileSync(join(exports, folder, 'manifest.json'))).digest('hex').toUpperCase();
    const cover = text('filing-cover-sheet').replace(/\s+/g, '');
    expect(cover).toContain(folder);
    // Printed in two lines of 32 hex digits beside its label.
    expect(cover).toContain(manifestHash.slice(0, 32));
    expect(cover).toContain(manifestHash.slice(32));
    expect(text('public-notice-evaluation')).toContain('评议结果公示');
    expect(text('screening-sheet')).toContain('摸排表');
  }, 120_000);
});
