// An office worth backing up (database, issued documents, a scanned attachment), its fingerprint (to tell two
// offices apart and to prove one is whole), and hand-made backups: the old unencrypted zip format and encrypted
// files with chosen members (to try hostile names, or a doctored database, with a valid key and office key).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import type { AttachmentView, CaseView } from '../../src/contract';
import { ChunkReader, EncryptedWriter, decryptChunks, openContainer } from '../../src/exchange/backup-crypto';
import { exchangeFiles } from '../../src/exchange/durable';
import { makeSignatureDoc, signerOf, type Signer } from '../../src/exchange/signing';
import type { App } from '../../src/services/app';
import { verifyAuditChain } from '../../src/store/audit-chain';
import { patchCase } from '../../src/store/campaigns';
import { dataCounts, registeredFiles } from '../../src/store/filing';
import { migrations } from '../../src/store/migrations';
import { migration013 } from '../../src/store/migrations/013-office-key-audit-chain';
import { getOfficeKey } from '../../src/store/office-key';
import { clerk, filingWorld } from './filing-world';
import { ok } from './temp-app';

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type TestApp = Pick<App, 'call' | 'ctx' | 'db'>;

/** The filing world (documents issued) plus one scanned attachment on an open case. Returns that case's id. */
export async function backupWorld(app: TestApp): Promise<number> {
  const world = await filingWorld(app, { approve: 1, deny: 1 });
  const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: world.campaign.id }, clerk));
  const open = cases.find((c) => ![...world.approved, ...world.denied].some((d) => d.id === c.id))!;
  patchCase(app.db, open.id, { state: 'application' }, '2026-03-20T08:00:00Z');
  await addAttachment(app, open.id, '申请书（签字）.png', 1);
  return open.id;
}

/** A distinct PNG each time (a trailing byte after IEND keeps it a PNG for the sniffer). */
export async function addAttachment(app: TestApp, caseId: number, fileName: string, n: number): Promise<AttachmentView> {
  const bytes = Buffer.concat([PNG, Buffer.from([n])]);
  return ok<AttachmentView>(await app.call('case-attachment-upload', { caseId, fileName, base64: bytes.toString('base64') }, clerk));
}

function filesUnder(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(relative(root, abs).split(sep).join('/'));
    }
  };
  walk(join(root, folder));
  return out.sort();
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * What makes an office this office: counts, village names, every registered document and attachment, and every
 * file under documents/ and attachments/ with its hash. `problems` lists what is not whole (a registered file
 * missing or changed, a file nobody registered, no database).
 */
export function officeFingerprint(dataDir: string): { fingerprint: string; problems: string[] } {
  const problems: string[] = [];
  const dbFile = join(dataDir, 'dibao.sqlite');
  if (!existsSync(dbFile) || statSync(dbFile).size === 0) return { fingerprint: 'no-database', problems: ['没有数据库'] };
  const db = new Database(dbFile, { readonly: true });
  try {
    const registered = registeredFiles(db).sort((a, b) => a.relPath.localeCompare(b.relPath));
    const onDisk = [...filesUnder(dataDir, 'documents'), ...filesUnder(dataDir, 'attachments')].map((p) => ({ path: p, sha256: sha(readFileSync(join(dataDir, ...p.split('/')))) }));
    const disk = new Map(onDisk.map((f) => [f.path, f.sha256]));
    for (const r of registered) if (disk.get(r.relPath) !== r.sha256) problems.push(`登记的文件缺失或不符：${r.relPath}`);
    const reg = new Set(registered.map((r) => r.relPath));
    for (const f of onDisk) if (!reg.has(f.path)) problems.push(`未登记的文件：${f.path}`);
    const villages = db.prepare('SELECT id, name FROM villages ORDER BY id').all();
    const users = db.prepare('SELECT username FROM users ORDER BY id').all();
    const fingerprint = sha(Buffer.from(JSON.stringify({ counts: dataCounts(db), villages, users, registered, onDisk })));
    return { fingerprint, problems };
  } finally {
    db.close();
  }
}

/** Hidden leftovers of a restore or a backup anywhere in the data folder (there should be none after a start). */
export function leftovers(dataDir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dataDir)) if (n.startsWith('.restore') || n === '.backup-work') out.push(n);
  for (const sub of ['backups', 'exports', 'keys']) {
    const d = join(dataDir, sub);
    if (existsSync(d)) for (const n of readdirSync(d)) if (n.startsWith('.')) out.push(`${sub}/${n}`);
  }
  return out;
}

