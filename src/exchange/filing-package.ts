// Writing a filing package (备案包) to a folder or USB drive, safely: everything goes under a temporary name in
// the destination (`.备案包-xxxx.partial/`), each file fsynced; then every hash is re-read from the disk and
// checked; only then is the folder renamed to its final name. The zip is made the same way (temp name, verify,
// rename). On any failure the partial and anything final-named made by this run are removed.
//
// Since issue 11 the manifest is signed with the office key (signature.json), and the cover sheet 备案报送单.pdf,
// which prints the manifest's SHA-256 and so is made after it, is signed beside it.
import { randomUUID } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ApprovedListRow, IneligibleListRow, PackageFileEntry, PackageManifest } from '../contract/commands/filing';
import { exchangeFiles, sha256Hex, syncDir, writeDurable } from './durable';
import { COVER_SHEET_FILE, MANIFEST_FILE, SIGNATURE_FILE, SUMS_FILE, verifyPackage, type PackageSignatureDoc } from './package-verify';
import { makeSignatureDoc, SIGNATURE_ALGORITHM, type Signer } from './signing';
import { deflateEntry, zipFolderAsync } from './zip-writer';

export type PackageFile = { path: string; bytes: Buffer };

export class PackageWriteError extends Error {
  override name = 'PackageWriteError';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** `sha256sum -c` format: `<hex>  <path>`, LF line ends, sorted by path. */
export function sha256sums(entries: readonly PackageFileEntry[]): string {
  return entries
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)))
    .join('');
}

