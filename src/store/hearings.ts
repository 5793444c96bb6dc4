// 评议听证, 公示 batches, objections and 残联 re-assessments (migration 7). Only rows whose record or sheet was
// issued (document_id set) are read as held/posted: a row whose document failed is deleted by the service.
import type { DayUnit } from '../domain/calendar';
import type { DisabilityType } from '../contract';
import type { Db } from './db';

export type Vote = 'agree' | 'disagree' | 'abstain';

export type HearingRow = {
  id: number;
  campaignId: number;
  villageId: number;
  groupName: string | null;
  meetingDate: string;
  meetingTime: string | null;
  place: string;
  host: string;
  recorder: string;
  townshipCadre: string;
  investigators: string[];
  passPercent: number;
  proceedings: string | null;
  documentId: number | null;
  recordedAt: string;
  recordedBy: string;
};

export type HearingCaseRow = {
  hearingId: number;
  caseId: number;
  seq: number;
  opinions: string | null;
  agree: number;
  disagree: number;
  abstain: number;
  phoneAgree: number;
  phoneDisagree: number;
  phoneAbstain: number;
  passed: boolean;
};

export type HearingCallRow = { id: number; hearingId: number; caseId: number; caller: string; calledAt: string; household: string; person: string; vote: Vote; opinion: string | null };

type HearingRaw = {
  id: number;
  campaign_id: number;
  village_id: number;
  group_name: string | null;
  meeting_date: string;
  meeting_time: string | null;
  place: string;
  host: string;
  recorder: string;
  township_cadre: string;
  investigators_json: string;
  pass_percent: number;
  proceedings: string | null;
  document_id: number | null;
  recorded_at: string;
  recorded_by: string;
};

