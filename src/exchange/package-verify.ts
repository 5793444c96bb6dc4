// Verification of a filing package (备案包), as a folder or as its .zip: every file listed in manifest.json must
// be there with its size and SHA-256, nothing else may be, and SHA256SUMS must agree with both. Since issue 11 the
// manifest must also carry a valid Ed25519 signature (signature.json), so that recomputed hashes alone no longer
// pass; the cover sheet (备案报送单.pdf), which prints the manifest's hash and so cannot be listed in it, is
// signed beside it. Read-only: the county, or an audit years later, can open a package without the office's
// database.
import { promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ApprovedListRow, IneligibleListRow, PackageFileStatus, PackageManifest, PackageReport, PackageSignature } from '../contract/commands/filing';
import { archivePathProblem, shownName } from './archive-paths';
import { sha256Hex } from './durable';
import { readZipDirectory, readZipEntry, ZipFormatError, type ZipDirectoryEntry } from './zip-reader';
import { checkSignatureDoc, groupFingerprint, normalizeFingerprint, verifyEd25519, type SignatureDoc } from './signing';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const LISTS_FILE = 'lists.json';
export const SIGNATURE_FILE = 'signature.json';
export const COVER_SHEET_FILE = '备案报送单.pdf';
/** Files of a package that the manifest does not list: the manifest itself and what depends on its bytes. */
const OUTSIDE_MANIFEST = new Set([MANIFEST_FILE, SUMS_FILE, SIGNATURE_FILE, COVER_SHEET_FILE]);

/** signature.json of a package: the manifest's signature, and the cover sheet's by the same key. */
export type PackageSignatureDoc = SignatureDoc & { coverSheet?: { file: string; signature: string } };

type Contents = { container: 'folder' | 'zip'; files: Map<string, Buffer> };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

async function walk(root: string, dir: string, out: Map<string, Buffer>): Promise<void> {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, abs, out);
    else out.set(relative(root, abs).split(sep).join('/'), await fsp.readFile(abs));
  }
}

/** Reads every file of a package folder or zip into memory, paths relative to the package root with '/'. */
export async function readPackage(path: string): Promise<Contents> {
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch {
    throw new PackageReadError(`找不到「${path}」，请检查路径`);
  }
  if (stat.isDirectory()) {
    // A folder that is not a package is answered at once: it used to be walked and read whole first (a
    // wrongly chosen home folder or drive took minutes).
    const manifest = await fsp.stat(join(path, MANIFEST_FILE)).catch(() => null);
    if (!manifest?.isFile()) throw new PackageReadError(`「${path}」不是备案包：文件夹中没有清单文件 ${MANIFEST_FILE}`);
    const files = new Map<string, Buffer>();
    await walk(path, path, files);
    return { container: 'folder', files };
  }
  const bytes = await fsp.readFile(path);
  const head = bytes.subarray(0, 4);
  if (!head.equals(ZIP_MAGIC) && !head.equals(EMPTY_ZIP_MAGIC)) throw new PackageReadError(`「${path}」既不是文件夹，也不是 zip 压缩包`);
  let directory: ZipDirectoryEntry[];
  try {
    // First the directory alone (nothing inflated): a zip without a manifest is not a package, said at once.
    directory = readZipDirectory(bytes);
  } catch {
    throw new PackageReadError(`「${path}」已损坏，无法作为 zip 压缩包读取`);
  }
  if (!directory.some((e) => e.name === MANIFEST_FILE || /^[^/]+\/manifest\.json$/.test(e.name))) {
    throw new PackageReadError(`「${path}」不是备案包：压缩包中没有清单文件 ${MANIFEST_FILE}`);
  }
  // Every name under both platforms' path rules, before any entry is read (issue 11).
  const seen = new Set<string>();
  for (const e of directory) {
    for (const name of e.names) {
      const problem = archivePathProblem(name);
      if (problem) throw new PackageReadError(`「${path}」中有不安全的路径「${shownName(name)}」（${problem}），不是本程序生成的备案包，已拒绝读取`);
    }
    // Two entries of one name: an unzip program would leave one of them, maybe not the one verified.
    if (seen.has(e.name)) throw new PackageReadError(`「${path}」中有重名的文件「${shownName(e.name)}」，不是本程序生成的备案包，已拒绝读取`);
    seen.add(e.name);
  }
  const entries = directory.filter((e) => !e.dir);
  const raw = new Map<string, Buffer>();
  // Inflated on the libuv pool side by side; each entry's size and CRC-32 are checked against the directory.
  const read = await Promise.allSettled(entries.map((e) => readZipEntry(bytes, e)));
  read.forEach((r, i) => {
    const e = entries[i]!;
    if (r.status === 'rejected') {
      if (r.reason instanceof ZipFormatError) throw new PackageReadError(`「${path}」已损坏，无法作为 zip 压缩包读取`);
      throw new PackageReadError(`「${path}」中的「${e.name}」已损坏（校验失败），无法读取`);
    }
    raw.set(e.name, r.value);
  });
  // The zip holds the package folder itself: strip that one top-level folder.
  const tops = new Set([...raw.keys()].map((n) => n.split('/')[0]));
  const [top] = tops;
  const strip = tops.size === 1 && top !== undefined && [...raw.keys()].every((n) => n.startsWith(`${top}/`)) ? `${top}/` : '';
  const files = new Map<string, Buffer>();
  for (const [name, data] of raw) files.set(name.slice(strip.length), data);
  return { container: 'zip', files };
}