/** Windows forbids these in names; a newline or backslash would need escaping in SHA256SUMS. */
export const safeName = (s: string): string => s.replace(/[\\/:*?"<>|\s]/g, '_');

export const PARTIAL_PREFIX = '.备案包-';

function uniqueFinalName(destDir: string, name: string): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${name}-${i}`;
    if (!existsSync(join(destDir, candidate)) && !existsSync(join(destDir, `${candidate}.zip`))) return candidate;
  }
}

// PDFs and xlsx are compressed already; text compresses well. Deflated by node:zlib, not JSZip (issue 13).
const isText = (path: string): boolean => /\.(json|txt)$|SHA256SUMS$/.test(path);
/**
 * zlib's fastest level: at county scale the package's 58 MB of JSON deflate in ~0.1 s instead of ~0.26 s, and the
 * zip grows from 2.4 to 3.7 MB — nothing on a USB stick (issue 13). The files inside are the same bytes.
 */
const ZIP_LEVEL = 1;

/** A file of the zip, its deflated body being made on the libuv pool from the moment the file is known. */
type ZipPart = { path: string; bytes: Buffer; deflate: boolean; deflated?: Promise<Buffer> };

function zipPart(f: PackageFile): ZipPart {
  if (!isText(f.path)) return { path: f.path, bytes: f.bytes, deflate: false };
  const deflated = deflateEntry(f.bytes, ZIP_LEVEL);
  // Awaited when the zip is assembled; until then a failure must not count as unhandled.
  deflated.catch(() => undefined);
  return { path: f.path, bytes: f.bytes, deflate: true, deflated };
}

/**
 * Waits for every write, then fails with the first failure: nothing of this run may still be writing when the
 * partial folder is removed.
 */
async function settleAll(writes: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export type WrittenPackage = {
  folder: string;
  zip: string;
  name: string;
  entries: PackageFileEntry[];
  totalBytes: number;
  manifestSha256: string;
  /** Every file of the package, the manifest, signature, cover sheet and SHA256SUMS included. */
  fileCount: number;
};

/** What the cover sheet is made from: the final manifest and the hash of its exact bytes. */
export type CoverSheetInput = { manifest: PackageManifest; manifestSha256: string };

/**
 * Writes `files` plus manifest.json, signature.json, the cover sheet and SHA256SUMS as `<destDir>/<name>/` and
 * `<destDir>/<name>.zip`. Throws PackageWriteError (Chinese message) and leaves neither a partial nor a
 * final-named package behind.
 */
export async function writeFilingPackage(input: {
  destDir: string;
  name: string;
  files: readonly PackageFile[];
  manifest: Omit<PackageManifest, 'files' | 'name' | 'signer'>;
  signer: Signer;
  coverSheet: (c: CoverSheetInput) => Promise<Buffer>;
  describeError: (err: unknown) => string;
}): Promise<WrittenPackage> {
  const { destDir } = input;
  try {
    await fsp.mkdir(destDir, { recursive: true });
  } catch (err) {
    throw new PackageWriteError(input.describeError(err), err);
  }
  const name = uniqueFinalName(destDir, input.name);
  // The process id lets a later start tell a dead run's leftovers from a package being written right now.
  const token = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const partial = join(destDir, `${PARTIAL_PREFIX}${token}.partial`);
  const zipPartial = join(destDir, `${PARTIAL_PREFIX}${token}.zip.partial`);
  const folder = join(destDir, name);
  const zipPath = join(destDir, `${name}.zip`);
  let madeFolder = false;
  let madeZip = false;
  // Writes under way: settled before the catch below removes the partial folder.
  let inFlight: Promise<void> = Promise.resolve();
  try {
    await fsp.mkdir(partial);
    // The zip's text is compressed on the pool while the folder is written, the cover sheet made and the folder
    // read back (issue 13): the same bytes as compressing it at the end.
    const parts = input.files.map(zipPart);
    // The files go to the disk side by side (each fsynced) while this thread hashes them and makes the manifest
    // and the cover sheet from the bytes in memory; the folder is read back from the disk below all the same.
    const writes = settleAll(input.files.map((f) => writeDurable(join(partial, ...f.path.split('/')), f.bytes)));
    inFlight = writes.catch(() => undefined);
    const entries: PackageFileEntry[] = input.files.map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha256Hex(f.bytes) }));
    entries.sort((a, b) => a.path.localeCompare(b.path));
    const manifest: PackageManifest = {
      ...input.manifest,
      name,
      signer: { algorithm: SIGNATURE_ALGORITHM, fingerprint: input.signer.fingerprint },
      files: entries,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    const manifestSha256 = sha256Hex(manifestBytes);
    const coverBytes = await input.coverSheet({ manifest, manifestSha256 });
    const office = manifest.office.officeName;
    const signature: PackageSignatureDoc = {
      ...makeSignatureDoc(input.signer, MANIFEST_FILE, manifestBytes, office),
      coverSheet: { file: COVER_SHEET_FILE, signature: input.signer.sign(coverBytes).toString('base64') },
    };
    const signatureBytes = Buffer.from(`${JSON.stringify(signature, null, 2)}\n`, 'utf8');
    const outside: PackageFile[] = [
      { path: MANIFEST_FILE, bytes: manifestBytes },
      { path: SIGNATURE_FILE, bytes: signatureBytes },
      { path: COVER_SHEET_FILE, bytes: coverBytes },
    ];
    const sumsBytes = Buffer.from(sha256sums([...entries, ...outside.map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha256Hex(f.bytes) }))]), 'utf8');
    await writes;
    await settleAll([...outside.map((f) => writeDurable(join(partial, f.path), f.bytes)), writeDurable(join(partial, SUMS_FILE), sumsBytes)]);
    await syncDir(partial);
    const all: PackageFile[] = [...input.files, ...outside, { path: SUMS_FILE, bytes: sumsBytes }];
    // The zip is made, written and read back while the folder is read back: two independent checks side by side.
    const zipJob = (async () => {
      const tail = all.slice(input.files.length).map(zipPart);
      await writeDurable(zipPartial, await zipFolderAsync(name, [...parts, ...tail], new Date(input.manifest.createdAt), ZIP_LEVEL));
      return verifyPackage(zipPartial, { expectedFingerprint: input.signer.fingerprint });
    })();
    // Re-read from the disk: what the drive holds, not what we meant to write. Both settle before anything is
    // renamed or cleaned up, so no write of this run is still under way when the catch below removes partials.
    const [check, zipCheck] = await Promise.allSettled([verifyPackage(partial, { expectedFingerprint: input.signer.fingerprint }), zipJob]);
    if (check.status === 'rejected') throw check.reason;
    if (!check.value.ok) throw new PackageWriteError(`写入后核验失败，备案包未生成：${check.value.problems.slice(0, 3).join('；')}`, null);
    if (zipCheck.status === 'rejected') throw zipCheck.reason;
    if (!zipCheck.value.ok) throw new PackageWriteError(`压缩包写入后核验失败，备案包未生成：${zipCheck.value.problems.slice(0, 3).join('；')}`, null);
    await exchangeFiles.rename(partial, folder);
    madeFolder = true;
    await syncDir(destDir);
    await exchangeFiles.rename(zipPartial, zipPath);
    madeZip = true;
    await syncDir(destDir);
    return { folder, zip: zipPath, name, entries, totalBytes: all.reduce((s, f) => s + f.bytes.length, 0), manifestSha256, fileCount: all.length };
  } catch (err) {
    await inFlight;
    // Nothing that looks complete may remain: the partials, and the final folder if the zip failed after it.
    await fsp.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    await fsp.rm(zipPartial, { force: true }).catch(() => undefined);
    if (madeFolder) await fsp.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    if (madeZip) await fsp.rm(zipPath, { force: true }).catch(() => undefined);
    if (err instanceof PackageWriteError) throw err;
    throw new PackageWriteError(input.describeError(err), err);
  }
}

// ---------------------------------------------------------------- Excel lists

function sheetWith(wb: ExcelJS.Workbook, name: string, heading: string, sub: string, headers: string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([heading]).font = { bold: true, size: 14 };
  ws.addRow([sub]);
  const h = ws.addRow(headers);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

const fixedDate = (iso: string) => new Date(iso);

export async function approvedListWorkbook(rows: readonly ApprovedListRow[], meta: { title: string; sub: string; createdAt: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '低保案件台';
  wb.created = wb.modified = fixedDate(meta.createdAt);
  const ws = sheetWith(
    wb,
    '审批通过名单',
    meta.title,
    meta.sub,
    ['序号', '村（社区）', '户主姓名', '户主身份证号码', '家庭人口', '保障人数', '人员类别', '月保障金（元）', '起始发放月份', '审批日期', '审批人'],
    [6, 12, 10, 22, 8, 8, 18, 12, 12, 12, 12],
  );
  rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, r.village, r.headName, r.headIdNumber, r.householdSize, r.coveredCount, r.personClass, r.monthlyTotal, r.paymentStart, r.decidedOn, r.decidedBy]);
    // Text, so that Excel keeps all 18 characters of an ID number.
    row.getCell(4).numFmt = '@';
    row.getCell(8).numFmt = '0.00';
  });
  const total = Math.round(rows.reduce((s, r) => s + r.monthlyTotal, 0) * 100) / 100;
  const sum = ws.addRow(['合计', '', `${rows.length}户`, '', rows.reduce((s, r) => s + r.householdSize, 0), rows.reduce((s, r) => s + r.coveredCount, 0), '', total]);
  sum.font = { bold: true };
  sum.getCell(8).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function ineligibleListWorkbook(rows: readonly IneligibleListRow[], meta: { title: string; sub: string; createdAt: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '低保案件台';
  wb.created = wb.modified = fixedDate(meta.createdAt);
  const ws = sheetWith(
    wb,
    '附件4',
    meta.title,
    meta.sub,
    ['序号', '村（社区）', '户主姓名', '户主身份证号码', '家庭人口', '申请日期', '月人均收入（元）', '不符合条件的原因', '不予批准通知书文号', '通知日期'],
    [6, 12, 10, 21, 8, 12, 10, 50, 24, 12],
  );
  rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, r.village, r.headName, r.headIdNumber, r.householdSize, r.applicationDate, r.perCapitaIncome ?? '', r.reason, r.noticeNumber ?? '', r.noticeDate ?? '']);
    // Text, so that a spreadsheet never shows an ID number as 3.4E+17.
    row.getCell(4).numFmt = '@';
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
