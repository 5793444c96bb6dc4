// 第二步申请, 第三步核对, 第四步入户调查 (plan 三(二)): the data each step collects, and the commands that move a
// case on. The transitions themselves are checked by the domain's workflow (mayTransition) in the services.
import { z } from 'zod';
import { parseIdNumber } from '../../domain/id-number';
import type { CaseState } from '../../domain/workflow';
import { ADMIN, ALL, OFFICE, byId, command, stepRoles } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, moneySchema, textString } from '../schemas';
import { sheetNameSchema, uploadBase64Schema } from '../uploads';
import type { CaseDetail } from './campaigns';
import type { DocumentView } from './documents';

const text = (label: string, max: number) =>
  textString()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => v || null);

const required = (label: string, max: number) =>
  textString({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

const caseRef = z.object({ caseId: idSchema });

// ---------------------------------------------------------------- 申请: materials checklist (a setting)

export type MaterialItem = { key: string; label: string; required: boolean };

/** The plan's materials (三(二)第二步: 申请声明书、授权书、法定赡抚扶养人相关信息及相关材料); editable by the admin. */
export const DEFAULT_MATERIALS: readonly MaterialItem[] = [
  { key: 'declaration', label: '申请声明书', required: true },
  { key: 'authorization', label: '家庭经济状况核对授权书', required: true },
  { key: 'supporters', label: '法定赡抚扶养人相关信息', required: true },
  { key: 'id-copies', label: '户口簿及身份证复印件', required: true },
  { key: 'disability', label: '残疾证复印件（如有）', required: false },
  { key: 'medical', label: '医疗费用票据（如有）', required: false },
];

/**
 * Which checklist a case collects at its 申请 step: a new application brings the plan's application materials; a
 * current recipient under review (维持 or 拟退出) does not apply again, so it has its own 复核材料 list.
 */
export const CHECKLISTS = ['application', 'review'] as const;
export type Checklist = (typeof CHECKLISTS)[number];
export const CHECKLIST_LABELS: Record<Checklist, string> = { application: '申请材料', review: '复核材料' };

/** 在保户复核 (plan 三(二)第一步 "对现有低保对象逐户复核"): what the village hands in for a recipient kept or proposed for exit. */
export const DEFAULT_REVIEW_MATERIALS: readonly MaterialItem[] = [
  { key: 'review-form', label: '在保户复核登记表（村委会填写）', required: true },
  { key: 'review-income', label: '家庭成员收入及就业变化情况说明', required: true },
  { key: 'review-assets', label: '家庭财产变化情况说明', required: true },
  { key: 'review-opinion', label: '村两委复核意见（拟退出的写明理由）', required: true },
  { key: 'review-id-copies', label: '户口簿及身份证复印件（信息有变化的）', required: false },
];

export const materialsSettingsSchema = z.object({
  checklist: z.enum(CHECKLISTS).default('application'),
  items: z
    .array(
      z.object({
        key: textString().trim().max(40).nullish().transform((v) => v || null),
        label: required('材料名称', 40),
        required: z.boolean().default(true),
      }),
    )
    .min(1, '至少保留一项申请材料')
    .max(40, '申请材料不能超过40项')
    .refine((items) => new Set(items.map((i) => i.label)).size === items.length, '材料名称不能重复'),
});

export type MaterialStatus = MaterialItem & { received: boolean; updatedAt: string | null; updatedBy: string | null };

export type Signature = { name: string; date: string };

export type SupporterView = {
  id: number;
  name: string;
  relation: string;
  idNumber: string;
  phone: string | null;
  monthlyIncome: number;
  supportProvided: string | null;
  createdAt: string;
  createdBy: string;
};

export type ApplicationView = {
  caseId: number;
  state: CaseState;
  /** The case's checklist: application materials for a new application, 复核材料 for a recipient's review. */
  checklist: Checklist;
  materials: MaterialStatus[];
  supporters: SupporterView[];
  /** 村书记 and 分片村干部 sign (plan 三(二)第二步). */
  secretary: Signature | null;
  cadre: Signature | null;
  /** 近亲属 declaration (spec §9): filed on 附件3 and visited in full. */
  isStaffRelative: boolean;
  /** The related official's name (older declarations: name and post in one text). */
  staffRelativeOf: string | null;
  /** The official's post (村委会委员, 民政所工作人员…): its own column on 附件3. */
  staffRelativePost: string | null;
  staffRelation: string | null;
  /** What stops 「提交申请材料」, in Chinese. */
  missing: string[];
  /** The current user may edit this step now. */
  canEdit: boolean;
};

const signatureSchema = z.object({ name: required('签字人姓名', 30), date: dateSchema('签字日期') }).nullish().transform((v) => v ?? null);

export const applicationUpdateSchema = caseRef
  .extend({
    secretary: signatureSchema,
    cadre: signatureSchema,
    isStaffRelative: z.boolean().default(false),
    staffRelativeOf: text('工作人员姓名', 30),
    staffRelativePost: text('工作人员职务', 30),
    staffRelation: text('亲属关系', 30),
  })
  .superRefine((v, ctx) => {
    if (v.isStaffRelative && !v.staffRelativeOf) ctx.addIssue({ code: 'custom', path: ['staffRelativeOf'], message: '请填写是哪位村（居）委会成员或民政工作人员的近亲属（姓名）' });
    if (v.isStaffRelative && !v.staffRelativePost) ctx.addIssue({ code: 'custom', path: ['staffRelativePost'], message: '请填写该工作人员的职务' });
    if (v.isStaffRelative && !v.staffRelation) ctx.addIssue({ code: 'custom', path: ['staffRelation'], message: '请填写亲属关系' });
  });

const supporterIdSchema = textString({ error: '请填写身份证号码' })
  .trim()
  .superRefine((v, ctx) => {
    const parsed = parseIdNumber(v, '9999-12-31');
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

export const supporterSchema = caseRef.extend({
  name: required('姓名', 30),
  relation: required('与申请人关系', 20),
  idNumber: supporterIdSchema,
  phone: textString()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确（手机11位，或区号-座机号）')
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  monthlyIncome: moneySchema.default(0),
  supportProvided: text('赡养（抚养、扶养）情况', 200),
});

// ---------------------------------------------------------------- 核对

export type VerificationAssets = { vehicles: string; realEstate: string; deposits: string; business: string; other: string };

export const ASSET_LABELS: Record<keyof VerificationAssets, string> = {
  vehicles: '车辆',
  realEstate: '房产',
  deposits: '存款及有价证券',
  business: '工商登记',
  other: '其他财产',
};

export type VerificationIncome = { personId: number; name: string; idNumber: string; monthlyIncome: number };

export type VerificationView = {
  id: number;
  source: 'import' | 'manual';
  batchId: number | null;
  fileHash: string | null;
  incomes: VerificationIncome[];
  assets: VerificationAssets;
  compliant: boolean;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
};

export type CaseMemberLine = { personId: number; name: string; idNumber: string; relation: string; monthlyIncome: number };

export type CaseVerificationView = {
  caseId: number;
  state: CaseState;
  members: CaseMemberLine[];
  latest: VerificationView | null;
  history: VerificationView[];
  missing: string[];
  canEdit: boolean;
};

const assetText = (label: string) => textString().trim().max(200, `${label}不能超过200个字`).default('');

export const assetsSchema = z.object({
  vehicles: assetText('车辆'),
  realEstate: assetText('房产'),
  deposits: assetText('存款'),
  business: assetText('工商登记'),
  other: assetText('其他财产'),
});

// Strict where the finding feeds the engine (member incomes, assets compliance; spec §10 settled points).
export const verificationRecordSchema = z.strictObject({
  caseId: idSchema,
  incomes: z.array(z.strictObject({ personId: idSchema, monthlyIncome: moneySchema })),
  assets: assetsSchema,
  compliant: z.boolean({ error: '请选择家庭财产状况是否符合规定' }),
  note: text('核对说明', 500),
});

/** Columns of the county's verification file the import understands (mapped by header, changeable). */
export const VERIFICATION_FIELDS = ['headIdNumber', 'idNumber', 'name', 'monthlyIncome', 'vehicles', 'realEstate', 'deposits', 'business', 'other', 'compliant', 'note'] as const;
export type VerificationField = (typeof VERIFICATION_FIELDS)[number];
export const VERIFICATION_FIELD_LABELS: Record<VerificationField, string> = {
  headIdNumber: '户主身份证号码',
  idNumber: '身份证号码',
  name: '姓名',
  monthlyIncome: '核定月收入（元）',
  vehicles: '车辆',
  realEstate: '房产',
  deposits: '存款及有价证券',
  business: '工商登记',
  other: '其他财产',
  compliant: '财产状况是否符合（是/否）',
  note: '核对说明',
};
export const REQUIRED_VERIFICATION_FIELDS: readonly VerificationField[] = ['headIdNumber', 'idNumber', 'monthlyIncome', 'compliant'];

const fileSchema = {
  fileName: required('文件名', 200),
  base64: uploadBase64Schema(),
};

const mappingSchema = z
  .partialRecord(z.enum(VERIFICATION_FIELDS), z.number().int().min(1).max(200).nullable())
  .nullish()
  .transform((v) => v ?? null);

export const verificationImportSchema = z.object({ campaignId: idSchema, ...fileSchema, sheetName: sheetNameSchema, mapping: mappingSchema });

export type ImportProblem = { row: number; column: string | null; message: string };

export type VerificationImportHousehold = {
  caseId: number;
  villageName: string;
  headName: string | null;
  headIdNumber: string;
  /** Member rows read without a problem. */
  members: number;
  /** All rows of the household in the file, and how many of them have a problem. */
  rows: number;
  problemRows: number;
  /** Sum of the valid member rows; null while a row of the household has a problem (the sum would be wrong). */
  monthlyIncomeTotal: number | null;
  compliant: boolean | null;
};

/** The cases of an imported batch still at 核对 whose latest finding is that batch's: one confirmation moves them. */
export type VerificationBatchCases = {
  batchId: number;
  fileName: string;
  cases: { caseId: number; villageName: string; headName: string | null; compliant: boolean }[];
};

export type VerificationImportPreview = {
  fileName: string;
  fileHash: string;
  /** The visible worksheets of the file, and the one that was read. */
  sheets: string[];
  sheetName: string;
  /** Header cells of the sheet, by 1-based column number. */
  headers: { column: number; header: string }[];
  mapping: Partial<Record<VerificationField, number | null>>;
  dataRows: number;
  households: VerificationImportHousehold[];
  problems: ImportProblem[];
  /** This very file was imported before for this campaign: committing again changes nothing. */
  alreadyImported: { batchId: number; importedAt: string; importedBy: string } | null;
};

export type VerificationImportResult = { batchId: number; households: number; alreadyImported: boolean; ready: VerificationBatchCases };

// ---------------------------------------------------------------- 入户调查

export const INCOME_ITEMS = ['wages', 'farming', 'business', 'pension', 'transfers', 'support', 'other'] as const;
export type IncomeItem = (typeof INCOME_ITEMS)[number];
export const INCOME_ITEM_LABELS: Record<IncomeItem, string> = {
  wages: '工资性收入',
  farming: '种养殖收入',
  business: '经营性收入',
  pension: '养老金',
  transfers: '转移性收入',
  support: '赡养费',
  other: '其他收入',
};

const memberIncomeSchema = z.object({
  personId: idSchema,
  wages: moneySchema.default(0),
  farming: moneySchema.default(0),
  business: moneySchema.default(0),
  pension: moneySchema.default(0),
  transfers: moneySchema.default(0),
  support: moneySchema.default(0),
  other: moneySchema.default(0),
});

export const homeVisitSchema = caseRef.extend({
  visitDate: dateSchema('调查日期').nullish().transform((v) => v ?? null),
  investigators: z.array(textString().trim().max(30, '调查人员姓名不能超过30个字')).max(10).default([]),
  familyMemberPresent: text('在场家庭成员', 30),
  membersSeen: z.array(idSchema).default([]),
  incomes: z.array(memberIncomeSchema).default([]),
  housing: text('住房情况', 300),
  appliances: text('家用电器', 300),
  vehicles: text('车辆情况', 300),
  otherAssets: text('其他财产', 300),
  livingConditions: text('生活状况', 500),
  findings: text('调查结论', 1000),
});

export type HomeVisitRecord = Omit<z.output<typeof homeVisitSchema>, 'caseId'>;

export type HomeVisitView = {
  caseId: number;
  householdId: number;
  state: CaseState;
  record: HomeVisitRecord | null;
  updatedAt: string | null;
  updatedBy: string | null;
  members: CaseMemberLine[];
  /** 近亲属 declared on the application: every member must be seen (spec §9). */
  requiresFullVisit: boolean;
  /** What stops 「录入入户调查」, in Chinese. */
  missing: string[];
  canEdit: boolean;
};

// ---------------------------------------------------------------- attachments (scans)

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export type AttachmentView = {
  id: number;
  caseId: number;
  step: CaseState;
  fileName: string;
  mime: 'image/png' | 'image/jpeg' | 'application/pdf';
  sha256: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
};

// ---------------------------------------------------------------- commands

const transitionSchema = caseRef.extend({ note: text('说明', 500) });

export const caseStepCommands = {
  'materials-settings-get': command<MaterialItem[]>()(z.object({ checklist: z.enum(CHECKLISTS).default('application') }), ALL, scope.office),
  'materials-settings-update': command<MaterialItem[]>()(materialsSettingsSchema, ADMIN, scope.office),

  'case-application-get': command<ApplicationView>()(caseRef, ALL, scope.case()),
  'case-material-set': command<ApplicationView>()(caseRef.extend({ key: textString().trim().min(1).max(40), received: z.boolean() }), stepRoles('submit-application'), scope.case()),
  'case-application-update': command<ApplicationView>()(applicationUpdateSchema, stepRoles('submit-application'), scope.case()),
  'case-supporter-add': command<ApplicationView>()(supporterSchema, stepRoles('submit-application'), scope.case()),
  'case-supporter-remove': command<ApplicationView>()(caseRef.extend({ id: idSchema }), stepRoles('submit-application'), scope.refs(scope.ref('case', 'caseId'), scope.ref('supporter', 'id'))),
  'case-submit-application': command<CaseDetail>()(transitionSchema, stepRoles('submit-application'), scope.case()),
  /** 附件2 人员信息汇总表 / 附件3 备案登记表 of one village's cases in a campaign, issued through the registry. */
  'case-annex-issue': command<DocumentView>()(
    z.object({ campaignId: idSchema, villageId: idSchema, kind: z.enum(['person-summary', 'filing-register'], { error: '请选择附件' }) }),
    OFFICE,
    scope.office,
  ),

  'case-verification-get': command<CaseVerificationView>()(caseRef, ALL, scope.case()),
  'case-verification-record': command<CaseVerificationView>()(verificationRecordSchema, stepRoles('record-verification'), scope.office),
  'case-record-verification': command<CaseDetail>()(transitionSchema, stepRoles('record-verification'), scope.office),
  'verification-export': command<{ fileName: string; base64: string; households: number }>()(
    z.object({ campaignId: idSchema, villageId: idSchema.nullish().transform((v) => v ?? null) }),
    OFFICE,
    scope.office,
  ),
  'verification-import-preview': command<VerificationImportPreview>()(verificationImportSchema, OFFICE, scope.office),
  'verification-import-commit': command<VerificationImportResult>()(verificationImportSchema, OFFICE, scope.office),
  'verification-batch-advance': command<{ moved: number; cases: VerificationBatchCases['cases'] }>()(
    z.object({ batchId: idSchema, caseIds: z.array(idSchema).min(1, '请至少选择一户').max(2000) }),
    stepRoles('record-verification'),
    scope.office,
  ),

  'case-home-visit-get': command<HomeVisitView>()(caseRef, ALL, scope.case()),
  'case-home-visit-save': command<HomeVisitView>()(homeVisitSchema, stepRoles('record-home-visit'), scope.case()),
  'case-record-home-visit': command<CaseDetail>()(transitionSchema, stepRoles('record-home-visit'), scope.case()),

  'case-attachment-upload': command<AttachmentView>()(caseRef.extend(fileSchema), ALL, scope.case()),
  'case-attachment-list': command<AttachmentView[]>()(caseRef, ALL, scope.case()),
  'case-attachment-get': command<AttachmentView & { base64: string }>()(byId, ALL, scope.refs(scope.ref('attachment', 'id'))),
} as const;
