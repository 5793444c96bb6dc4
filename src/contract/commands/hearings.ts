// 听证审核 (plan 三(三)): the village-group evaluation hearing (评议听证), the 公示 of its result with objections,
// the 残联 re-assessment a disputed disability level needs, and the office calendar the 公示 window is counted on.
import { z } from 'zod';
import type { DayUnit } from '../../domain/calendar';
import type { CaseKind, CaseState } from '../../domain/workflow';
import { ADMIN, ALL, OFFICE, command, stepRoles } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, textString } from '../schemas';
import { DISABILITY_TYPES, type DisabilityType } from '../labels';
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

const count = (label: string) => z.number({ error: `请填写${label}票数` }).int(`${label}票数须为整数`).min(0, `${label}票数不能为负数`).max(999);

// ---------------------------------------------------------------- settings

export const DAY_UNITS = ['natural', 'working'] as const satisfies readonly DayUnit[];

/**
 * The pass rule and the 公示 window defaults (spec §9: 7 natural days). A case passes when its agree votes are
 * MORE than `passPercent` % of the votes cast (in the room plus by telephone); 50 = a simple majority, where a tie
 * fails.
 */
export const hearingSettingsSchema = z.object({
  passPercent: z.number({ error: '请填写通过比例' }).int('通过比例须为整数').min(1, '通过比例至少1%').max(99, '通过比例不能超过99%'),
  publicityDays: z.number({ error: '请填写公示天数' }).int('公示天数须为整数').min(1, '公示天数至少1天').max(90, '公示天数不能超过90天'),
  publicityUnit: z.enum(DAY_UNITS, { error: '请选择自然日或工作日' }),
});
export type HearingSettings = z.output<typeof hearingSettingsSchema>;
export const DEFAULT_HEARING_SETTINGS: HearingSettings = { passPercent: 50, publicityDays: 7, publicityUnit: 'natural' };

// ---------------------------------------------------------------- 评议听证

export const VOTES = ['agree', 'disagree', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];
export const VOTE_LABELS: Record<Vote, string> = { agree: '同意', disagree: '不同意', abstain: '弃权' };

export const hearingRecordSchema = z.object({
  campaignId: idSchema,
  villageId: idSchema,
  /** 村民小组 (or 分片); empty = the whole village meets. */
  groupName: text('村民小组', 30),
  meetingDate: dateSchema('会议日期'),
  meetingTime: text('会议时间', 20),
  place: required('会议地点', 60),
  host: required('主持人', 30),
  recorder: required('记录人', 30),
  /** 包村（社区）镇干 takes part throughout (plan 三(三)). */
  townshipCadre: required('包村镇干', 30),
  /** 入户调查人员 take part throughout (plan 三(三)). */
  investigators: z.array(textString().trim().min(1, '请填写调查人员姓名').max(30, '调查人员姓名不能超过30个字')).min(1, '入户调查人员须参加评议').max(10),
  /** 每户一名代表参会. */
  attendees: z
    .array(z.object({ name: required('代表姓名', 30), household: required('所代表的户', 40) }))
    .min(1, '请登记参会的户代表')
    .max(300, '参会户代表不能超过300户'),
  cases: z
    .array(
      z.object({
        caseId: idSchema,
        opinions: text('评议意见', 1000),
        agree: count('同意'),
        disagree: count('不同意'),
        abstain: count('弃权'),
      }),
    )
    .min(1, '请至少评议一户')
    .max(100),
  /** 外出户由分片村干部电话征求意见并记录备案: one entry per absent household and case. */
  calls: z
    .array(
      z.object({
        caseId: idSchema,
        caller: required('打电话的村干部', 30),
        calledAt: required('通话时间', 20),
        household: required('外出户', 40),
        person: required('接听人', 30),
        vote: z.enum(VOTES, { error: '请选择电话征求的意见' }),
        opinion: text('电话意见', 300),
      }),
    )
    .max(300)
    .default([]),
  proceedings: text('会议记录', 2000),
});
export type HearingRecordInput = z.input<typeof hearingRecordSchema>;

export type HearingCaseView = {
  caseId: number;
  headName: string | null;
  groupName: string | null;
  size: number;
  kind: CaseKind;
  /** The case's state now (it may have moved on since). */
  state: CaseState;
  opinions: string | null;
  agree: number;
  disagree: number;
  abstain: number;
  phoneAgree: number;
  phoneDisagree: number;
  phoneAbstain: number;
  passed: boolean;
};

