// Benchmark of the documents room: `npm run bench -- documents [N]` (default 200).
// 1. N denial notices rendered in one process (template + pdfmake, fonts loaded once; warm-up not timed).
// 2. N denial notices issued through the registry on a demo office in a temp folder: build from the saved
//    determination, render, write atomically with fsync, SHA-256, one transaction with the audit row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderPdf } from '../src/documents/render';
import { denialNotice } from '../src/documents/templates/denial-notice';
import type { DenialNoticeData } from '../src/documents/types';
import { openApp } from '../src/services/app';
import { seedDemo } from '../src/services/demo';
import { DEFAULT_LEGAL_TEXTS } from '../src/services/legal-texts';
import { issueOptionsSchema } from '../src/contract';
import { issueDocument } from '../src/services/documents';

const text = (key: string) => DEFAULT_LEGAL_TEXTS.filter((t) => t.key === key).at(-1)!.text;

const NOTICE: DenialNoticeData = {
  issuer: '清河镇人民政府',
  issueDate: '2026-11-28',
  addressee: '王建国',
  applicationDate: '2026-11-03',
  decisionDate: '2026-11-27',
  reasons: [
    '家庭财产状况符合规定（方案二(一)）',
    '家庭月总收入 2400.00 元 ÷ 3 人 = 人均 800.00 元，不低于低保标准 602 元（方案二(一)1）',
    '人均 800.00 元低于低保标准的 2 倍 1204 元，但家庭成员中无重病、重残人员（方案二(一)2）',
  ],
  legalBasis: text('legal-basis'),
  remedies: text('remedies'),
  contacts: { issuerPhone: '0550-1234500', reviewBody: '清河县人民政府', reviewBodyPhone: '0550-7650000' },
    supervisionPhones: { township: '0550-1234567', county: '0550-7654321' },
};

function report(label: string, count: number, ms: number, bytes: number): void {
  console.log(`${label.padEnd(28)}${String(count).padStart(6)} 份  ${(ms / count).toFixed(1).padStart(7)} ms/份  ${(bytes / count / 1024).toFixed(1).padStart(7)} KB/份`);
}

export async function benchDocuments(): Promise<void> {
  const count = Number(process.argv[3] ?? 200);
  if (!Number.isInteger(count) || count < 1) throw new Error('N 应为正整数');

  await renderPdf(denialNotice(NOTICE)); // warm-up: loads the fonts once
  let bytes = 0;
  let started = performance.now();
  for (let i = 0; i < count; i++) {
    const pdf = await renderPdf(denialNotice({ ...NOTICE, addressee: `王建国${i}`, documentNumber: `清河民低不批〔2026〕${i + 1}号` }));
    bytes += pdf.length;
  }
  report('渲染不予批准通知书', count, performance.now() - started, bytes);
  // A notice's fixed cost (issue 13: < 5 ms; the two 14.8 MB font files were once parsed for every document): the
  // same renderer and fonts on a page holding one character, so nearly all that is left is the per-document cost.
  bytes = 0;
  started = performance.now();
  const { header: _h, footer: _f, ...page } = denialNotice(NOTICE);
  for (let i = 0; i < count; i++) bytes += (await renderPdf({ ...page, content: [{ text: '阅' }] })).length;
  report('固定开销（一个字的文书）', count, performance.now() - started, bytes);

  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-docs-'));
  const app = openApp({ dataDir: dir });
  try {
    seedDemo(app.ctx(), { cycle: false });
    const ineligible = (app.db.prepare("SELECT household_id AS id FROM determinations WHERE category = 'ineligible'").all() as { id: number }[]).map((r) => r.id);
    if (ineligible.length === 0) throw new Error('演示数据中没有不符合条件的家庭');
    // The notice is issued as its case step issues it (the document-issue command refuses notices).
    const denial = (householdId: number) => issueDocument(app.ctx(), { kind: 'denial-notice', householdId, villageId: null, options: issueOptionsSchema.parse({ applicationDate: '2026-11-02' }) });
    // (The demo households have no case whose application step would give the date the family applied.)
    await denial(ineligible[0]!); // warm-up
    bytes = 0;
    started = performance.now();
    for (let i = 0; i < count; i++) {
      bytes += (await denial(ineligible[i % ineligible.length]!)).size;
    }
    report('出具并登记（含写盘、fsync）', count, performance.now() - started, bytes);
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
