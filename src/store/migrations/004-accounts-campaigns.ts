// Migration 4: local accounts, campaigns (专项治理 rounds), cases and the case event trail (责任可追溯).
export const migration004 = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cadre','clerk','leader','admin')),
  village_id INTEGER REFERENCES villages(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (role <> 'cadre' OR village_id IS NOT NULL)
) STRICT;

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  phases_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE campaign_villages (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  PRIMARY KEY (campaign_id, village_id)
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  kind TEXT NOT NULL CHECK (kind IN ('new-application','recipient-review')),
  state TEXT NOT NULL,
  screening_result TEXT,
  screening_note TEXT,
  committee_agrees INTEGER,
  committee_reason TEXT,
  determination_id INTEGER REFERENCES determinations(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (campaign_id, household_id)
) STRICT;
CREATE INDEX cases_campaign_village ON cases(campaign_id, village_id, state);
CREATE INDEX cases_household ON cases(household_id);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT,
  data_json TEXT
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, '案件办理记录不可修改'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, '案件办理记录不可删除'); END;
`;
