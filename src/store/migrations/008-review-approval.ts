// Migration 8: review meetings (审核会议) and township approval meetings (审批会议), and the frozen decisions.
export const migration008 = `
CREATE TABLE decision_meetings (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  kind TEXT NOT NULL CHECK (kind IN ('review','approval')),
  village_id INTEGER REFERENCES villages(id),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL,
  members_json TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (kind = 'approval' OR village_id IS NOT NULL)
) STRICT;
CREATE INDEX decision_meetings_campaign ON decision_meetings(campaign_id, kind, id);

-- 审核会议: the amount decided per covered member; the engine's proposal beside it; an override needs a reason.
CREATE TABLE review_decisions (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  meeting_id INTEGER NOT NULL REFERENCES decision_meetings(id),
  determination_id INTEGER NOT NULL REFERENCES determinations(id),
  lines_json TEXT NOT NULL,
  proposed_total REAL NOT NULL,
  decided_total REAL NOT NULL,
  override_reason TEXT,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL
) STRICT;

-- 审批: the frozen decision snapshot (facts, policy version, rule trace, classes, amounts, payment start).
CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  meeting_id INTEGER NOT NULL REFERENCES decision_meetings(id),
  decision TEXT NOT NULL CHECK (decision IN ('approve','deny')),
  reason TEXT,
  monthly_total REAL NOT NULL,
  payment_start TEXT,
  snapshot_json TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL
) STRICT;
CREATE INDEX approvals_household ON approvals(household_id, id);
CREATE TRIGGER approvals_immutable BEFORE UPDATE ON approvals
BEGIN SELECT RAISE(ABORT, '审批决定已冻结，不可修改'); END;
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
BEGIN SELECT RAISE(ABORT, '审批决定不可删除'); END;
`;
