// The roster (低保对象花名册) and its records: standing campaigns, change cases, policy adjustments, gradual exits.
import type { Db } from './db';
import { ROLL_IMPORT_MARK, type RosterBasis } from '../domain/roster';

export type RosterMemberLine = { personId: number; name: string; idNumber: string; class: string; amount: number };

// ---------------------------------------------------------------- roster entries (derived cache)

/** The ids a recipient's roster line would be built from now. */
export type RosterSources = {
  householdId: number;
  approvalId: number | null;
  adjustmentId: number | null;
  determinationId: number | null;
  /** What the cached line was built from (null when there is none). */
  cached: { approvalId: number | null; adjustmentId: number | null; determinationId: number | null } | null;
};

/**
 * One pass over all recipients with three index lookups each. The legacy determination (for households carried
 * over from the old roll) is the latest eligible one not saved by a case or a policy application, so that a
 * case's preliminary determination does not move the roster before the decision.
 */
export function rosterSources(db: Db, householdId: number | null = null): RosterSources[] {
  const rows = db
    .prepare(
      `SELECT h.id AS householdId,
         (SELECT max(a.id) FROM approvals a WHERE a.household_id = h.id AND a.decision = 'approve') AS approvalId,
         (SELECT max(r.id) FROM roster_adjustments r WHERE r.household_id = h.id) AS adjustmentId,
         (SELECT max(d.id) FROM determinations d WHERE d.household_id = h.id AND d.category <> 'ineligible'
            AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.determination_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM roster_adjustments r2 WHERE r2.household_id = h.id AND r2.determination_id = d.id)) AS determinationId,
         e.household_id AS eh, e.approval_id AS ea, e.adjustment_id AS er, e.determination_id AS ed
       FROM households h LEFT JOIN roster_entries e ON e.household_id = h.id
       WHERE h.status = 'recipient' ${householdId === null ? '' : 'AND h.id = ?'}`,
    )
    .all(...(householdId === null ? [] : [householdId])) as {
    householdId: number;
    approvalId: number | null;
    adjustmentId: number | null;
    determinationId: number | null;
    eh: number | null;
    ea: number | null;
    er: number | null;
    ed: number | null;
  }[];
  return rows.map((r) => ({
    householdId: r.householdId,
    approvalId: r.approvalId,
    adjustmentId: r.adjustmentId,
    determinationId: r.determinationId,
    cached: r.eh === null ? null : { approvalId: r.ea, adjustmentId: r.er, determinationId: r.ed },
  }));
}

// ---------------------------------------------------------------- has anything the roster is built from changed?

// Re-reading every recipient's sources (rosterSources) on every roster open or payment preview costs 60–110 ms at
// county scale (issue 13). This connection counts the writes to what rosterSources reads with TEMP triggers (no
// schema change, nothing in a backup; a restore reopens the database and so starts from "unchecked"), and a full
// check is skipped while the count and `data_version` (commits by other connections, e.g. the command line on the
// same folder) are as they were after the last full check. A rolled-back write rolls its count back with it.
const WATCHED: readonly [table: string, columns: string][] = [
  ['households', 'status'],
  ['approvals', 'household_id, decision'],
  ['roster_adjustments', 'household_id, determination_id'],
  ['determinations', 'household_id, category'],
  ['cases', 'household_id, determination_id'],
  ['roster_entries', 'approval_id, adjustment_id, determination_id'],
];

const WATCH_SQL = [
  'CREATE TEMP TABLE IF NOT EXISTS roster_watch (id INTEGER PRIMARY KEY CHECK (id = 1), changes INTEGER NOT NULL, checked_changes INTEGER, checked_version INTEGER);',
  'INSERT OR IGNORE INTO temp.roster_watch (id, changes) VALUES (1, 0);',
  ...WATCHED.flatMap(([table, columns]) =>
    (['INSERT', 'DELETE', `UPDATE OF ${columns}`] as const).map(
      (event, i) => `CREATE TEMP TRIGGER IF NOT EXISTS roster_watch_${table}_${i} AFTER ${event} ON main.${table} BEGIN UPDATE roster_watch SET changes = changes + 1; END;`,
    ),
  ),
].join('\n');
const WATCH_TRIGGERS = WATCHED.length * 3;

