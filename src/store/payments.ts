// 低保金发放: bank accounts per household, payment batches and their frozen rows, bank return files.
import type { AccountKind } from '../domain/bank-account';
import { cachedStatement, type Db } from './db';
import type { RosterMemberLine } from './roster';

// ---------------------------------------------------------------- bank accounts

export type BankAccountRow = {
  householdId: number;
  holderPersonId: number | null;
  holderName: string;
  bankName: string;
  kind: AccountKind;
  accountNumber: string;
  previousAccountNumber: string | null;
  previousBankName: string | null;
  updatedAt: string;
  updatedBy: string;
};

const ACCOUNT_SELECT = `SELECT household_id AS householdId, holder_person_id AS holderPersonId, holder_name AS holderName, bank_name AS bankName,
  kind, account_number AS accountNumber, previous_account_number AS previousAccountNumber, previous_bank_name AS previousBankName,
  updated_at AS updatedAt, updated_by AS updatedBy FROM bank_accounts`;

export function getBankAccount(db: Db, householdId: number): BankAccountRow | null {
  return (db.prepare(`${ACCOUNT_SELECT} WHERE household_id = ?`).get(householdId) as BankAccountRow | undefined) ?? null;
}

export function allBankAccounts(db: Db): Map<number, BankAccountRow> {
  return new Map((db.prepare(ACCOUNT_SELECT).all() as BankAccountRow[]).map((a) => [a.householdId, a]));
}

