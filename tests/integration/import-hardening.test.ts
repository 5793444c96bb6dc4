// Issue 11, imports: files that must be refused (with a Chinese message, nothing written), visible sheets only
// and the clerk's choice of sheet, the reader's independence of zip order (the intermittent read failure), and
// the host's size limit answered in the result envelope.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, ImportPreview, PackageReport, ImportResult, Page, PaymentBatchView, ReturnPreview, UploadInfo, VerificationImportPreview } from '../../src/contract';
import { REQUEST_MAX_BYTES, UPLOAD_MAX_BASE64, UPLOAD_TOO_LARGE } from '../../src/contract';
import { startHost, type Host } from '../../src/host/server';
import {
  allHiddenXlsx,
  hiddenFirstSheetXlsx,
  lyingSizeXlsx,
  manyEntriesXlsx,
  multiSheetXlsx,
  oversizeDeclaredXlsx,
  reorderedXlsx,
  truncatedSheetXlsx,
  writeZip,
  zipBombXlsx,
} from '../helpers/bad-xlsx';
import { setup as caseSetup, clerk as caseClerk, toVerification, HEAD_ID, type Setup } from '../helpers/case-steps';
import { generate, returnFile } from '../helpers/payments-world';
import { clerk as rosterClerk, rosterWorld, type World as RosterWorld } from '../helpers/roster-world';
import { clerk, ID, listXlsx, rowCount, screeningWorld, type World } from '../helpers/screening-world';
import { ok, validId } from '../helpers/temp-app';

const HEADERS = ['序号', '户主姓名', '姓名', '公民身份号码', '村委会', '村民小组', '户类型'];
const MAPPING = { idNumber: 3, name: 2, village: 4, flag: 6 };
const row = (n: number, name: string, id: string, village = '东山村') => [n, name, name, id, village, '', '未脱贫户'];
const ROWS = [row(1, '张建国', ID.zhang), row(2, '李秀英', ID.li), row(3, '王德明', ID.wang)];

/** 20 rows, as in the report: a cut sheet once imported 8 of them. */
const TWENTY = Array.from({ length: 20 }, (_, i) => row(i + 1, ['张建国', '李秀英', '王德明', '赵春花'][i % 4]!, [ID.zhang, ID.li, ID.wang, ID.zhao][i % 4]!));

const TABLES = ['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'];
const counts = (w: World) => Object.fromEntries(TABLES.map((t) => [t, rowCount(w, t)]));

const input = (base64: string, sheetName: string | null = null) => ({
  source: 'poverty' as const,
  fileName: '扶贫名单.xlsx',
  base64,
  sheetName,
  mapping: MAPPING,
  addUnknown: true,
});

let w: World;
beforeEach(async () => {
  w = await screeningWorld();
});
afterEach(() => w.app.dispose());

/** Upload, preview and commit each refuse the file with `message`, and nothing in the database changes. */
async function expectRefused(base64: string, message: string | RegExp, sheetName: string | null = null): Promise<void> {
  const before = counts(w);
  const error = { ok: false, error: { code: 'VALIDATION', message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) } };
  const { mapping: _m, addUnknown: _a, ...file } = input(base64, sheetName);
  expect(await w.app.call('screening-upload', file, clerk)).toMatchObject(error);
  expect(await w.app.call('screening-preview', input(base64, sheetName), clerk)).toMatchObject(error);
  expect(await w.app.call('screening-commit', input(base64, sheetName), clerk)).toMatchObject(error);
  expect(counts(w)).toEqual(before);
}

