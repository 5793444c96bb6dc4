// Runs the heavy maintenance reads — a backup, a walk of the audit chain — in a worker thread
// (maintenance-worker.ts), so that the server keeps answering while they run at county scale.
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { RenderOptions } from '../documents/render';
import { renderPaymentRosterPdf } from '../documents/payment-roster-pdf';
import type { PaymentRosterData } from '../documents/templates/payment-roster';
import type { RosterLine } from '../contract';
import { verifyAuditChain, type ChainReport } from '../store/audit-chain';
import { rosterWorkbook, type RosterWorkbookMeta } from './roster-xlsx';
import { BackupError, inspectDatabaseFile, type SnapshotFacts } from './backup';
import { runBackupJob, type BackupJob, type BackupJobResult } from './backup-job';
import { auditExcerptPart, type AuditPart } from './filing-audit';
import type { Db } from '../store/db';
import type { AuditExcerptScope } from '../store/filing';
import { checkpointWal, type MaintenanceMessage, type MaintenanceRequest, type MaintenanceTask } from './maintenance-worker';
import { workerEntry } from './worker-entry';

export type { BackupJob };

/**
 * `inWorker: false` runs the same code on the caller's thread: for tests that replace a seam of this thread
 * (e.g. a disk that fills up, src/exchange/durable.ts `exchangeFiles`), which a worker would not see.
 */
export const maintenanceThread = { inWorker: true };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; progress: (fraction: number, stage: string) => void };

let worker: Worker | null = null;
let nextJob = 1;
const pending = new Map<number, Pending>();

/** Reconstructs the worker's failure: the clerk's message for a refusal, an errno-coded Error for the disk. */
function failure(m: Extract<MaintenanceMessage, { type: 'failed' }>): Error {
  if (m.refused) return new BackupError(m.message);
  return Object.assign(new Error(`maintenance worker: ${m.message}`), m.code ? { code: m.code } : {});
}

/**
 * The process's maintenance worker, started on first use and kept: idle, it does not keep the process alive
 * (unref); if it dies, every task it held fails and the next task starts a new one.
 */
function maintenanceWorker(): Worker {
  if (worker) return worker;
  const { script, eval: isEval } = workerEntry('maintenance-worker.mjs', new URL('./maintenance-worker.ts', import.meta.url));
  const w = new Worker(script, { eval: isEval });
  w.unref();
  w.on('message', (m: MaintenanceMessage) => {
    const p = pending.get(m.job);
    if (!p) return;
    if (m.type === 'progress') return p.progress(m.fraction, m.stage);
    pending.delete(m.job);
    if (pending.size === 0) w.unref();
    if (m.type === 'done') p.resolve(m.value);
    else p.reject(failure(m));
  });
  const fail = (why: string) => {
    if (worker === w) worker = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error(why));
    }
  };
  w.on('error', (err) => fail(`maintenance worker failed: ${err.name}`));
  w.on('exit', (code) => fail(`maintenance worker exited with code ${code}`));
  worker = w;
  return w;
}

function runTask(task: MaintenanceTask, progress: (fraction: number, stage: string) => void): Promise<unknown> {
  const w = maintenanceWorker();
  const job = nextJob++;
  return new Promise((resolve, reject) => {
    pending.set(job, { resolve, reject, progress });
    // Held while it works (a CLI backup must not end with the process), let go when idle.
    w.ref();
    // Copied into the worker: a backup key's bytes are not shared with this thread's buffer.
    w.postMessage({ job, task } satisfies MaintenanceRequest);
  });
}

export async function createBackupOffThread(
  spec: BackupJob,
  progress: (fraction: number, stage: string) => void = () => undefined,
): Promise<BackupJobResult> {
  if (!maintenanceThread.inWorker) return runBackupJob(spec, progress);
  return (await runTask({ kind: 'backup', spec }, progress)) as BackupJobResult;
}

/** Walks the audit chain of the database file through a connection of its own, off this thread. */
export async function walkAuditChainOffThread(dbPath: string): Promise<ChainReport> {
  if (!maintenanceThread.inWorker) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return verifyAuditChain(db);
    } finally {
      db.close();
    }
  }
  return (await runTask({ kind: 'audit-chain', dbPath }, () => undefined)) as ChainReport;
}

/** A restore's check of its unpacked database (integrity_check, the chain walk), off this thread. */
export async function inspectDatabaseOffThread(file: string): Promise<SnapshotFacts> {
  if (!maintenanceThread.inWorker) return inspectDatabaseFile(file);
  return (await runTask({ kind: 'inspect-database', file }, () => undefined)) as SnapshotFacts;
}

/**
 * The payment roster PDF, laid out in the worker: the server keeps answering the other users meanwhile. The bytes
 * are the same as on this thread (same code, same fonts).
 */
export async function renderPaymentRosterOffThread(data: PaymentRosterData, options: RenderOptions): Promise<Buffer> {
  if (!maintenanceThread.inWorker) return renderPaymentRosterPdf(data, options);
  const bytes = (await runTask({ kind: 'payment-roster-pdf', data, options }, () => undefined)) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The 低保花名册 workbook, built in the worker (seconds at county scale); the same bytes as on this thread. */
export async function rosterWorkbookOffThread(lines: RosterLine[], meta: RosterWorkbookMeta): Promise<Buffer> {
  if (!maintenanceThread.inWorker) return rosterWorkbook(lines, meta);
  const bytes = (await runTask({ kind: 'roster-xlsx', lines, meta }, () => undefined)) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Part of a 备案包's audit.json, read through the worker's own connection to the database `db` is open on; the
 * same bytes as on this thread. The scope's `throughId` keeps the excerpt to the rows that existed when the
 * package's scope was read, whatever is written meanwhile.
 */
export async function auditExcerptPartOffThread(db: Db, scope: AuditExcerptScope): Promise<AuditPart> {
  // A worker busy with a backup or a chain walk would hold the package up for seconds: then this thread does it.
  if (!maintenanceThread.inWorker || db.memory || pending.size > 0) return auditExcerptPart(db, scope);
  const v = (await runTask({ kind: 'filing-audit', dbPath: db.name, scope }, () => undefined)) as { bytes: Uint8Array; entries: number };
  return { bytes: Buffer.from(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength), entries: v.entries };
}

/**
 * Copies the committed WAL frames of the office database into its file, in the worker (issue 13): SQLite's own
 * automatic checkpoint ran inside the commit that crossed 1,000 pages — a 低保金 batch of 8,000 rows paid for it
 * with an fsync of the database file on the server's thread (the first batch after a start 200 ms instead of 135).
 */
export async function checkpointOffThread(dbPath: string): Promise<{ log: number; checkpointed: number }> {
  if (!maintenanceThread.inWorker) return checkpointWal(dbPath);
  return (await runTask({ kind: 'wal-checkpoint', dbPath }, () => undefined)) as { log: number; checkpointed: number };
}
