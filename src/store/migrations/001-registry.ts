// Migration 1: office settings, villages, households, persons, audit log. Immutable once shipped.
export const migration001 = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE villages (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('village','community')),
  groups_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  group_name TEXT,
  address TEXT NOT NULL,
  phone TEXT,
  head_person_id INTEGER,
  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered','applicant','recipient','stopped')),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX households_village ON households(village_id, id);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  name TEXT NOT NULL,
  id_number TEXT NOT NULL UNIQUE,
  id_reversed TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  name_pinyin TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('male','female')),
  birth_date TEXT NOT NULL,
  relation TEXT NOT NULL,
  monthly_income REAL NOT NULL DEFAULT 0 CHECK (monthly_income >= 0),
  disability_type TEXT,
  disability_level INTEGER CHECK (disability_level BETWEEN 1 AND 4),
  serious_illness INTEGER NOT NULL DEFAULT 0,
  severe_disability_no_self_care INTEGER NOT NULL DEFAULT 0,
  mental_hospitalized INTEGER NOT NULL DEFAULT 0,
  labor_capacity TEXT NOT NULL DEFAULT 'full' CHECK (labor_capacity IN ('full','partial','none')),
  three_no INTEGER NOT NULL DEFAULT 0,
  hiv INTEGER NOT NULL DEFAULT 0,
  college_student INTEGER NOT NULL DEFAULT 0,
  priority_care INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX persons_household ON persons(household_id, position, id);
CREATE INDEX persons_name ON persons(name, id);
CREATE INDEX persons_id_reversed ON persons(id_reversed);
CREATE INDEX persons_initials ON persons(name_initials, id);
CREATE INDEX persons_pinyin ON persons(name_pinyin, id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  command TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id INTEGER,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id, id);

-- The audit log is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志不可删除'); END;
`;
