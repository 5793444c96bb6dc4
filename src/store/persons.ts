import type { DisabilityType, LaborCapacity, Person, Relation, Sex } from '../contract';
import { cachedStatement, type Db } from './db';

export type PersonRow = {
  id: number;
  household_id: number;
  name: string;
  id_number: string;
  sex: Sex;
  birth_date: string;
  relation: Relation;
  monthly_income: number;
  disability_type: DisabilityType | null;
  disability_level: number | null;
  serious_illness: number;
  severe_disability_no_self_care: number;
  mental_hospitalized: number;
  labor_capacity: LaborCapacity;
  three_no: number;
  hiv: number;
  college_student: number;
  priority_care: number;
  note: string | null;
};

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  householdId: r.household_id,
  name: r.name,
  idNumber: r.id_number,
  sex: r.sex,
  birthDate: r.birth_date,
  relation: r.relation,
  monthlyIncome: r.monthly_income,
  disabilityType: r.disability_type,
  disabilityLevel: r.disability_level,
  seriousIllness: r.serious_illness === 1,
  severeDisabilityNoSelfCare: r.severe_disability_no_self_care === 1,
  mentalHospitalized: r.mental_hospitalized === 1,
  laborCapacity: r.labor_capacity,
  threeNo: r.three_no === 1,
  hiv: r.hiv === 1,
  collegeStudent: r.college_student === 1,
  priorityCare: r.priority_care === 1,
  note: r.note,
});

/** Everything a person row stores, already validated and derived (sex, birth date, search keys). */
export type PersonWrite = Omit<Person, 'id' | 'householdId'> & { initials: string; pinyin: string };

const COLUMNS = `name, name_reversed, id_number, id_reversed, name_initials, name_pinyin, sex, birth_date, relation, monthly_income,
  disability_type, disability_level, serious_illness, severe_disability_no_self_care, mental_hospitalized,
  labor_capacity, three_no, hiv, college_student, priority_care, note`;

const values = (p: PersonWrite) => [
  p.name,
  [...p.name].reverse().join(''),
  p.idNumber,
  [...p.idNumber].reverse().join(''),
  p.initials,
  p.pinyin,
  p.sex,
  p.birthDate,
  p.relation,
  p.monthlyIncome,
  p.disabilityType,
  p.disabilityLevel,
  +p.seriousIllness,
  +p.severeDisabilityNoSelfCare,
  +p.mentalHospitalized,
  p.laborCapacity,
  +p.threeNo,
  +p.hiv,
  +p.collegeStudent,
  +p.priorityCare,
  p.note,
];

export function insertPerson(db: Db, householdId: number, p: PersonWrite, at: string): number {
  const position =
    (cachedStatement(db, 'SELECT coalesce(max(position), -1) + 1 AS p FROM persons WHERE household_id = ?').get(householdId) as {
      p: number;
    }).p;
  const info = cachedStatement(db, 
      `INSERT INTO persons (household_id, position, created_at, updated_at, ${COLUMNS})
       VALUES (?, ?, ?, ?, ${Array(21).fill('?').join(', ')})`,
    )
    .run(householdId, position, at, at, ...values(p));
  return Number(info.lastInsertRowid);
}

export function updatePerson(db: Db, id: number, p: PersonWrite, at: string): void {
  const sets = COLUMNS.split(',')
    .map((c) => `${c.trim()} = ?`)
    .join(', ');
  cachedStatement(db, `UPDATE persons SET ${sets}, updated_at = ? WHERE id = ?`).run(...values(p), at, id);
}

/** The 残联's re-assessment written back: only the disability facts change (issue 16). */
export function setPersonDisability(db: Db, id: number, type: DisabilityType | null, level: number | null, at: string): void {
  db.prepare('UPDATE persons SET disability_type = ?, disability_level = ?, updated_at = ? WHERE id = ?').run(type, level, at, id);
}

export function deletePerson(db: Db, id: number): void {
  cachedStatement(db, 'DELETE FROM persons WHERE id = ?').run(id);
}

export function getPerson(db: Db, id: number): Person | null {
  const r = cachedStatement(db, 'SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
  return r ? toPerson(r) : null;
}

export function listMembers(db: Db, householdId: number): Person[] {
  return (
    cachedStatement(db, 'SELECT * FROM persons WHERE household_id = ? ORDER BY position, id').all(householdId) as PersonRow[]
  ).map(toPerson);
}

/** Who holds this ID number already, with enough of their household to name it in a message. */
export function findByIdNumber(
  db: Db,
  idNumber: string,
): { personId: number; name: string; householdId: number; villageName: string; headName: string | null; address: string } | null {
  const r = cachedStatement(db, 
      `SELECT p.id AS personId, p.name, p.household_id AS householdId, v.name AS villageName, h.address,
              (SELECT name FROM persons hp WHERE hp.id = h.head_person_id) AS headName
       FROM persons p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
       WHERE p.id_number = ?`,
    )
    .get(idNumber) as
    | { personId: number; name: string; householdId: number; villageName: string; headName: string | null; address: string }
    | undefined;
  return r ?? null;
}

export function setRelation(db: Db, id: number, relation: Relation, at: string): void {
  cachedStatement(db, 'UPDATE persons SET relation = ?, updated_at = ? WHERE id = ?').run(relation, at, id);
}