export function putBankAccount(db: Db, a: Omit<BankAccountRow, 'previousAccountNumber' | 'previousBankName'>): void {
  cachedStatement(db, 
    `INSERT INTO bank_accounts (household_id, holder_person_id, holder_name, bank_name, kind, account_number, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(household_id) DO UPDATE SET
       previous_account_number = CASE WHEN bank_accounts.account_number <> excluded.account_number THEN bank_accounts.account_number ELSE bank_accounts.previous_account_number END,
       previous_bank_name = CASE WHEN bank_accounts.account_number <> excluded.account_number THEN bank_accounts.bank_name ELSE bank_accounts.previous_bank_name END,
       holder_person_id = excluded.holder_person_id, holder_name = excluded.holder_name, bank_name = excluded.bank_name, kind = excluded.kind,
       account_number = excluded.account_number, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(a.householdId, a.holderPersonId, a.holderName, a.bankName, a.kind, a.accountNumber, a.updatedAt, a.updatedBy);
}

/** Member id → relation and ID number, for checking that the holder still belongs to the household. */
export function membersOf(db: Db, householdId: number): { id: number; name: string; relation: string; idNumber: string }[] {
  return db.prepare('SELECT id, name, relation, id_number AS idNumber FROM persons WHERE household_id = ? ORDER BY position, id').all(householdId) as {
    id: number;
    name: string;
    relation: string;
    idNumber: string;
  }[];
}

// ---------------------------------------------------------------- a month's plan, in SQL

/**
 * The rules the plan needs that are not SQL's own, registered once per connection as deterministic functions so
 * that the plan stays one statement: the account number's check (Luhn, lengths: the domain's rule), the month of a
 * stop in the office's local time (as `today()` reads a timestamp), the Chinese month label and the cent rounding
 * the roster's amounts get everywhere else.
 */
export type PlanFunctions = {
  accountProblem: (accountNumber: string, kind: AccountKind) => string | null;
  localMonth: (iso: string) => string;
  chineseMonth: (month: string) => string;
  round2: (v: number) => number;
};

const planFunctionsOn = new WeakSet<Db>();

function registerPlanFunctions(db: Db, f: PlanFunctions): void {
  if (planFunctionsOn.has(db)) return;
  db.function('dibao_account_problem', { deterministic: true }, (n: unknown, k: unknown) => f.accountProblem(String(n), k as AccountKind));
  db.function('dibao_local_month', { deterministic: true }, (iso: unknown) => f.localMonth(String(iso)));
  db.function('dibao_chinese_month', { deterministic: true }, (m: unknown) => f.chineseMonth(String(m)));
  db.function('dibao_round2', { deterministic: true }, (v: unknown) => f.round2(Number(v)));
  planFunctionsOn.add(db);
}

/**
 * Who is paid in :month and how, one row per household in the roster's order (village, group, household), as
 * a set (issue 13: 8,000 households at county scale were read into JS row by row — 100 ms of object building
 * before any rule ran). The rules, each where the JS planner had them:
 * - the roll: roster entries of recipients and stopped households (a stopped one, with its stop recorded, is paid
 *   through the local month of its stop, or the end month of its ended gradual exit if earlier); an open gradual
 *   exit pays through its end month;
 * - payment start on or before the month: the roster's lines and amount; a later start (a new amount approved):
 *   the household's row of last month's active batch, if any, continued with a note; else not paid;
 * - problems, first found wins: no account; holder no longer a member; the account number's own check; the same
 *   account as an earlier household (in roster order, among accounts without a problem); an amount of 0.
 * Only narrow columns go through the plan's sorts: a batch reads the member lines and the head's ID number per
 * planned row afterwards (carrying 2 MB of lines through them cost more than the inserts).
 */
const PLAN_SQL = `
WITH roll AS (
  SELECT h.id AS household_id, h.village_id, v.name AS village_name, h.group_name, coalesce(hp.name, '') AS head_name,
    CASE WHEN hp.relation = '户主' THEN hp.id_number END AS head_id_number,
    e.classes, e.monthly_total, e.payment_start,
    (SELECT ge.end_month FROM gradual_exits ge WHERE ge.household_id = h.id AND ge.ended_at IS NULL ORDER BY ge.id DESC LIMIT 1) AS open_exit_end,
    CASE WHEN h.status = 'stopped' THEN
      (SELECT max(ce.at) FROM case_events ce JOIN cases c ON c.id = ce.case_id
        WHERE c.household_id = h.id AND (ce.to_state = 'stopped' OR (ce.to_state = 'denied' AND c.kind = 'recipient-review'))) END AS stopped_at,
    CASE WHEN h.status = 'stopped' THEN
      (SELECT ge.end_month FROM gradual_exits ge WHERE ge.household_id = h.id AND ge.ended_at IS NOT NULL ORDER BY ge.id DESC LIMIT 1) END AS ended_exit_end,
    ba.household_id AS account_household, ba.holder_person_id, ba.holder_name, ba.bank_name, ba.kind AS account_kind, ba.account_number,
    coalesce(holder.household_id = h.id, 0) AS holder_is_member, CASE WHEN holder.household_id = h.id THEN holder.relation END AS holder_relation
  FROM roster_entries e CROSS JOIN households h ON h.id = e.household_id JOIN villages v ON v.id = h.village_id
    LEFT JOIN persons hp ON hp.id = h.head_person_id
    LEFT JOIN bank_accounts ba ON ba.household_id = h.id
    LEFT JOIN persons holder ON holder.id = ba.holder_person_id
  WHERE h.status IN ('recipient','stopped') AND (:village IS NULL OR h.village_id = :village)
),
stopped AS (
  SELECT r.*, CASE WHEN stopped_at IS NULL THEN NULL ELSE dibao_local_month(stopped_at) END AS stop_month FROM roll r
),
due AS (
  SELECT s.*,
    s.payment_start IS NOT NULL AND s.payment_start <= :month AS current,
    CASE WHEN s.payment_start IS NOT NULL AND s.payment_start > :month THEN
      (SELECT pr.id FROM payment_rows pr JOIN payment_batches b ON b.id = pr.batch_id
        WHERE pr.household_id = s.household_id AND b.month = :previousMonth AND b.status = 'active' ORDER BY pr.id DESC LIMIT 1) END AS previous_row
  FROM stopped s
  WHERE NOT (s.stop_month IS NOT NULL AND :month > min(s.stop_month, coalesce(s.ended_exit_end, s.stop_month)))
    AND NOT (s.open_exit_end IS NOT NULL AND :month > s.open_exit_end)
),
paid AS MATERIALIZED (
  SELECT d.household_id, d.village_id, d.village_name, d.group_name, d.head_name, d.head_id_number,
    d.current, d.previous_row,
    CASE WHEN d.current THEN d.classes ELSE pr.classes END AS classes,
    CASE WHEN d.current THEN dibao_round2(d.monthly_total) ELSE pr.amount END AS amount,
    CASE WHEN d.current THEN NULL ELSE '按上月金额续发，新核定金额自' || dibao_chinese_month(d.payment_start) || '起发放' END AS continued,
    d.account_household, d.holder_name, d.holder_relation, d.bank_name, d.account_kind, d.account_number,
    CASE
      WHEN d.account_household IS NULL THEN '未登记银行账户'
      WHEN d.holder_person_id IS NULL OR NOT d.holder_is_member THEN '开户人「' || d.holder_name || '」已不是本户成员，请更正银行账户'
      ELSE dibao_account_problem(d.account_number, d.account_kind)
    END AS account_problem
  FROM due d LEFT JOIN payment_rows pr ON pr.id = d.previous_row
  WHERE d.current OR d.previous_row IS NOT NULL
),
-- Only accounts held by two households or more are ranked: ranking every row sorted the whole wide plan (30 ms).
-- paid is read twice (ranked and planned): MATERIALIZED computes the roll once (SQLite inlines a CTE used twice,
-- which walked the 8,000 roster entries and their subqueries twice: 14 ms of the plan's 56 at county scale).
shared_accounts AS (
  SELECT account_number FROM bank_accounts GROUP BY account_number HAVING count(*) > 1
),
ranked AS (
  SELECT p.household_id,
    row_number() OVER same_account AS account_rank,
    first_value(p.village_name || p.head_name) OVER same_account AS account_first
  FROM paid p
  WHERE p.account_problem IS NULL AND p.account_number IN (SELECT account_number FROM shared_accounts)
  WINDOW same_account AS (PARTITION BY p.account_number ORDER BY p.village_id, p.group_name, p.household_id)
),
planned AS (
  SELECT p.*,
    coalesce(
      p.account_problem,
      CASE WHEN r.account_rank > 1 THEN '银行账号与' || r.account_first || '户相同，请核对' END,
      CASE WHEN p.amount <= 0 THEN '应发金额为0' END) AS problem
  FROM paid p LEFT JOIN ranked r ON r.household_id = p.household_id
)`;

export type PlanInput = { month: string; previousMonth: string; villageId: number | null };

const planParams = (p: PlanInput) => ({ month: p.month, previousMonth: p.previousMonth, village: p.villageId });

/** The preview's figures: paying households and amount, problem households and amount, the first problems by name. */
export function planSummary(
  db: Db,
  fns: PlanFunctions,
  p: PlanInput,
  problemLimit: number,
): { paying: { households: number; amount: number }; problems: { households: number; amount: number }; firstProblems: { householdId: number; villageName: string; headName: string; amount: number; problem: string }[] } {
  registerPlanFunctions(db, fns);
  // One pass: every planned row's problem and amount (raw, two values a row), the first problems with their names.
  const rows = cachedStatement(
    db,
    `${PLAN_SQL}
     SELECT problem, amount, household_id, village_name, head_name FROM planned ORDER BY village_id, group_name, household_id`,
  )
    .raw(true)
    .all(planParams(p)) as [string | null, number, number, string, string][];
  const paying = { households: 0, amount: 0 };
  const problems = { households: 0, amount: 0 };
  const firstProblems: { householdId: number; villageName: string; headName: string; amount: number; problem: string }[] = [];
  for (const [problem, amount, householdId, villageName, headName] of rows) {
    if (problem === null) {
      paying.households++;
      paying.amount += amount;
      continue;
    }
    problems.households++;
    problems.amount += amount;
    if (firstProblems.length < problemLimit) firstProblems.push({ householdId, villageName, headName, amount, problem });
  }
  return { paying, problems, firstProblems };
}

/**
 * Freezes the plan as the batch's rows in ONE INSERT … SELECT: 序号 in roster order over the paying rows, 0 for
 * the rows kept out; the note as the JS planner wrote it (month; the holder when not the head; a continued amount).
 * Returns what the batch's figures are made of, row by row (RETURNING: the rows just written are not read again).
 */
export function insertPlannedRows(db: Db, fns: PlanFunctions, p: PlanInput & { batchId: number; monthLabel: string }): WrittenRow[] {
  registerPlanFunctions(db, fns);
  return cachedStatement(
    db,
    `INSERT INTO payment_rows (batch_id, seq, household_id, village_id, village_name, group_name, head_name, head_id_number, members_json, classes, amount, note,
       holder_name, holder_relation, bank_name, account_kind, account_number, problem, status)
     ${PLAN_SQL},
     -- 序号 over the paying rows in roster order, ranked on four narrow columns: ranking (and sorting) the wide
     -- planned rows themselves cost 27 ms at county scale. The rows go in unsorted; ROW_ORDER does not read ids.
     numbered AS MATERIALIZED (
       SELECT household_id, row_number() OVER (ORDER BY village_id, group_name, household_id) AS seq FROM planned WHERE problem IS NULL
     )
     SELECT :batchId,
       coalesce(n.seq, 0),
       planned.household_id, village_id, village_name, group_name, head_name,
       coalesce(head_id_number,
         (SELECT p.id_number FROM persons p WHERE p.household_id = planned.household_id AND p.relation = '户主' AND p.name IS planned.head_name ORDER BY p.position, p.id LIMIT 1),
         (SELECT p.id_number FROM persons p WHERE p.household_id = planned.household_id AND p.relation = '户主' ORDER BY p.position, p.id LIMIT 1),
         (SELECT p.id_number FROM persons p WHERE p.household_id = planned.household_id ORDER BY p.position, p.id LIMIT 1), ''),
       CASE WHEN current THEN (SELECT e.lines_json FROM roster_entries e WHERE e.household_id = planned.household_id)
         ELSE (SELECT pr.members_json FROM payment_rows pr WHERE pr.id = planned.previous_row) END,
       classes, amount,
       :monthLabel
         || CASE WHEN account_household IS NOT NULL AND holder_name IS NOT head_name
              THEN '；开户人：' || holder_name || CASE WHEN coalesce(holder_relation, '') <> '' THEN '（' || holder_relation || '）' ELSE '' END ELSE '' END
         || coalesce('；' || continued, ''),
       holder_name, CASE WHEN account_household IS NOT NULL THEN holder_relation END, bank_name, account_kind, account_number, problem,
       CASE WHEN problem IS NULL THEN 'pending' ELSE 'excluded' END
     FROM planned LEFT JOIN numbered n ON n.household_id = planned.household_id
     RETURNING seq, village_name, amount, problem, members_json`,
  )
    .raw(true)
    .all({ ...planParams(p), batchId: p.batchId, monthLabel: p.monthLabel }) as WrittenRow[];
}

/** A row as generated: 序号 (0 when kept out), village, amount, the problem that kept it out, the frozen members. */
export type WrittenRow = [seq: number, villageName: string, amount: number, problem: string | null, membersJson: string];

// ---------------------------------------------------------------- batches

export type BatchRow = {
  id: number;
  month: string;
  villageId: number | null;
  villageName: string | null;
  status: 'active' | 'cancelled';
  generatedAt: string;
  generatedBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
};

const BATCH_SELECT = `SELECT b.id, b.month, b.village_id AS villageId, v.name AS villageName, b.status, b.generated_at AS generatedAt,
  b.generated_by AS generatedBy, b.cancelled_at AS cancelledAt, b.cancelled_by AS cancelledBy, b.cancel_reason AS cancelReason
  FROM payment_batches b LEFT JOIN villages v ON v.id = b.village_id`;

export function insertBatch(db: Db, b: { month: string; villageId: number | null; generatedAt: string; generatedBy: string }): number {
  return Number(
    db.prepare("INSERT INTO payment_batches (month, village_id, status, generated_at, generated_by) VALUES (?, ?, 'active', ?, ?)").run(b.month, b.villageId, b.generatedAt, b.generatedBy)
      .lastInsertRowid,
  );
}

export function getBatch(db: Db, id: number): BatchRow | null {
  return (db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined) ?? null;
}

export function listBatches(db: Db, month: string | null): BatchRow[] {
  return month === null
    ? (db.prepare(`${BATCH_SELECT} ORDER BY b.month DESC, b.id DESC LIMIT 200`).all() as BatchRow[])
    : (db.prepare(`${BATCH_SELECT} WHERE b.month = ? ORDER BY b.id DESC`).all(month) as BatchRow[]);
}

export function cancelBatch(db: Db, id: number, at: string, by: string, reason: string): number {
  return db.prepare("UPDATE payment_batches SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ? AND status = 'active'").run(at, by, reason, id)
    .changes;
}

// ---------------------------------------------------------------- rows

export type PaymentRowStatus = 'pending' | 'paid' | 'failed' | 'excluded';

export type PaymentRowRecord = {
  id: number;
  batchId: number;
  seq: number;
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string;
  headIdNumber: string;
  members: RosterMemberLine[];
  classes: string;
  amount: number;
  note: string | null;
  holderName: string | null;
  holderRelation: string | null;
  bankName: string | null;
  accountKind: AccountKind | null;
  accountNumber: string | null;
  problem: string | null;
  status: PaymentRowStatus;
  failReason: string | null;
  resultAt: string | null;
  resultBy: string | null;
  retryRound: number;
  retryHolderName: string | null;
  retryBankName: string | null;
  retryAccountNumber: string | null;
  retriedAt: string | null;
  retriedBy: string | null;
};

type RawRow = {
  id: number;
  batch_id: number;
  seq: number;
  household_id: number;
  village_id: number;
  village_name: string;
  group_name: string | null;
  head_name: string;
  head_id_number: string;
  members_json: string;
  classes: string;
  amount: number;
  note: string | null;
  holder_name: string | null;
  holder_relation: string | null;
  bank_name: string | null;
  account_kind: AccountKind | null;
  account_number: string | null;
  problem: string | null;
  status: PaymentRowStatus;
  fail_reason: string | null;
  result_at: string | null;
  result_by: string | null;
  retry_round: number;
  retry_holder_name: string | null;
  retry_bank_name: string | null;
  retry_account_number: string | null;
  retried_at: string | null;
  retried_by: string | null;
};

const toRow = (r: RawRow): PaymentRowRecord => ({
  id: r.id,
  batchId: r.batch_id,
  seq: r.seq,
  householdId: r.household_id,
  villageId: r.village_id,
  villageName: r.village_name,
  groupName: r.group_name,
  headName: r.head_name,
  headIdNumber: r.head_id_number,
  members: JSON.parse(r.members_json) as RosterMemberLine[],
  classes: r.classes,
  amount: r.amount,
  note: r.note,
  holderName: r.holder_name,
  holderRelation: r.holder_relation,
  bankName: r.bank_name,
  accountKind: r.account_kind,
  accountNumber: r.account_number,
  problem: r.problem,
  status: r.status,
  failReason: r.fail_reason,
  resultAt: r.result_at,
  resultBy: r.result_by,
  retryRound: r.retry_round,
  retryHolderName: r.retry_holder_name,
  retryBankName: r.retry_bank_name,
  retryAccountNumber: r.retry_account_number,
  retriedAt: r.retried_at,
  retriedBy: r.retried_by,
});

/** The paying rows by 序号, then the rows kept out in roster order (village, group, household). */
const ROW_ORDER = 'ORDER BY seq = 0, seq, village_id, group_name, household_id';

/** The rows of a batch: the bank file's rows by 序号, then the excluded ones. */
export function listPaymentRows(db: Db, batchId: number): PaymentRowRecord[] {
  return (db.prepare(`SELECT * FROM payment_rows WHERE batch_id = ? ${ROW_ORDER}`).all(batchId) as RawRow[]).map(toRow);
}

/** One page of a batch's rows in the order of listPaymentRows (the screen pages through a county's 8,000 rows). */
export function pagePaymentRows(db: Db, batchId: number, limit: number, offset: number): PaymentRowRecord[] {
  return (db.prepare(`SELECT * FROM payment_rows WHERE batch_id = ? ${ROW_ORDER} LIMIT ? OFFSET ?`).all(batchId, limit, offset) as RawRow[]).map(toRow);
}

/** The first rows kept out of the bank file at generation (problem set, never retried), for the warning list. */
export function problemRows(db: Db, batchId: number, limit: number): PaymentRowRecord[] {
  return (
    db.prepare(`SELECT * FROM payment_rows WHERE batch_id = ? AND problem IS NOT NULL AND retry_round = 0 ${ROW_ORDER} LIMIT ?`).all(batchId, limit) as RawRow[]
  ).map(toRow);
}

export type BatchStats = {
  counts: Record<PaymentRowStatus, number>;
  rows: number;
  /** Rows not excluded: in the bank file or a retry file. */
  paying: { households: number; amount: number };
  /** Kept out at generation and never retried. */
  excluded: { households: number; amount: number };
};

/** Counts and sums of a batch in SQL, so a summary never loads the batch's rows. Amounts are not rounded here. */
export function batchStats(db: Db, batchId: number): BatchStats {
  const byStatus = db
    .prepare('SELECT status, count(*) AS n, total(amount) AS amount FROM payment_rows WHERE batch_id = ? GROUP BY status')
    .all(batchId) as { status: PaymentRowStatus; n: number; amount: number }[];
  const counts: Record<PaymentRowStatus, number> = { pending: 0, paid: 0, failed: 0, excluded: 0 };
  const paying = { households: 0, amount: 0 };
  for (const s of byStatus) {
    counts[s.status] = s.n;
    if (s.status !== 'excluded') {
      paying.households += s.n;
      paying.amount += s.amount;
    }
  }
  const excluded = db
    .prepare('SELECT count(*) AS households, total(amount) AS amount FROM payment_rows WHERE batch_id = ? AND problem IS NOT NULL AND retry_round = 0')
    .get(batchId) as { households: number; amount: number };
  return { counts, rows: byStatus.reduce((n, s) => n + s.n, 0), paying, excluded };
}

/**
 * The rows in the bank file (problem not set: the rows with a 序号) in 序号 order, with their frozen members' classes
 * and amounts, for the totals by village and class. Read raw and parsed in JS: summing the members with json_each in
 * SQL re-parsed every member (47 ms for 8,000 households against 20 ms for this).
 */
export function batchTotalSource(db: Db, batchId: number): { villageName: string; amount: number; members: { class: string; amount: number }[] }[] {
  const rows = cachedStatement(db, 'SELECT village_name, amount, members_json FROM payment_rows WHERE batch_id = ? AND problem IS NULL ORDER BY seq')
    .raw(true)
    .all(batchId) as [string, number, string][];
  return rows.map(([villageName, amount, members]) => ({ villageName, amount, members: JSON.parse(members) as { class: string; amount: number }[] }));
}

export function setRowResult(db: Db, id: number, status: 'paid' | 'failed', reason: string | null, at: string, by: string): void {
  db.prepare('UPDATE payment_rows SET status = ?, fail_reason = ?, result_at = ?, result_by = ? WHERE id = ?').run(status, reason, at, by, id);
}

export function setRowRetry(db: Db, id: number, r: { round: number; holderName: string; bankName: string; accountNumber: string; at: string; by: string }): void {
  db.prepare(
    `UPDATE payment_rows SET status = 'pending', fail_reason = NULL, retry_round = ?, retry_holder_name = ?, retry_bank_name = ?, retry_account_number = ?,
       retried_at = ?, retried_by = ? WHERE id = ?`,
  ).run(r.round, r.holderName, r.bankName, r.accountNumber, r.at, r.by, id);
}

// ---------------------------------------------------------------- bank return files

export function hasReturn(db: Db, batchId: number, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM payment_returns WHERE batch_id = ? AND sha256 = ?').get(batchId, sha256) !== undefined;
}

export function insertReturn(db: Db, r: { batchId: number; fileName: string; sha256: string; rows: number; paid: number; failed: number; at: string; by: string }): void {
  db.prepare('INSERT INTO payment_returns (batch_id, file_name, sha256, rows, paid, failed, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.batchId,
    r.fileName,
    r.sha256,
    r.rows,
    r.paid,
    r.failed,
    r.at,
    r.by,
  );
}

export function listReturns(db: Db, batchId: number): { fileName: string; rows: number; paid: number; failed: number; importedAt: string; importedBy: string }[] {
  return db
    .prepare('SELECT file_name AS fileName, rows, paid, failed, imported_at AS importedAt, imported_by AS importedBy FROM payment_returns WHERE batch_id = ? ORDER BY id')
    .all(batchId) as { fileName: string; rows: number; paid: number; failed: number; importedAt: string; importedBy: string }[];
}
