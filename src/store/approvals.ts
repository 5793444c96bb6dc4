import { cachedStatement, type Db } from './db';

export type MeetingMember = { name: string; title: string };

export type MeetingRow = {
  id: number;
  campaignId: number;
  kind: 'review' | 'approval';
  villageId: number | null;
  heldOn: string;
  place: string;
  members: MeetingMember[];
  note: string | null;
  createdAt: string;
  createdBy: string;
};

type MeetingRaw = {
  id: number;
  campaign_id: number;
  kind: 'review' | 'approval';
  village_id: number | null;
  held_on: string;
  place: string;
  members_json: string;
  note: string | null;
  created_at: string;
  created_by: string;
};

const toMeeting = (r: MeetingRaw): MeetingRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  kind: r.kind,
  villageId: r.village_id,
  heldOn: r.held_on,
  place: r.place,
  members: JSON.parse(r.members_json) as MeetingMember[],
  note: r.note,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function insertMeeting(db: Db, m: Omit<MeetingRow, 'id'>): number {
  return Number(
    db
      .prepare(
        'INSERT INTO decision_meetings (campaign_id, kind, village_id, held_on, place, members_json, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(m.campaignId, m.kind, m.villageId, m.heldOn, m.place, JSON.stringify(m.members), m.note, m.createdAt, m.createdBy).lastInsertRowid,
  );
}

export function getMeeting(db: Db, id: number): MeetingRow | null {
  const r = db.prepare('SELECT * FROM decision_meetings WHERE id = ?').get(id) as MeetingRaw | undefined;
  return r ? toMeeting(r) : null;
}

/** A village filter keeps that village's review meetings and the township's approval meetings. */
export function listMeetings(db: Db, campaignId: number, kind: 'review' | 'approval' | null, villageId: number | null = null): MeetingRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM decision_meetings WHERE campaign_id = ? AND (? IS NULL OR kind = ?)
         AND (? IS NULL OR village_id IS NULL OR village_id = ?) ORDER BY id DESC`,
    )
    .all(campaignId, kind, kind, villageId, villageId);
  return (rows as MeetingRaw[]).map(toMeeting);
}

export type DecisionLine = { personId: number; name: string; class: string; proposed: number; decided: number };

export type ReviewDecisionRow = {
  caseId: number;
  meetingId: number;
  determinationId: number;
  lines: DecisionLine[];
  proposedTotal: number;
  decidedTotal: number;
  overrideReason: string | null;
  decidedAt: string;
  decidedBy: string;
};

export function upsertReviewDecision(db: Db, d: ReviewDecisionRow): void {
  db.prepare(
    `INSERT INTO review_decisions (case_id, meeting_id, determination_id, lines_json, proposed_total, decided_total, override_reason, decided_at, decided_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(case_id) DO UPDATE SET meeting_id = excluded.meeting_id, determination_id = excluded.determination_id,
       lines_json = excluded.lines_json, proposed_total = excluded.proposed_total, decided_total = excluded.decided_total,
       override_reason = excluded.override_reason, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
  ).run(d.caseId, d.meetingId, d.determinationId, JSON.stringify(d.lines), d.proposedTotal, d.decidedTotal, d.overrideReason, d.decidedAt, d.decidedBy);
}

type ReviewRaw = {
  case_id: number;
  meeting_id: number;
  determination_id: number;
  lines_json: string;
  proposed_total: number;
  decided_total: number;
  override_reason: string | null;
  decided_at: string;
  decided_by: string;
};

export function getReviewDecision(db: Db, caseId: number): ReviewDecisionRow | null {
  const r = db.prepare('SELECT * FROM review_decisions WHERE case_id = ?').get(caseId) as ReviewRaw | undefined;
  return r ? toReview(r) : null;
}

/** The 审核 decisions of a campaign's cases, keyed by case (one query; at most one per case). */
export function reviewDecisionsOfCampaign(db: Db, campaignId: number): Map<number, ReviewDecisionRow> {
  const rows = db.prepare('SELECT r.* FROM review_decisions r JOIN cases c ON c.id = r.case_id WHERE c.campaign_id = ?').all(campaignId) as ReviewRaw[];
  return new Map(rows.map((r) => [r.case_id, toReview(r)]));
}

