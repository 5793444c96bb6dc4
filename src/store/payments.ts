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

export type HouseholdMember = { id: number; name: string; relation: string; idNumber: string };

/** What a month's payment needs of one household on the roll (payment preview/generate): no more. */
export type PayableHousehold = {
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string | null;
  /** The head's ID number: the member named as head with the relation 户主, else any 户主, else the first member. */
  headIdNumber: string | null;
  monthlyTotal: number;
  paymentStart: string | null;
  lines: RosterMemberLine[];
  /** The end month of the household's open gradual exit (渐退), if any. */
  gradualExitEnd: string | null;
  account: BankAccountRow | null;
  /** Whether the account's holder is still a member of the household, and the holder's relation if so. */
  holderIsMember: boolean;
  holderRelation: string | null;
};

/**
 * The roll's households (recipients and stopped ones, whose last months may still be due) in the roster's order
 * (village, group, household), with the head's ID number and the bank account and its holder, in ONE set-based
 * query driven by the roster's entries — not a scan of every household of the township, no query per household,
 * no list of every member (issue 13: the preview took 0.6 s at 100,000 persons).
 */
/** What only a batch reads: the head's ID number (see PayableHousehold) and the frozen member lines. */
const BATCH_COLUMNS = `coalesce(
         (SELECT p.id_number FROM persons p WHERE p.household_id = h.id AND p.relation = '户主' AND p.name IS hp.name ORDER BY p.position, p.id LIMIT 1),
         (SELECT p.id_number FROM persons p WHERE p.household_id = h.id AND p.relation = '户主' ORDER BY p.position, p.id LIMIT 1),
         (SELECT p.id_number FROM persons p WHERE p.household_id = h.id ORDER BY p.position, p.id LIMIT 1)) AS headIdNumber,
       e.lines_json AS linesJson`;

export function payableHouseholds(db: Db, villageId: number | null, purpose: 'batch' | 'preview' = 'batch'): PayableHousehold[] {
  // A preview counts and sums: the frozen member lines and the head's ID number are only read for a batch.
  const forBatch = purpose === 'batch';
  const rows = cachedStatement(
    db,
    `SELECT h.id AS householdId, h.village_id AS villageId, v.name AS villageName, h.group_name AS groupName, hp.name AS headName,
       ${forBatch ? BATCH_COLUMNS : 'NULL AS headIdNumber, NULL AS linesJson'},
       e.monthly_total AS monthlyTotal, e.payment_start AS paymentStart,
       (SELECT ge.end_month FROM gradual_exits ge WHERE ge.household_id = h.id AND ge.ended_at IS NULL ORDER BY ge.id DESC LIMIT 1) AS gradualExitEnd,
       ba.household_id AS accountHouseholdId, ba.holder_person_id AS holderPersonId, ba.holder_name AS holderName, ba.bank_name AS bankName,
       ba.kind, ba.account_number AS accountNumber, ba.previous_account_number AS previousAccountNumber, ba.previous_bank_name AS previousBankName,
       ba.updated_at AS updatedAt, ba.updated_by AS updatedBy, holder.household_id AS holderHouseholdId, holder.relation AS holderRelation
     FROM roster_entries e CROSS JOIN households h ON h.id = e.household_id JOIN villages v ON v.id = h.village_id
       LEFT JOIN persons hp ON hp.id = h.head_person_id
       LEFT JOIN bank_accounts ba ON ba.household_id = h.id
       LEFT JOIN persons holder ON holder.id = ba.holder_person_id
     WHERE h.status IN ('recipient','stopped') AND (? IS NULL OR h.village_id = ?)
     ORDER BY h.village_id, h.group_name, h.id`,
  ).all(villageId, villageId) as (Omit<PayableHousehold, 'lines' | 'account' | 'holderIsMember'> &
    Omit<BankAccountRow, 'householdId'> & { linesJson: string | null; accountHouseholdId: number | null; holderHouseholdId: number | null })[];
  return rows.map((r) => {
    const isMember = r.holderHouseholdId !== null && r.holderHouseholdId === r.householdId;
    return {
      householdId: r.householdId,
      villageId: r.villageId,
      villageName: r.villageName,
      groupName: r.groupName,
      headName: r.headName,
      headIdNumber: r.headIdNumber,
      monthlyTotal: r.monthlyTotal,
      paymentStart: r.paymentStart,
      lines: r.linesJson === null ? [] : (JSON.parse(r.linesJson) as RosterMemberLine[]),
      gradualExitEnd: r.gradualExitEnd,
      account:
        r.accountHouseholdId === null
          ? null
          : {
              householdId: r.accountHouseholdId,
              holderPersonId: r.holderPersonId,
              holderName: r.holderName,
              bankName: r.bankName,
              kind: r.kind,
              accountNumber: r.accountNumber,
              previousAccountNumber: r.previousAccountNumber,
              previousBankName: r.previousBankName,
              updatedAt: r.updatedAt,
              updatedBy: r.updatedBy,
            },
      holderIsMember: isMember,
      holderRelation: isMember ? r.holderRelation : null,
    };
  });
}

