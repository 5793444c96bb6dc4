import { z } from 'zod';
import type { CaseKind, CaseState, Role, ScreeningResult } from '../../domain/workflow';
import { POVERTY_CATEGORY_KINDS, type ColumnMapping, type ImportField, type PovertyCategorySet, type ScreeningFlag, type ScreeningSource } from '../../domain/screening';
import { ALL, OFFICE, command } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, textString } from '../schemas';
import { sheetNameSchema, uploadBase64Schema } from '../uploads';
import type { HouseholdStatus } from '../labels';
import type { DocumentView } from './documents';
import type { HouseholdFacts } from './determination';

/** Department lists are imported by the township office (民政所经办) or the administrator, not by cadres. */
export const IMPORTERS: readonly Role[] = ['clerk', 'admin'];

export type BatchView = {
  id: number;
  source: ScreeningSource;
  fileName: string;
  sha256: string;
  importedAt: string;
  importedBy: string;
  rowCount: number;
  flaggedCount: number;
  skippedCount: number;
  warningCount: number;
  matchedCount: number;
  newHouseholds: number;
  updatedPersons: number;
  mapping: ColumnMapping;
  /** Compared with the previous batch of the same source. */
  diff: { new: number; changed: number; gone: number; previousBatchId: number | null };
};

export type UploadInfo = {
  sha256: string;
  fileName: string;
  /** The visible worksheets of the file; when there are several, the clerk picks one (`sheetName` of the input). */
  sheets: string[];
  /** The worksheet that was read. */
  sheetName: string;
  headerRowNumber: number;
  headers: string[];
  /** The first data rows, to check the mapping against. */
  sampleRows: string[][];
  rowCount: number;
  mapping: ColumnMapping;
  /** The same file of the same source was imported before: importing it again changes nothing. */
  existingBatch: BatchView | null;
};

export type ListProblem = { level: 'error' | 'warning'; field: ImportField | null; column: string | null; message: string };

export type RowOutcome = 'matched' | 'new-household' | 'unregistered' | 'skipped' | 'error';

export type PreviewRow = {
  rowNumber: number;
  idNumber: string;
  name: string;
  village: string;
  /** What the row says, worded: "已脱贫A类户", "尿毒症（2020-03-01）", "肢体残疾二级". */
  value: string;
  status: 'ok' | 'warning' | 'error';
  outcome: RowOutcome;
  /** The registered household the row matched, e.g. "东山村 张建国户". */
  household: string | null;
  /** 医保 lists: the self-paid amount offered as M of the patient's household (因病支出型, spec §2.3). */
  selfPaid: number | null;
  problems: ListProblem[];
};

export type ImportPreview = {
  sha256: string;
  fileName: string;
  source: ScreeningSource;
  rowCount: number;
  okCount: number;
  warningCount: number;
  errorCount: number;
  matched: number;
  newHouseholds: number;
  unregistered: number;
  skipped: number;
  /** Persons whose disability type or level the import changes (残联 lists). */
  updatedPersons: number;
  /** 医保 lists: matched rows whose self-paid amount will be proposed as M to the household. */
  proposedM: number;
  /** 扶贫 lists: the office's category set the rows were read with. */
  categorySet: PovertyCategorySetView | null;
  diff: { new: number; changed: number; gone: number; previousBatch: BatchView | null };
  existingBatch: BatchView | null;
  /** Rows with problems first, then the others, up to a limit (large lists): counts above are complete. */
  rows: PreviewRow[];
  rowsTruncated: boolean;
};

/** A dated set of accepted 类别 values (本镇设置 → 名单类别). */
export type PovertyCategorySetView = PovertyCategorySet & { createdAt: string; createdBy: string; inForce: boolean };

/** A self-paid amount from an imported 医保 list, offered as M (近12个月个人自付医疗费用) of the patient's household. */
export type MedicalProposal = {
  batchId: number;
  fileName: string;
  importedAt: string;
  rowNumber: number;
  personId: number;
  personName: string;
  diagnosis: string | null;
  selfPaid: number;
  totalCost: number | null;
  /** Worded for the facts panel: 医保部门名单「…」第N行（个人自付金额）. */
  sourceText: string;
  /** The household's facts already hold this amount for this patient. */
  isConfirmed: boolean;
};

export type ImportResult = { batch: BatchView; alreadyImported: boolean };

export type DiffRow = {
  change: 'new' | 'changed' | 'gone';
  /** Masked (spec §9): first 3 and last 4 characters. */
  idNumber: string;
  name: string;
  village: string | null;
  before: string | null;
  after: string | null;
};

export type BatchDiff = { batch: BatchView; previous: BatchView | null; rows: DiffRow[] };

export type FocusFlagView = { source: ScreeningSource; flag: ScreeningFlag; label: string; personName: string; detail: string | null };