function toReview(r: ReviewRaw): ReviewDecisionRow {
  return {
    caseId: r.case_id,
    meetingId: r.meeting_id,
    determinationId: r.determination_id,
    lines: JSON.parse(r.lines_json) as DecisionLine[],
    proposedTotal: r.proposed_total,
    decidedTotal: r.decided_total,
    overrideReason: r.override_reason,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

export type ApprovalRow = {
  id: number;
  caseId: number;
  householdId: number;
  meetingId: number;
  decision: 'approve' | 'deny';
  reason: string | null;
  monthlyTotal: number;
  paymentStart: string | null;
  snapshot: unknown;
  decidedAt: string;
  decidedBy: string;
};

type ApprovalRaw = {
  id: number;
  case_id: number;
  household_id: number;
  meeting_id: number;
  decision: 'approve' | 'deny';
  reason: string | null;
  monthly_total: number;
  payment_start: string | null;
  snapshot_json: string;
  decided_at: string;
  decided_by: string;
};

const toApproval = (r: ApprovalRaw): ApprovalRow => ({
  id: r.id,
  caseId: r.case_id,
  householdId: r.household_id,
  meetingId: r.meeting_id,
  decision: r.decision,
  reason: r.reason,
  monthlyTotal: r.monthly_total,
  paymentStart: r.payment_start,
  snapshot: JSON.parse(r.snapshot_json),
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

export function insertApproval(db: Db, a: Omit<ApprovalRow, 'id'>): number {
  return Number(
    cachedStatement(db, 
        `INSERT INTO approvals (case_id, household_id, meeting_id, decision, reason, monthly_total, payment_start, snapshot_json, decided_at, decided_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.caseId, a.householdId, a.meetingId, a.decision, a.reason, a.monthlyTotal, a.paymentStart, JSON.stringify(a.snapshot), a.decidedAt, a.decidedBy)
      .lastInsertRowid,
  );
}

export function getApprovalOfCase(db: Db, caseId: number): ApprovalRow | null {
  const r = db.prepare('SELECT * FROM approvals WHERE case_id = ?').get(caseId) as ApprovalRaw | undefined;
  return r ? toApproval(r) : null;
}

/** The 审批 decisions of a campaign's cases, keyed by case (one query; at most one per case). */
export function approvalsOfCampaign(db: Db, campaignId: number): Map<number, ApprovalRow> {
  const rows = db.prepare('SELECT a.* FROM approvals a JOIN cases c ON c.id = a.case_id WHERE c.campaign_id = ?').all(campaignId) as ApprovalRaw[];
  return new Map(rows.map((r) => [r.case_id, toApproval(r)]));
}

/** The latest approving decision of a household: the figures on the roll. */
export function latestApproval(db: Db, householdId: number): ApprovalRow | null {
  const r = db
    .prepare("SELECT * FROM approvals WHERE household_id = ? AND decision = 'approve' ORDER BY id DESC LIMIT 1")
    .get(householdId) as ApprovalRaw | undefined;
  return r ? toApproval(r) : null;
}

export function listApprovals(db: Db, campaignId: number): ApprovalRow[] {
  return (
    db.prepare('SELECT a.* FROM approvals a JOIN cases c ON c.id = a.case_id WHERE c.campaign_id = ? ORDER BY a.id').all(campaignId) as ApprovalRaw[]
  ).map(toApproval);
}

/** Case ids whose 审核 was decided at this meeting, in decision order (the 审核会议记录's list). */
export function caseIdsReviewedAt(db: Db, meetingId: number): number[] {
  return (db.prepare('SELECT case_id FROM review_decisions WHERE meeting_id = ? ORDER BY decided_at, case_id').all(meetingId) as { case_id: number }[]).map((r) => r.case_id);
}

/** Case ids the 镇评审小组 decided at this meeting (approved or refused), in decision order. */
export function caseIdsDecidedAt(db: Db, meetingId: number): number[] {
  return (db.prepare('SELECT case_id FROM approvals WHERE meeting_id = ? ORDER BY decided_at, id').all(meetingId) as { case_id: number }[]).map((r) => r.case_id);
}

/** The decisions of one approval meeting for the cases of one village, with each case's kind. */
export function approvalsOfMeeting(db: Db, meetingId: number, villageId: number): (ApprovalRow & { caseKind: string })[] {
  const rows = db
    .prepare('SELECT a.*, c.kind AS case_kind FROM approvals a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = ? AND c.village_id = ? ORDER BY a.id')
    .all(meetingId, villageId) as (ApprovalRaw & { case_kind: string })[];
  return rows.map((r) => ({ ...toApproval(r), caseKind: r.case_kind }));
}

/** Approval meetings that decided a case of this village, the latest (by the day held) first. */
export function approvalMeetingsOfVillage(db: Db, villageId: number): MeetingRow[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT m.* FROM decision_meetings m JOIN approvals a ON a.meeting_id = m.id JOIN cases c ON c.id = a.case_id
       WHERE m.kind = 'approval' AND c.village_id = ? ORDER BY m.held_on DESC, m.id DESC`,
    )
    .all(villageId) as MeetingRaw[];
  return rows.map(toMeeting);
}