function watch(db: Db): { changes: number; checkedChanges: number | null; checkedVersion: number | null } {
  // Checked each time rather than remembered: a watch created inside a transaction that rolled back is gone.
  const n = (db.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'roster_watch_%'").get() as { n: number }).n;
  if (n !== WATCH_TRIGGERS) db.exec(WATCH_SQL);
  return db.prepare('SELECT changes, checked_changes AS checkedChanges, checked_version AS checkedVersion FROM temp.roster_watch').get() as {
    changes: number;
    checkedChanges: number | null;
    checkedVersion: number | null;
  };
}

const dataVersion = (db: Db) => db.pragma('data_version', { simple: true }) as number;

/** True when nothing rosterSources reads has been written since the last `markRosterChecked` on this connection. */
export function rosterSourcesUnchanged(db: Db): boolean {
  const w = watch(db);
  return w.checkedChanges === w.changes && w.checkedVersion === dataVersion(db);
}

/** After a full check (and the rebuilds it made, which count as writes too). */
export function markRosterChecked(db: Db): void {
  watch(db);
  db.prepare('UPDATE temp.roster_watch SET checked_changes = changes, checked_version = ?').run(dataVersion(db));
}

/** The case of an approval (approvals are read through their case, one each). */
export function approvalCaseId(db: Db, approvalId: number): number {
  return (db.prepare('SELECT case_id AS c FROM approvals WHERE id = ?').get(approvalId) as { c: number }).c;
}

/** The determination behind a household's current roster line (its frozen engine input is re-used under a new policy). */
export function rosterDeterminationId(db: Db, householdId: number): number | null {
  const r = db
    .prepare(
      `SELECT CASE e.source
         WHEN 'approval' THEN (SELECT json_extract(a.snapshot_json, '$.determination.id') FROM approvals a WHERE a.id = e.approval_id)
         WHEN 'adjustment' THEN (SELECT r.determination_id FROM roster_adjustments r WHERE r.id = e.adjustment_id)
         ELSE e.determination_id END AS id
       FROM roster_entries e WHERE e.household_id = ?`,
    )
    .get(householdId) as { id: number | null } | undefined;
  return r?.id ?? null;
}

export type RosterEntryWrite = {
  householdId: number;
  approvalId: number | null;
  adjustmentId: number | null;
  determinationId: number | null;
  source: 'approval' | 'adjustment' | 'determination';
  category: string;
  classes: string;
  monthlyTotal: number;
  paymentStart: string | null;
  lastReview: string;
  nextDue: string;
  lines: RosterMemberLine[];
};

export function putRosterEntry(db: Db, e: RosterEntryWrite): void {
  db.prepare(
    `INSERT INTO roster_entries (household_id, approval_id, adjustment_id, determination_id, source, category, classes, monthly_total,
       payment_start, last_review, next_due, lines_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(household_id) DO UPDATE SET approval_id = excluded.approval_id, adjustment_id = excluded.adjustment_id,
       determination_id = excluded.determination_id, source = excluded.source, category = excluded.category, classes = excluded.classes,
       monthly_total = excluded.monthly_total, payment_start = excluded.payment_start, last_review = excluded.last_review,
       next_due = excluded.next_due, lines_json = excluded.lines_json`,
  ).run(
    e.householdId,
    e.approvalId,
    e.adjustmentId,
    e.determinationId,
    e.source,
    e.category,
    e.classes,
    e.monthlyTotal,
    e.paymentStart,
    e.lastReview,
    e.nextDue,
    JSON.stringify(e.lines),
  );
}

export function deleteRosterEntry(db: Db, householdId: number): void {
  db.prepare('DELETE FROM roster_entries WHERE household_id = ?').run(householdId);
}

/** For re-computing due dates after the intervals change. */
export function allRosterReviewBases(db: Db): { householdId: number; classes: string; lastReview: string }[] {
  return db.prepare('SELECT household_id AS householdId, classes, last_review AS lastReview FROM roster_entries').all() as {
    householdId: number;
    classes: string;
    lastReview: string;
  }[];
}

export function setNextDue(db: Db, householdId: number, nextDue: string): void {
  db.prepare('UPDATE roster_entries SET next_due = ? WHERE household_id = ?').run(nextDue, householdId);
}

export type RosterFilter = {
  villageId: number | null;
  personClass: string | null;
  /** Next review on or before this date (the due list). */
  dueBy: string | null;
  gradualExitOnly: boolean;
  householdIds: readonly number[] | null;
  /** Also stopped households (their last line stays cached): a month's payment still pays a household stopped during it. */
  includeStopped?: boolean;
};

export type RosterRow = {
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string | null;
  size: number;
  /** The cached source, with an approval brought in by 存量数据导入 told apart (its snapshot's mark). */
  source: RosterBasis;
  /** The day the basis was decided, imported or applied. */
  basisDate: string;
  category: string;
  classes: string;
  monthlyTotal: number;
  paymentStart: string | null;
  lastReview: string;
  nextDue: string;
  lines: RosterMemberLine[];
  gradualExit: { id: number; caseId: number; endMonth: string; months: number; reason: string; grantedAt: string; grantedBy: string } | null;
  openCase: { id: number; kind: string; state: string } | null;
};

function where(f: RosterFilter): { sql: string; params: (string | number)[] } {
  const w = [f.includeStopped ? "h.status IN ('recipient','stopped')" : "h.status = 'recipient'"];
  const params: (string | number)[] = [];
  if (f.villageId !== null) {
    w.push('h.village_id = ?');
    params.push(f.villageId);
  }
  if (f.personClass !== null) {
    w.push('instr(e.classes, ?) > 0');
    params.push(f.personClass);
  }
  if (f.dueBy !== null) {
    w.push('e.next_due <= ?');
    params.push(f.dueBy);
  }
  if (f.gradualExitOnly) w.push('ge.id IS NOT NULL');
  if (f.householdIds !== null) {
    w.push(`h.id IN (${f.householdIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...f.householdIds);
  }
  return { sql: w.join(' AND '), params };
}

const FROM = `FROM households h JOIN roster_entries e ON e.household_id = h.id JOIN villages v ON v.id = h.village_id
  LEFT JOIN gradual_exits ge ON ge.household_id = h.id AND ge.ended_at IS NULL`;

export function countRoster(db: Db, f: RosterFilter): { households: number; monthlyTotal: number; persons: number } {
  const w = where(f);
  const r = db
    .prepare(`SELECT count(*) AS households, coalesce(sum(e.monthly_total), 0) AS monthlyTotal, coalesce(sum(json_array_length(e.lines_json)), 0) AS persons ${FROM} WHERE ${w.sql}`)
    .get(...w.params) as { households: number; monthlyTotal: number; persons: number };
  return r;
}

type RawRow = {
  household_id: number;
  village_id: number;
  village_name: string;
  group_name: string | null;
  head_name: string | null;
  size: number;
  source: RosterRow['source'];
  basis_date: string;
  category: string;
  classes: string;
  monthly_total: number;
  payment_start: string | null;
  last_review: string;
  next_due: string;
  lines_json: string;
  ge_id: number | null;
  ge_case_id: number | null;
  ge_end_month: string | null;
  ge_months: number | null;
  ge_reason: string | null;
  ge_granted_at: string | null;
  ge_granted_by: string | null;
  oc_id: number | null;
  oc_kind: string | null;
  oc_state: string | null;
};

/** Open = not yet at a concluding state. */
const OPEN_CASE = `(SELECT c.id FROM cases c WHERE c.household_id = h.id AND c.state NOT IN ('approved','stopped','denied','closed','gradual-exit') ORDER BY c.id DESC LIMIT 1)`;

export function listRoster(db: Db, f: RosterFilter, order: 'village' | 'due', limit: number, offset: number): RosterRow[] {
  const w = where(f);
  const rows = db
    .prepare(
      `SELECT h.id AS household_id, h.village_id, v.name AS village_name, h.group_name,
         (SELECT name FROM persons p WHERE p.id = h.head_person_id) AS head_name,
         (SELECT count(*) FROM persons p WHERE p.household_id = h.id) AS size,
         CASE WHEN e.source = 'approval' AND a.reason = @mark AND json_extract(a.snapshot_json, '$.source') = @mark THEN 'roll-import' ELSE e.source END AS source,
         CASE e.source WHEN 'approval' THEN substr(a.decided_at, 1, 10) WHEN 'adjustment' THEN substr(ra.applied_at, 1, 10) ELSE e.last_review END AS basis_date,
         e.category, e.classes, e.monthly_total, e.payment_start, e.last_review, e.next_due, e.lines_json,
         ge.id AS ge_id, ge.case_id AS ge_case_id, ge.end_month AS ge_end_month, ge.months AS ge_months, ge.reason AS ge_reason,
         ge.granted_at AS ge_granted_at, ge.granted_by AS ge_granted_by,
         oc.id AS oc_id, oc.kind AS oc_kind, oc.state AS oc_state
       ${FROM} LEFT JOIN cases oc ON oc.id = ${OPEN_CASE}
         LEFT JOIN approvals a ON a.id = e.approval_id AND e.source = 'approval'
         LEFT JOIN roster_adjustments ra ON ra.id = e.adjustment_id AND e.source = 'adjustment'
       WHERE ${w.sql}
       ORDER BY ${order === 'due' ? 'e.next_due, h.village_id, h.id' : 'h.village_id, h.group_name, h.id'}
       LIMIT ? OFFSET ?`,
    )
    // The reason column is checked first so that only imported approvals have their snapshot's JSON read.
    .all({ mark: ROLL_IMPORT_MARK }, ...w.params, limit, offset) as RawRow[];
  return rows.map((r) => ({
    householdId: r.household_id,
    villageId: r.village_id,
    villageName: r.village_name,
    groupName: r.group_name,
    headName: r.head_name,
    size: r.size,
    source: r.source,
    basisDate: r.basis_date,
    category: r.category,
    classes: r.classes,
    monthlyTotal: r.monthly_total,
    paymentStart: r.payment_start,
    lastReview: r.last_review,
    nextDue: r.next_due,
    lines: JSON.parse(r.lines_json) as RosterMemberLine[],
    gradualExit:
      r.ge_id === null
        ? null
        : {
            id: r.ge_id,
            caseId: r.ge_case_id!,
            endMonth: r.ge_end_month!,
            months: r.ge_months!,
            reason: r.ge_reason!,
            grantedAt: r.ge_granted_at!,
            grantedBy: r.ge_granted_by!,
          },
    openCase: r.oc_id === null ? null : { id: r.oc_id, kind: r.oc_kind!, state: r.oc_state! },
  }));
}

// ---------------------------------------------------------------- standing campaigns, change cases

export function standingCampaignId(db: Db, year: number): number | null {
  const r = db.prepare('SELECT campaign_id AS id FROM standing_campaigns WHERE year = ?').get(year) as { id: number } | undefined;
  return r?.id ?? null;
}

export function insertStandingCampaign(db: Db, year: number, campaignId: number): void {
  db.prepare('INSERT INTO standing_campaigns (year, campaign_id) VALUES (?, ?)').run(year, campaignId);
}

export function isStandingCampaign(db: Db, campaignId: number): boolean {
  return db.prepare('SELECT 1 FROM standing_campaigns WHERE campaign_id = ?').get(campaignId) !== undefined;
}

export type ChangeCaseRow = { caseId: number; householdId: number; reason: string; rosterTotal: number; openedAt: string; openedBy: string };

export function insertChangeCase(db: Db, c: ChangeCaseRow): void {
  db.prepare('INSERT INTO change_cases (case_id, household_id, reason, roster_total, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.caseId,
    c.householdId,
    c.reason,
    c.rosterTotal,
    c.openedAt,
    c.openedBy,
  );
}

export function getChangeCase(db: Db, caseId: number): ChangeCaseRow | null {
  const r = db
    .prepare('SELECT case_id AS caseId, household_id AS householdId, reason, roster_total AS rosterTotal, opened_at AS openedAt, opened_by AS openedBy FROM change_cases WHERE case_id = ?')
    .get(caseId) as ChangeCaseRow | undefined;
  return r ?? null;
}

/** A case of the household still being worked on (not concluded), if any. */
export function openCaseOfHousehold(db: Db, householdId: number): { id: number; kind: string; state: string } | null {
  const r = db
    .prepare(
      `SELECT id, kind, state FROM cases WHERE household_id = ? AND state NOT IN ('approved','stopped','denied','closed','gradual-exit') ORDER BY id DESC LIMIT 1`,
    )
    .get(householdId) as { id: number; kind: string; state: string } | undefined;
  return r ?? null;
}

// ---------------------------------------------------------------- adjustments

export type AdjustmentRow = {
  id: number;
  householdId: number;
  determinationId: number;
  policyVersion: string;
  oldTotal: number;
  newTotal: number;
  oldLines: RosterMemberLine[];
  newLines: RosterMemberLine[];
  effectiveMonth: string;
  appliedAt: string;
  appliedBy: string;
};

export function insertAdjustment(db: Db, a: Omit<AdjustmentRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO roster_adjustments (household_id, determination_id, policy_version, old_total, new_total, old_lines_json, new_lines_json,
           effective_month, applied_at, applied_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.householdId, a.determinationId, a.policyVersion, a.oldTotal, a.newTotal, JSON.stringify(a.oldLines), JSON.stringify(a.newLines), a.effectiveMonth, a.appliedAt, a.appliedBy)
      .lastInsertRowid,
  );
}

type AdjustmentRaw = {
  id: number;
  household_id: number;
  determination_id: number;
  policy_version: string;
  old_total: number;
  new_total: number;
  old_lines_json: string;
  new_lines_json: string;
  effective_month: string;
  applied_at: string;
  applied_by: string;
};

const toAdjustment = (r: AdjustmentRaw): AdjustmentRow => ({
  id: r.id,
  householdId: r.household_id,
  determinationId: r.determination_id,
  policyVersion: r.policy_version,
  oldTotal: r.old_total,
  newTotal: r.new_total,
  oldLines: JSON.parse(r.old_lines_json) as RosterMemberLine[],
  newLines: JSON.parse(r.new_lines_json) as RosterMemberLine[],
  effectiveMonth: r.effective_month,
  appliedAt: r.applied_at,
  appliedBy: r.applied_by,
});

export function getAdjustment(db: Db, id: number): AdjustmentRow | null {
  const r = db.prepare('SELECT * FROM roster_adjustments WHERE id = ?').get(id) as AdjustmentRaw | undefined;
  return r ? toAdjustment(r) : null;
}

export function listAdjustments(db: Db, householdId: number): AdjustmentRow[] {
  return (db.prepare('SELECT * FROM roster_adjustments WHERE household_id = ? ORDER BY id DESC').all(householdId) as AdjustmentRaw[]).map(toAdjustment);
}

// ---------------------------------------------------------------- gradual exits

export type GradualExitRow = {
  id: number;
  caseId: number;
  householdId: number;
  months: number;
  monthlyTotal: number;
  endMonth: string;
  reason: string;
  grantedAt: string;
  grantedBy: string;
  endedAt: string | null;
  endedBy: string | null;
  stopDocumentId: number | null;
};

const GE_SELECT = `SELECT id, case_id AS caseId, household_id AS householdId, months, monthly_total AS monthlyTotal, end_month AS endMonth,
  reason, granted_at AS grantedAt, granted_by AS grantedBy, ended_at AS endedAt, ended_by AS endedBy, stop_document_id AS stopDocumentId
  FROM gradual_exits`;

export function insertGradualExit(db: Db, g: Omit<GradualExitRow, 'id' | 'endedAt' | 'endedBy' | 'stopDocumentId'>): number {
  return Number(
    db
      .prepare('INSERT INTO gradual_exits (case_id, household_id, months, monthly_total, end_month, reason, granted_at, granted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(g.caseId, g.householdId, g.months, g.monthlyTotal, g.endMonth, g.reason, g.grantedAt, g.grantedBy).lastInsertRowid,
  );
}

export function getGradualExit(db: Db, id: number): GradualExitRow | null {
  return (db.prepare(`${GE_SELECT} WHERE id = ?`).get(id) as GradualExitRow | undefined) ?? null;
}

/** Gradual exits not yet ended whose end month is on or before `month`. */
export function gradualExitsEndingBy(db: Db, month: string): GradualExitRow[] {
  return db.prepare(`${GE_SELECT} WHERE ended_at IS NULL AND end_month <= ? ORDER BY end_month, id`).all(month) as GradualExitRow[];
}

export function endGradualExit(db: Db, id: number, at: string, by: string, documentId: number): number {
  return db.prepare('UPDATE gradual_exits SET ended_at = ?, ended_by = ?, stop_document_id = ? WHERE id = ? AND ended_at IS NULL').run(at, by, documentId, id).changes;
}
