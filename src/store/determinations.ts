import type { Db } from './db';

export type DeterminationRecord = {
  id: number;
  householdId: number;
  evaluationDate: string;
  policyVersion: string;
  category: string;
  monthlyTotal: number;
  snapshot: unknown;
  createdAt: string;
  createdBy: string;
};

type Row = {
  id: number;
  household_id: number;
  evaluation_date: string;
  policy_version: string;
  category: string;
  monthly_total: number;
  snapshot_json: string;
  created_at: string;
  created_by: string;
};

const toRecord = (r: Row): DeterminationRecord => ({
  id: r.id,
  householdId: r.household_id,
  evaluationDate: r.evaluation_date,
  policyVersion: r.policy_version,
  category: r.category,
  monthlyTotal: r.monthly_total,
  snapshot: JSON.parse(r.snapshot_json),
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function insertDetermination(db: Db, d: Omit<DeterminationRecord, 'id'>): number {
  const info = db
    .prepare(
      `INSERT INTO determinations (household_id, evaluation_date, policy_version, category, monthly_total, snapshot_json, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.householdId, d.evaluationDate, d.policyVersion, d.category, d.monthlyTotal, JSON.stringify(d.snapshot), d.createdAt, d.createdBy);
  return Number(info.lastInsertRowid);
}

export function listDeterminations(db: Db, householdId: number): DeterminationRecord[] {
  return (db.prepare('SELECT * FROM determinations WHERE household_id = ? ORDER BY id DESC').all(householdId) as Row[]).map(toRecord);
}

export function getDetermination(db: Db, id: number): DeterminationRecord | null {
  const r = db.prepare('SELECT * FROM determinations WHERE id = ?').get(id) as Row | undefined;
  return r ? toRecord(r) : null;
}

/** Saved determinations by id, in one query (the ids travel as one JSON parameter). */
export function getDeterminations(db: Db, ids: readonly number[]): Map<number, DeterminationRecord> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare('SELECT * FROM determinations WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[];
  return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

/** The latest saved determination of every household with the given status, keyed by household. */
export function latestDeterminationsByStatus(db: Db, status: string): Map<number, DeterminationRecord> {
  const rows = db
    .prepare(
      `SELECT d.* FROM determinations d JOIN households h ON h.id = d.household_id
       WHERE h.status = ? AND d.id = (SELECT max(id) FROM determinations d2 WHERE d2.household_id = d.household_id)`,
    )
    .all(status) as Row[];
  return new Map(rows.map((r) => [r.household_id, toRecord(r)]));
}

export function countDeterminations(db: Db, householdId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM determinations WHERE household_id = ?').get(householdId) as { n: number }).n;
}
