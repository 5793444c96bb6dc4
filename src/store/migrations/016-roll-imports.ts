// Migration 16: 存量数据导入 (issue 14). One row per imported roll file: the same file (by its sheet's SHA-256)
// imported again changes nothing. Each imported household's decision is an ordinary frozen approval (its case
// and the import's 「存量数据导入」 meeting), so the roster, payments and reviews need nothing new.
export const migration016 = `
CREATE TABLE roll_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  meeting_id INTEGER NOT NULL REFERENCES decision_meetings(id),
  row_count INTEGER NOT NULL,
  households INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  villages_created INTEGER NOT NULL,
  monthly_total REAL NOT NULL,
  mapping_json TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER roll_imports_immutable BEFORE UPDATE ON roll_imports
BEGIN SELECT RAISE(ABORT, '存量导入记录不可修改'); END;
CREATE TRIGGER roll_imports_no_delete BEFORE DELETE ON roll_imports
BEGIN SELECT RAISE(ABORT, '存量导入记录不可删除'); END;
`;