const toHearing = (r: HearingRaw): HearingRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  villageId: r.village_id,
  groupName: r.group_name,
  meetingDate: r.meeting_date,
  meetingTime: r.meeting_time,
  place: r.place,
  host: r.host,
  recorder: r.recorder,
  townshipCadre: r.township_cadre,
  investigators: JSON.parse(r.investigators_json) as string[],
  passPercent: r.pass_percent,
  proceedings: r.proceedings,
  documentId: r.document_id,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export function insertHearing(
  db: Db,
  h: Omit<HearingRow, 'id' | 'documentId'>,
  attendees: readonly { name: string; household: string }[],
  cases: readonly Omit<HearingCaseRow, 'hearingId'>[],
  calls: readonly Omit<HearingCallRow, 'id' | 'hearingId'>[],
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO hearings (campaign_id, village_id, group_name, meeting_date, meeting_time, place, host, recorder, township_cadre,
           investigators_json, pass_percent, proceedings, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        h.campaignId,
        h.villageId,
        h.groupName,
        h.meetingDate,
        h.meetingTime,
        h.place,
        h.host,
        h.recorder,
        h.townshipCadre,
        JSON.stringify(h.investigators),
        h.passPercent,
        h.proceedings,
        h.recordedAt,
        h.recordedBy,
      ).lastInsertRowid,
  );
  const att = db.prepare('INSERT INTO hearing_attendees (hearing_id, seq, name, household) VALUES (?, ?, ?, ?)');
  attendees.forEach((a, i) => att.run(id, i + 1, a.name, a.household));
  const hc = db.prepare(
    `INSERT INTO hearing_cases (hearing_id, case_id, seq, opinions, agree, disagree, abstain, phone_agree, phone_disagree, phone_abstain, passed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of cases) hc.run(id, c.caseId, c.seq, c.opinions, c.agree, c.disagree, c.abstain, c.phoneAgree, c.phoneDisagree, c.phoneAbstain, c.passed ? 1 : 0);
  const call = db.prepare('INSERT INTO hearing_calls (hearing_id, case_id, caller, called_at, household, person, vote, opinion) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of calls) call.run(id, c.caseId, c.caller, c.calledAt, c.household, c.person, c.vote, c.opinion);
  return id;
}

export function setHearingDocument(db: Db, id: number, documentId: number): void {
  db.prepare('UPDATE hearings SET document_id = ? WHERE id = ?').run(documentId, id);
}

/** Removes a hearing whose record could not be issued (nothing refers to it yet). */
export function deleteUnissuedHearing(db: Db, id: number): void {
  db.prepare('DELETE FROM hearings WHERE id = ? AND document_id IS NULL').run(id);
}

export function getHearing(db: Db, id: number): HearingRow | null {
  const r = db.prepare('SELECT * FROM hearings WHERE id = ?').get(id) as HearingRaw | undefined;
  return r ? toHearing(r) : null;
}

export function listHearings(db: Db, campaignId: number, villageId: number): HearingRow[] {
  return (
    db.prepare('SELECT * FROM hearings WHERE campaign_id = ? AND village_id = ? AND document_id IS NOT NULL ORDER BY meeting_date DESC, id DESC').all(campaignId, villageId) as HearingRaw[]
  ).map(toHearing);
}

export function hearingAttendees(db: Db, hearingId: number): { name: string; household: string }[] {
  return db.prepare('SELECT name, household FROM hearing_attendees WHERE hearing_id = ? ORDER BY seq').all(hearingId) as { name: string; household: string }[];
}

type HearingCaseRaw = {
  hearing_id: number;
  case_id: number;
  seq: number;
  opinions: string | null;
  agree: number;
  disagree: number;
  abstain: number;
  phone_agree: number;
  phone_disagree: number;
  phone_abstain: number;
  passed: number;
};

const toHearingCase = (r: HearingCaseRaw): HearingCaseRow => ({
  hearingId: r.hearing_id,
  caseId: r.case_id,
  seq: r.seq,
  opinions: r.opinions,
  agree: r.agree,
  disagree: r.disagree,
  abstain: r.abstain,
  phoneAgree: r.phone_agree,
  phoneDisagree: r.phone_disagree,
  phoneAbstain: r.phone_abstain,
  passed: r.passed === 1,
});

export function hearingCases(db: Db, hearingId: number): HearingCaseRow[] {
  return (db.prepare('SELECT * FROM hearing_cases WHERE hearing_id = ? ORDER BY seq').all(hearingId) as HearingCaseRaw[]).map(toHearingCase);
}

/** The held hearings that decided a case, newest first. */
export function hearingsOfCase(db: Db, caseId: number): (HearingCaseRow & { hearing: HearingRow })[] {
  const rows = db
    .prepare(
      `SELECT hc.* FROM hearing_cases hc JOIN hearings h ON h.id = hc.hearing_id
       WHERE hc.case_id = ? AND h.document_id IS NOT NULL ORDER BY h.meeting_date DESC, h.id DESC`,
    )
    .all(caseId) as HearingCaseRaw[];
  return rows.map((r) => ({ ...toHearingCase(r), hearing: getHearing(db, r.hearing_id)! }));
}

type CallRaw = { id: number; hearing_id: number; case_id: number; caller: string; called_at: string; household: string; person: string; vote: Vote; opinion: string | null };

export function hearingCalls(db: Db, hearingId: number): HearingCallRow[] {
  return (db.prepare('SELECT * FROM hearing_calls WHERE hearing_id = ? ORDER BY id').all(hearingId) as CallRaw[]).map((r) => ({
    id: r.id,
    hearingId: r.hearing_id,
    caseId: r.case_id,
    caller: r.caller,
    calledAt: r.called_at,
    household: r.household,
    person: r.person,
    vote: r.vote,
    opinion: r.opinion,
  }));
}

// ---------------------------------------------------------------- 公示 batches

export type BatchRow = {
  id: number;
  campaignId: number;
  villageId: number;
  postingDate: string;
  days: number;
  unit: DayUnit;
  windowEnd: string;
  documentId: number | null;
  postedAt: string;
  postedBy: string;
  clearedAt: string | null;
  clearedBy: string | null;
};

type BatchRaw = {
  id: number;
  campaign_id: number;
  village_id: number;
  posting_date: string;
  days: number;
  unit: DayUnit;
  window_end: string;
  document_id: number | null;
  posted_at: string;
  posted_by: string;
  cleared_at: string | null;
  cleared_by: string | null;
};

const toBatch = (r: BatchRaw): BatchRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  villageId: r.village_id,
  postingDate: r.posting_date,
  days: r.days,
  unit: r.unit,
  windowEnd: r.window_end,
  documentId: r.document_id,
  postedAt: r.posted_at,
  postedBy: r.posted_by,
  clearedAt: r.cleared_at,
  clearedBy: r.cleared_by,
});

export function insertBatch(db: Db, b: Omit<BatchRow, 'id' | 'documentId' | 'clearedAt' | 'clearedBy'>, caseIds: readonly number[]): number {
  const id = Number(
    db
      .prepare('INSERT INTO publicity_batches (campaign_id, village_id, posting_date, days, unit, window_end, posted_at, posted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(b.campaignId, b.villageId, b.postingDate, b.days, b.unit, b.windowEnd, b.postedAt, b.postedBy).lastInsertRowid,
  );
  const ins = db.prepare('INSERT INTO publicity_cases (batch_id, case_id, seq) VALUES (?, ?, ?)');
  caseIds.forEach((c, i) => ins.run(id, c, i + 1));
  return id;
}

export function setBatchDocument(db: Db, id: number, documentId: number): void {
  db.prepare('UPDATE publicity_batches SET document_id = ? WHERE id = ?').run(documentId, id);
}

export function deleteUnissuedBatch(db: Db, id: number): void {
  db.prepare('DELETE FROM publicity_batches WHERE id = ? AND document_id IS NULL').run(id);
}

export function markBatchCleared(db: Db, id: number, at: string, by: string): void {
  db.prepare('UPDATE publicity_batches SET cleared_at = ?, cleared_by = ? WHERE id = ?').run(at, by, id);
}

export function getBatch(db: Db, id: number): BatchRow | null {
  const r = db.prepare('SELECT * FROM publicity_batches WHERE id = ?').get(id) as BatchRaw | undefined;
  return r ? toBatch(r) : null;
}

export function listBatches(db: Db, campaignId: number, villageId: number): BatchRow[] {
  return (
    db.prepare('SELECT * FROM publicity_batches WHERE campaign_id = ? AND village_id = ? AND document_id IS NOT NULL ORDER BY posting_date DESC, id DESC').all(campaignId, villageId) as BatchRaw[]
  ).map(toBatch);
}

export function batchCaseIds(db: Db, batchId: number): number[] {
  return (db.prepare('SELECT case_id AS c FROM publicity_cases WHERE batch_id = ? ORDER BY seq').all(batchId) as { c: number }[]).map((r) => r.c);
}

/** The latest posted batch a case was on. */
export function latestBatchOfCase(db: Db, caseId: number): BatchRow | null {
  const r = db
    .prepare(
      `SELECT b.* FROM publicity_batches b JOIN publicity_cases pc ON pc.batch_id = b.id
       WHERE pc.case_id = ? AND b.document_id IS NOT NULL ORDER BY b.id DESC LIMIT 1`,
    )
    .get(caseId) as BatchRaw | undefined;
  return r ? toBatch(r) : null;
}

// ---------------------------------------------------------------- objections

export type ObjectionRow = {
  id: number;
  batchId: number;
  caseId: number;
  raisedBy: string;
  contact: string | null;
  raisedOn: string;
  content: string;
  disputesDisability: boolean;
  disputedPerson: string | null;
  disputedPersonId: number | null;
  recordedAt: string;
  recordedBy: string;
  outcome: 'dismissed' | 'upheld' | null;
  outcomeReason: string | null;
  handledOn: string | null;
  handledBy: string | null;
  handledAt: string | null;
};

type ObjectionRaw = {
  id: number;
  batch_id: number;
  case_id: number;
  raised_by: string;
  contact: string | null;
  raised_on: string;
  content: string;
  disputes_disability: number;
  disputed_person: string | null;
  disputed_person_id: number | null;
  recorded_at: string;
  recorded_by: string;
  outcome: 'dismissed' | 'upheld' | null;
  outcome_reason: string | null;
  handled_on: string | null;
  handled_by: string | null;
  handled_at: string | null;
};

const toObjection = (r: ObjectionRaw): ObjectionRow => ({
  id: r.id,
  batchId: r.batch_id,
  caseId: r.case_id,
  raisedBy: r.raised_by,
  contact: r.contact,
  raisedOn: r.raised_on,
  content: r.content,
  disputesDisability: r.disputes_disability === 1,
  disputedPerson: r.disputed_person,
  disputedPersonId: r.disputed_person_id,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  outcome: r.outcome,
  outcomeReason: r.outcome_reason,
  handledOn: r.handled_on,
  handledBy: r.handled_by,
  handledAt: r.handled_at,
});

export function insertObjection(db: Db, o: Omit<ObjectionRow, 'id' | 'outcome' | 'outcomeReason' | 'handledOn' | 'handledBy' | 'handledAt'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO publicity_objections (batch_id, case_id, raised_by, contact, raised_on, content, disputes_disability, disputed_person, disputed_person_id, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(o.batchId, o.caseId, o.raisedBy, o.contact, o.raisedOn, o.content, o.disputesDisability ? 1 : 0, o.disputedPerson, o.disputedPersonId, o.recordedAt, o.recordedBy)
      .lastInsertRowid,
  );
}

export function handleObjectionRow(db: Db, id: number, h: { outcome: 'dismissed' | 'upheld'; reason: string; handledOn: string; handledBy: string; handledAt: string }): void {
  db.prepare('UPDATE publicity_objections SET outcome = ?, outcome_reason = ?, handled_on = ?, handled_by = ?, handled_at = ? WHERE id = ? AND outcome IS NULL').run(
    h.outcome,
    h.reason,
    h.handledOn,
    h.handledBy,
    h.handledAt,
    id,
  );
}

export function getObjection(db: Db, id: number): ObjectionRow | null {
  const r = db.prepare('SELECT * FROM publicity_objections WHERE id = ?').get(id) as ObjectionRaw | undefined;
  return r ? toObjection(r) : null;
}

export function objectionsOfBatch(db: Db, batchId: number): ObjectionRow[] {
  return (db.prepare('SELECT * FROM publicity_objections WHERE batch_id = ? ORDER BY id').all(batchId) as ObjectionRaw[]).map(toObjection);
}

export function objectionsOfCase(db: Db, caseId: number): ObjectionRow[] {
  return (db.prepare('SELECT * FROM publicity_objections WHERE case_id = ? ORDER BY id').all(caseId) as ObjectionRaw[]).map(toObjection);
}

// ---------------------------------------------------------------- 残联 re-assessment

/** Disability facts of a person: both null = no disability recorded. */
export type DisabilityFacts = { type: DisabilityType | null; level: number | null };

export type ReassessmentRow = {
  id: number;
  objectionId: number;
  caseId: number;
  personName: string;
  personId: number | null;
  sentOn: string;
  sentBy: string;
  result: string | null;
  resultOn: string | null;
  resultBy: string | null;
  /** The person's facts when the result came in, and the facts the result set (null on rows from before issue 16). */
  before: DisabilityFacts | null;
  after: DisabilityFacts | null;
  determinationId: number | null;
  createdAt: string;
};

type ReassessmentRaw = {
  id: number;
  objection_id: number;
  case_id: number;
  person_name: string;
  sent_on: string;
  sent_by: string;
  result: string | null;
  result_on: string | null;
  result_by: string | null;
  person_id: number | null;
  before_type: DisabilityType | null;
  before_level: number | null;
  after_type: DisabilityType | null;
  after_level: number | null;
  determination_id: number | null;
  created_at: string;
};

const toReassessment = (r: ReassessmentRaw): ReassessmentRow => ({
  id: r.id,
  objectionId: r.objection_id,
  caseId: r.case_id,
  personName: r.person_name,
  sentOn: r.sent_on,
  sentBy: r.sent_by,
  result: r.result,
  resultOn: r.result_on,
  resultBy: r.result_by,
  personId: r.person_id,
  // A result always stores its after-facts; a row has before-facts only once its result is in.
  before: r.result_on !== null && r.person_id !== null ? { type: r.before_type, level: r.before_level } : null,
  after: r.result_on !== null && r.person_id !== null ? { type: r.after_type, level: r.after_level } : null,
  determinationId: r.determination_id,
  createdAt: r.created_at,
});

export function insertReassessment(
  db: Db,
  r: Omit<ReassessmentRow, 'id' | 'result' | 'resultOn' | 'resultBy' | 'before' | 'after' | 'determinationId'>,
): number {
  return Number(
    db
      .prepare('INSERT INTO disability_reassessments (objection_id, case_id, person_name, person_id, sent_on, sent_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.objectionId, r.caseId, r.personName, r.personId, r.sentOn, r.sentBy, r.createdAt).lastInsertRowid,
  );
}

export function setReassessmentResult(
  db: Db,
  id: number,
  r: { result: string; resultOn: string; resultBy: string; before: DisabilityFacts | null; after: DisabilityFacts | null; determinationId: number | null },
): void {
  db.prepare(
    `UPDATE disability_reassessments SET result = ?, result_on = ?, result_by = ?, before_type = ?, before_level = ?, after_type = ?, after_level = ?,
     determination_id = ? WHERE id = ? AND result_on IS NULL`,
  ).run(r.result, r.resultOn, r.resultBy, r.before?.type ?? null, r.before?.level ?? null, r.after?.type ?? null, r.after?.level ?? null, r.determinationId, id);
}

/** Re-assessments of a case still waiting for the 残联's result. */
export function pendingReassessmentsOfCase(db: Db, caseId: number): ReassessmentRow[] {
  return (db.prepare('SELECT * FROM disability_reassessments WHERE case_id = ? AND result_on IS NULL ORDER BY id').all(caseId) as ReassessmentRaw[]).map(toReassessment);
}

export function getReassessment(db: Db, id: number): ReassessmentRow | null {
  const r = db.prepare('SELECT * FROM disability_reassessments WHERE id = ?').get(id) as ReassessmentRaw | undefined;
  return r ? toReassessment(r) : null;
}

export function reassessmentOfObjection(db: Db, objectionId: number): ReassessmentRow | null {
  const r = db.prepare('SELECT * FROM disability_reassessments WHERE objection_id = ?').get(objectionId) as ReassessmentRaw | undefined;
  return r ? toReassessment(r) : null;
}

// ---------------------------------------------------------------- office calendar

export type CalendarOverrideRow = { date: string; kind: 'holiday' | 'workday'; note: string | null; createdAt: string; createdBy: string };

type OverrideRaw = { date: string; kind: 'holiday' | 'workday'; note: string | null; created_at: string; created_by: string };

export function listCalendarOverrides(db: Db, year: number | null = null): CalendarOverrideRow[] {
  const rows = (year === null
    ? db.prepare('SELECT * FROM calendar_overrides ORDER BY date').all()
    : db.prepare('SELECT * FROM calendar_overrides WHERE date LIKE ? ORDER BY date').all(`${year}-%`)) as OverrideRaw[];
  return rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note, createdAt: r.created_at, createdBy: r.created_by }));
}

export function putCalendarOverride(db: Db, o: CalendarOverrideRow): void {
  db.prepare(
    `INSERT INTO calendar_overrides (date, kind, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note, created_at = excluded.created_at, created_by = excluded.created_by`,
  ).run(o.date, o.kind, o.note, o.createdAt, o.createdBy);
}

export function deleteCalendarOverride(db: Db, date: string): boolean {
  return db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(date).changes > 0;
}
