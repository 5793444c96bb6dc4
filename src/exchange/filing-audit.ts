// audit.json of a filing package (备案包): the audit excerpt of the package's scope as the file's bytes. At county
// scale it is 43 MB made of ~40,000 rows whose before/after JSON is parsed and written again indented — close to a
// second of work, so since issue 13 it runs in the maintenance worker on its own connection while the server's
// thread gathers and renders the rest of the package. The same function runs on either thread: the same bytes.
import Database from 'better-sqlite3';
import { auditExcerpt, type AuditExcerptScope } from '../store/filing';
import type { Db } from '../store/db';

export const AUDIT_FILE = 'audit.json';

export type AuditFile = { bytes: Buffer; entries: number };

export function auditExcerptFile(db: Db, scope: AuditExcerptScope): AuditFile {
  const entries = auditExcerpt(db, scope.entities, scope.throughId);
  return { bytes: Buffer.from(`${JSON.stringify({ entries }, null, 2)}\n`, 'utf8'), entries: entries.length };
}

/** The same, through a read-only connection of its own (the worker's side). */
export function auditExcerptFileOf(dbPath: string, scope: AuditExcerptScope): AuditFile {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return auditExcerptFile(db, scope);
  } finally {
    db.close();
  }
}