export type HearingCallView = { id: number; caseId: number; caller: string; calledAt: string; household: string; person: string; vote: Vote; opinion: string | null };

export type HearingView = {
  id: number;
  campaignId: number;
  villageId: number;
  villageName: string;
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
  attendees: { name: string; household: string }[];
  cases: HearingCaseView[];
  calls: HearingCallView[];
  document: DocumentView | null;
  recordedAt: string;
  recordedBy: string;
};

// ---------------------------------------------------------------- 公示

export const publicityPostSchema = z.object({
  campaignId: idSchema,
  villageId: idSchema,
  caseIds: z.array(idSchema).min(1, '请选择公示的对象').max(200),
  postingDate: dateSchema('张贴日期'),
  /** Default from the settings; editable per batch. */
  days: z.number({ error: '请填写公示天数' }).int().min(1, '公示天数至少1天').max(90, '公示天数不能超过90天'),
  unit: z.enum(DAY_UNITS, { error: '请选择自然日或工作日' }),
});

export const OBJECTION_OUTCOMES = ['dismissed', 'upheld'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];
export const OBJECTION_OUTCOME_LABELS: Record<ObjectionOutcome, string> = { dismissed: '异议不成立', upheld: '异议成立' };

export const objectionAddSchema = z
  .object({
    caseId: idSchema,
    raisedBy: required('异议人', 30),
    contact: text('联系方式', 40),
    raisedOn: dateSchema('提出日期'),
    content: required('异议内容', 1000),
    disputesDisability: z.boolean().default(false),
    /** The member of the household whose disability level is disputed (the 残联 result is written back to them). */
    disputedPersonId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.disputesDisability && v.disputedPersonId === null) ctx.addIssue({ code: 'custom', path: ['disputedPersonId'], message: '请选择对其残疾等级有异议的家庭成员' });
  });

export const objectionHandleSchema = z
  .object({
    id: idSchema,
    outcome: z.enum(OBJECTION_OUTCOMES, { error: '请选择处理结论' }),
    reason: required('处理理由', 1000),
    handledOn: dateSchema('处理日期'),
    /** 残联 re-assessment request (required when an upheld objection disputes a disability level). */
    reassessmentSentOn: dateSchema('申请鉴定日期').nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.reason.length < 4) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请写明处理理由（至少4个字）' });
  });

export const reassessmentRequestSchema = z.object({
  objectionId: idSchema,
  sentOn: dateSchema('申请鉴定日期'),
});

/** The 残联's finding: the person's disability category and level (both empty: 不构成残疾), written back to the person. */
export const reassessmentResultSchema = z
  .object({
    id: idSchema,
    resultOn: dateSchema('鉴定结果日期'),
    disabilityType: z.enum(DISABILITY_TYPES, { error: '残疾类别无效' }).nullish().transform((v) => v ?? null),
    disabilityLevel: z.number().int().min(1, '残疾等级为1至4级').max(4, '残疾等级为1至4级').nullish().transform((v) => v ?? null),
    note: text('说明', 300),
  })
  .superRefine((v, ctx) => {
    if ((v.disabilityType === null) !== (v.disabilityLevel === null)) {
      ctx.addIssue({ code: 'custom', path: [v.disabilityType === null ? 'disabilityType' : 'disabilityLevel'], message: '残疾类别和残疾等级须同时填写（不构成残疾的两项都不填）' });
    }
  });

export type DisabilityFactsView = { type: DisabilityType | null; level: number | null; label: string };

export type ReassessmentView = {
  id: number;
  objectionId: number;
  caseId: number;
  personName: string;
  personId: number | null;
  /** The person's facts before and after the result (null until the result is in, or on rows from before issue 16). */
  before: DisabilityFactsView | null;
  after: DisabilityFactsView | null;
  changed: boolean | null;
  /** The determination saved from the new facts when the result changed them. */
  determination: { id: number; category: string; monthlyTotal: number } | null;
  sentOn: string;
  sentBy: string;
  result: string | null;
  resultOn: string | null;
  resultBy: string | null;
};

export type ObjectionView = {
  id: number;
  batchId: number;
  caseId: number;
  headName: string | null;
  raisedBy: string;
  contact: string | null;
  raisedOn: string;
  content: string;
  disputesDisability: boolean;
  disputedPerson: string | null;
  disputedPersonId: number | null;
  recordedAt: string;
  recordedBy: string;
  outcome: ObjectionOutcome | null;
  outcomeReason: string | null;
  handledOn: string | null;
  handledBy: string | null;
  reassessment: ReassessmentView | null;
};