describe('bad files are refused before anything is imported', () => {
  it('a sheet whose XML is cut in half: damaged, not 8 of 20 rows', async () => {
    await expectRefused(await truncatedSheetXlsx(HEADERS, TWENTY), '文件已损坏');
  });

  it('a zip bomb (64 KB that inflate to 64 MB) is refused from the zip directory', async () => {
    const bomb = await zipBombXlsx(HEADERS, ROWS);
    expect(Buffer.from(bomb, 'base64').length).toBeLessThan(200 * 1024);
    await expectRefused(bomb, '压缩炸弹');
  });

  it('a part declared larger than the limit, and a directory that understates a size', async () => {
    await expectRefused(await oversizeDeclaredXlsx(HEADERS, ROWS), '超过单个部件');
    await expectRefused(await lyingSizeXlsx(HEADERS, ROWS), '文件已损坏');
  });

  it('an encrypted part and an unknown compression method are named; bytes after the zip are tolerated', async () => {
    const good = Buffer.from(await listXlsx(HEADERS, ROWS), 'base64');
    // The central directory's records (signature PK\x01\x02): flags at +8, method at +10.
    const records: number[] = [];
    const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let at = good.indexOf(signature); at >= 0; at = good.indexOf(signature, at + 1)) records.push(at);
    expect(records.length).toBeGreaterThan(3);
    const patched = (edit: (b: Buffer, at: number) => void) => {
      const b = Buffer.from(good);
      edit(b, records[records.length - 1]!);
      return b.toString('base64');
    };
    await expectRefused(patched((b, at) => b.writeUInt16LE(b.readUInt16LE(at + 8) | 1, at + 8)), '文件设置了密码（已加密）');
    await expectRefused(patched((b, at) => b.writeUInt16LE(12, at + 10)), '文件使用了不支持的压缩方式');
    const trailing = Buffer.concat([good, Buffer.from('\r\n'.repeat(8))]).toString('base64');
    const { mapping: _m, addUnknown: _a, ...file } = input(trailing);
    expect(await w.app.call('screening-upload', file, clerk)).toMatchObject({ ok: true });
  });

  it('too many entries in the zip', async () => {
    await expectRefused(await manyEntriesXlsx(HEADERS, ROWS), /包含 2,1\d\d 个部件，超过上限 2,000 个/);
  });

  it('a workbook whose only sheet is hidden, and a hidden sheet asked for by name', async () => {
    await expectRefused(await allHiddenXlsx(HEADERS, ROWS), '没有可见的工作表');
    await expectRefused(await hiddenFirstSheetXlsx(HEADERS, ROWS, ROWS), '没有名为「旧名单」的可见工作表', '旧名单');
  });

  it('not a workbook, and an old .xls (or password-protected) file', async () => {
    await expectRefused(Buffer.from('姓名,身份证号\n').toString('base64'), '不是 Excel 工作簿');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await expectRefused(ole.toString('base64'), '旧版 .xls 格式或设置了打开密码');
  });
});

describe('visible sheets, and the one the clerk picks', () => {
  it('a hidden first sheet is skipped: the visible list is read and imported', async () => {
    const decoy = [row(1, '赵春花', ID.zhao)];
    const base64 = await hiddenFirstSheetXlsx(HEADERS, decoy, ROWS);
    const { mapping: _m, addUnknown: _a, ...file } = input(base64);
    const up = ok<UploadInfo>(await w.app.call('screening-upload', file, clerk));
    expect(up).toMatchObject({ sheets: ['名单'], sheetName: '名单', rowCount: 3 });
    const r = ok<ImportResult>(await w.app.call('screening-commit', input(base64), clerk));
    expect(r.batch).toMatchObject({ rowCount: 3, flaggedCount: 3 });
    const flagged = (w.app.db.prepare('SELECT id_number AS id FROM screening_flags ORDER BY row_number').all() as { id: string }[]).map((f) => f.id);
    expect(flagged).toEqual([ID.zhang, ID.li, ID.wang]);
  });

  it('several visible sheets: the preview names them, the chosen one is imported, and another sheet of the same file is not a repeat', async () => {
    const base64 = await multiSheetXlsx(
      [
        { name: '东山村', rows: ROWS },
        { name: '西岭村', rows: [row(1, '陈志强', ID.west, '西岭村')] },
      ],
      HEADERS,
    );
    const { mapping: _m, addUnknown: _a, ...file } = input(base64);
    const first = ok<UploadInfo>(await w.app.call('screening-upload', file, clerk));
    expect(first).toMatchObject({ sheets: ['东山村', '西岭村'], sheetName: '东山村', rowCount: 3 });
    const west = ok<UploadInfo>(await w.app.call('screening-upload', { ...file, sheetName: '西岭村' }, clerk));
    expect(west).toMatchObject({ sheets: ['东山村', '西岭村'], sheetName: '西岭村', rowCount: 1, sampleRows: [[ '1', '陈志强', '陈志强', ID.west, '西岭村', '', '未脱贫户']] });
    const p = ok<ImportPreview>(await w.app.call('screening-preview', input(base64, '西岭村'), clerk));
    expect(p.rows.map((r) => r.idNumber)).toEqual([ID.west]);

    const r1 = ok<ImportResult>(await w.app.call('screening-commit', input(base64, '西岭村'), clerk));
    expect(r1).toMatchObject({ alreadyImported: false, batch: { rowCount: 1 } });
    const r2 = ok<ImportResult>(await w.app.call('screening-commit', input(base64, '东山村'), clerk));
    expect(r2).toMatchObject({ alreadyImported: false, batch: { rowCount: 3 } });
    expect(ok<ImportResult>(await w.app.call('screening-commit', input(base64, '西岭村'), clerk))).toMatchObject({ alreadyImported: true, batch: { id: r1.batch.id } });
    // The first visible sheet keeps the file's own hash, as every import had before sheets could be chosen.
    expect(r2.batch.sha256).toBe(first.sha256);
  });
});

