// Reads for the filing package (备案包) and backups: the documents and audit entries of a scope, and the counts
// shown before a restore. Arrays travel as one JSON parameter (json_each), so 2,000 households are one query.
import type { Db } from './db';

export type FilingDocumentRow = {
  id: number;
  kind: string;
  documentNumber: string | null;
  householdId: number | null;
  villageId: number | null;
  title: string;
  filePath: string;
  sha256: string;
  size: number;
  issuedAt: string;
  issuedBy: string;
  supersedesId: number | null;
};

/**
 * Issued documents of the given kinds: household documents of `householdIds`, village documents of `villageIds`,
 * issued at or after `fromAt` and before `toAt` (ISO timestamps, either null for open).
 */
export function documentsForFiling(
  db: Db,
  f: { kinds: readonly string[]; householdIds: readonly number[]; villageIds: readonly number[]; meetingIds: readonly number[]; fromAt: string | null; toAt: string | null },
): FilingDocumentRow[] {
  return db
    .prepare(
      `SELECT id, kind, document_number AS documentNumber, household_id AS householdId, village_id AS villageId, title,
              file_path AS filePath, sha256, size, issued_at AS issuedAt, issued_by AS issuedBy, supersedes_id AS supersedesId
       FROM documents
       WHERE kind IN (SELECT value FROM json_each(?))
         AND ((household_id IS NOT NULL AND household_id IN (SELECT value FROM json_each(?)))
           OR (household_id IS NULL AND village_id IN (SELECT value FROM json_each(?)))
           -- the 镇评审小组's 审批会议记录 belongs to no village: filed with the campaign's meetings
           OR (household_id IS NULL AND village_id IS NULL AND kind = 'meeting-record'
               AND json_extract(snapshot_json, '$.meetingId') IN (SELECT value FROM json_each(?))))
         AND (? IS NULL OR issued_at >= ?) AND (? IS NULL OR issued_at < ?)
       ORDER BY kind, id`,
    )
    .all(JSON.stringify(f.kinds), JSON.stringify(f.householdIds), JSON.stringify(f.villageIds), JSON.stringify(f.meetingIds), f.fromAt, f.fromAt, f.toAt, f.toAt) as FilingDocumentRow[];
}

export type AuditExcerptRow = {
  id: number;
  at: string;
  actor: string;
  actorRole: string;
  command: string;
  entityType: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
};

/**
 * Which audit rows a package's excerpt holds: those of the listed entities, up to and including row `throughId`
 * (and after row `afterId`, when a part of the excerpt is read).
 */
export type AuditExcerptScope = { entities: Record<string, readonly number[]>; throughId: number | null; afterId?: number | null };

const EXCERPT_IDS = `SELECT a2.id FROM (SELECT e.key AS type, v.value AS id FROM json_each(?) e, json_each(e.value) v) s
                      JOIN audit_log a2 ON s.type = a2.entity_type AND s.id = a2.entity_id`;

/**
 * The audit log of the listed entities (cases, households, documents, meetings, the campaign), oldest first.
 * `throughId` pins the excerpt to the log as it stood when the package's scope was read: the log is append-only,
 * so a read on another connection a moment later gives the same rows (issue 13: it is read off the server's thread).
 */
export function auditExcerpt(db: Db, entities: Record<string, readonly number[]>, throughId: number | null = null, afterId: number | null = null): AuditExcerptRow[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.actor_role AS actorRole, a.command, a.entity_type AS entityType, a.entity_id AS entityId,
              a.before_json AS b, a.after_json AS af
       FROM audit_log a
       -- The ids first, from the covering index; the rows then in id order (no sort of 40 MB of JSON text).
       WHERE a.id IN (${EXCERPT_IDS})
         AND (? IS NULL OR a.id <= ?) AND (? IS NULL OR a.id > ?)
       ORDER BY a.id`,
    )
    .all(JSON.stringify(entities), throughId, throughId, afterId, afterId) as (Omit<AuditExcerptRow, 'before' | 'after'> & { b: string | null; af: string | null })[];
  return rows.map(({ b, af, ...r }) => ({ ...r, before: b === null ? null : JSON.parse(b), after: af === null ? null : JSON.parse(af) }));
}

/** The ids of the excerpt's rows, oldest first (from the index alone: to divide the excerpt's work). */
export function auditExcerptIds(db: Db, scope: AuditExcerptScope): number[] {
  return db
    .prepare(`SELECT id FROM (${EXCERPT_IDS}) WHERE ? IS NULL OR id <= ? ORDER BY id`)
    .pluck()
    .all(JSON.stringify(scope.entities), scope.throughId, scope.throughId) as number[];
}

/** The id of the audit log's last row (0 when empty). */
export function lastAuditId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;
}

export type DataCounts = { households: number; persons: number; cases: number; documents: number; attachments: number };

const TABLES: Record<keyof DataCounts, string> = {
  households: 'households',
  persons: 'persons',
  cases: 'cases',
  documents: 'documents',
  attachments: 'case_attachments',
};

/** Row counts of the main tables; a table an older schema lacks counts as 0. */
export function dataCounts(db: Db): DataCounts {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const out = {} as DataCounts;
  for (const [key, table] of Object.entries(TABLES) as [keyof DataCounts, string][]) {
    out[key] = present.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
  }
  return out;
}

/** Registered files (documents and attachments) with their hashes, to check a backup against its own database. */
export function registeredFiles(db: Db): { relPath: string; sha256: string }[] {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const out: { relPath: string; sha256: string }[] = [];
  if (present.has('documents')) out.push(...(db.prepare('SELECT file_path AS relPath, sha256 FROM documents').all() as { relPath: string; sha256: string }[]));
  if (present.has('case_attachments')) out.push(...(db.prepare('SELECT rel_path AS relPath, sha256 FROM case_attachments').all() as { relPath: string; sha256: string }[]));
  return out;
}
