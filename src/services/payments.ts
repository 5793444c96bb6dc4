// 低保金发放 (issue 7): bank accounts per household, the monthly payment roster frozen as a batch, the bank file and
// the printed 花名册, the bank's return file and the retry list. Who is paid and how much comes from the recipient
// roster (services/roster.ts); this module only decides which month a line is paid in and into which account.
//
// Account numbers go to the database, the audit table and the office's own screens and files: never to a log.
import {
  AppError,
  type BankAccountView,
  type PaymentBatchSummary,
  type PaymentBatchView,
  type PaymentPreview,
  type PaymentProblemRow,
  type PaymentRowPage,
  type PaymentRowView,
  PAYMENT_PROBLEM_LIST_LIMIT,
  PAYMENT_ROWS_PAGE_SIZE,
  type PaymentTotals,
  type RetryItem,
  type ReturnCommitResult,
  type ReturnMapping,
  type ReturnPreview,
} from '../contract';
import { formatAccountNumber, normaliseAccountNumber, validateAccountNumber, type AccountKind } from '../domain/bank-account';
import { addMonthsToMonth } from '../domain/roster';
import { formatChineseMonth } from '../documents';
import type { PaymentRosterData } from '../documents/templates/payment-roster';
import { renderPaymentRosterOffThread } from '../exchange/maintenance-runner';
import { SheetError } from '../exchange/department-import';
import { guessReturnMapping, parseReturnStatus, paymentWorkbook, readReturnSheet, type BankFileRow, type ReturnSheet } from '../exchange/payment-xlsx';
import { sheetIdentity } from '../exchange/xlsx/identity';
import {
  allBankAccounts,
  batchStats,
  batchTotalSource,
  cancelBatch,
  getBankAccount,
  getBatch,
  hasReturn,
  insertBatch,
  insertPlannedRows,
  insertReturn,
  listBatches,
  listPaymentRows,
  listReturns,
  membersOf,
  pagePaymentRows,
  planSummary,
  problemRows,
  putBankAccount,
  setRowResult,
  setRowRetry,
  type BankAccountRow,
  type BatchRow,
  type BatchStats,
  type WrittenRow,
  type PlanFunctions,
  type PlanInput,
  type PaymentRowRecord,
} from '../store/payments';
import { listVillages } from '../store/villages';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { noProgress } from './progress';
import { getDocumentSettings, renderOptionsOf } from './document-settings';
import { requireHousehold } from './households';
import { syncRoster } from './roster';
import { getOfficeSettings } from './settings';

