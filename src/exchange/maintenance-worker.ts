// Worker-thread entry for the office's heavy maintenance reads, off the server's event loop (issue 13: at county
// scale the automatic backup at start held the server 11–20 s and single requests stalled up to 2 s; the audit
// chain walk at start took 1.6 s). Each task opens its own connection to the office database — SQLite's WAL lets
// it read a consistent snapshot while the app keeps writing. One worker lives as long as the process
// (maintenance-runner.ts starts it once: loading the code is most of a small task's cost) and runs the tasks it is
// sent one after another, reporting progress and one answer per task.
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { RenderOptions } from '../documents/render';
import { renderPaymentRosterPdf } from '../documents/payment-roster-pdf';
import type { PaymentRosterData } from '../documents/templates/payment-roster';
import type { RosterLine } from '../contract';
import { verifyAuditChain } from '../store/audit-chain';
import { rosterWorkbook, type RosterWorkbookMeta } from './roster-xlsx';
import { BackupError, inspectDatabaseFile } from './backup';
import { runBackupJob, type BackupJob } from './backup-job';
import { auditExcerptPartOf } from './filing-audit';
import type { AuditExcerptScope } from '../store/filing';

export type MaintenanceTask =
  | { kind: 'backup'; spec: BackupJob }
  | { kind: 'audit-chain'; dbPath: string }
  /** A restore's unpacked database: integrity_check and the audit chain walk (inspectDatabaseFile). */
  | { kind: 'inspect-database'; file: string }
  /** The payment roster PDF of a batch (8,000 rows at county scale: seconds of pdfmake layout). */
  | { kind: 'payment-roster-pdf'; data: PaymentRosterData; options: RenderOptions }
  /** The 低保花名册 workbook (8,000 households at county scale). */
  | { kind: 'roster-xlsx'; lines: RosterLine[]; meta: RosterWorkbookMeta }
  /** Part of a 备案包's audit.json (43 MB at county scale), made while the server's thread does the rest. */
  | { kind: 'filing-audit'; dbPath: string; scope: AuditExcerptScope }
  /** Copies the office's committed WAL frames into the database file (PASSIVE: never waits for a reader or the writer). */
  | { kind: 'wal-checkpoint'; dbPath: string };

export type MaintenanceRequest = { job: number; task: MaintenanceTask };

export type MaintenanceMessage =
  | { job: number; type: 'progress'; fraction: number; stage: string }
  | { job: number; type: 'done'; value: unknown }
  /** `refused`: a BackupError with the clerk's message; otherwise the error's name and errno code only (no data). */
  | { job: number; type: 'failed'; refused: boolean; message: string; code: string | null };

const post = (m: MaintenanceMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);

/** A 备案包's audit.json (43 MB at county scale) is handed over, not copied: its own buffer, made for this answer. */
function transferOf(m: MaintenanceMessage): ArrayBuffer[] {
  if (m.type !== 'done') return [];
  const bytes = (m.value as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

function walkChain(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}

/** One PASSIVE checkpoint through a connection of its own: [busy, WAL frames, frames now in the database file]. */
export function checkpointWal(dbPath: string): { log: number; checkpointed: number } {
  const db = new Database(dbPath, { fileMustExist: true, timeout: 10_000 });
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
}

export async function renderPaymentRoster(data: PaymentRosterData, options: RenderOptions): Promise<Buffer> {
  return renderPaymentRosterPdf(data, options);
}

async function run({ job, task }: MaintenanceRequest): Promise<MaintenanceMessage> {
  try {
    const value =
      task.kind === 'backup'
        ? await runBackupJob(task.spec, (fraction, stage) => post({ job, type: 'progress', fraction, stage }))
        : task.kind === 'audit-chain'
          ? walkChain(task.dbPath)
          : task.kind === 'inspect-database'
            ? inspectDatabaseFile(task.file)
            : task.kind === 'payment-roster-pdf'
              ? await renderPaymentRoster(task.data, task.options)
              : task.kind === 'filing-audit'
                ? auditExcerptPartOf(task.dbPath, task.scope)
                : task.kind === 'wal-checkpoint'
                  ? checkpointWal(task.dbPath)
                  : await rosterWorkbook(task.lines, task.meta);
    return { job, type: 'done', value };
  } catch (err) {
    if (err instanceof BackupError) return { job, type: 'failed', refused: true, message: err.message, code: null };
    const code = (err as { code?: unknown }).code;
    return { job, type: 'failed', refused: false, message: err instanceof Error ? err.name : 'Error', code: typeof code === 'string' ? code : null };
  }
}

let queue = Promise.resolve();
parentPort?.on('message', (request: MaintenanceRequest) => {
  queue = queue.then(async () => {
    const answer = await run(request);
    post(answer, request.task.kind === 'filing-audit' ? transferOf(answer) : []);
  });
});
