// Migration 2: the dated policy table, the household facts a determination needs, and saved determinations.
export const migration002 = `
CREATE TABLE policy_versions (
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL UNIQUE,
  effective_from TEXT NOT NULL,
  policy_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX policy_versions_effective ON policy_versions(effective_from, id);

-- A version, once recorded, is referenced by determinations: it never changes (a correction is a new version).
CREATE TRIGGER policy_versions_immutable BEFORE UPDATE ON policy_versions
BEGIN SELECT RAISE(ABORT, '已录入的政策版本不可修改，请新增版本'); END;

ALTER TABLE households ADD COLUMN assets_compliant INTEGER CHECK (assets_compliant IN (0, 1));
ALTER TABLE households ADD COLUMN assets_note TEXT;
ALTER TABLE households ADD COLUMN other_monthly_income REAL NOT NULL DEFAULT 0 CHECK (other_monthly_income >= 0);
ALTER TABLE households ADD COLUMN single_cover_person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL;
ALTER TABLE households ADD COLUMN medical_self_paid REAL CHECK (medical_self_paid >= 0);
ALTER TABLE households ADD COLUMN medical_disposable REAL CHECK (medical_disposable >= 0);
ALTER TABLE households ADD COLUMN medical_patient_person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL;

CREATE TABLE determinations (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  evaluation_date TEXT NOT NULL,
  policy_version TEXT NOT NULL REFERENCES policy_versions(version),
  category TEXT NOT NULL,
  monthly_total REAL NOT NULL,
  snapshot_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX determinations_household ON determinations(household_id, id);

CREATE TRIGGER determinations_immutable BEFORE UPDATE ON determinations
BEGIN SELECT RAISE(ABORT, '已保存的测算结果不可修改'); END;
`;