/** The contract already limits these commands to office roles; the check here keeps a direct call honest too. */
function requireOfficeRole(ctx: Ctx): void {
  if (ctx.actor.role === 'cadre') throw new AppError('FORBIDDEN', '村干部不能查看银行账号和低保金发放花名册');
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const monthOf = (iso: string) => today(() => new Date(iso)).slice(0, 7);

// ---------------------------------------------------------------- bank accounts

function accountProblem(a: BankAccountRow, members: { id: number }[]): string | null {
  return accountProblemOf(a, a.holderPersonId !== null && members.some((m) => m.id === a.holderPersonId));
}

function accountProblemOf(a: BankAccountRow, holderIsMember: boolean): string | null {
  if (a.holderPersonId === null || !holderIsMember) return `开户人「${a.holderName}」已不是本户成员，请更正银行账户`;
  const v = validateAccountNumber(a.accountNumber, a.kind);
  return v.ok ? null : v.error;
}

function accountView(ctx: Ctx, householdId: number): BankAccountView | null {
  const a = getBankAccount(ctx.db, householdId);
  if (!a) return null;
  const members = membersOf(ctx.db, householdId);
  return { ...a, holderRelation: members.find((m) => m.id === a.holderPersonId)?.relation ?? null, problem: accountProblem(a, members) };
}

export function bankAccountGet(ctx: Ctx, input: { householdId: number }): BankAccountView | null {
  requireOfficeRole(ctx);
  requireHousehold(ctx, input.householdId);
  return accountView(ctx, input.householdId);
}

export function bankAccountSave(ctx: Ctx, input: { householdId: number; holderPersonId: number; bankName: string; kind: AccountKind; accountNumber: string }): BankAccountView {
  requireOfficeRole(ctx);
  return ctx.db.transaction(() => {
    const h = requireHousehold(ctx, input.householdId);
    const holder = h.members.find((m) => m.id === input.holderPersonId);
    if (!holder) throw new AppError('VALIDATION', '开户人须为本户成员', [{ path: 'holderPersonId', message: '开户人须为本户成员' }]);
    const v = validateAccountNumber(input.accountNumber, input.kind);
    if (!v.ok) throw new AppError('VALIDATION', v.error, [{ path: 'accountNumber', message: v.error }]);
    const before = getBankAccount(ctx.db, h.id);
    const after = { holderPersonId: holder.id, holderName: holder.name, bankName: input.bankName.trim(), kind: input.kind, accountNumber: v.value };
    putBankAccount(ctx.db, { householdId: h.id, ...after, updatedAt: nowIso(ctx.clock), updatedBy: ctx.actor.name });
    audit(
      ctx,
      'bank-account-save',
      'household',
      h.id,
      before ? { holderPersonId: before.holderPersonId, holderName: before.holderName, bankName: before.bankName, kind: before.kind, accountNumber: before.accountNumber } : null,
      after,
    );
    return accountView(ctx, h.id)!;
  })();
}

// ---------------------------------------------------------------- who is paid in a month

/**
 * The rules a month's plan runs in SQL (store/payments.ts `planSql`) but that belong to the domain: the account
 * number's check, the local month of a stop (as `today()` reads a timestamp), the month label, cent rounding.
 */
const PLAN_FUNCTIONS: PlanFunctions = {
  accountProblem: (accountNumber, kind) => {
    const v = validateAccountNumber(accountNumber, kind);
    return v.ok ? null : v.error;
  },
  localMonth: monthOf,
  chineseMonth: formatChineseMonth,
  round2,
};

/**
 * Who is paid in `month` (spec §9): payment start on or before it (the month after approval); within a gradual
 * exit's end month; for a stopped household, not after the month of its stop (the stop notice stops from the
 * following month). A household whose new amount starts later keeps last month's frozen amount until then.
 * Planned as one set in SQL over the roster's entries (issue 13), after the roster cache is brought up to date.
 */
function planInput(ctx: Ctx, month: string, villageId: number | null): PlanInput {
  syncRoster(ctx);
  return { month, previousMonth: addMonthsToMonth(month, -1), villageId };
}

function scopeLabel(ctx: Ctx, villageId: number | null): string {
  if (villageId === null) return '全镇';
  const v = listVillages(ctx.db).find((x) => x.id === villageId);
  if (!v) throw new AppError('NOT_FOUND', '找不到该村（社区）');
  return v.name;
}

function overlapping(ctx: Ctx, month: string, villageId: number | null): BatchRow | null {
  return listBatches(ctx.db, month).find((b) => b.status === 'active' && (villageId === null || b.villageId === null || b.villageId === villageId)) ?? null;
}

// ---------------------------------------------------------------- views

/** A batch's summary from counts and sums in SQL: a list of batches never loads their rows (issue 13). */
function summaryOf(ctx: Ctx, b: BatchRow, stats: BatchStats = batchStats(ctx.db, b.id)): PaymentBatchSummary {
  return {
    id: b.id,
    month: b.month,
    villageId: b.villageId,
    scope: b.villageName ?? '全镇',
    status: b.status,
    generatedAt: b.generatedAt,
    generatedBy: b.generatedBy,
    cancelledAt: b.cancelledAt,
    cancelledBy: b.cancelledBy,
    cancelReason: b.cancelReason,
    households: stats.paying.households,
    amount: round2(stats.paying.amount),
    counts: { ...stats.counts },
  };
}

const rowView = (r: PaymentRowRecord): PaymentRowView => ({
  id: r.id,
  seq: r.seq,
  householdId: r.householdId,
  villageId: r.villageId,
  villageName: r.villageName,
  groupName: r.groupName,
  headName: r.headName,
  headIdNumber: r.headIdNumber,
  members: r.members.map((m) => ({ name: m.name, idNumber: m.idNumber, class: m.class, amount: m.amount })),
  classes: r.classes,
  amount: r.amount,
  note: r.note,
  holderName: r.holderName,
  holderRelation: r.holderRelation,
  bankName: r.bankName,
  accountNumber: r.accountNumber,
  problem: r.problem,
  status: r.status,
  failReason: r.failReason,
  retryRound: r.retryRound,
  retryBankName: r.retryBankName,
  retryAccountNumber: r.retryAccountNumber,
});

/** Totals by village (in roster order) and by class, over the given rows. */
export function totalsOf(rows: readonly { villageName: string; amount: number; members: readonly { class: string; amount: number }[] }[]): PaymentTotals {
  const byVillage = new Map<string, { villageName: string; households: number; persons: number; amount: number }>();
  const byClass = new Map<string, { class: string; persons: number; amount: number }>();
  for (const r of rows) {
    const v = byVillage.get(r.villageName) ?? { villageName: r.villageName, households: 0, persons: 0, amount: 0 };
    v.households++;
    v.persons += r.members.length;
    v.amount = round2(v.amount + r.amount);
    byVillage.set(r.villageName, v);
    for (const m of r.members) {
      const c = byClass.get(m.class) ?? { class: m.class, persons: 0, amount: 0 };
      c.persons++;
      c.amount = round2(c.amount + m.amount);
      byClass.set(m.class, c);
    }
  }
  return {
    households: rows.length,
    persons: rows.reduce((n, r) => n + r.members.length, 0),
    amount: round2(rows.reduce((s, r) => s + r.amount, 0)),
    byVillage: [...byVillage.values()],
    byClass: [...byClass.values()].sort((a, b) => a.class.localeCompare(b.class)),
  };
}

function requireBatch(ctx: Ctx, id: number): BatchRow {
  const b = getBatch(ctx.db, id);
  if (!b) throw new AppError('NOT_FOUND', '找不到该发放批次');
  return b;
}

/** The bank-file totals (rows without a problem), by village in 序号 order and by class. */
function batchTotals(ctx: Ctx, id: number): PaymentTotals {
  return totalsOf(batchTotalSource(ctx.db, id));
}

/**
 * A batch's figures from its rows as just generated, as batchStats and batchTotals would read them back: every row
 * is 'pending' (no problem: in the bank file) or 'excluded' (kept out, never retried yet).
 */
function generatedFigures(written: readonly WrittenRow[]): { stats: BatchStats; totals: PaymentTotals } {
  const paying = { households: 0, amount: 0 };
  const excluded = { households: 0, amount: 0 };
  const inFile: { seq: number; villageName: string; amount: number; members: { class: string; amount: number }[] }[] = [];
  for (const [seq, villageName, amount, problem, membersJson] of written) {
    if (problem !== null) {
      excluded.households++;
      excluded.amount += amount;
      continue;
    }
    paying.households++;
    paying.amount += amount;
    inFile.push({ seq, villageName, amount, members: JSON.parse(membersJson) as { class: string; amount: number }[] });
  }
  inFile.sort((a, b) => a.seq - b.seq);
  return {
    stats: { counts: { pending: paying.households, paid: 0, failed: 0, excluded: excluded.households }, rows: written.length, paying, excluded },
    totals: totalsOf(inFile),
  };
}

const problemView = (r: PaymentRowRecord): PaymentProblemRow => ({
  id: r.id,
  householdId: r.householdId,
  villageName: r.villageName,
  headName: r.headName,
  amount: r.amount,
  problem: r.problem ?? '',
});

/** Summary, totals and the first page: a county batch's 8,000 rows stay on the server until paged to (issue 13). */
function batchView(ctx: Ctx, id: number, figures: { stats: BatchStats; totals?: PaymentTotals } = { stats: batchStats(ctx.db, id) }): PaymentBatchView {
  const b = requireBatch(ctx, id);
  const { stats } = figures;
  return {
    batch: summaryOf(ctx, b, stats),
    rows: pagePaymentRows(ctx.db, id, PAYMENT_ROWS_PAGE_SIZE, 0).map(rowView),
    rowCount: stats.rows,
    pageSize: PAYMENT_ROWS_PAGE_SIZE,
    totals: figures.totals ?? batchTotals(ctx, id),
    excluded: { households: stats.excluded.households, amount: round2(stats.excluded.amount) },
    problems: problemRows(ctx.db, id, PAYMENT_PROBLEM_LIST_LIMIT).map(problemView),
    returns: listReturns(ctx.db, id),
  };
}

export function paymentBatchRows(ctx: Ctx, input: { batchId: number; page: number; pageSize: number }): PaymentRowPage {
  requireOfficeRole(ctx);
  requireBatch(ctx, input.batchId);
  const total = batchStats(ctx.db, input.batchId).rows;
  return {
    batchId: input.batchId,
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: pagePaymentRows(ctx.db, input.batchId, input.pageSize, (input.page - 1) * input.pageSize).map(rowView),
  };
}

// ---------------------------------------------------------------- generating a month

export function paymentPreview(ctx: Ctx, input: { month: string; villageId: number | null }): PaymentPreview {
  requireOfficeRole(ctx);
  const scope = scopeLabel(ctx, input.villageId);
  const plan = planSummary(ctx.db, PLAN_FUNCTIONS, planInput(ctx, input.month, input.villageId), PAYMENT_PROBLEM_LIST_LIMIT);
  const blocking = overlapping(ctx, input.month, input.villageId);
  return {
    month: input.month,
    scope,
    households: plan.paying.households,
    amount: round2(plan.paying.amount),
    problemCount: plan.problems.households,
    problemAmount: round2(plan.problems.amount),
    problems: plan.firstProblems,
    blocking: blocking ? summaryOf(ctx, blocking) : null,
  };
}

/** Freezes the month's roster as a batch. One active batch per month and scope: a second needs the first cancelled. */
export function paymentGenerate(ctx: Ctx, input: { month: string; villageId: number | null }): PaymentBatchView {
  requireOfficeRole(ctx);
  const generated = ctx.db.transaction(() => {
    const scope = scopeLabel(ctx, input.villageId);
    const blocking = overlapping(ctx, input.month, input.villageId);
    if (blocking) {
      throw new AppError(
        'CONFLICT',
        `${formatChineseMonth(input.month)}已生成发放批次（${blocking.villageName ?? '全镇'}，第${blocking.id}批）。如需重新生成，请先作废该批次并写明原因`,
      );
    }
    const plan = planInput(ctx, input.month, input.villageId);
    const batchId = insertBatch(ctx.db, { month: input.month, villageId: input.villageId, generatedAt: nowIso(ctx.clock), generatedBy: ctx.actor.name });
    // The rows in one INSERT … SELECT; nothing to pay rolls the batch back with the error.
    const written = insertPlannedRows(ctx.db, PLAN_FUNCTIONS, { ...plan, batchId, monthLabel: `${formatChineseMonth(input.month)}低保金` });
    if (written.length === 0) throw new AppError('WORKFLOW', `${formatChineseMonth(input.month)}${scope}没有应发放低保金的家庭`);
    const figures = generatedFigures(written);
    const { stats } = figures;
    audit(ctx, 'payment-generate', 'payment-batch', batchId, null, {
      month: input.month,
      villageId: input.villageId,
      households: stats.paying.households,
      amount: round2(stats.paying.amount),
      excluded: stats.counts.excluded,
    });
    return { batchId, figures };
  })();
  // The figures just made serve the view too: each read-back is a pass over the batch's 8,000 rows at county scale.
  return batchView(ctx, generated.batchId, generated.figures);
}

export function paymentBatchList(ctx: Ctx, input: { month: string | null }): PaymentBatchSummary[] {
  requireOfficeRole(ctx);
  return listBatches(ctx.db, input.month).map((b) => summaryOf(ctx, b));
}

export function paymentBatchGet(ctx: Ctx, input: { batchId: number }): PaymentBatchView {
  requireOfficeRole(ctx);
  return batchView(ctx, input.batchId);
}

export function paymentBatchCancel(ctx: Ctx, input: { batchId: number; reason: string }): PaymentBatchView {
  requireOfficeRole(ctx);
  ctx.db.transaction(() => {
    const b = requireBatch(ctx, input.batchId);
    if (b.status !== 'active') throw new AppError('WORKFLOW', '该批次已作废');
    const { counts } = batchStats(ctx.db, b.id);
    if (counts.paid + counts.failed > 0) throw new AppError('WORKFLOW', '该批次已导入银行回盘，款项已经发出，不能作废');
    cancelBatch(ctx.db, b.id, nowIso(ctx.clock), ctx.actor.name, input.reason.trim());
    audit(ctx, 'payment-batch-cancel', 'payment-batch', b.id, { status: 'active' }, { status: 'cancelled', reason: input.reason.trim() });
  })();
  return batchView(ctx, input.batchId);
}

// ---------------------------------------------------------------- files

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

function officeMeta(ctx: Ctx) {
  const office = getOfficeSettings(ctx);
  return { township: office?.townshipName ?? '', office: office?.officeName ?? '民政所' };
}

const bankRow = (r: PaymentRowRecord, seq: number, retry: boolean): BankFileRow => ({
  seq,
  headName: r.headName,
  idNumber: r.headIdNumber,
  accountNumber: (retry ? r.retryAccountNumber : r.accountNumber) ?? '',
  bankName: (retry ? r.retryBankName : r.bankName) ?? '',
  amount: r.amount,
  note: retry ? `${r.note ?? ''}；补发${r.retryHolderName && r.retryHolderName !== r.headName ? `（开户人：${r.retryHolderName}）` : ''}` : (r.note ?? ''),
});

function pdfData(ctx: Ctx, b: BatchRow, rows: PaymentRowRecord[], excluded: PaymentRowRecord[], kind: string | undefined, retry: boolean): PaymentRosterData {
  const totals = totalsOf(rows);
  return {
    township: officeMeta(ctx).township,
    month: b.month,
    scope: b.villageName ?? '全镇',
    batchLabel: `第${b.id}批`,
    fillDate: today(ctx.clock),
    preparedBy: ctx.actor.name,
    ...(kind ? { kind } : {}),
    rows: rows.map((r, i) => ({
      seq: retry ? i + 1 : r.seq,
      village: r.villageName,
      headName: r.headName,
      idNumber: r.headIdNumber,
      members: r.members.map((m) => `${m.name}（${m.class}）`).join('、'),
      accountNumber: formatAccountNumber((retry ? r.retryAccountNumber : r.accountNumber) ?? ''),
      bankName: (retry ? r.retryBankName : r.bankName) ?? '',
      amount: r.amount,
    })),
    byVillage: totals.byVillage,
    byClass: totals.byClass,
    totals: { households: totals.households, persons: totals.persons, amount: totals.amount },
    excluded: excluded.map((r) => ({ village: r.villageName, headName: r.headName, amount: r.amount, problem: r.problem ?? '' })),
  };
}

export async function paymentExport(ctx: Ctx, input: { batchId: number; format: 'xlsx' | 'pdf' }): Promise<{ fileName: string; base64: string }> {
  requireOfficeRole(ctx);
  const b = requireBatch(ctx, input.batchId);
  if (b.status !== 'active') throw new AppError('WORKFLOW', '该批次已作废，不能再导出');
  const progress = ctx.progress ?? noProgress;
  progress(0.02, '读取发放批次');
  const all = listPaymentRows(ctx.db, b.id);
  const rows = all.filter((r) => r.problem === null);
  const excluded = all.filter((r) => r.problem !== null);
  const scope = b.villageName ?? '全镇';
  const base = `低保金发放花名册_${b.month}_${safe(scope)}_第${b.id}批`;
  let bytes: Buffer;
  progress(0.1, input.format === 'xlsx' ? '生成 Excel 文件' : '排版 PDF 文件');
  if (input.format === 'xlsx') {
    const meta = officeMeta(ctx);
    bytes = await paymentWorkbook(
      rows.map((r) => bankRow(r, r.seq, false)),
      totalsOf(rows),
      { title: `${meta.township}${formatChineseMonth(b.month)}低保金发放花名册（${scope}）`, office: meta.office, generatedAt: nowIso(ctx.clock), today: today(ctx.clock) },
    );
  } else {
    const options = renderOptionsOf(getDocumentSettings(ctx));
    // Laid out in the maintenance worker: seconds at county scale, while the server keeps answering (issue 13).
    bytes = await renderPaymentRosterOffThread(pdfData(ctx, b, rows, excluded, undefined, false), options);
  }
  audit(ctx, 'payment-export', 'payment-batch', b.id, null, { format: input.format, households: rows.length });
  return { fileName: `${base}.${input.format}`, base64: bytes.toString('base64') };
}

// ---------------------------------------------------------------- the bank's return file

const effectiveAccount = (r: PaymentRowRecord) => r.retryAccountNumber ?? r.accountNumber;

type Update = { rowId: number; status: 'paid' | 'failed'; reason: string | null };

async function readSheet(input: { base64: string; sheetName: string | null }): Promise<{ sheet: ReturnSheet; sha256: string }> {
  const bytes = Buffer.from(input.base64, 'base64');
  try {
    const sheet = await readReturnSheet(bytes, input.sheetName);
    return { sheet, sha256: sheetIdentity(bytes, sheet) };
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('VALIDATION', err.message);
    throw err;
  }
}

/** Matches every return row to a batch row by account; reads the batch rows itself so a commit sees the latest state. */
function matchReturn(ctx: Ctx, batchId: number, fileName: string, sheet: ReturnSheet, mapping: ReturnMapping, sha256: string): { preview: ReturnPreview; updates: Update[] } {
  const b = requireBatch(ctx, batchId);
  if (b.status !== 'active') throw new AppError('WORKFLOW', '该批次已作废，不能导入回盘');
  const rows = listPaymentRows(ctx.db, b.id);
  const byAccount = new Map<string, PaymentRowRecord>();
  for (const r of rows) {
    const a = effectiveAccount(r);
    if (a && (r.status !== 'excluded' || r.retryRound > 0)) byAccount.set(a, r);
  }
  const header = (i: number | null) => (i === null ? null : (sheet.headers[i] ?? `第${i + 1}列`));
  const problems: ReturnPreview['problems'] = [];
  const items: ReturnPreview['items'] = [];
  const updates: Update[] = [];
  if (mapping.account === null) problems.push({ row: 1, column: null, message: '找不到「账号」列，请在列对应中指定' });
  if (mapping.status === null && mapping.reason === null) problems.push({ row: 1, column: null, message: '找不到「状态/处理结果」或「失败原因」列，无法判断是否发放成功' });
  const seen = new Set<string>();
  let unchanged = 0;
  if (problems.length === 0) {
    for (const sr of sheet.rows) {
      const cell = (i: number | null) => (i === null ? '' : (sr.cells[i] ?? '').trim());
      const problem = (col: number | null, message: string) => problems.push({ row: sr.rowNumber, column: header(col), message });
      const account = normaliseAccountNumber(cell(mapping.account));
      if (account === '') {
        if (/合计|总计/.test(sr.cells.join(''))) continue; // a bank's own total line
        problem(mapping.account, '账号为空');
        continue;
      }
      if (sr.lossy.includes(mapping.account!)) {
        problem(mapping.account, '账号被存成了数字，末几位已丢失：请银行将账号列设为文本后重新导出');
        continue;
      }
      const row = byAccount.get(account);
      if (!row) {
        problem(mapping.account, `账号 ${formatAccountNumber(account)} 不在本批次的代发名单中`);
        continue;
      }
      if (seen.has(account)) {
        problem(mapping.account, `账号 ${formatAccountNumber(account)} 在回盘文件中出现多次`);
        continue;
      }
      seen.add(account);
      let bad = false;
      if (mapping.amount !== null) {
        const text = cell(mapping.amount).replace(/[,，元\s]/g, '');
        const amount = Number(text);
        if (text === '' || !Number.isFinite(amount)) {
          problem(mapping.amount, `金额「${cell(mapping.amount)}」无法识别`);
          bad = true;
        } else if (Math.abs(amount - row.amount) > 0.005) {
          problem(mapping.amount, `金额 ${amount.toFixed(2)} 与本批次${row.headName}户应发金额 ${row.amount.toFixed(2)} 不一致`);
          bad = true;
        }
      }
      const name = cell(mapping.name);
      const holder = row.retryRound > 0 ? row.retryHolderName : row.holderName;
      if (name && name !== holder && name !== row.headName) {
        problem(mapping.name, `户名「${name}」与开户人「${holder ?? ''}」不一致`);
        bad = true;
      }
      const statusText = cell(mapping.status);
      const reasonText = cell(mapping.reason) || null;
      let result = parseReturnStatus(statusText);
      if (result === null) {
        if (statusText !== '') {
          problem(mapping.status, `处理结果「${statusText}」无法识别（应为成功或失败）`);
          bad = true;
        } else if (mapping.status !== null && reasonText === null) {
          problem(mapping.status, '处理结果为空');
          bad = true;
        } else result = reasonText ? 'failed' : 'paid';
      }
      if (bad || result === null) continue;
      const reason = result === 'failed' ? (reasonText ?? '银行未说明失败原因') : null;
      if (row.status === result && (result === 'paid' || row.failReason === reason)) {
        unchanged++;
        items.push({ row: sr.rowNumber, headName: row.headName, accountNumber: account, amount: row.amount, result, reason, change: 'unchanged' });
        continue;
      }
      if (row.status === 'paid') {
        problem(mapping.status, `${row.headName}户已记为发放成功，本文件却为失败，请与银行核实`);
        continue;
      }
      updates.push({ rowId: row.id, status: result, reason });
      items.push({ row: sr.rowNumber, headName: row.headName, accountNumber: account, amount: row.amount, result, reason, change: 'new' });
    }
    if (sheet.rows.length === 0) problems.push({ row: 1, column: null, message: '回盘文件没有数据行' });
  }
  return {
    preview: {
      fileName,
      sheets: sheet.sheets,
      sheetName: sheet.sheetName,
      headers: sheet.headers,
      mapping,
      dataRows: sheet.rows.length,
      paid: updates.filter((u) => u.status === 'paid').length,
      failed: updates.filter((u) => u.status === 'failed').length,
      unchanged,
      problems,
      alreadyImported: hasReturn(ctx.db, b.id, sha256),
      items,
    },
    updates,
  };
}

type ReturnInput = { batchId: number; fileName: string; base64: string; sheetName: string | null; mapping: ReturnMapping | null };

export async function paymentReturnPreview(ctx: Ctx, input: ReturnInput): Promise<ReturnPreview> {
  requireOfficeRole(ctx);
  requireBatch(ctx, input.batchId);
  const { sheet, sha256 } = await readSheet(input);
  return matchReturn(ctx, input.batchId, input.fileName, sheet, input.mapping ?? guessReturnMapping(sheet.headers), sha256).preview;
}

/** All or nothing: any problem refuses the whole file; the same file again changes nothing. */
export async function paymentReturnCommit(ctx: Ctx, input: ReturnInput): Promise<ReturnCommitResult> {
  requireOfficeRole(ctx);
  requireBatch(ctx, input.batchId);
  const { sheet, sha256 } = await readSheet(input);
  const mapping = input.mapping ?? guessReturnMapping(sheet.headers);
  return ctx.db.transaction(() => {
    const { preview, updates } = matchReturn(ctx, input.batchId, input.fileName, sheet, mapping, sha256);
    if (preview.alreadyImported) return { paid: 0, failed: 0, unchanged: preview.dataRows, alreadyImported: true };
    if (preview.problems.length > 0) {
      const first = preview.problems.slice(0, 3).map((p) => `第${p.row}行${p.column ? `「${p.column}」` : ''}：${p.message}`);
      throw new AppError('VALIDATION', `回盘文件有${preview.problems.length}处问题，未导入任何记录。${first.join('；')}${preview.problems.length > 3 ? '……' : ''}`);
    }
    const at = nowIso(ctx.clock);
    for (const u of updates) setRowResult(ctx.db, u.rowId, u.status, u.reason, at, ctx.actor.name);
    insertReturn(ctx.db, { batchId: input.batchId, fileName: input.fileName, sha256, rows: preview.dataRows, paid: preview.paid, failed: preview.failed, at, by: ctx.actor.name });
    audit(ctx, 'payment-return-import', 'payment-batch', input.batchId, null, {
      fileName: input.fileName,
      sha256,
      paid: preview.paid,
      failed: preview.failed,
      unchanged: preview.unchanged,
      failedHouseholds: preview.items.filter((i) => i.change === 'new' && i.result === 'failed').map((i) => i.headName),
    });
    return { paid: preview.paid, failed: preview.failed, unchanged: preview.unchanged, alreadyImported: false };
  })();
}

// ---------------------------------------------------------------- retry list

function retryItems(ctx: Ctx, batchId: number): RetryItem[] {
  const rows = listPaymentRows(ctx.db, batchId).filter((r) => r.status === 'failed' || r.status === 'excluded' || (r.status === 'pending' && r.retryRound > 0));
  const accounts = allBankAccounts(ctx.db);
  return rows.map((r) => {
    const a = accounts.get(r.householdId) ?? null;
    const problem = a ? accountProblem(a, membersOf(ctx.db, r.householdId)) : '未登记银行账户';
    const current = a && problem === null ? { holderName: a.holderName, bankName: a.bankName, accountNumber: a.accountNumber } : null;
    const base = { row: rowView(r), current };
    if (r.status === 'pending') return { ...base, fix: 'sent', advice: `已列入第${r.retryRound}轮补发文件，等待银行回盘` };
    if (!current) return { ...base, fix: 'no-account', advice: `请先在家庭档案中登记或更正银行账户${problem && problem !== r.problem ? `（${problem}）` : ''}` };
    if (r.status === 'excluded') return { ...base, fix: 'account-added', advice: '可列入补发' };
    if (current.accountNumber !== effectiveAccount(r)) return { ...base, fix: 'account-changed', advice: '可列入补发' };
    return { ...base, fix: 'same-account', advice: '请先向银行或家庭核实失败原因（如账户冻结、户名不符），必要时更正账户后再补发' };
  });
}

export function paymentRetryList(ctx: Ctx, input: { batchId: number }): RetryItem[] {
  requireOfficeRole(ctx);
  requireBatch(ctx, input.batchId);
  return retryItems(ctx, input.batchId);
}

/**
 * A retry bank file: the failed and excluded rows that now have a usable account (corrected or unchanged), at the
 * frozen amount, into the account on file now. They wait for the next return file as a new round.
 */
export async function paymentRetryExport(ctx: Ctx, input: { batchId: number }): Promise<{ fileName: string; base64: string; rows: number }> {
  requireOfficeRole(ctx);
  const round = ctx.db.transaction(() => {
    const b = requireBatch(ctx, input.batchId);
    if (b.status !== 'active') throw new AppError('WORKFLOW', '该批次已作废');
    const rows = listPaymentRows(ctx.db, b.id);
    const ready = retryItems(ctx, b.id).filter((i) => i.current !== null && i.fix !== 'sent');
    const last = Math.max(0, ...rows.map((r) => r.retryRound));
    if (ready.length === 0) {
      if (last > 0 && rows.some((r) => r.retryRound === last)) return last; // the latest round's file again
      throw new AppError('WORKFLOW', '没有可以补发的记录：发放失败或未列入代发的家庭须先有有效的银行账户');
    }
    const next = last + 1;
    const at = nowIso(ctx.clock);
    for (const i of ready) setRowRetry(ctx.db, i.row.id, { round: next, holderName: i.current!.holderName, bankName: i.current!.bankName, accountNumber: i.current!.accountNumber, at, by: ctx.actor.name });
    audit(ctx, 'payment-retry-export', 'payment-batch', b.id, null, { round: next, households: ready.map((i) => i.row.headName), amount: round2(ready.reduce((s, i) => s + i.row.amount, 0)) });
    return next;
  })();
  const b = requireBatch(ctx, input.batchId);
  const rows = listPaymentRows(ctx.db, b.id).filter((r) => r.retryRound === round);
  const meta = officeMeta(ctx);
  const bytes = await paymentWorkbook(
    rows.map((r, i) => bankRow(r, i + 1, true)),
    totalsOf(rows),
    { title: `${meta.township}${formatChineseMonth(b.month)}低保金补发名单（${b.villageName ?? '全镇'}，第${round}轮）`, office: meta.office, generatedAt: nowIso(ctx.clock), today: today(ctx.clock) },
  );
  return { fileName: `低保金补发_${b.month}_${safe(b.villageName ?? '全镇')}_第${b.id}批_第${round}轮.xlsx`, base64: bytes.toString('base64'), rows: rows.length };
}
