import type { DisabilityType } from '../contract/labels';
import type { ColumnMapping, ScreeningFlag, ScreeningSource } from '../domain/screening';
import type { Db } from './db';
import type { BatchView } from '../contract/commands/screening';

// A batch row is exactly what the contract shows of it.
export type BatchRow = BatchView;
export type BatchDiffCounts = BatchView['diff'];

type BatchRaw = {
  id: number;
  source: ScreeningSource;
  file_name: string;
  sha256: string;
  imported_at: string;
  imported_by: string;
  row_count: number;
  flagged_count: number;
  skipped_count: number;
  warning_count: number;
  matched_count: number;
  new_households: number;
  updated_persons: number;
  mapping_json: string;
  diff_json: string;
};

const toBatch = (r: BatchRaw): BatchRow => ({
  id: r.id,
  source: r.source,
  fileName: r.file_name,
  sha256: r.sha256,
  importedAt: r.imported_at,
  importedBy: r.imported_by,
  rowCount: r.row_count,
  flaggedCount: r.flagged_count,
  skippedCount: r.skipped_count,
  warningCount: r.warning_count,
  matchedCount: r.matched_count,
  newHouseholds: r.new_households,
  updatedPersons: r.updated_persons,
  mapping: JSON.parse(r.mapping_json) as ColumnMapping,
  diff: JSON.parse(r.diff_json) as BatchDiffCounts,
});

export function findBatchByHash(db: Db, source: ScreeningSource, sha256: string): BatchRow | null {
  const r = db.prepare('SELECT * FROM screening_batches WHERE source = ? AND sha256 = ?').get(source, sha256) as BatchRaw | undefined;
  return r ? toBatch(r) : null;
}

export function getBatch(db: Db, id: number): BatchRow | null {
  const r = db.prepare('SELECT * FROM screening_batches WHERE id = ?').get(id) as BatchRaw | undefined;
  return r ? toBatch(r) : null;
}

export function listBatches(db: Db, source: ScreeningSource | null): BatchRow[] {
  const rows = (source
    ? db.prepare('SELECT * FROM screening_batches WHERE source = ? ORDER BY id DESC').all(source)
    : db.prepare('SELECT * FROM screening_batches ORDER BY id DESC').all()) as BatchRaw[];
  return rows.map(toBatch);
}

/** The newest batch of a source (before `beforeId`, when given): the list a newer one is compared with. */
export function latestBatch(db: Db, source: ScreeningSource, beforeId: number | null = null): BatchRow | null {
  const r = db
    .prepare('SELECT * FROM screening_batches WHERE source = ? AND id < ? ORDER BY id DESC LIMIT 1')
    .get(source, beforeId ?? Number.MAX_SAFE_INTEGER) as BatchRaw | undefined;
  return r ? toBatch(r) : null;
}

export function insertBatch(db: Db, b: Omit<BatchRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO screening_batches (source, file_name, sha256, imported_at, imported_by, row_count, flagged_count, skipped_count,
           warning_count, matched_count, new_households, updated_persons, mapping_json, diff_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        b.source,
        b.fileName,
        b.sha256,
        b.importedAt,
        b.importedBy,
        b.rowCount,
        b.flaggedCount,
        b.skippedCount,
        b.warningCount,
        b.matchedCount,
        b.newHouseholds,
        b.updatedPersons,
        JSON.stringify(b.mapping),
        JSON.stringify(b.diff),
      ).lastInsertRowid,
  );
}

export type FlagRow = {
  idNumber: string;
  name: string;
  villageText: string | null;
  flag: ScreeningFlag;
  detail: string | null;
  since: string | null;
  rowNumber: number;
  /** 医保 lists: 个人自付金额 and 年度医疗总费用 of the row, in yuan. */
  selfPaid: number | null;
  totalCost: number | null;
};

type FlagRaw = {
  id_number: string;
  name: string;
  village_text: string | null;
  flag: ScreeningFlag;
  detail: string | null;
  since: string | null;
  row_number: number;
  self_paid: number | null;
  total_cost: number | null;
};
const toFlag = (r: FlagRaw): FlagRow => ({
  idNumber: r.id_number,
  name: r.name,
  villageText: r.village_text,
  flag: r.flag,
  detail: r.detail,
  since: r.since,
  rowNumber: r.row_number,
  selfPaid: r.self_paid,
  totalCost: r.total_cost,
});

export function batchFlags(db: Db, batchId: number): Map<string, FlagRow> {
  const rows = db.prepare('SELECT * FROM screening_flags WHERE batch_id = ?').all(batchId) as FlagRaw[];
  return new Map(rows.map((r) => [r.id_number, toFlag(r)]));
}

