// Migration 9: dynamic management after the campaign (低保动态管理): the 'change' case kind, the standing yearly
// campaign that holds change cases, the roster lines (derived from the frozen decisions), policy adjustments and
// gradual exits.
//
// `cases` is rebuilt to widen its kind CHECK and to let a household have several change cases in the standing
// campaign (one per campaign still holds for the other kinds). SQLite cannot alter a CHECK, and PRAGMA
// foreign_keys cannot be switched off inside the migration's transaction, so the foreign keys of the 14 child
// tables are deferred: the DROP counts their rows as violations and re-inserting the same ids clears them before
// the commit (a lost row would fail the commit).
export const migration009 = `
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE cases_before_009 AS SELECT * FROM cases;
DROP TABLE cases;
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  kind TEXT NOT NULL CHECK (kind IN ('new-application','recipient-review','change')),
  state TEXT NOT NULL,
  screening_result TEXT,
  screening_note TEXT,
  committee_agrees INTEGER,
  committee_reason TEXT,
  determination_id INTEGER REFERENCES determinations(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO cases (id, campaign_id, household_id, village_id, kind, state, screening_result, screening_note, committee_agrees,
  committee_reason, determination_id, created_at, updated_at)
  SELECT id, campaign_id, household_id, village_id, kind, state, screening_result, screening_note, committee_agrees,
  committee_reason, determination_id, created_at, updated_at FROM cases_before_009;
DROP TABLE cases_before_009;
CREATE UNIQUE INDEX cases_campaign_household ON cases(campaign_id, household_id) WHERE kind <> 'change';
CREATE INDEX cases_campaign_village ON cases(campaign_id, village_id, state);
CREATE INDEX cases_household ON cases(household_id);

CREATE INDEX households_status ON households(status, village_id, id);

-- The standing campaign of a year (「YYYY年低保动态管理」) that change cases belong to.
CREATE TABLE standing_campaigns (
  year INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL UNIQUE REFERENCES campaigns(id)
) STRICT;

-- Why a change case was opened, and the roster amount at that time (增发/减发 are shown against it).
CREATE TABLE change_cases (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  reason TEXT NOT NULL,
  roster_total REAL NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL
) STRICT;
CREATE INDEX change_cases_household ON change_cases(household_id, case_id);

-- A new policy version applied to a recipient: the determination saved under it, old and new lines, the month it
-- takes effect. Immutable like the approvals it sits beside.
CREATE TABLE roster_adjustments (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  determination_id INTEGER NOT NULL REFERENCES determinations(id),
  policy_version TEXT NOT NULL,
  old_total REAL NOT NULL,
  new_total REAL NOT NULL,
  old_lines_json TEXT NOT NULL,
  new_lines_json TEXT NOT NULL,
  effective_month TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  applied_by TEXT NOT NULL
) STRICT;
CREATE INDEX roster_adjustments_household ON roster_adjustments(household_id, id);
CREATE TRIGGER roster_adjustments_immutable BEFORE UPDATE ON roster_adjustments
BEGIN SELECT RAISE(ABORT, '花名册调整记录不可修改'); END;
CREATE TRIGGER roster_adjustments_no_delete BEFORE DELETE ON roster_adjustments
BEGIN SELECT RAISE(ABORT, '花名册调整记录不可删除'); END;

-- 渐退期: who granted it, when and why; ended when the stop notice was issued.
CREATE TABLE gradual_exits (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  months INTEGER NOT NULL CHECK (months > 0),
  monthly_total REAL NOT NULL,
  end_month TEXT NOT NULL,
  reason TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  ended_at TEXT,
  ended_by TEXT,
  stop_document_id INTEGER REFERENCES documents(id)
) STRICT;
CREATE INDEX gradual_exits_open ON gradual_exits(ended_at, end_month);
CREATE INDEX gradual_exits_household ON gradual_exits(household_id, id);

-- The roster line of each recipient, derived from its latest decision (approval or policy adjustment) or, for a
-- household carried over from the old roll, its latest saved determination. A cache: rebuilt whenever the
-- source ids it was built from are no longer the latest; never the record of a decision itself.
CREATE TABLE roster_entries (
  household_id INTEGER PRIMARY KEY REFERENCES households(id),
  approval_id INTEGER,
  adjustment_id INTEGER,
  determination_id INTEGER,
  source TEXT NOT NULL CHECK (source IN ('approval','adjustment','determination')),
  category TEXT NOT NULL,
  classes TEXT NOT NULL,
  monthly_total REAL NOT NULL,
  payment_start TEXT,
  last_review TEXT NOT NULL,
  next_due TEXT NOT NULL,
  lines_json TEXT NOT NULL
) STRICT;
CREATE INDEX roster_entries_due ON roster_entries(next_due);
`;
