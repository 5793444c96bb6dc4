// Migration 5: 摸排 department lists (扶贫, 医保, 残联). Each import is a batch; the flags of its rows are kept per
// batch and keyed by ID number, so a person registered later is matched then, and a removed person leaves the
// list's history intact. A batch is a record of what a department said: never changed.
export const migration005 = `
CREATE TABLE screening_batches (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('poverty','medical','disability')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  flagged_count INTEGER NOT NULL,
  skipped_count INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  matched_count INTEGER NOT NULL,
  new_households INTEGER NOT NULL,
  updated_persons INTEGER NOT NULL,
  mapping_json TEXT NOT NULL,
  diff_json TEXT NOT NULL,
  UNIQUE (source, sha256)
) STRICT;
CREATE INDEX screening_batches_source ON screening_batches(source, id);

CREATE TABLE screening_flags (
  batch_id INTEGER NOT NULL REFERENCES screening_batches(id),
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  village_text TEXT,
  flag TEXT NOT NULL,
  detail TEXT,
  since TEXT,
  row_number INTEGER NOT NULL,
  PRIMARY KEY (batch_id, id_number)
) STRICT;
CREATE INDEX screening_flags_id_number ON screening_flags(id_number, batch_id);

CREATE TRIGGER screening_batches_immutable BEFORE UPDATE ON screening_batches
BEGIN SELECT RAISE(ABORT, '已导入的名单批次不可修改'); END;
CREATE TRIGGER screening_batches_undeletable BEFORE DELETE ON screening_batches
BEGIN SELECT RAISE(ABORT, '已导入的名单批次不可删除'); END;
CREATE TRIGGER screening_flags_immutable BEFORE UPDATE ON screening_flags
BEGIN SELECT RAISE(ABORT, '已导入的名单不可修改'); END;
CREATE TRIGGER screening_flags_undeletable BEFORE DELETE ON screening_flags
BEGIN SELECT RAISE(ABORT, '已导入的名单不可删除'); END;
`;
