// Migration 11: 低保金发放 — the bank account of each household, monthly payment batches frozen at generation,
// the bank's return files.
export const migration011 = `
-- One account per household, into which the whole household's 低保金 is paid. The holder is a member; the name is
-- kept too, so that a removed member leaves a readable (and then invalid) account rather than a blank.
CREATE TABLE bank_accounts (
  household_id INTEGER PRIMARY KEY REFERENCES households(id) ON DELETE CASCADE,
  holder_person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
  holder_name TEXT NOT NULL,
  bank_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('card','passbook')),
  account_number TEXT NOT NULL CHECK (account_number GLOB '[0-9]*' AND length(account_number) BETWEEN 12 AND 25),
  previous_account_number TEXT,
  previous_bank_name TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

-- A month's payment (for the township or one village), frozen when generated. Cancelled, never deleted.
CREATE TABLE payment_batches (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  village_id INTEGER REFERENCES villages(id),
  status TEXT NOT NULL CHECK (status IN ('active','cancelled')),
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  cancelled_at TEXT,
  cancelled_by TEXT,
  cancel_reason TEXT
) STRICT;
CREATE INDEX payment_batches_month ON payment_batches(month, status);

-- One household of a batch: the members, amounts and account as they were at generation. status: 'pending' (in
-- the bank file, no result yet), 'paid', 'failed' (the bank returned it), 'excluded' (kept out of the bank file,
-- see problem). A retry round sends failed or excluded rows again to the account then on file.
CREATE TABLE payment_rows (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES payment_batches(id),
  seq INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES households(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  village_name TEXT NOT NULL,
  group_name TEXT,
  head_name TEXT NOT NULL,
  head_id_number TEXT NOT NULL,
  members_json TEXT NOT NULL,
  classes TEXT NOT NULL,
  amount REAL NOT NULL,
  note TEXT,
  holder_name TEXT,
  holder_relation TEXT,
  bank_name TEXT,
  account_kind TEXT,
  account_number TEXT,
  problem TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending','paid','failed','excluded')),
  fail_reason TEXT,
  result_at TEXT,
  result_by TEXT,
  retry_round INTEGER NOT NULL DEFAULT 0,
  retry_holder_name TEXT,
  retry_bank_name TEXT,
  retry_account_number TEXT,
  retried_at TEXT,
  retried_by TEXT,
  UNIQUE (batch_id, household_id)
) STRICT;
CREATE INDEX payment_rows_household ON payment_rows(household_id, batch_id);
CREATE TRIGGER payment_rows_frozen BEFORE UPDATE OF batch_id, seq, household_id, village_id, village_name, group_name, head_name,
  head_id_number, members_json, classes, amount, holder_name, holder_relation, bank_name, account_kind, account_number, problem ON payment_rows
BEGIN SELECT RAISE(ABORT, '发放批次生成后不可修改'); END;
CREATE TRIGGER payment_rows_no_delete BEFORE DELETE ON payment_rows
BEGIN SELECT RAISE(ABORT, '发放记录不可删除'); END;

-- Each bank return file imported into a batch (by its SHA-256: the same file twice changes nothing).
CREATE TABLE payment_returns (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES payment_batches(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (batch_id, sha256)
) STRICT;
`;
