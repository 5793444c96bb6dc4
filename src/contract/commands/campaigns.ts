import { z } from 'zod';
import { CASE_STATE_LABELS, type CaseAction, type CaseKind, type CaseState, type Phase, type ScreeningResult } from '../../domain/workflow';
import { ALL, OFFICE, command, stepRoles } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, textString } from '../schemas';

export type CampaignView = {
  id: number;
  name: string;
  year: number;
  phases: Phase[];
  villageIds: number[];
  villageNames: string[];
  caseCount: number;
  /** The year's standing 「YYYY年低保动态管理」 campaign (change cases only): never a page's default. */
  standing: boolean;
  createdAt: string;
  createdBy: string;
};

export type CaseView = {
  id: number;
  campaignId: number;
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string | null;
  size: number;
  kind: CaseKind;
  state: CaseState;
  screeningResult: ScreeningResult | null;
  updatedAt: string;
};

export type CaseEventView = {
  id: number;
  action: string;
  actionLabel: string;
  fromState: CaseState | null;
  toState: CaseState;
  actor: string;
  actorRole: string;
  at: string;
  note: string | null;
  data: unknown;
};

export type CaseDetail = CaseView & {
  campaignName: string;
  screeningNote: string | null;
  committeeAgrees: boolean | null;
  committeeReason: string | null;
  determinationId: number | null;
  events: CaseEventView[];
  /** Actions the current user may take now (the service checks again when one is taken). */
  allowedActions: CaseAction[];
};

const STATES = Object.keys(CASE_STATE_LABELS) as [CaseState, ...CaseState[]];

export const phaseSchema = z
  .object({
    key: z.enum(['publicity', 'application', 'hearing', 'approval']),
    label: textString().trim().min(1).max(20),
    start: dateSchema('开始日期'),
    end: dateSchema('结束日期'),
  })
  .refine((p) => p.start <= p.end, { message: '结束日期不能早于开始日期', path: ['end'] });

export const campaignFieldsSchema = z.object({
  name: textString({ error: '请填写名称' }).trim().min(1, '请填写名称').max(60, '名称不能超过60个字'),
  phases: z
    .array(phaseSchema)
    .length(4, '须有四个工作阶段')
    .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.end <= p.start), '各阶段须按先后顺序排列，不能重叠'),
  villageIds: z.array(idSchema).min(1, '请至少选择一个村（社区）'),
});

const caseRef = z.object({ caseId: idSchema });

export const campaignCommands = {
  'campaign-list': command<CampaignView[]>()(z.object({}), ALL, scope.office),
  'campaign-get': command<CampaignView>()(z.object({ id: idSchema }), ALL, scope.office),
  'campaign-create': command<CampaignView>()(campaignFieldsSchema.extend({ year: z.number().int().min(2000).max(2100) }), OFFICE, scope.office),
  'campaign-update': command<CampaignView>()(campaignFieldsSchema.extend({ id: idSchema }), OFFICE, scope.office),
  'campaign-review-recipients': command<{ created: number; existing: number; elsewhere: number }>()(z.object({ campaignId: idSchema }), OFFICE, scope.office),

  'case-open': command<CaseDetail>()(z.object({ campaignId: idSchema, householdId: idSchema, note: textString().trim().max(500).nullish() }), ALL, scope.household()),
  'case-list': command<CaseView[]>()(
    z.object({
      campaignId: idSchema,
      villageId: idSchema.nullish(),
      states: z.array(z.enum(STATES)).nullish(),
      householdId: idSchema.nullish(),
    }),
    ALL,
    scope.filter('villageId', scope.ref('household', 'householdId', true)),
  ),
  'case-get': command<CaseDetail>()(z.object({ id: idSchema }), ALL, scope.case('id')),
  'case-screen': command<CaseDetail>()(
    caseRef.extend({
      result: z.enum(['apply', 'exit', 'maintain', 'none'], { error: '请选择摸排结果' }),
      note: textString().trim().max(500, '说明不能超过500个字').nullish(),
    }),
    stepRoles('screen'),
    scope.case(),
  ),
  'case-return': command<CaseDetail>()(
    caseRef.extend({ reason: textString({ error: '请填写退回原因' }).trim().min(2, '请填写退回原因').max(500) }),
    stepRoles('return'),
    scope.office,
  ),
} as const;