/** One prepared statement for all rows of a batch. */
export function flagWriter(db: Db, batchId: number): (f: FlagRow) => void {
  const stmt = db.prepare(
    `INSERT INTO screening_flags (batch_id, id_number, name, village_text, flag, detail, since, row_number, self_paid, total_cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (f) => void stmt.run(batchId, f.idNumber, f.name, f.villageText, f.flag, f.detail, f.since, f.rowNumber, f.selfPaid, f.totalCost);
}

export type RegistryPerson = {
  personId: number;
  name: string;
  householdId: number;
  villageId: number;
  disabilityType: DisabilityType | null;
  disabilityLevel: number | null;
};

/** Lookup by the unique, indexed ID number; one prepared statement for a whole list. */
export function personFinder(db: Db): (idNumber: string) => RegistryPerson | null {
  const stmt = db.prepare(
    `SELECT p.id AS personId, p.name, p.household_id AS householdId, h.village_id AS villageId,
            p.disability_type AS disabilityType, p.disability_level AS disabilityLevel
     FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id_number = ?`,
  );
  return (idNumber) => (stmt.get(idNumber) as RegistryPerson | undefined) ?? null;
}

export function disabilityWriter(db: Db, at: string): (personId: number, type: DisabilityType, level: number) => void {
  const stmt = db.prepare('UPDATE persons SET disability_type = ?, disability_level = ?, updated_at = ? WHERE id = ?');
  return (personId, type, level) => void stmt.run(type, level, at, personId);
}

export type CurrentFlag = FlagRow & { source: ScreeningSource; batchId: number; personId: number; personName: string; householdId: number };

/** The flags of the latest batch of each source for the persons now registered in a village. */
export function currentFlagsOfVillage(db: Db, villageId: number): CurrentFlag[] {
  return currentFlagsWhere(db, 'h.village_id = ?', villageId);
}

/** The same for one household (what its determination is shown beside). */
export function currentFlagsOfHousehold(db: Db, householdId: number): CurrentFlag[] {
  return currentFlagsWhere(db, 'h.id = ?', householdId);
}

function currentFlagsWhere(db: Db, where: 'h.village_id = ?' | 'h.id = ?', id: number): CurrentFlag[] {
  const rows = db
    .prepare(
      `SELECT f.*, b.source, b.id AS batch_id, p.id AS person_id, p.name AS person_name, p.household_id
       FROM (SELECT source, max(id) AS id FROM screening_batches GROUP BY source) b
       JOIN screening_flags f ON f.batch_id = b.id
       JOIN persons p ON p.id_number = f.id_number
       JOIN households h ON h.id = p.household_id
       WHERE ${where}
       ORDER BY p.household_id, p.position, p.id`,
    )
    .all(id) as (FlagRaw & { source: ScreeningSource; batch_id: number; person_id: number; person_name: string; household_id: number })[];
  return rows.map((r) => ({
    ...toFlag(r),
    source: r.source,
    batchId: r.batch_id,
    personId: r.person_id,
    personName: r.person_name,
    householdId: r.household_id,
  }));
}

export function recipientHouseholdIds(db: Db, villageId: number): number[] {
  return (db.prepare("SELECT id FROM households WHERE village_id = ? AND status = 'recipient' ORDER BY id").all(villageId) as { id: number }[]).map((r) => r.id);
}


export type MedicalAmountRow = FlagRow & { batchId: number; fileName: string; importedAt: string; personId: number; personName: string };

/** The self-paid amounts of the latest 医保 list for the members of a household (the figure M is proposed from). */
export function latestMedicalAmounts(db: Db, householdId: number): MedicalAmountRow[] {
  const rows = db
    .prepare(
      `SELECT f.*, b.id AS batch_id, b.file_name, b.imported_at, p.id AS person_id, p.name AS person_name
       FROM (SELECT max(id) AS id FROM screening_batches WHERE source = 'medical') latest
       JOIN screening_batches b ON b.id = latest.id
       JOIN screening_flags f ON f.batch_id = b.id
       JOIN persons p ON p.id_number = f.id_number
       WHERE p.household_id = ? AND f.self_paid IS NOT NULL
       ORDER BY p.position, p.id`,
    )
    .all(householdId) as (FlagRaw & { batch_id: number; file_name: string; imported_at: string; person_id: number; person_name: string })[];
  return rows.map((r) => ({ ...toFlag(r), batchId: r.batch_id, fileName: r.file_name, importedAt: r.imported_at, personId: r.person_id, personName: r.person_name }));
}
