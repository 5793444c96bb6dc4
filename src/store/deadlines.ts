// 办理期限 (deadline list): every open case's clocks, paged and counted in SQL (issue 13: a county campaign has
// about 8,000 open cases; the list was built in JS and sent whole to the screen).
import { cachedStatement, type Db } from './db';

export type DeadlineFilter = {
  campaignId: number;
  villageId: number | null;
  /** States whose cases are closed (no clock runs). */
  concluded: readonly string[];
  /** States that owe a refusal or stop notice once the village has decided. */
  awaitingNotice: readonly string[];
  noticeDays: number;
  processingDays: number;
};

/**
 * The clocks as rows: a notice owed (decided, awaiting the township's notice) and every open case's processing time
 * from the accepted application (else the case's opening). Start dates are the UTC day of the event, as the JS list
 * read them. States are passed as JSON arrays so that the statement's text never changes.
 */
const ITEMS = `
WITH open_cases AS (
  SELECT c.id, c.household_id, c.village_id, c.state, v.name AS village_name,
    (SELECT p.name FROM persons p WHERE p.id = h.head_person_id) AS head_name,
    (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.action = 'preliminary-decide') AS decided_at,
    coalesce(
      (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.action = 'submit-application'),
      (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.action = 'open'),
      c.created_at) AS started_at
  FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = c.village_id
  WHERE c.campaign_id = :campaignId AND (:villageId IS NULL OR c.village_id = :villageId)
    AND c.state NOT IN (SELECT value FROM json_each(:concluded))
),
items AS (
  SELECT id AS case_id, household_id, village_id, village_name, head_name, 'notice' AS kind, state,
    substr(decided_at, 1, 10) AS started_on, :noticeDays AS days
  FROM open_cases WHERE decided_at IS NOT NULL AND state IN (SELECT value FROM json_each(:awaitingNotice))
  UNION ALL
  SELECT id, household_id, village_id, village_name, head_name, 'processing', state, substr(started_at, 1, 10), :processingDays
  FROM open_cases
)`;

const params = (f: DeadlineFilter) => ({
  campaignId: f.campaignId,
  villageId: f.villageId,
  concluded: JSON.stringify(f.concluded),
  awaitingNotice: JSON.stringify(f.awaitingNotice),
  noticeDays: f.noticeDays,
  processingDays: f.processingDays,
});

/** The distinct (start day, working days) pairs: the calendar works each out once. */
export function deadlineStarts(db: Db, f: DeadlineFilter): { startedOn: string; days: number }[] {
  return cachedStatement(db, `${ITEMS} SELECT DISTINCT started_on AS startedOn, days FROM items`).all(params(f)) as { startedOn: string; days: number }[];
}

export type DeadlineRow = {
  caseId: number;
  householdId: number;
  headName: string | null;
  villageName: string;
  kind: 'notice' | 'processing';
  state: string;
  startedOn: string;
  dueOn: string;
  workingDaysLeft: number;
};

/**
 * One page in due order (an overdue clock's due day is before today, so due order puts them first; ties as the
 * cases are listed: village, case, notice before processing) and the counts over all of them, in one statement.
 * `dues` maps each start pair to its due day and the working days left, as the calendar worked them out.
 */
export function deadlinePage(
  db: Db,
  f: DeadlineFilter,
  dues: readonly { startedOn: string; days: number; dueOn: string; left: number }[],
  today: string,
  limit: number,
  offset: number,
): { rows: DeadlineRow[]; total: number; overdue: number; notice: number; processing: number } {
  const rows = cachedStatement(
    db,
    `${ITEMS},
     dues AS MATERIALIZED (
       SELECT value ->> '$.startedOn' AS started_on, value ->> '$.days' AS days, value ->> '$.dueOn' AS due_on, value ->> '$.left' AS left_days
       FROM json_each(:dues))
     SELECT i.case_id AS caseId, i.household_id AS householdId, i.head_name AS headName, i.village_name AS villageName, i.kind, i.state,
       i.started_on AS startedOn, d.due_on AS dueOn, d.left_days AS workingDaysLeft,
       count(*) OVER () AS total, sum(d.due_on < :today) OVER () AS overdue, sum(i.kind = 'notice') OVER () AS notice
     FROM items i JOIN dues d ON d.started_on = i.started_on AND d.days = i.days
     ORDER BY d.due_on, i.village_id, i.case_id, i.kind
     LIMIT :limit OFFSET :offset`,
  ).all({ ...params(f), dues: JSON.stringify(dues), today, limit, offset }) as (DeadlineRow & { total: number; overdue: number; notice: number })[];
  const first = rows[0];
  if (!first) {
    // A page past the end still reports the counts.
    if (offset === 0) return { rows: [], total: 0, overdue: 0, notice: 0, processing: 0 };
    return { ...deadlinePage(db, f, dues, today, 1, 0), rows: [] };
  }
  return {
    rows: rows.map(({ total: _t, overdue: _o, notice: _n, ...r }) => r),
    total: first.total,
    overdue: first.overdue,
    notice: first.notice,
    processing: first.total - first.notice,
  };
}
