import { z } from 'zod';
import { patternProblem } from '../../domain/document-number';
import { ADMIN, ALL, OFFICE, byId, command } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { hasPlaceholder } from '../../domain/issuing-authority';
import { idSchema, pageSchema, textString } from '../schemas';
import type { Page } from '../types';

/** Documents issued for one household. */
export const HOUSEHOLD_DOCUMENT_KINDS = ['denial-notice', 'stop-notice', 'home-visit-form', 'authorization', 'declaration'] as const;
/** Documents issued for one village (public sheets and annex registers). */
export const VILLAGE_DOCUMENT_KINDS = ['public-notice', 'person-summary', 'ineligible-register', 'filing-register', 'screening-sheet', 'meeting-record'] as const;
export const DOCUMENT_KINDS = [...HOUSEHOLD_DOCUMENT_KINDS, ...VILLAGE_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type HouseholdDocumentKind = (typeof HOUSEHOLD_DOCUMENT_KINDS)[number];
export type VillageDocumentKind = (typeof VILLAGE_DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'denial-notice': '不予批准通知书',
  'stop-notice': '停发通知书',
  'home-visit-form': '入户调查表',
  authorization: '核对授权书',
  declaration: '申请声明书',
  'public-notice': '公示表',
  'person-summary': '人员信息汇总表（附件2）',
  'ineligible-register': '不符合低保对象登记表（附件4）',
  'filing-register': '备案登记表（附件3）',
  'screening-sheet': '重点对象摸排表',
  'meeting-record': '会议记录',
};

/** Kinds that carry a 文号 (numbered by the configurable pattern); forms are registered by sequence only. */
export const NUMBERED_KINDS = ['denial-notice', 'stop-notice', 'public-notice'] as const satisfies readonly DocumentKind[];
export type NumberedKind = (typeof NUMBERED_KINDS)[number];

export const PUBLIC_NOTICE_KINDS = ['approval', 'long-term', 'evaluation'] as const;
export const PUBLIC_NOTICE_KIND_LABELS: Record<(typeof PUBLIC_NOTICE_KINDS)[number], string> = {
  evaluation: '评议结果公示',
  approval: '审批结果公示',
  'long-term': '长期公示',
};

export const LEGAL_TEXT_KEYS = ['legal-basis', 'remedies'] as const;
export type LegalTextKey = (typeof LEGAL_TEXT_KEYS)[number];
export const LEGAL_TEXT_LABELS: Record<LegalTextKey, string> = { 'legal-basis': '法律依据', remedies: '救济途径' };

const optionalText = (label: string, max: number) =>
  textString()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => v || null);

export const issueOptionsSchema = z.object({
  /** 停发通知书: the clerk's own words, printed before the determination's rule trace. */
  stopReason: optionalText('停发原因', 500),
  /** Date the family applied; defaults to the application step of the notice's case (src/services/notice-facts.ts). */
  applicationDate: dateSchema('申请日期').nullish().transform((v) => v ?? null),
  /** 不予批准/停发通知书: the case whose step decided it (its application date and determination are quoted). */
  caseId: idSchema.nullish(),
  /** 不予批准/停发通知书: the day of the decision (the approval meeting, or the township's confirmation). */
  decisionDate: dateSchema('决定日期').nullish(),
  noticeKind: z.enum(PUBLIC_NOTICE_KINDS, { error: '公示类型无效' }).nullish().transform((v) => v ?? null),
  postingStart: dateSchema('公示开始日期').nullish().transform((v) => v ?? null),
  /** Natural days, the start day included (spec §9: default 7). */
  postingDays: z.number().int().min(1, '公示天数至少1天').max(90, '公示天数不能超过90天').nullish().transform((v) => v ?? null),
  hardship: optionalText('申请理由', 1000),
  /** 附件2/附件3 of one campaign's cases (plan 三(二)第二步) instead of the village's saved determinations. */
  campaignId: idSchema.nullish(),
  /** 评议听证会记录 of this hearing (src/services/hearing-documents.ts). */
  hearingId: idSchema.nullish(),
  /**
   * 审批结果公示 of the round of this approval meeting (src/services/approval-notice.ts; default the latest); 审核会议记录 /
   * 审批会议记录 of this recorded meeting (src/services/meeting-documents.ts).
   */
  meetingId: idSchema.nullish(),
  /** 评议结果公示 of this 公示 batch: its cases and window (src/services/hearing-documents.ts). */
  publicityBatchId: idSchema.nullish(),
  /** 不予批准通知书 decided by the township panel (审批) against an eligible determination: its written reason. */
  decisionReason: optionalText('不予批准理由', 500).optional(),
});
export type IssueOptions = z.output<typeof issueOptionsSchema>;

/**
 * Notices that refuse or stop are official acts: only the workflow step that decides them issues them (in the same
 * transaction as the step); the registry reprints and corrects them. Here: where each one comes from.
 */
export const WORKFLOW_DOCUMENT_KINDS: Partial<Record<DocumentKind, string>> = {
  'denial-notice': '不予批准通知书只能由案件办理中「确认不予批准」（初审不符合条件）或「审批不予批准」步骤出具，请到该户的案件中办理；已出具的可在文书登记中重印或更正',
  'stop-notice': '停发通知书只能由案件办理中「镇核实清退」步骤或渐退期满停发出具，请到该户的案件或低保花名册中办理；已出具的可在文书登记中重印或更正',
};

