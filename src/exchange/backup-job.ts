// One backup as a job that a worker thread can run (backup-worker.ts): plain data in, the file's path and size out.
// The job opens its own connection to the office database — SQLite's WAL lets it read a consistent snapshot while
// the app keeps writing — and createBackup copies it with the online backup API, checks, hashes, encrypts and
// reads it back; backup.json is signed with the office key read through that same connection.
import Database from 'better-sqlite3';
import type { BackupKind } from '../contract/commands/filing';
import { createBackup } from './backup';
import { BACKUP_SIGNATURE_FILE, signBackupManifest } from './signing';

export type BackupJob = {
  dbPath: string;
  dataDir: string;
  outFile: string;
  kind: BackupKind;
  createdAt: string;
  appVersion: string;
  currentSchemaVersion: number;
  key: { id: string; key: Uint8Array };
};

export type BackupJobResult = { path: string; size: number; keyId: string };

export async function runBackupJob(job: BackupJob, progress: (fraction: number, stage: string) => void): Promise<BackupJobResult> {
  // Read-only: the job only reads, and a read-only connection never checkpoints or removes the WAL when it closes
  // (a read-write one closing last removes it by name — a restore may have swapped the files meanwhile).
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const made = await createBackup({
      db,
      dataDir: job.dataDir,
      outFile: job.outFile,
      kind: job.kind,
      createdAt: job.createdAt,
      appVersion: job.appVersion,
      currentSchemaVersion: job.currentSchemaVersion,
      key: { id: job.key.id, key: Buffer.from(job.key.key) },
      // The office key never changes (a trigger forbids it), so this connection's key is the snapshot's, the one a
      // restore checks the signature against; createBackup's read-back proves the bytes before the file is named.
      meta: (manifestBytes, manifest) => [{ name: BACKUP_SIGNATURE_FILE, bytes: signBackupManifest(db, manifestBytes, manifest.officeName) }],
      progress,
    });
    return { path: made.path, size: made.size, keyId: made.keyId };
  } finally {
    db.close();
  }
}