export type PublicityCaseView = { caseId: number; headName: string | null; size: number; kind: CaseKind; state: CaseState };

export type PublicityBatchView = {
  id: number;
  campaignId: number;
  villageId: number;
  villageName: string;
  postingDate: string;
  days: number;
  unit: DayUnit;
  windowEnd: string;
  cases: PublicityCaseView[];
  objections: ObjectionView[];
  openObjections: number;
  document: DocumentView | null;
  postedAt: string;
  postedBy: string;
  clearedAt: string | null;
  clearedBy: string | null;
  /** Why it cannot be cleared today (window not over, open objections), or null. */
  clearBlocker: string | null;
};

export type VillageHearingsView = {
  settings: HearingSettings;
  today: string;
  /** Cases waiting for the hearing ('proposed-inclusion') and for 公示 ('hearing-passed'). */
  awaitingHearing: PublicityCaseView[];
  awaitingPublicity: PublicityCaseView[];
  groups: string[];
  hearings: HearingView[];
  batches: PublicityBatchView[];
};

/** What the case page shows in the hearing and 公示 steps. */
export type CaseHearingInfo = {
  caseId: number;
  hearings: { hearingId: number; meetingDate: string; place: string; groupName: string | null; passed: boolean; votes: string; documentId: number | null }[];
  batch: PublicityBatchView | null;
  objections: ObjectionView[];
  mayAddObjection: boolean;
  mayHandleObjection: boolean;
  /** The household's members with their disability facts, for naming the disputed member of an objection. */
  members: { id: number; name: string; disability: DisabilityFactsView }[];
};

// ---------------------------------------------------------------- office calendar

export const calendarOverrideSchema = z.object({
  date: dateSchema('日期'),
  kind: z.enum(['holiday', 'workday'], { error: '请选择放假或调休上班' }),
  note: text('说明', 60),
});
export type CalendarOverrideView = { date: string; kind: 'holiday' | 'workday'; note: string | null; createdAt: string; createdBy: string };

export type WindowPreview = { windowEnd: string; days: number; unit: DayUnit };

// ---------------------------------------------------------------- commands

const villageRef = z.object({ campaignId: idSchema, villageId: idSchema });

export const hearingCommands = {
  'hearing-settings-get': command<HearingSettings>()(z.object({}), ALL, scope.office),
  'hearing-settings-update': command<HearingSettings>()(hearingSettingsSchema, ADMIN, scope.office),
  'hearing-village': command<VillageHearingsView>()(villageRef, ALL, scope.village()),
  'hearing-record': command<HearingView>()(hearingRecordSchema, stepRoles('record-hearing'), scope.refs(scope.ref('village', 'villageId'), scope.ref('case', 'cases[].caseId'), scope.ref('case', 'calls[].caseId'))),
  'case-hearing-info': command<CaseHearingInfo>()(z.object({ caseId: idSchema }), ALL, scope.case()),
  'publicity-window': command<WindowPreview>()(z.object({ postingDate: dateSchema('张贴日期'), days: z.number().int().min(1).max(90), unit: z.enum(DAY_UNITS) }), ALL, scope.office),
  'publicity-post': command<PublicityBatchView>()(publicityPostSchema, stepRoles('post-publicity'), scope.refs(scope.ref('village', 'villageId'), scope.ref('case', 'caseIds[]'))),
  'publicity-clear': command<PublicityBatchView>()(z.object({ batchId: idSchema }), stepRoles('clear-publicity'), scope.office),
  'objection-add': command<ObjectionView>()(objectionAddSchema, ALL, scope.case()),
  'objection-handle': command<CaseDetail>()(objectionHandleSchema, stepRoles('uphold-objection'), scope.office),
  'reassessment-request': command<ReassessmentView>()(reassessmentRequestSchema, OFFICE, scope.office),
  'reassessment-result': command<ReassessmentView>()(reassessmentResultSchema, OFFICE, scope.office),
  'calendar-override-list': command<CalendarOverrideView[]>()(z.object({ year: z.number().int().min(2000).max(2100).nullish() }), ALL, scope.office),
  'calendar-override-set': command<CalendarOverrideView[]>()(calendarOverrideSchema, ADMIN, scope.office),
  'calendar-override-remove': command<CalendarOverrideView[]>()(z.object({ date: dateSchema('日期') }), ADMIN, scope.office),
} as const;