describe('the reader does not depend on the order of the parts (the intermittent 「无法读取该 Excel 文件」)', () => {
  it('reads a file whose workbook.xml comes last and whose sheet comes first', async () => {
    const base64 = await reorderedXlsx(HEADERS, ROWS);
    const { mapping: _m, addUnknown: _a, ...file } = input(base64);
    expect(ok<UploadInfo>(await w.app.call('screening-upload', file, clerk))).toMatchObject({ sheetName: '名单', rowCount: 3, headerRowNumber: 2 });
  });

  it('reads the same valid list 12 times at once, every time whole', async () => {
    const lists = await Promise.all(
      Array.from({ length: 12 }, (_, i) => listXlsx(HEADERS, [...ROWS, row(4, '赵春花', ID.zhao)], `2026年名单（第${i + 1}份）`)),
    );
    const results = await Promise.all(lists.map((base64) => w.app.call('screening-upload', { source: 'poverty', fileName: 'x.xlsx', base64 }, clerk)));
    expect(results.map((r) => (r.ok ? (r.value as UploadInfo).rowCount : r.error.message))).toEqual(Array(12).fill(4));
  });
});

describe('the rows are checked in turns, between other users\' requests', () => {
  it('a write while a commit checks its rows is seen: the commit checks again inside its transaction', async () => {
    const headers = ['姓名', '身份证号', '所在村', '残疾类别', '残疾等级'];
    // Over 500 rows, so that the check pauses at least once; all but the first are not registered.
    const strangers = Array.from({ length: 600 }, (_, i) => [`路人${i}`, validId(`99010119900101${String(100 + i)}`), '东山村', '听力', '四级']);
    const base64 = await listXlsx(headers, [['张建国', ID.zhang, '东山村', '肢体', '二级'], ...strangers]);
    const input = { source: 'disability' as const, fileName: '残联名单.xlsx', base64, mapping: { idNumber: 1, name: 0, village: 2, disabilityType: 3, disabilityLevel: 4 } };
    // Read once (the upload), so that the commit starts checking without waiting for the worker.
    ok<UploadInfo>(await w.app.call('screening-upload', { source: input.source, fileName: input.fileName, base64 }, clerk));
    const commit = w.app.call('screening-commit', input, clerk);
    // The commit has checked its first 500 rows (张建国 among them) and paused: another user records his disability.
    await new Promise((go) => setImmediate(go));
    w.app.db.prepare("UPDATE persons SET disability_type = 'visual', disability_level = 1 WHERE id_number = ?").run(ID.zhang);
    expect(ok<ImportResult>(await commit).batch).toMatchObject({ updatedPersons: 1, rowCount: 601 });
    const trail = ok<Page<AuditEntry>>(await w.app.call('audit-list', { entityType: 'household', entityId: w.households.zhang.id }, clerk));
    // The "before" is what the other user wrote, not what the first pass saw.
    expect(trail.items[0]).toMatchObject({ command: 'screening-commit', before: { disabilityType: 'visual', disabilityLevel: 1 }, after: { disabilityType: 'physical', disabilityLevel: 2 } });
  });
});

