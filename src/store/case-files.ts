// The application, verification and home-visit records of a case (migration 006). The only SQL of these steps.
import type { Db } from './db';

// ---------------------------------------------------------------- application

export type ApplicationRow = {
  secretaryName: string | null;
  secretaryDate: string | null;
  cadreName: string | null;
  cadreDate: string | null;
  isStaffRelative: boolean;
  /** The related official's name (before migration 18: name and post in one text). */
  staffRelativeOf: string | null;
  /** The official's post, e.g. 「村委会委员」. */
  staffRelativePost: string | null;
  staffRelation: string | null;
  updatedAt: string;
  updatedBy: string;
};

type ApplicationRaw = {
  case_id: number;
  secretary_name: string | null;
  secretary_date: string | null;
  cadre_name: string | null;
  cadre_date: string | null;
  is_staff_relative: number;
  staff_relative_of: string | null;
  staff_relative_post: string | null;
  staff_relation: string | null;
  updated_at: string;
  updated_by: string;
};

const toApplication = (r: ApplicationRaw): ApplicationRow => ({
  secretaryName: r.secretary_name,
  secretaryDate: r.secretary_date,
  cadreName: r.cadre_name,
  cadreDate: r.cadre_date,
  isStaffRelative: r.is_staff_relative === 1,
  staffRelativeOf: r.staff_relative_of,
  staffRelativePost: r.staff_relative_post,
  staffRelation: r.staff_relation,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export function getApplication(db: Db, caseId: number): ApplicationRow | null {
  const r = db.prepare('SELECT * FROM case_applications WHERE case_id = ?').get(caseId) as ApplicationRaw | undefined;
  return r ? toApplication(r) : null;
}

/** The applications of a campaign's cases, keyed by case: one query for a 备案包's 8,000 cases (issue 13). */
export function applicationsOfCampaign(db: Db, campaignId: number): Map<number, ApplicationRow> {
  const rows = db.prepare('SELECT a.* FROM case_applications a JOIN cases c ON c.id = a.case_id WHERE c.campaign_id = ?').all(campaignId) as ApplicationRaw[];
  return new Map(rows.map((r) => [r.case_id, toApplication(r)]));
}

export function putApplication(db: Db, caseId: number, a: ApplicationRow): void {
  db.prepare(
    `INSERT INTO case_applications (case_id, secretary_name, secretary_date, cadre_name, cadre_date, is_staff_relative,
       staff_relative_of, staff_relative_post, staff_relation, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(case_id) DO UPDATE SET secretary_name = excluded.secretary_name, secretary_date = excluded.secretary_date,
       cadre_name = excluded.cadre_name, cadre_date = excluded.cadre_date, is_staff_relative = excluded.is_staff_relative,
       staff_relative_of = excluded.staff_relative_of, staff_relative_post = excluded.staff_relative_post, staff_relation = excluded.staff_relation,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(
    caseId,
    a.secretaryName,
    a.secretaryDate,
    a.cadreName,
    a.cadreDate,
    +a.isStaffRelative,
    a.staffRelativeOf,
    a.staffRelativePost,
    a.staffRelation,
    a.updatedAt,
    a.updatedBy,
  );
}

export type MaterialRow = { key: string; label: string; received: boolean; updatedAt: string; updatedBy: string };

export function listMaterials(db: Db, caseId: number): MaterialRow[] {
  return (
    db.prepare('SELECT item_key, item_label, received, updated_at, updated_by FROM case_materials WHERE case_id = ?').all(caseId) as {
      item_key: string;
      item_label: string;
      received: number;
      updated_at: string;
      updated_by: string;
    }[]
  ).map((r) => ({ key: r.item_key, label: r.item_label, received: r.received === 1, updatedAt: r.updated_at, updatedBy: r.updated_by }));
}

export function putMaterial(db: Db, caseId: number, m: MaterialRow): void {
  db.prepare(
    `INSERT INTO case_materials (case_id, item_key, item_label, received, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(case_id, item_key) DO UPDATE SET item_label = excluded.item_label, received = excluded.received,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(caseId, m.key, m.label, +m.received, m.updatedAt, m.updatedBy);
}

export type SupporterRow = {
  id: number;
  caseId: number;
  name: string;
  relation: string;
  idNumber: string;
  phone: string | null;
  monthlyIncome: number;
  supportProvided: string | null;
  createdAt: string;
  createdBy: string;
};

type SupporterRaw = {
  id: number;
  case_id: number;
  name: string;
  relation: string;
  id_number: string;
  phone: string | null;
  monthly_income: number;
  support_provided: string | null;
  created_at: string;
  created_by: string;
};

const toSupporter = (r: SupporterRaw): SupporterRow => ({
  id: r.id,
  caseId: r.case_id,
  name: r.name,
  relation: r.relation,
  idNumber: r.id_number,
  phone: r.phone,
  monthlyIncome: r.monthly_income,
  supportProvided: r.support_provided,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function listSupporters(db: Db, caseId: number): SupporterRow[] {
  return (db.prepare('SELECT * FROM case_supporters WHERE case_id = ? ORDER BY id').all(caseId) as SupporterRaw[]).map(toSupporter);
}

export function getSupporter(db: Db, id: number): SupporterRow | null {
  const r = db.prepare('SELECT * FROM case_supporters WHERE id = ?').get(id) as SupporterRaw | undefined;
  return r ? toSupporter(r) : null;
}

export function insertSupporter(db: Db, s: Omit<SupporterRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO case_supporters (case_id, name, relation, id_number, phone, monthly_income, support_provided, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.caseId, s.name, s.relation, s.idNumber, s.phone, s.monthlyIncome, s.supportProvided, s.createdAt, s.createdBy).lastInsertRowid,
  );
}

export function deleteSupporter(db: Db, id: number): void {
  db.prepare('DELETE FROM case_supporters WHERE id = ?').run(id);
}

/** Case ids of a campaign (and village) whose applicant declared a close relative among cadres or staff. */
export function staffRelativeCaseIds(db: Db, campaignId: number, villageId: number): number[] {
  return (
    db
      .prepare(
        `SELECT c.id FROM cases c JOIN case_applications a ON a.case_id = c.id
         WHERE c.campaign_id = ? AND c.village_id = ? AND a.is_staff_relative = 1 ORDER BY c.id`,
      )
      .all(campaignId, villageId) as { id: number }[]
  ).map((r) => r.id);
}

// ---------------------------------------------------------------- verification

export type VerificationBatchRow = {
  id: number;
  campaignId: number;
  fileName: string;
  fileHash: string;
  households: number;
  importedAt: string;
  importedBy: string;
};

type BatchRaw = { id: number; campaign_id: number; file_name: string; file_hash: string; households: number; imported_at: string; imported_by: string };
const toBatchRow = (r: BatchRaw): VerificationBatchRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  fileName: r.file_name,
  fileHash: r.file_hash,
  households: r.households,
  importedAt: r.imported_at,
  importedBy: r.imported_by,
});

export function findVerificationBatch(db: Db, campaignId: number, fileHash: string): VerificationBatchRow | null {
  const r = db.prepare('SELECT * FROM verification_batches WHERE campaign_id = ? AND file_hash = ?').get(campaignId, fileHash) as BatchRaw | undefined;
  return r ? toBatchRow(r) : null;
}

export function insertVerificationBatch(db: Db, b: Omit<VerificationBatchRow, 'id'>): number {
  return Number(
    db
      .prepare('INSERT INTO verification_batches (campaign_id, file_name, file_hash, households, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(b.campaignId, b.fileName, b.fileHash, b.households, b.importedAt, b.importedBy).lastInsertRowid,
  );
}

export type VerificationRow = {
  id: number;
  caseId: number;
  source: 'import' | 'manual';
  batchId: number | null;
  fileHash: string | null;
  incomes: unknown;
  assets: unknown;
  compliant: boolean;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
};

type VerificationRaw = {
  id: number;
  case_id: number;
  source: 'import' | 'manual';
  batch_id: number | null;
  file_hash: string | null;
  incomes_json: string;
  assets_json: string;
  compliant: number;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
};

const toVerification = (r: VerificationRaw): VerificationRow => ({
  id: r.id,
  caseId: r.case_id,
  source: r.source,
  batchId: r.batch_id,
  fileHash: r.file_hash,
  incomes: JSON.parse(r.incomes_json),
  assets: JSON.parse(r.assets_json),
  compliant: r.compliant === 1,
  note: r.note,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export function insertVerification(db: Db, v: Omit<VerificationRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO case_verifications (case_id, source, batch_id, file_hash, incomes_json, assets_json, compliant, note, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.caseId, v.source, v.batchId, v.fileHash, JSON.stringify(v.incomes), JSON.stringify(v.assets), +v.compliant, v.note, v.recordedAt, v.recordedBy)
      .lastInsertRowid,
  );
}

/** Newest first. */
/** Cases that received a finding from an imported batch. */
export function caseIdsOfVerificationBatch(db: Db, batchId: number): number[] {
  return (db.prepare('SELECT DISTINCT case_id AS id FROM case_verifications WHERE batch_id = ? ORDER BY case_id').all(batchId) as { id: number }[]).map((r) => r.id);
}

export function getVerificationBatch(db: Db, id: number): VerificationBatchRow | null {
  const r = db.prepare('SELECT * FROM verification_batches WHERE id = ?').get(id) as BatchRaw | undefined;
  return r ? toBatchRow(r) : null;
}

export function listVerifications(db: Db, caseId: number): VerificationRow[] {
  return (db.prepare('SELECT * FROM case_verifications WHERE case_id = ? ORDER BY id DESC').all(caseId) as VerificationRaw[]).map(toVerification);
}

// ---------------------------------------------------------------- home visit

export function getHomeVisit(db: Db, caseId: number): { data: unknown; updatedAt: string; updatedBy: string } | null {
  const r = db.prepare('SELECT data_json, updated_at, updated_by FROM case_home_visits WHERE case_id = ?').get(caseId) as
    | { data_json: string; updated_at: string; updated_by: string }
    | undefined;
  return r ? { data: JSON.parse(r.data_json), updatedAt: r.updated_at, updatedBy: r.updated_by } : null;
}

export function putHomeVisit(db: Db, caseId: number, data: unknown, at: string, by: string): void {
  db.prepare(
    `INSERT INTO case_home_visits (case_id, data_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(case_id) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(caseId, JSON.stringify(data), at, by);
}

// ---------------------------------------------------------------- attachments

export type AttachmentRow = {
  id: number;
  caseId: number;
  step: string;
  fileName: string;
  mime: 'image/png' | 'image/jpeg' | 'application/pdf';
  relPath: string;
  sha256: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
};

type AttachmentRaw = {
  id: number;
  case_id: number;
  step: string;
  file_name: string;
  mime: AttachmentRow['mime'];
  rel_path: string;
  sha256: string;
  size: number;
  uploaded_at: string;
  uploaded_by: string;
};

const toAttachment = (r: AttachmentRaw): AttachmentRow => ({
  id: r.id,
  caseId: r.case_id,
  step: r.step,
  fileName: r.file_name,
  mime: r.mime,
  relPath: r.rel_path,
  sha256: r.sha256,
  size: r.size,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by,
});

export function insertAttachment(db: Db, a: Omit<AttachmentRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO case_attachments (case_id, step, file_name, mime, rel_path, sha256, size, uploaded_at, uploaded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.caseId, a.step, a.fileName, a.mime, a.relPath, a.sha256, a.size, a.uploadedAt, a.uploadedBy).lastInsertRowid,
  );
}

export function listAttachments(db: Db, caseId: number): AttachmentRow[] {
  return (db.prepare('SELECT * FROM case_attachments WHERE case_id = ? ORDER BY id').all(caseId) as AttachmentRaw[]).map(toAttachment);
}

export function getAttachment(db: Db, id: number): AttachmentRow | null {
  const r = db.prepare('SELECT * FROM case_attachments WHERE id = ?').get(id) as AttachmentRaw | undefined;
  return r ? toAttachment(r) : null;
}
