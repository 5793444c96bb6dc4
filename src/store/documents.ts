import type { Db } from './db';

export type DocumentRecord = {
  id: number;
  kind: string;
  documentNumber: string | null;
  year: number;
  seq: number;
  householdId: number | null;
  villageId: number | null;
  subject: string;
  title: string;
  filePath: string;
  sha256: string;
  size: number;
  snapshot: unknown;
  options: unknown;
  issuedAt: string;
  issuedBy: string;
  supersedesId: number | null;
  supersedesNumber: string | null;
  supersededById: number | null;
  supersededByNumber: string | null;
};

type Row = {
  id: number;
  kind: string;
  document_number: string | null;
  year: number;
  seq: number;
  household_id: number | null;
  village_id: number | null;
  subject: string;
  title: string;
  file_path: string;
  sha256: string;
  size: number;
  snapshot_json: string;
  options_json: string;
  issued_at: string;
  issued_by: string;
  supersedes_id: number | null;
  supersedes_number: string | null;
  superseded_by_id: number | null;
  superseded_by_number: string | null;
};

const SELECT = `SELECT d.*, old.document_number AS supersedes_number, nxt.id AS superseded_by_id, nxt.document_number AS superseded_by_number
  FROM documents d
  LEFT JOIN documents old ON old.id = d.supersedes_id
  LEFT JOIN documents nxt ON nxt.supersedes_id = d.id`;

const toRecord = (r: Row): DocumentRecord => ({
  id: r.id,
  kind: r.kind,
  documentNumber: r.document_number,
  year: r.year,
  seq: r.seq,
  householdId: r.household_id,
  villageId: r.village_id,
  subject: r.subject,
  title: r.title,
  filePath: r.file_path,
  sha256: r.sha256,
  size: r.size,
  snapshot: JSON.parse(r.snapshot_json),
  options: JSON.parse(r.options_json),
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  supersedesId: r.supersedes_id,
  supersedesNumber: r.supersedes_number,
  supersededById: r.superseded_by_id,
  supersededByNumber: r.superseded_by_number,
});

export type DocumentWrite = Omit<DocumentRecord, 'id' | 'supersedesNumber' | 'supersededById' | 'supersededByNumber'>;

/** The next number of a kind in a year: numbering restarts every year. */
export function nextDocumentSeq(db: Db, kind: string, year: number): number {
  const r = db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM documents WHERE kind = ? AND year = ?').get(kind, year) as { n: number };
  return r.n;
}

export function insertDocument(db: Db, d: DocumentWrite): number {
  const info = db
    .prepare(
      `INSERT INTO documents (kind, document_number, year, seq, household_id, village_id, subject, title, file_path, sha256, size,
         snapshot_json, options_json, issued_at, issued_by, supersedes_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      d.kind,
      d.documentNumber,
      d.year,
      d.seq,
      d.householdId,
      d.villageId,
      d.subject,
      d.title,
      d.filePath,
      d.sha256,
      d.size,
      JSON.stringify(d.snapshot),
      JSON.stringify(d.options),
      d.issuedAt,
      d.issuedBy,
      d.supersedesId,
    );
  return Number(info.lastInsertRowid);
}

export function getDocument(db: Db, id: number): DocumentRecord | null {
  const r = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  return r ? toRecord(r) : null;
}

export type DocumentFilter = { householdId: number | null; villageId: number | null; kind: string | null };

export function listDocuments(db: Db, f: DocumentFilter, page: number, pageSize: number): { items: DocumentRecord[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.householdId !== null) {
    where.push('d.household_id = ?');
    params.push(f.householdId);
  }
  if (f.villageId !== null) {
    where.push('d.village_id = ?');
    params.push(f.villageId);
  }
  if (f.kind !== null) {
    where.push('d.kind = ?');
    params.push(f.kind);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM documents d ${w}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`${SELECT} ${w} ORDER BY d.id DESC LIMIT ? OFFSET ?`).all(...params, pageSize, (page - 1) * pageSize) as Row[];
  return { total, items: rows.map(toRecord) };
}

/** The newest issued, not yet corrected document of a kind for a household (e.g. the denial notice on annex 4). */
export function latestHouseholdDocument(db: Db, householdId: number, kind: string): DocumentRecord | null {
  const r = db
    .prepare(`${SELECT} WHERE d.household_id = ? AND d.kind = ? AND nxt.id IS NULL ORDER BY d.id DESC LIMIT 1`)
    .get(householdId, kind) as Row | undefined;
  return r ? toRecord(r) : null;
}

// ---------------------------------------------------------------- dated legal texts

export type LegalTextRecord = { id: number; key: string; effectiveFrom: string; text: string; createdAt: string; createdBy: string };

type LegalRow = { id: number; key: string; effective_from: string; text: string; created_at: string; created_by: string };

const toLegal = (r: LegalRow): LegalTextRecord => ({
  id: r.id,
  key: r.key,
  effectiveFrom: r.effective_from,
  text: r.text,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function listLegalTexts(db: Db): LegalTextRecord[] {
  return (db.prepare('SELECT * FROM legal_texts ORDER BY key, effective_from DESC, id DESC').all() as LegalRow[]).map(toLegal);
}

export function countLegalTexts(db: Db, key: string): number {
  return (db.prepare('SELECT count(*) AS n FROM legal_texts WHERE key = ?').get(key) as { n: number }).n;
}

/** The newest text of `key` effective on `date`; among versions with the same date, the one entered last. */
export function legalTextInForce(db: Db, key: string, date: string): LegalTextRecord | null {
  const r = db
    .prepare('SELECT * FROM legal_texts WHERE key = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1')
    .get(key, date) as LegalRow | undefined;
  return r ? toLegal(r) : null;
}

export function insertLegalText(db: Db, t: Omit<LegalTextRecord, 'id'>): number {
  const info = db
    .prepare('INSERT INTO legal_texts (key, effective_from, text, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
    .run(t.key, t.effectiveFrom, t.text, t.createdAt, t.createdBy);
  return Number(info.lastInsertRowid);
}

/** Households of a village in registry order (for village-level sheets). */
export function householdIdsOfVillage(db: Db, villageId: number): number[] {
  return (db.prepare('SELECT id FROM households WHERE village_id = ? ORDER BY id').all(villageId) as { id: number }[]).map((r) => r.id);
}

export function documentIdByFilePath(db: Db, filePath: string): number | null {
  const r = db.prepare('SELECT id FROM documents WHERE file_path = ?').get(filePath) as { id: number } | undefined;
  return r?.id ?? null;
}

export function documentIdByNumber(db: Db, documentNumber: string): number | null {
  const r = db.prepare('SELECT id FROM documents WHERE document_number = ?').get(documentNumber) as { id: number } | undefined;
  return r?.id ?? null;
}

export function countHouseholdDocuments(db: Db, householdId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM documents WHERE household_id = ?').get(householdId) as { n: number }).n;
}
