import type { HouseholdStatus, HouseholdSummary } from '../contract';
import { cachedStatement, type Db } from './db';

export type HouseholdRow = {
  id: number;
  village_id: number;
  village_name: string;
  group_name: string | null;
  address: string;
  phone: string | null;
  head_person_id: number | null;
  head_name: string | null;
  size: number;
  status: HouseholdStatus;
  note: string | null;
  created_at: string;
  updated_at: string;
};

export const HOUSEHOLD_SELECT = `SELECT h.id, h.village_id, v.name AS village_name, h.group_name, h.address, h.phone,
  h.head_person_id, hp.name AS head_name,
  (SELECT count(*) FROM persons m WHERE m.household_id = h.id) AS size,
  h.status, h.note, h.created_at, h.updated_at
  FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN persons hp ON hp.id = h.head_person_id`;

export const toSummary = (r: HouseholdRow): HouseholdSummary => ({
  id: r.id,
  villageId: r.village_id,
  villageName: r.village_name,
  groupName: r.group_name,
  address: r.address,
  headName: r.head_name,
  size: r.size,
  status: r.status,
});

export function getHouseholdRow(db: Db, id: number): HouseholdRow | null {
  return (cachedStatement(db, `${HOUSEHOLD_SELECT} WHERE h.id = ?`).get(id) as HouseholdRow | undefined) ?? null;
}

export type HouseholdWrite = {
  villageId: number;
  groupName: string | null;
  address: string;
  phone: string | null;
  note: string | null;
};

export function insertHousehold(db: Db, h: HouseholdWrite, at: string): number {
  const info = cachedStatement(db, 
      `INSERT INTO households (village_id, group_name, address, phone, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(h.villageId, h.groupName, h.address, h.phone, h.note, at, at);
  return Number(info.lastInsertRowid);
}

export function updateHousehold(db: Db, id: number, h: HouseholdWrite, at: string): void {
  cachedStatement(db, 
    'UPDATE households SET village_id = ?, group_name = ?, address = ?, phone = ?, note = ?, updated_at = ? WHERE id = ?',
  ).run(h.villageId, h.groupName, h.address, h.phone, h.note, at, id);
}

export function setHead(db: Db, id: number, headPersonId: number | null, at: string): void {
  cachedStatement(db, 'UPDATE households SET head_person_id = ?, updated_at = ? WHERE id = ?').run(headPersonId, at, id);
}

export function touchHousehold(db: Db, id: number, at: string): void {
  cachedStatement(db, 'UPDATE households SET updated_at = ? WHERE id = ?').run(at, id);
}

export function deleteHousehold(db: Db, id: number): void {
  cachedStatement(db, 'DELETE FROM persons WHERE household_id = ?').run(id);
  cachedStatement(db, 'DELETE FROM households WHERE id = ?').run(id);
}

export type HouseholdFactsRow = {
  assetsCompliant: boolean | null;
  assetsNote: string | null;
  otherMonthlyIncome: number;
  singleCoverPersonId: number | null;
  medicalSelfPaid: number | null;
  medicalDisposable: number | null;
  medicalPatientPersonId: number | null;
};

export function getHouseholdFacts(db: Db, id: number): HouseholdFactsRow | null {
  const r = cachedStatement(db, 
      `SELECT assets_compliant, assets_note, other_monthly_income, single_cover_person_id, medical_self_paid,
              medical_disposable, medical_patient_person_id FROM households WHERE id = ?`,
    )
    .get(id) as
    | {
        assets_compliant: number | null;
        assets_note: string | null;
        other_monthly_income: number;
        single_cover_person_id: number | null;
        medical_self_paid: number | null;
        medical_disposable: number | null;
        medical_patient_person_id: number | null;
      }
    | undefined;
  if (!r) return null;
  return {
    assetsCompliant: r.assets_compliant === null ? null : r.assets_compliant === 1,
    assetsNote: r.assets_note,
    otherMonthlyIncome: r.other_monthly_income,
    singleCoverPersonId: r.single_cover_person_id,
    medicalSelfPaid: r.medical_self_paid,
    medicalDisposable: r.medical_disposable,
    medicalPatientPersonId: r.medical_patient_person_id,
  };
}

export function updateHouseholdFacts(db: Db, id: number, f: HouseholdFactsRow, at: string): void {
  cachedStatement(db, 
    `UPDATE households SET assets_compliant = ?, assets_note = ?, other_monthly_income = ?, single_cover_person_id = ?,
       medical_self_paid = ?, medical_disposable = ?, medical_patient_person_id = ?, updated_at = ? WHERE id = ?`,
  ).run(
    f.assetsCompliant === null ? null : +f.assetsCompliant,
    f.assetsNote,
    f.otherMonthlyIncome,
    f.singleCoverPersonId,
    f.medicalSelfPaid,
    f.medicalDisposable,
    f.medicalPatientPersonId,
    at,
    id,
  );
}

export function setHouseholdStatus(db: Db, id: number, status: HouseholdStatus, at: string): void {
  cachedStatement(db, 'UPDATE households SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
}

/** Recipient households, for re-evaluation under a new policy. */
export function listHouseholdIdsByStatus(db: Db, status: HouseholdStatus): number[] {
  return (cachedStatement(db, 'SELECT id FROM households WHERE status = ? ORDER BY village_id, id').all(status) as { id: number }[]).map((r) => r.id);
}
