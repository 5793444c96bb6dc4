import type { Db } from './db';

export type RollImportRow = {
  id: number;
  fileName: string;
  sha256: string;
  meetingId: number;
  rowCount: number;
  households: number;
  persons: number;
  villagesCreated: number;
  monthlyTotal: number;
  importedAt: string;
  importedBy: string;
};

const COLUMNS = `id, file_name AS fileName, sha256, meeting_id AS meetingId, row_count AS rowCount, households, persons,
  villages_created AS villagesCreated, monthly_total AS monthlyTotal, imported_at AS importedAt, imported_by AS importedBy`;

export function findRollImport(db: Db, sha256: string): RollImportRow | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM roll_imports WHERE sha256 = ?`).get(sha256) as RollImportRow | undefined) ?? null;
}

export function listRollImports(db: Db): RollImportRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM roll_imports ORDER BY id DESC`).all() as RollImportRow[];
}

export function insertRollImport(db: Db, r: Omit<RollImportRow, 'id'> & { mapping: unknown }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO roll_imports (file_name, sha256, meeting_id, row_count, households, persons, villages_created, monthly_total, mapping_json, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.fileName, r.sha256, r.meetingId, r.rowCount, r.households, r.persons, r.villagesCreated, r.monthlyTotal, JSON.stringify(r.mapping), r.importedAt, r.importedBy)
      .lastInsertRowid,
  );
}
