import type Database from 'better-sqlite3';

// Migration 17 (issue 15, the county view).
//
// office_mode: which office this database is, chosen once at first start (乡镇民政所 or 县民政局). An office that
// already has accounts or villages is a township's: it was made before the choice existed.
//
// The county's own tables hold what it received and never anything it typed: a township (by the name its packages
// carry), the key fingerprints pinned to it (append-only: a re-pin is a new row by an administrator, audited), every
// package received (kept even when a newer one of the same township and scope supersedes it) and the rows read
// from each package's county.json. Received data is read-only: triggers refuse any UPDATE or DELETE.
const OFFICE_MODE = `
CREATE TABLE office_mode (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  mode TEXT NOT NULL CHECK (mode IN ('township','county')),
  county_name TEXT,
  chosen_at TEXT NOT NULL,
  chosen_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER office_mode_immutable BEFORE UPDATE ON office_mode
BEGIN SELECT RAISE(ABORT, '单位类型选定后不能更改'); END;
CREATE TRIGGER office_mode_no_delete BEFORE DELETE ON office_mode
BEGIN SELECT RAISE(ABORT, '单位类型选定后不能更改'); END;
INSERT INTO office_mode (id, mode, county_name, chosen_at, chosen_by)
  SELECT 1, 'township', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '升级（已有乡镇数据）'
  WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM villages);
`;

const COUNTY = `
CREATE TABLE county_townships (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  first_received_at TEXT NOT NULL
) STRICT;

CREATE TABLE county_key_pins (
  id INTEGER PRIMARY KEY,
  township_id INTEGER NOT NULL REFERENCES county_townships(id),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  pinned_at TEXT NOT NULL,
  pinned_by TEXT NOT NULL,
  how TEXT NOT NULL CHECK (how IN ('first','repin')),
  reason TEXT
) STRICT;
CREATE INDEX county_key_pins_township ON county_key_pins(township_id, id);

CREATE TABLE county_packages (
  id INTEGER PRIMARY KEY,
  township_id INTEGER NOT NULL REFERENCES county_townships(id),
  name TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  campaign_name TEXT NOT NULL,
  round_year INTEGER NOT NULL,
  villages_json TEXT NOT NULL,
  date_from TEXT,
  date_to TEXT,
  counts_json TEXT NOT NULL,
  source_path TEXT NOT NULL,
  manifest_json TEXT NOT NULL,
  signature_json TEXT NOT NULL,
  data_sha256 TEXT NOT NULL
) STRICT;
CREATE INDEX county_packages_scope ON county_packages(township_id, scope_key, created_at);

CREATE TABLE county_households (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES county_packages(id),
  household_ref INTEGER NOT NULL,
  village TEXT NOT NULL,
  head_name TEXT NOT NULL,
  category TEXT NOT NULL,
  classes TEXT NOT NULL,
  monthly_total REAL NOT NULL,
  size INTEGER NOT NULL
) STRICT;
CREATE INDEX county_households_package ON county_households(package_id);

CREATE TABLE county_persons (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES county_packages(id),
  household_id INTEGER NOT NULL REFERENCES county_households(id),
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  class TEXT NOT NULL,
  amount REAL NOT NULL
) STRICT;
CREATE INDEX county_persons_id_number ON county_persons(id_number, package_id);
CREATE INDEX county_persons_package ON county_persons(package_id);
CREATE INDEX county_persons_household ON county_persons(household_id);

-- This round's decisions: one row per person of an approval or exit, and per household head of a refusal.
CREATE TABLE county_outcomes (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES county_packages(id),
  kind TEXT NOT NULL CHECK (kind IN ('approve','deny','exit')),
  case_ref INTEGER NOT NULL,
  village TEXT NOT NULL,
  head_name TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  decided_on TEXT,
  monthly_total REAL NOT NULL
) STRICT;
CREATE INDEX county_outcomes_package ON county_outcomes(package_id, kind);
CREATE INDEX county_outcomes_id_number ON county_outcomes(id_number);

CREATE TABLE county_cases (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES county_packages(id),
  case_ref INTEGER NOT NULL,
  village TEXT NOT NULL,
  head_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  staff_relative INTEGER NOT NULL CHECK (staff_relative IN (0,1)),
  staff_relative_of TEXT,
  full_visit INTEGER CHECK (full_visit IN (0,1)),
  started_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  concluded_on TEXT,
  overdue INTEGER NOT NULL CHECK (overdue IN (0,1))
) STRICT;
CREATE INDEX county_cases_package ON county_cases(package_id);
`;

const READ_ONLY = ['county_townships', 'county_key_pins', 'county_packages', 'county_households', 'county_persons', 'county_outcomes', 'county_cases']
  .map(
    (t) => `CREATE TRIGGER ${t}_read_only BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '县级接收的数据只读，不能修改'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '县级接收的数据只读，不能删除'); END;`,
  )
  .join('\n');

export function migration017(db: Database.Database): void {
  db.exec(OFFICE_MODE);
  db.exec(COUNTY);
  db.exec(READ_ONLY);
}