/**
 * Turns a database snapshot into one a version before issue 11 wrote: migration 13 undone (no office key, no hash
 * chain) and the later ones with it (14: the 医保 amounts of screening rows; 15: the 残联 result's facts; 16: the roll
 * imports and reversed names), so the data is this office's and the
 * schema is the old one.
 */
export function asBeforeOfficeKey(file: string): void {
  const before = migrations.indexOf(migration013);
  const db = new Database(file);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    // Exactly the migrations undone below follow 12 (13 to 17): with any other, say so rather than make a database no
    // version ever wrote.
    if (version !== before + 5) throw new Error(`asBeforeOfficeKey undoes migrations 13 to 17 only; this database is at ${version}`);
    // The county migration (issue 15): the office's kind and the county's received data.
    db.exec(`
DROP TABLE IF EXISTS county_cases;
DROP TABLE IF EXISTS county_outcomes;
DROP TABLE IF EXISTS county_persons;
DROP TABLE IF EXISTS county_households;
DROP TABLE IF EXISTS county_packages;
DROP TABLE IF EXISTS county_key_pins;
DROP TABLE IF EXISTS county_townships;
DROP TABLE IF EXISTS office_mode;
`);
    // The day-one migration (issue 14): the roll import table and the reversed names.
    db.exec(`
DROP TABLE IF EXISTS roll_imports;
DROP INDEX IF EXISTS persons_name_reversed;
ALTER TABLE persons DROP COLUMN name_reversed;
`);
    db.exec(`
ALTER TABLE disability_reassessments DROP COLUMN determination_id;
ALTER TABLE disability_reassessments DROP COLUMN after_level;
ALTER TABLE disability_reassessments DROP COLUMN after_type;
ALTER TABLE disability_reassessments DROP COLUMN before_level;
ALTER TABLE disability_reassessments DROP COLUMN before_type;
ALTER TABLE disability_reassessments DROP COLUMN person_id;
ALTER TABLE publicity_objections DROP COLUMN disputed_person_id;
ALTER TABLE screening_flags DROP COLUMN total_cost;
ALTER TABLE screening_flags DROP COLUMN self_paid;
DROP TRIGGER audit_log_chain;
DROP TABLE office_key;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
`);
    db.pragma(`user_version = ${before}`);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * A backup in the format before issue 11: a plain zip with backup.json v1, its database as that version had it
 * (`asOld`, the default). `asOld: false` keeps today's database, with its office key: what a doctored backup passed
 * off as an old one would carry.
 */
export async function legacyBackup(
  app: Pick<App, 'db' | 'dataDir'>,
  outFile: string,
  patch: (m: Record<string, unknown>) => void = () => undefined,
  extra: Record<string, Buffer> = {},
  { asOld = true }: { asOld?: boolean } = {},
): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'dibao-legacy-'));
  try {
    await app.db.backup(join(work, 'dibao.sqlite'));
    if (asOld) asBeforeOfficeKey(join(work, 'dibao.sqlite'));
    const zip = new JSZip();
    const files: { path: string; size: number; sha256: string }[] = [];
    const add = (path: string, bytes: Buffer) => {
      files.push({ path, size: bytes.length, sha256: sha(bytes) });
      zip.file(path, bytes);
    };
    add('dibao.sqlite', readFileSync(join(work, 'dibao.sqlite')));
    for (const folder of ['documents', 'attachments']) for (const p of filesUnder(app.dataDir, folder)) add(p, readFileSync(join(app.dataDir, ...p.split('/'))));
    for (const [p, b] of Object.entries(extra)) add(p, b);
    const snap = new Database(join(work, 'dibao.sqlite'), { readonly: true });
    const manifest: Record<string, unknown> = {
      format: 'dibao-backup',
      version: 1,
      createdAt: '2026-03-01T08:00:00.000Z',
      kind: 'manual',
      appVersion: '0.1.0',
      schemaVersion: snap.pragma('user_version', { simple: true }),
      officeName: '清河镇人民政府',
      counts: dataCounts(snap),
      files,
    };
    snap.close();
    patch(manifest);
    zip.file('backup.json', JSON.stringify(manifest, null, 2));
    await fsp.writeFile(outFile, await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX' }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function memberHead(name: string, size: number): Buffer {
  const n = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(2 + n.length + 8);
  h.writeUInt16BE(n.length, 0);
  n.copy(h, 2);
  h.writeBigUInt64BE(BigInt(size), 2 + n.length);
  return h;
}

/** The office key and audit chain head of a database snapshot (null key: a database older than the key). */
function snapshotProvenance(snapshot: Buffer): { signer: Signer | null; auditChain: { rows: number; head: { id: number; hash: string } } | null } {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-snap-'));
  try {
    writeFileSync(join(dir, 'dibao.sqlite'), snapshot);
    const db = new Database(join(dir, 'dibao.sqlite'), { readonly: true });
    try {
      const key = getOfficeKey(db);
      const chain = key ? verifyAuditChain(db) : null;
      return { signer: key ? signerOf(key) : null, auditChain: chain ? { rows: chain.rows, head: chain.head } : null };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An encrypted backup with the given files under a valid key, whose backup.json lists them as given: what an
 * attacker who had the backup key (a recovery key sheet) or a bug could make. The first file is the database
 * snapshot. `sign` (default: the office key inside that snapshot, as the program signs; null: unsigned) signs
 * backup.json and names its signer and the snapshot's chain head, so a test can hold everything right but the one
 * thing it tries.
 */
export async function craftedBackup(
  outFile: string,
  key: Buffer,
  members: { path: string; bytes: Buffer }[],
  schemaVersion: number,
  options: { sign?: Signer | null; patch?: (m: Record<string, unknown>) => void } = {},
): Promise<void> {
  const counts = { households: 0, persons: 0, cases: 0, documents: 0, attachments: 0 };
  const files = members.map((m) => ({ path: m.path, size: m.bytes.length, sha256: sha(m.bytes) }));
  const own = snapshotProvenance(members[0]!.bytes);
  const signer = options.sign === undefined ? own.signer : options.sign;
  const manifest: Record<string, unknown> = {
    format: 'dibao-backup',
    version: 2,
    createdAt: '2026-03-01T08:00:00.000Z',
    kind: 'manual',
    appVersion: '0.1.0',
    schemaVersion,
    officeName: null,
    counts,
    ...(signer ? { signer: { algorithm: 'Ed25519', fingerprint: signer.fingerprint } } : {}),
    ...(signer && own.auditChain ? { auditChain: own.auditChain } : {}),
    files,
  };
  options.patch?.(manifest);
  const header = { format: 'dibao-backup', version: 2, createdAt: manifest.createdAt, kind: 'manual', appVersion: '0.1.0', schemaVersion, officeName: null, counts, fileCount: files.length };
  const sink = await exchangeFiles.createWriter(outFile);
  const w = await EncryptedWriter.start(sink, key, header, 4096);
  const mb = Buffer.from(JSON.stringify(manifest));
  await w.write(memberHead('backup.json', mb.length));
  await w.write(mb);
  if (signer) {
    const sig = Buffer.from(JSON.stringify(makeSignatureDoc(signer, 'backup.json', mb, null)));
    await w.write(memberHead('backup.sig.json', sig.length));
    await w.write(sig);
  }
  for (const m of members) {
    await w.write(memberHead(m.path, m.bytes.length));
    await w.write(m.bytes);
  }
  await w.finish();
  await sink.finish();
}

export type BackupMember = { name: string; bytes: Buffer };

/** Every member of an encrypted backup in file order (backup.json, backup.sig.json, the database, files), decrypted. */
export async function backupMembers(file: string, key: Buffer): Promise<{ header: Record<string, unknown>; members: BackupMember[] }> {
  const opened = await openContainer(file);
  const reader = new ChunkReader(decryptChunks(file, opened, key));
  const members: BackupMember[] = [];
  while (!(await reader.atEnd())) {
    const nameLength = (await reader.read(2)).readUInt16BE(0);
    const name = (await reader.read(nameLength)).toString('utf8');
    const size = Number((await reader.read(8)).readBigUInt64BE(0));
    members.push({ name, bytes: Buffer.from(await reader.read(size)) });
  }
  const { encryption: _, ...header } = opened.header;
  return { header, members };
}

/**
 * Writes `members` as an encrypted backup under `key` with the given public header: a backup opened, changed
 * and sealed again by someone who holds the backup key (a recovery key sheet), which the encryption cannot tell.
 */
export async function sealBackup(outFile: string, key: Buffer, header: Record<string, unknown>, members: BackupMember[]): Promise<void> {
  const sink = await exchangeFiles.createWriter(outFile);
  const w = await EncryptedWriter.start(sink, key, header, 4096);
  for (const m of members) {
    await w.write(memberHead(m.name, m.bytes.length));
    await w.write(m.bytes);
  }
  await w.finish();
  await sink.finish();
}

/** Every file and folder under `root`, for "nothing was written" checks. */
export function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      out.push(relative(root, abs));
      if (e.isDirectory()) walk(abs);
    }
  };
  walk(root);
  return out.sort();
}
