// audit.json of a filing package (备案包): the audit excerpt of the package's scope as the file's bytes. At county
// scale it is 43 MB made of ~60,000 rows whose before/after JSON is parsed and written again indented — about a
// second of work. Since issue 13 it is made in two parts side by side: the older rows in the maintenance worker on
// its own connection, the newer ones on the server's thread once it has made the rest of the package, and the
// parts are joined as text. The bytes are JSON.stringify({ entries }, null, 2) of the whole excerpt, as before.
import Database from 'better-sqlite3';
import { auditExcerpt, type AuditExcerptScope } from '../store/filing';
import type { Db } from '../store/db';

export const AUDIT_FILE = 'audit.json';

export type AuditFile = { bytes: Buffer; entries: number };
/** Some of the excerpt's entries as they stand in the file, without the `{ "entries": [ … ] }` around them. */
export type AuditPart = { bytes: Buffer; entries: number };

const HEAD = '{\n  "entries": [\n';
const TAIL = '\n  ]\n}\n';
const EMPTY = '{\n  "entries": []\n}\n';

/** The entries of `scope` as JSON.stringify({ entries }, null, 2) writes them, cut out of that text. */
export function auditExcerptPart(db: Db, scope: AuditExcerptScope): AuditPart {
  const entries = auditExcerpt(db, scope.entities, scope.throughId, scope.afterId ?? null);
  if (entries.length === 0) return { bytes: Buffer.alloc(0), entries: 0 };
  const text = JSON.stringify({ entries }, null, 2);
  // The text is HEAD, the entries, then '\n  ]\n}' (TAIL without its final newline).
  return { bytes: Buffer.from(text.slice(HEAD.length, text.length - (TAIL.length - 1)), 'utf8'), entries: entries.length };
}

/** The file from its parts, oldest rows first: the bytes the whole excerpt gives in one piece. */
export function joinAuditParts(parts: readonly AuditPart[]): AuditFile {
  const full = parts.filter((p) => p.entries > 0);
  if (full.length === 0) return { bytes: Buffer.from(EMPTY, 'utf8'), entries: 0 };
  const chunks: Buffer[] = [Buffer.from(HEAD, 'utf8')];
  full.forEach((p, i) => chunks.push(...(i === 0 ? [] : [Buffer.from(',\n', 'utf8')]), p.bytes));
  chunks.push(Buffer.from(TAIL, 'utf8'));
  return { bytes: Buffer.concat(chunks), entries: full.reduce((n, p) => n + p.entries, 0) };
}

export const auditExcerptFile = (db: Db, scope: AuditExcerptScope): AuditFile => joinAuditParts([auditExcerptPart(db, scope)]);

/** A part through a read-only connection of its own (the worker's side). */
export function auditExcerptPartOf(dbPath: string, scope: AuditExcerptScope): AuditPart {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return auditExcerptPart(db, scope);
  } finally {
    db.close();
  }
}