export class PackageReadError extends Error {
  override name = 'PackageReadError';
}

const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

function parseManifest(bytes: Buffer | undefined, problems: string[]): PackageManifest | null {
  if (!bytes) {
    problems.push(`缺少清单文件 ${MANIFEST_FILE}，无法核验`);
    return null;
  }
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push(`清单文件 ${MANIFEST_FILE} 已损坏（不是有效的 JSON）`);
    return null;
  }
  const candidate = m as Partial<PackageManifest> | null;
  const validFiles =
    Array.isArray(candidate?.files) &&
    candidate.files.every((f) => f && typeof f.path === 'string' && typeof f.size === 'number' && isHex64(f.sha256));
  if (!candidate || candidate.format !== 'dibao-filing-package' || (candidate.version !== 1 && candidate.version !== 2) || !validFiles) {
    problems.push(`清单文件 ${MANIFEST_FILE} 格式不符（不是本程序生成的备案包清单，或已被改动）`);
    return null;
  }
  return candidate as PackageManifest;
}

/** SHA256SUMS in `sha256sum` format: `<hex>  <path>` (two spaces; a '*' instead of the second marks binary mode). */
function parseSums(bytes: Buffer | undefined, problems: string[]): Map<string, string> | null {
  if (!bytes) {
    problems.push(`缺少校验文件 ${SUMS_FILE}`);
    return null;
  }
  const sums = new Map<string, string>();
  for (const line of bytes.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      problems.push(`校验文件 ${SUMS_FILE} 有无法识别的行：${line.slice(0, 80)}`);
      continue;
    }
    sums.set(m[2]!, m[1]!);
  }
  return sums;
}

function parseLists(bytes: Buffer | undefined): PackageReport['lists'] {
  if (!bytes) return null;
  try {
    const v = JSON.parse(bytes.toString('utf8')) as { approved?: unknown; ineligible?: unknown };
    if (!Array.isArray(v.approved) || !Array.isArray(v.ineligible)) return null;
    return { approved: v.approved as ApprovedListRow[], ineligible: v.ineligible as IneligibleListRow[] };
  } catch {
    return null;
  }
}

export type CheckOptions = {
  /** The fingerprint the checker demands (`--key`); any other signer fails. */
  expectedFingerprint?: string | null;
  /** The fingerprint of the office running the check, to say whether the package is its own. */
  ownFingerprint?: string | null;
};

function checkSignature(files: Map<string, Buffer>, manifest: PackageManifest | null, options: CheckOptions, problems: string[]): PackageSignature {
  const expected = options.expectedFingerprint ? normalizeFingerprint(options.expectedFingerprint) : null;
  const sigBytes = files.get(SIGNATURE_FILE);
  const check = checkSignatureDoc(sigBytes, MANIFEST_FILE, files.get(MANIFEST_FILE));
  const fingerprint = check.status === 'missing' ? null : check.fingerprint;
  const out: PackageSignature = {
    status: check.status,
    fingerprint,
    fingerprintGrouped: fingerprint ? groupFingerprint(fingerprint) : null,
    office: manifest ? manifest.office.officeName : null,
    expectedFingerprint: expected,
    isThisOffice: options.ownFingerprint && fingerprint ? options.ownFingerprint === fingerprint : null,
  };
  if (options.expectedFingerprint && !expected) problems.push('指定的密钥指纹格式不对：应为 64 位十六进制数字');
  if (check.status === 'missing') {
    problems.push(`缺少签名文件 ${SIGNATURE_FILE}：无法证明备案包出自哪个单位（签名被删除，或由旧版程序生成）`);
    return out;
  }
  if (check.status === 'invalid') {
    problems.push(`签名无效：${check.reason}`);
    return out;
  }
  if (manifest && manifest.signer?.fingerprint !== check.fingerprint) {
    problems.push('清单中登记的签名密钥与签名文件的密钥不一致');
  }
  if (expected && expected !== check.fingerprint) {
    problems.push(`签名密钥与指定的不符：本包由指纹 ${groupFingerprint(check.fingerprint)} 的密钥签名，指定的是 ${groupFingerprint(expected)}`);
  }
  // The cover sheet: signed by the same key, so a swapped printout copy is found too.
  const doc = JSON.parse(sigBytes!.toString('utf8')) as PackageSignatureDoc;
  const cover = files.get(COVER_SHEET_FILE);
  if (cover && !doc.coverSheet) problems.push(`报送单 ${COVER_SHEET_FILE} 未签名`);
  if (doc.coverSheet) {
    if (!cover) problems.push(`缺少文件：${COVER_SHEET_FILE}`);
    else if (
      doc.coverSheet.file !== COVER_SHEET_FILE ||
      typeof doc.coverSheet.signature !== 'string' ||
      !verifyEd25519(Buffer.from(doc.publicKey, 'base64'), cover, Buffer.from(doc.coverSheet.signature, 'base64'))
    ) {
      problems.push(`报送单 ${COVER_SHEET_FILE} 已被改动（与签名不符）`);
    }
  }
  return out;
}

