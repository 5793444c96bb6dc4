import { z } from 'zod';
import { OFFICE, command } from '../command';
import { scope } from '../scope';
import { idSchema, textString } from '../schemas';
import { sheetNameSchema, uploadBase64Schema } from '../uploads';

// 低保金发放 (issue 7): bank accounts, the monthly payment roster frozen as a batch, the bank's return file and the
// retry list. Office roles only: the rows carry full ID and account numbers (spec §9), which cadres never see.

export type AccountKindName = 'card' | 'passbook';

export type BankAccountView = {
  householdId: number;
  holderPersonId: number | null;
  holderName: string;
  holderRelation: string | null;
  bankName: string;
  kind: AccountKindName;
  accountNumber: string;
  previousAccountNumber: string | null;
  previousBankName: string | null;
  updatedAt: string;
  updatedBy: string;
  /** Why this account cannot be paid into now (e.g. the holder left the household); null when usable. */
  problem: string | null;
};

export type PaymentMember = { name: string; idNumber: string; class: string; amount: number };

export type PaymentRowStatusName = 'pending' | 'paid' | 'failed' | 'excluded';

export type PaymentRowView = {
  id: number;
  seq: number;
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string;
  headIdNumber: string;
  members: PaymentMember[];
  classes: string;
  amount: number;
  note: string | null;
  holderName: string | null;
  holderRelation: string | null;
  bankName: string | null;
  accountNumber: string | null;
  /** Why the row is kept out of the bank file. */
  problem: string | null;
  status: PaymentRowStatusName;
  failReason: string | null;
  retryRound: number;
  retryBankName: string | null;
  retryAccountNumber: string | null;
};

export type PaymentTotals = {
  households: number;
  persons: number;
  amount: number;
  byVillage: { villageName: string; households: number; persons: number; amount: number }[];
  byClass: { class: string; persons: number; amount: number }[];
};

export type PaymentBatchSummary = {
  id: number;
  month: string;
  villageId: number | null;
  /** 「全镇」 when the batch covers every village. */
  scope: string;
  status: 'active' | 'cancelled';
  generatedAt: string;
  generatedBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  households: number;
  amount: number;
  counts: Record<PaymentRowStatusName, number>;
};

/** Rows the screen lists at once; a county batch (8,000 households) is paged, never sent whole (issue 13). */
export const PAYMENT_ROWS_PAGE_SIZE = 50;
/** Problem households listed by name in a preview or batch; the counts and sums always cover all of them. */
export const PAYMENT_PROBLEM_LIST_LIMIT = 100;

export type PaymentProblemRow = { id: number; householdId: number; villageName: string; headName: string; amount: number; problem: string };

export type PaymentBatchView = {
  batch: PaymentBatchSummary;
  /** The first page of rows (bank-file rows by 序号, then the excluded ones); further pages via `payment-batch-rows`. */
  rows: PaymentRowView[];
  /** Every row of the batch, excluded ones included. */
  rowCount: number;
  pageSize: number;
  /** Over the rows in the bank file (the excluded ones are listed as problems, not paid). */
  totals: PaymentTotals;
  excluded: { households: number; amount: number };
  /** The first PAYMENT_PROBLEM_LIST_LIMIT households kept out of the bank file; `excluded` counts them all. */
  problems: PaymentProblemRow[];
  returns: { fileName: string; rows: number; paid: number; failed: number; importedAt: string; importedBy: string }[];
};

export type PaymentRowPage = { batchId: number; total: number; page: number; pageSize: number; rows: PaymentRowView[] };

export type PaymentPreview = {
  month: string;
  scope: string;
  households: number;
  amount: number;
  /** How many households have a problem; `problems` lists the first PAYMENT_PROBLEM_LIST_LIMIT of them. */
  problemCount: number;
  problemAmount: number;
  problems: { householdId: number; villageName: string; headName: string; amount: number; problem: string }[];
  /** An active batch of the month that overlaps this scope: generating is refused until it is cancelled. */
  blocking: PaymentBatchSummary | null;
};

export type ReturnField = 'account' | 'name' | 'amount' | 'status' | 'reason';
export type ReturnMapping = Record<ReturnField, number | null>;

