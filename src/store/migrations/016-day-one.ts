import type Database from 'better-sqlite3';

// Migration 16 (issue 14, day one in a real office).
//
// 存量数据导入: one row per imported roll file: the same file (by its sheet's SHA-256)
// imported again changes nothing. Each imported household's decision is an ordinary frozen approval (its case
// and the import's 「存量数据导入」 meeting), so the roster, payments and reviews need nothing new.
const ROLL_IMPORTS = `
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

// Given-name search (「文斌」 finds 张文斌): the name reversed, so that "ends with" is a prefix range on an index,
// as the ID number's last digits are (id_reversed). Filled here for the persons already registered.
const NAME_REVERSED = `
ALTER TABLE persons ADD COLUMN name_reversed TEXT NOT NULL DEFAULT '';
`;

export function migration016(db: Database.Database): void {
  db.exec(ROLL_IMPORTS);
  db.exec(NAME_REVERSED);
  const update = db.prepare('UPDATE persons SET name_reversed = ? WHERE id = ?');
  for (const p of db.prepare('SELECT id, name FROM persons').all() as { id: number; name: string }[]) update.run([...p.name].reverse().join(''), p.id);
  db.exec('CREATE INDEX persons_name_reversed ON persons(name_reversed, id);');
}