// ---------------------------------------------------------------- stops

/**
 * When each stopped household left the roll: its latest stop (a change or review case closed as stopped, or a
 * recipient refused at review), and the end month of its latest gradual exit if that one has ended.
 */
export function stopsOfHouseholds(db: Db): Map<number, { stoppedAt: string; gradualExitEnd: string | null }> {
  const rows = db
    .prepare(
      `SELECT h.id AS householdId,
         (SELECT max(ce.at) FROM case_events ce JOIN cases c ON c.id = ce.case_id
            WHERE c.household_id = h.id AND (ce.to_state = 'stopped' OR (ce.to_state = 'denied' AND c.kind = 'recipient-review'))) AS stoppedAt,
         (SELECT ge.end_month FROM gradual_exits ge WHERE ge.household_id = h.id AND ge.ended_at IS NOT NULL ORDER BY ge.id DESC LIMIT 1) AS gradualExitEnd
       FROM households h WHERE h.status = 'stopped'`,
    )
    .all() as { householdId: number; stoppedAt: string | null; gradualExitEnd: string | null }[];
  return new Map(rows.filter((r) => r.stoppedAt !== null).map((r) => [r.householdId, { stoppedAt: r.stoppedAt!, gradualExitEnd: r.gradualExitEnd }]));
}

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

export type PaymentRowWrite = Omit<PaymentRowRecord, 'id' | 'failReason' | 'resultAt' | 'resultBy' | 'retryRound' | 'retryHolderName' | 'retryBankName' | 'retryAccountNumber' | 'retriedAt' | 'retriedBy'>;

export function insertPaymentRow(db: Db, r: PaymentRowWrite): void {
  // Prepared once per connection: a county's batch is 8,000 inserts in one transaction.
  cachedStatement(db, 
    `INSERT INTO payment_rows (batch_id, seq, household_id, village_id, village_name, group_name, head_name, head_id_number, members_json, classes, amount, note,
       holder_name, holder_relation, bank_name, account_kind, account_number, problem, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.batchId,
    r.seq,
    r.householdId,
    r.villageId,
    r.villageName,
    r.groupName,
    r.headName,
    r.headIdNumber,
    JSON.stringify(r.members),
    r.classes,
    r.amount,
    r.note,
    r.holderName,
    r.holderRelation,
    r.bankName,
    r.accountKind,
    r.accountNumber,
    r.problem,
    r.status,
  );
}

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

const ROW_ORDER = 'ORDER BY seq = 0, seq, village_id, id';

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
 * Totals of the rows in the bank file (problem not set: they are the rows with a 序号), by village in 序号 order
 * and by class, summed in SQL over the frozen members.
 */
export function batchTotalRows(db: Db, batchId: number): {
  byVillage: { villageName: string; households: number; persons: number; amount: number }[];
  byClass: { class: string; persons: number; amount: number }[];
} {
  const byVillage = db
    .prepare(
      `SELECT village_name AS villageName, count(*) AS households, total(json_array_length(members_json)) AS persons, total(amount) AS amount
       FROM payment_rows WHERE batch_id = ? AND problem IS NULL GROUP BY village_name ORDER BY min(seq), min(id)`,
    )
    .all(batchId) as { villageName: string; households: number; persons: number; amount: number }[];
  const byClass = db
    .prepare(
      `SELECT json_extract(m.value, '$.class') AS class, count(*) AS persons, total(json_extract(m.value, '$.amount')) AS amount
       FROM payment_rows r, json_each(r.members_json) m WHERE r.batch_id = ? AND r.problem IS NULL GROUP BY 1`,
    )
    .all(batchId) as { class: string; persons: number; amount: number }[];
  return { byVillage, byClass };
}

/** The household's row in an active batch of the month, if any (a month's batches never overlap). */
export function paidRowOfMonth(db: Db, householdId: number, month: string): PaymentRowRecord | null {
  const r = db
    .prepare(
      `SELECT r.* FROM payment_rows r JOIN payment_batches b ON b.id = r.batch_id
       WHERE r.household_id = ? AND b.month = ? AND b.status = 'active' ORDER BY r.id DESC LIMIT 1`,
    )
    .get(householdId, month) as RawRow | undefined;
  return r ? toRow(r) : null;
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