export const documentIssueSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS, { error: '文书类型无效' }),
    householdId: idSchema.nullish().transform((v) => v ?? null),
    villageId: idSchema.nullish().transform((v) => v ?? null),
    options: issueOptionsSchema.default({
      stopReason: null,
      applicationDate: null,
      noticeKind: null,
      postingStart: null,
      postingDays: null,
      hardship: null,
    }),
  })
  .superRefine((v, ctx) => {
    const fromWorkflow = WORKFLOW_DOCUMENT_KINDS[v.kind];
    if (fromWorkflow) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: fromWorkflow });
      return;
    }
    const forHousehold = (HOUSEHOLD_DOCUMENT_KINDS as readonly string[]).includes(v.kind);
    if (forHousehold && v.householdId === null) ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择家庭' });
    if (!forHousehold && v.villageId === null) ctx.addIssue({ code: 'custom', path: ['villageId'], message: '请选择村（社区）' });
  });

export type DocumentView = {
  id: number;
  kind: DocumentKind;
  /** 文号; null for forms, which are registered by sequence only. */
  documentNumber: string | null;
  year: number;
  seq: number;
  householdId: number | null;
  villageId: number | null;
  /** Whom it concerns as of the issue date, e.g. "东山村 张建国户". */
  subject: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
  issuedAt: string;
  issuedBy: string;
  supersedesId: number | null;
  supersedesNumber: string | null;
  supersededById: number | null;
  supersededByNumber: string | null;
};

export type DocumentDetail = DocumentView & { options: IssueOptions; snapshot: unknown };

export type DocumentPdf = { fileName: string; base64: string; sha256: string; size: number };

export type LegalTextView = {
  id: number;
  key: LegalTextKey;
  effectiveFrom: string;
  text: string;
  createdAt: string;
  createdBy: string;
  /** In force today. */
  inForce: boolean;
};

export const documentSettingsSchema = z.object({
  numberPattern: textString({ error: '请填写文号格式' })
    .trim()
    .min(1, '请填写文号格式')
    .max(60, '文号格式不能超过60个字')
    // The message names the parts in Chinese (【序号】…), never the stored codes.
    .superRefine((v, ctx) => {
      const problem = patternProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  prefixes: z.object({
    'denial-notice': textString().trim().min(1, '请填写文种代字').max(8, '文种代字不能超过8个字'),
    'stop-notice': textString().trim().min(1, '请填写文种代字').max(8, '文种代字不能超过8个字'),
    'public-notice': textString().trim().min(1, '请填写文种代字').max(8, '文种代字不能超过8个字'),
  }),
  /** Township abbreviation (【乡镇简称】); empty = the township name without 人民政府 and 镇/乡. */
  townshipAbbr: optionalText('乡镇简称', 10),
  fontPath: optionalText('字体文件路径', 500),
  fontBoldPath: optionalText('粗体字体文件路径', 500),
});
export type DocumentSettings = z.output<typeof documentSettingsSchema>;

export type FontStatus = {
  /** A font path is set. */
  configured: boolean;
  /** The configured file is a readable font and is used; false means the bundled font is used instead. */
  usable: boolean;
  message: string;
};

export type DocumentSettingsState = {
  settings: DocumentSettings;
  fontStatus: FontStatus;
  /** The next number of each numbered kind this year, under the saved pattern. */
  examples: Record<NumberedKind, string>;
  /** This year and the next sequence number of each kind: the page formats the pattern being edited with them. */
  year: number;
  nextSeq: Record<NumberedKind, number>;
  /** 乡镇简称 when the field is left empty (the township name without 人民政府 and 镇/乡). */
  defaultTownshipAbbr: string;
};

/** Issued documents: notices, public sheets, annex forms (issue 4). */
export const documentCommands = {
  'document-issue': command<DocumentView>()(documentIssueSchema, OFFICE, scope.office),
  'document-correct': command<DocumentView>()(
    z.object({ id: idSchema, options: issueOptionsSchema.partial().nullish().transform((v) => v ?? {}) }),
    OFFICE,
    scope.office,
  ),
  'document-list': command<Page<DocumentView>>()(
    pageSchema.extend({
      householdId: idSchema.nullish().transform((v) => v ?? null),
      villageId: idSchema.nullish().transform((v) => v ?? null),
      kind: z.enum(DOCUMENT_KINDS).nullish().transform((v) => v ?? null),
    }),
    ALL,
    scope.filter('villageId', scope.ref('household', 'householdId', true)),
  ),
  'document-get': command<DocumentDetail>()(byId, ALL, scope.document('id')),
  'document-pdf': command<DocumentPdf>()(byId, ALL, scope.document('id')),

  'legal-text-list': command<LegalTextView[]>()(z.object({}), ALL, scope.office),
  'legal-text-add': command<LegalTextView[]>()(
    z.object({
      key: z.enum(LEGAL_TEXT_KEYS, { error: '请选择文本类型' }),
      effectiveFrom: dateSchema('生效日期'),
      text: textString({ error: '请填写文本内容' })
        .trim()
        .min(10, '文本内容至少10个字')
        .max(2000, '文本内容不能超过2000个字')
        .refine((v) => !hasPlaceholder(v), '文本含有占位符（如「××」）：请写明实际名称，或写 {县人民政府}、{县民政局}，出具时换为本镇设置中的名称'),
    }),
    ADMIN,
    scope.office,
  ),

  'document-settings-get': command<DocumentSettingsState>()(z.object({}), ALL, scope.office),
  'document-settings-update': command<DocumentSettingsState>()(documentSettingsSchema, ADMIN, scope.office),
} as const;