describe('the other imports refuse bad files the same way', () => {
  let s: Setup;
  let rw: RosterWorld;
  beforeAll(async () => {
    s = await caseSetup();
    await toVerification(s);
    rw = rosterWorld();
  });
  afterAll(() => {
    s.app.dispose();
    rw.dispose();
  });

  it('verification findings (核对结果): a cut sheet and a bomb, nothing recorded', async () => {
    const batches = () => (s.app.db.prepare('SELECT count(*) AS n FROM verification_batches').get() as { n: number }).n;
    const before = batches();
    for (const [file, message] of [
      [await truncatedSheetXlsx(['户主身份证号码', '身份证号码'], [[HEAD_ID, HEAD_ID]]), '文件已损坏'],
      [await zipBombXlsx(['户主身份证号码', '身份证号码'], [[HEAD_ID, HEAD_ID]]), '压缩炸弹'],
    ] as const) {
      const r = await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: '核对.xlsx', base64: file }, caseClerk);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(message) } });
      const c = await s.app.call('verification-import-commit', { campaignId: s.campaign.id, fileName: '核对.xlsx', base64: file }, caseClerk);
      expect(c).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(message) } });
    }
    expect(batches()).toBe(before);
  });

  it('verification findings: the preview names the visible sheets', async () => {
    const base64 = await multiSheetXlsx(
      [
        { name: '核对结果', rows: [[HEAD_ID, HEAD_ID]] },
        { name: '说明', rows: [['说明文字', '']] },
      ],
      ['户主身份证号码', '身份证号码'],
    );
    const p = ok<VerificationImportPreview>(await s.app.call('verification-import-preview', { campaignId: s.campaign.id, fileName: '核对.xlsx', base64, sheetName: '说明' }, caseClerk));
    expect(p).toMatchObject({ sheets: ['核对结果', '说明'], sheetName: '说明' });
  });

  it('bank return file (回盘): a cut sheet is refused, no row changes', async () => {
    const batch = await generate(rw, '2026-04');
    const paying = batch.rows.filter((r) => r.status === 'pending');
    const good = await returnFile(paying.map((r) => ({ account: r.accountNumber!, name: r.holderName!, amount: r.amount, status: '成功' })));
    const p = ok<ReturnPreview>(await rw.call('payment-return-preview', { batchId: batch.batch.id, fileName: '回盘.xlsx', base64: good }, rosterClerk));
    expect(p).toMatchObject({ sheets: ['回盘'], sheetName: '回盘', problems: [] });
    const cut = await truncatedSheetXlsx(['账号', '户名', '金额', '处理结果'], paying.map((r) => [r.accountNumber!, r.holderName!, r.amount, '成功']));
    const r = await rw.call('payment-return-commit', { batchId: batch.batch.id, fileName: '回盘.xlsx', base64: cut }, rosterClerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('文件已损坏') } });
    const after = ok<PaymentBatchView>(await rw.call('payment-batch-get', { batchId: batch.batch.id }, rosterClerk));
    expect(after.batch.counts).toMatchObject({ pending: paying.length, paid: 0, failed: 0 });
    expect(after.returns).toEqual([]);
  });
});

describe('the browser host and the upload limit agree', () => {
  let host: Host;
  let session: string;
  beforeEach(async () => {
    host = await startHost({ app: w.app, staticDir: w.app.dir });
    session = w.app.sessions.create(clerk);
  });
  afterEach(() => host.close());

  const post = (command: string, body: string) =>
    fetch(`http://127.0.0.1:${host.port}/api/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dibao-Token': host.token, 'X-Dibao-Session': session },
      body,
    });

  it('a file within the limit but over the old 20 MB request limit reaches the import (and is judged on its content)', async () => {
    const base64 = Buffer.alloc(16 * 1024 * 1024, 0x41).toString('base64');
    const res = await post('screening-upload', JSON.stringify({ source: 'poverty', fileName: '大文件.xlsx', base64 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('不是 Excel 工作簿') } });
  });

  it('an oversize upload gets 413 with a Chinese message in the result envelope, not a dropped connection', async () => {
    expect(REQUEST_MAX_BYTES).toBeGreaterThan(UPLOAD_MAX_BASE64);
    const body = JSON.stringify({ source: 'poverty', fileName: '过大.xlsx', base64: 'A'.repeat(REQUEST_MAX_BYTES) });
    const res = await post('screening-upload', body);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: UPLOAD_TOO_LARGE } });
    // The contract says the same to a client that is not limited by the host (Electron's IPC).
    const direct = await w.app.call('screening-upload', { source: 'poverty', fileName: '过大.xlsx', base64: 'A'.repeat(UPLOAD_MAX_BASE64 + 4) }, clerk);
    expect(direct).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: UPLOAD_TOO_LARGE } });
    expect(counts(w).screening_batches).toBe(0);
  });
});

describe('filing-verify on a folder that is not a package', () => {
  it('answers at once, without reading the folder (a named pipe in it would block any read forever)', async () => {
    const dir = join(w.app.dir, '不是备案包');
    mkdirSync(join(dir, '子文件夹'), { recursive: true });
    writeFileSync(join(dir, '子文件夹', 'a.txt'), 'x');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const report = ok<PackageReport>(await w.app.call('filing-verify', { path: dir }, clerk));
    expect(report).toMatchObject({ ok: false, problems: [expect.stringContaining('不是备案包：文件夹中没有清单文件 manifest.json')], files: [] });
  });

  it('and a zip without a manifest, from its directory alone', async () => {
    const zip = join(w.app.dir, '别的压缩包.zip');
    writeFileSync(zip, writeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]));
    const report = ok<PackageReport>(await w.app.call('filing-verify', { path: zip }, clerk));
    expect(report.problems).toEqual([expect.stringContaining('不是备案包：压缩包中没有清单文件 manifest.json')]);
  });
});