/** Checks a package already read into memory. */
export function checkPackage(path: string, contents: Contents, options: CheckOptions = {}): PackageReport {
  const problems: string[] = [];
  const { files } = contents;
  const unsafe = [...files.keys()].filter((p) => p.startsWith('/') || p.split('/').includes('..'));
  for (const p of unsafe) problems.push(`包含不安全的路径：${p}`);
  const manifest = parseManifest(files.get(MANIFEST_FILE), problems);
  const sums = parseSums(files.get(SUMS_FILE), problems);
  const statuses: PackageReport['files'] = [];
  if (manifest) {
    const listed = new Set<string>();
    for (const entry of manifest.files) {
      listed.add(entry.path);
      const actual = files.get(entry.path);
      let status: PackageFileStatus = 'ok';
      let sha: string | null = null;
      if (!actual) {
        status = 'missing';
        problems.push(`缺少文件：${entry.path}`);
      } else {
        sha = sha256Hex(actual);
        if (actual.length !== entry.size || sha !== entry.sha256) {
          status = 'altered';
          problems.push(`文件已被改动：${entry.path}（大小或 SHA-256 与清单不符）`);
        }
      }
      statuses.push({ path: entry.path, size: actual?.length ?? entry.size, sha256: sha, status });
      if (sums && sums.get(entry.path) !== entry.sha256) problems.push(`${SUMS_FILE} 与清单不一致：${entry.path}`);
    }
    for (const [p, data] of files) {
      if (listed.has(p) || OUTSIDE_MANIFEST.has(p)) continue;
      problems.push(`多出文件：${p}（不在清单中）`);
      statuses.push({ path: p, size: data.length, sha256: sha256Hex(data), status: 'extra' });
    }
    if (sums) {
      for (const [p, sha] of sums) {
        if (listed.has(p) || p === MANIFEST_FILE) continue;
        if (!OUTSIDE_MANIFEST.has(p)) problems.push(`${SUMS_FILE} 列有清单以外的文件：${p}`);
        else if (files.has(p) && sha256Hex(files.get(p)!) !== sha) problems.push(`${SUMS_FILE} 与文件 ${p} 不符`);
      }
    }
  }
  const manifestBytes = files.get(MANIFEST_FILE);
  if (sums && manifestBytes) {
    const listedSha = sums.get(MANIFEST_FILE);
    if (!listedSha) problems.push(`${SUMS_FILE} 未列出清单文件 ${MANIFEST_FILE}`);
    else if (listedSha !== sha256Hex(manifestBytes)) problems.push(`清单文件 ${MANIFEST_FILE} 已被改动（与 ${SUMS_FILE} 不符）`);
  }
  const signature = checkSignature(files, manifest, options, problems);
  return {
    path,
    container: contents.container,
    ok: problems.length === 0,
    problems,
    manifest,
    manifestSha256: manifestBytes ? sha256Hex(manifestBytes) : null,
    signature,
    files: statuses,
    lists: parseLists(files.get(LISTS_FILE)),
  };
}

const NO_SIGNATURE: PackageSignature = { status: 'missing', fingerprint: null, fingerprintGrouped: null, office: null, expectedFingerprint: null, isThisOffice: null };

/** Reads and checks a package folder or zip. An unreadable path is a report with one problem, not an exception. */
export async function verifyPackage(path: string, options: CheckOptions = {}): Promise<PackageReport> {
  try {
    return checkPackage(path, await readPackage(path), options);
  } catch (err) {
    if (err instanceof PackageReadError) {
      return { path, container: 'folder', ok: false, problems: [err.message], manifest: null, manifestSha256: null, signature: NO_SIGNATURE, files: [], lists: null };
    }
    throw err;
  }
}
