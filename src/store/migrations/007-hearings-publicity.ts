// Migration 7: 听证审核 (plan 三(三)): the village-group evaluation hearing (评议听证) with its attendees, votes and
// telephone consultations of absent households; the 公示 batches with their window; objections and the 残联
// re-assessment requests they cause; and the office's own calendar overrides (holidays and make-up working days
// of a year the packaged calendar does not know yet).
export const migration007 = `
CREATE TABLE calendar_overrides (
  date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

-- A hearing row exists before its record is issued; document_id is set in the same transaction that moves its
-- cases, and a row whose issue failed is removed again, so only rows with a document count as held.
CREATE TABLE hearings (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  group_name TEXT,
  meeting_date TEXT NOT NULL,
  meeting_time TEXT,
  place TEXT NOT NULL,
  host TEXT NOT NULL,
  recorder TEXT NOT NULL,
  township_cadre TEXT NOT NULL,
  investigators_json TEXT NOT NULL,
  pass_percent INTEGER NOT NULL CHECK (pass_percent BETWEEN 1 AND 99),
  proceedings TEXT,
  document_id INTEGER REFERENCES documents(id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX hearings_campaign_village ON hearings(campaign_id, village_id, id);

-- 每户一名代表参会 (plan 三(三)).
CREATE TABLE hearing_attendees (
  hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  household TEXT NOT NULL,
  PRIMARY KEY (hearing_id, seq),
  UNIQUE (hearing_id, household)
) STRICT;

CREATE TABLE hearing_cases (
  hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  opinions TEXT,
  agree INTEGER NOT NULL CHECK (agree >= 0),
  disagree INTEGER NOT NULL CHECK (disagree >= 0),
  abstain INTEGER NOT NULL CHECK (abstain >= 0),
  phone_agree INTEGER NOT NULL CHECK (phone_agree >= 0),
  phone_disagree INTEGER NOT NULL CHECK (phone_disagree >= 0),
  phone_abstain INTEGER NOT NULL CHECK (phone_abstain >= 0),
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  PRIMARY KEY (hearing_id, case_id)
) STRICT;
CREATE INDEX hearing_cases_case ON hearing_cases(case_id);

-- 外出户由分片村干部电话征求意见并记录备案 (plan 三(三)): one row per absent household and case.
CREATE TABLE hearing_calls (
  id INTEGER PRIMARY KEY,
  hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  caller TEXT NOT NULL,
  called_at TEXT NOT NULL,
  household TEXT NOT NULL,
  person TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('agree', 'disagree', 'abstain')),
  opinion TEXT,
  UNIQUE (hearing_id, case_id, household)
) STRICT;

CREATE TABLE publicity_batches (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  posting_date TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
  unit TEXT NOT NULL CHECK (unit IN ('natural', 'working')),
  window_end TEXT NOT NULL,
  document_id INTEGER REFERENCES documents(id),
  posted_at TEXT NOT NULL,
  posted_by TEXT NOT NULL,
  cleared_at TEXT,
  cleared_by TEXT
) STRICT;
CREATE INDEX publicity_batches_campaign_village ON publicity_batches(campaign_id, village_id, id);

CREATE TABLE publicity_cases (
  batch_id INTEGER NOT NULL REFERENCES publicity_batches(id) ON DELETE CASCADE,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  PRIMARY KEY (batch_id, case_id)
) STRICT;
CREATE INDEX publicity_cases_case ON publicity_cases(case_id);

-- The objector's name and contact are kept for the file and never printed (spec §9).
CREATE TABLE publicity_objections (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES publicity_batches(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  raised_by TEXT NOT NULL,
  contact TEXT,
  raised_on TEXT NOT NULL,
  content TEXT NOT NULL,
  disputes_disability INTEGER NOT NULL CHECK (disputes_disability IN (0, 1)),
  disputed_person TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  outcome TEXT CHECK (outcome IN ('dismissed', 'upheld')),
  outcome_reason TEXT,
  handled_on TEXT,
  handled_by TEXT,
  handled_at TEXT
) STRICT;
CREATE INDEX publicity_objections_case ON publicity_objections(case_id);

-- 对评议对象残疾等级有异议的，应申请残联重新进行鉴定 (plan 三(三)).
CREATE TABLE disability_reassessments (
  id INTEGER PRIMARY KEY,
  objection_id INTEGER NOT NULL UNIQUE REFERENCES publicity_objections(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_name TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  result TEXT,
  result_on TEXT,
  result_by TEXT,
  created_at TEXT NOT NULL
) STRICT;
`;