export type FocusHousehold = {
  householdId: number;
  headName: string | null;
  groupName: string | null;
  address: string;
  size: number;
  status: HouseholdStatus;
  isRecipient: boolean;
  /** On the list only because a cadre (or the office) opened a case by hand. */
  isCadreAddition: boolean;
  flags: FocusFlagView[];
  case: { id: number; kind: CaseKind; state: CaseState; screeningResult: ScreeningResult | null; screeningNote: string | null } | null;
  /** No case in the chosen campaign but one still being decided in another (a household has one open case at a time). */
  openCaseElsewhere: { id: number; campaignName: string; state: CaseState } | null;
};

export type FocusList = {
  villageId: number;
  villageName: string;
  campaignId: number | null;
  households: FocusHousehold[];
  /** Which list of each department the flags come from. */
  sources: { source: ScreeningSource; batchId: number; fileName: string; importedAt: string }[];
};

export type ProposalRow = {
  caseId: number;
  householdId: number;
  headName: string | null;
  groupName: string | null;
  size: number;
  kind: CaseKind;
  state: CaseState;
  result: ScreeningResult;
  note: string | null;
  screenedBy: string | null;
  screenedAt: string | null;
};

export type Proposals = { apply: ProposalRow[]; exit: ProposalRow[]; maintain: ProposalRow[]; none: ProposalRow[]; pending: number };

const SOURCES = ['poverty', 'medical', 'disability'] as const satisfies readonly ScreeningSource[];
const sourceSchema = z.enum(SOURCES, { error: '请选择名单来源' });

/** An .xlsx (base64: the renderer reads the File with FileReader) and the worksheet to read. */
const fileSchema = z.object({
  source: sourceSchema,
  fileName: textString({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(200, '文件名过长'),
  base64: uploadBase64Schema(),
  sheetName: sheetNameSchema,
});

const column = z.number().int().min(0).max(500).nullish().transform((v) => v ?? null);
export const mappingSchema = z.object({
  idNumber: column,
  disabilityCard: column,
  name: column,
  village: column,
  flag: column,
  riskType: column,
  riskEliminated: column,
  diagnosis: column,
  diagnosisDate: column,
  totalCost: column,
  selfPaid: column,
  disabilityType: column,
  disabilityLevel: column,
}) satisfies z.ZodType<Record<ImportField, number | null>>;

const previewSchema = fileSchema.extend({
  mapping: mappingSchema,
  /** Register persons not yet in the registry as new households (needs village, name and a valid ID). */
  addUnknown: z.boolean().default(false),
});

const categoryName = textString({ error: '请填写类别名称' }).trim().min(1, '请填写类别名称').max(30, '类别名称不能超过30个字');
export const povertyCategorySetSchema = z
  .object({
    effectiveFrom: dateSchema('生效日期'),
    categories: z
      .array(
        z.object({
          name: categoryName,
          kind: z.enum(POVERTY_CATEGORY_KINDS, { error: '请选择该类别的处理方式' }),
          aliases: z.array(categoryName).max(20, '其他写法最多20个').default([]),
        }),
      )
      .min(1, '至少要有一个类别')
      .max(50, '类别最多50个'),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.categories.forEach((c, i) => {
      for (const word of [c.name, ...c.aliases]) {
        const key = word.replace(/\s+/g, '').toUpperCase();
        const first = seen.get(key);
        if (first !== undefined && first !== i) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: `「${word}」与第${first + 1}个类别重复` });
        seen.set(key, i);
      }
    });
  });

const villageCampaign = z.object({ campaignId: idSchema, villageId: idSchema });

/** 摸排 (issue 5): department lists, the village focus list, proposed lists and the 摸排表. */
export const screeningCommands = {
  'screening-upload': command<UploadInfo>()(fileSchema, IMPORTERS, scope.office),
  'screening-preview': command<ImportPreview>()(previewSchema, IMPORTERS, scope.office),
  'screening-commit': command<ImportResult>()(previewSchema, IMPORTERS, scope.office),
  'screening-batch-list': command<BatchView[]>()(z.object({ source: sourceSchema.nullish().transform((v) => v ?? null) }), OFFICE, scope.office),
  'screening-batch-diff': command<BatchDiff>()(z.object({ batchId: idSchema }), OFFICE, scope.office),
  'screening-category-list': command<PovertyCategorySetView[]>()(z.object({}), OFFICE, scope.office),
  'screening-category-save': command<PovertyCategorySetView[]>()(povertyCategorySetSchema, IMPORTERS, scope.office),
  'screening-medical-proposals': command<MedicalProposal[]>()(z.object({ householdId: idSchema }), ALL, scope.household()),
  'screening-medical-accept': command<HouseholdFacts>()(
    z.object({ householdId: idSchema, batchId: idSchema, personId: idSchema }),
    IMPORTERS,
    scope.refs(scope.ref('household', 'householdId'), scope.ref('person', 'personId')),
  ),
  'screening-focus-list': command<FocusList>()(z.object({ villageId: idSchema, campaignId: idSchema.nullish().transform((v) => v ?? null) }), ALL, scope.village()),
  'screening-open-cases': command<{ created: number; existing: number; elsewhere: number }>()(villageCampaign, ALL, scope.village()),
  'screening-proposals': command<Proposals>()(villageCampaign, ALL, scope.village()),
  'screening-sheet-issue': command<DocumentView>()(villageCampaign, ALL, scope.village()),
} as const;
