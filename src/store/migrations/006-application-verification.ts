// Migration 6: the application (申请), economic verification (核对) and home visit (入户调查) steps of a case
// (plan 三(二) 第二步 to 第四步): materials received, supporters, signatures, the 近亲属 declaration, verification
// findings and their import batches, the home-visit record and scanned attachments. Everything records who and when.
export const migration006 = `
CREATE TABLE case_applications (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  secretary_name TEXT,
  secretary_date TEXT,
  cadre_name TEXT,
  cadre_date TEXT,
  is_staff_relative INTEGER NOT NULL DEFAULT 0 CHECK (is_staff_relative IN (0, 1)),
  staff_relative_of TEXT,
  staff_relation TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE case_materials (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  item_key TEXT NOT NULL,
  item_label TEXT NOT NULL,
  received INTEGER NOT NULL CHECK (received IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (case_id, item_key)
) STRICT;

CREATE TABLE case_supporters (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT,
  monthly_income REAL NOT NULL CHECK (monthly_income >= 0),
  support_provided TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_supporters_case ON case_supporters(case_id);

CREATE TABLE verification_batches (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  households INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (campaign_id, file_hash)
) STRICT;

CREATE TABLE case_verifications (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  source TEXT NOT NULL CHECK (source IN ('import', 'manual')),
  batch_id INTEGER REFERENCES verification_batches(id),
  file_hash TEXT,
  incomes_json TEXT NOT NULL,
  assets_json TEXT NOT NULL,
  compliant INTEGER NOT NULL CHECK (compliant IN (0, 1)),
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_verifications_case ON case_verifications(case_id, id);
CREATE TRIGGER case_verifications_no_update BEFORE UPDATE ON case_verifications
BEGIN SELECT RAISE(ABORT, '核对结果记录不可修改，请重新录入'); END;

CREATE TABLE case_home_visits (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  data_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE case_attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  step TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
  rel_path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_attachments_case ON case_attachments(case_id, id);
`;