export type ReturnPreview = {
  fileName: string;
  /** The visible worksheets of the file, and the one that was read. */
  sheets: string[];
  sheetName: string;
  headers: string[];
  mapping: ReturnMapping;
  dataRows: number;
  paid: number;
  failed: number;
  unchanged: number;
  /** Row (as Excel numbers it) and column header of each problem; any problem refuses the whole file. */
  problems: { row: number; column: string | null; message: string }[];
  alreadyImported: boolean;
  items: { row: number; headName: string; accountNumber: string; amount: number; result: 'paid' | 'failed'; reason: string | null; change: 'new' | 'unchanged' }[];
};

export type ReturnCommitResult = { paid: number; failed: number; unchanged: number; alreadyImported: boolean };

export type RetryItem = {
  row: PaymentRowView;
  /** The account on file now (it may have been corrected since the batch). */
  current: { holderName: string; bankName: string; accountNumber: string } | null;
  fix: 'account-changed' | 'account-added' | 'same-account' | 'no-account' | 'sent';
  /** What the clerk should do, in Chinese. */
  advice: string;
};

export const monthSchema = textString({ error: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');

const scopeSchema = z.object({ month: monthSchema, villageId: idSchema.nullish().transform((v) => v ?? null) });

const fileSchema = z.object({
  batchId: idSchema,
  fileName: textString().trim().min(1, '缺少文件名').max(200),
  base64: uploadBase64Schema('请选择银行回盘文件'),
  sheetName: sheetNameSchema,
  mapping: z
    .object({
      account: z.number().int().min(0).nullable(),
      name: z.number().int().min(0).nullable(),
      amount: z.number().int().min(0).nullable(),
      status: z.number().int().min(0).nullable(),
      reason: z.number().int().min(0).nullable(),
    })
    .nullish()
    .transform((v) => v ?? null),
});

export const bankAccountSchema = z.object({
  householdId: idSchema,
  holderPersonId: idSchema,
  bankName: textString({ error: '请填写开户行' }).trim().min(2, '请填写开户行（如：清河农商银行城关支行）').max(60, '开户行不超过60字'),
  kind: z.enum(['card', 'passbook'], { error: '请选择账户类型' }),
  accountNumber: textString({ error: '请填写银行账号' }).max(60, '银行账号过长'),
});

export const paymentCommands = {
  'bank-account-get': command<BankAccountView | null>()(z.object({ householdId: idSchema }), OFFICE, scope.office),
  'bank-account-save': command<BankAccountView>()(bankAccountSchema, OFFICE, scope.office),
  'payment-preview': command<PaymentPreview>()(scopeSchema, OFFICE, scope.office),
  'payment-generate': command<PaymentBatchView>()(scopeSchema, OFFICE, scope.office),
  'payment-batch-list': command<PaymentBatchSummary[]>()(z.object({ month: monthSchema.nullish().transform((v) => v ?? null) }), OFFICE, scope.office),
  'payment-batch-get': command<PaymentBatchView>()(z.object({ batchId: idSchema }), OFFICE, scope.office),
  'payment-batch-rows': command<PaymentRowPage>()(
    z.object({
      batchId: idSchema,
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(PAYMENT_ROWS_PAGE_SIZE),
    }),
    OFFICE,
    scope.office,
  ),
  'payment-batch-cancel': command<PaymentBatchView>()(
    z.object({ batchId: idSchema, reason: textString({ error: '请填写作废原因' }).trim().min(4, '请写明作废原因（至少4个字）').max(200, '作废原因不超过200字') }),
    OFFICE,
    scope.office,
  ),
  'payment-export': command<{ fileName: string; base64: string }>()(z.object({ batchId: idSchema, format: z.enum(['xlsx', 'pdf']) }), OFFICE, scope.office),
  'payment-return-preview': command<ReturnPreview>()(fileSchema, OFFICE, scope.office),
  'payment-return-commit': command<ReturnCommitResult>()(fileSchema, OFFICE, scope.office),
  'payment-retry-list': command<RetryItem[]>()(z.object({ batchId: idSchema }), OFFICE, scope.office),
  'payment-retry-export': command<{ fileName: string; base64: string; rows: number }>()(z.object({ batchId: idSchema }), OFFICE, scope.office),
} as const;
