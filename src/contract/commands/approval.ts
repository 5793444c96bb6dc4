import { z } from 'zod';
import { ALL, command, stepRoles } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, moneySchema, textString } from '../schemas';
import type { CaseDetail } from './campaigns';
import type { DocumentView } from './documents';

export type MeetingMemberView = { name: string; title: string };
export type DecisionMeetingView = {
  id: number;
  campaignId: number;
  kind: 'review' | 'approval';
  villageId: number | null;
  villageName: string | null;
  heldOn: string;
  place: string;
  members: MeetingMemberView[];
  note: string | null;
  createdAt: string;
  createdBy: string;
};

export type DecisionLineView = { personId: number; name: string; class: string; proposed: number; decided: number };
export type CaseDecision = {
  proposal: DecisionLineView[] | null;
  review: { meetingId: number; lines: DecisionLineView[]; proposedTotal: number; decidedTotal: number; overrideReason: string | null; decidedAt: string; decidedBy: string } | null;
  approval: { decision: 'approve' | 'deny'; reason: string | null; monthlyTotal: number; paymentStart: string | null; decidedAt: string; decidedBy: string } | null;
};

/** The township review panel (plan 三(四)): 组长 (镇政府主要负责人), 副组长 (分管民政), 人大, 纪检, 民政, 扶贫, 残联. */
export const PANEL_TITLES = ['组长', '副组长', '人大', '纪检', '民政', '扶贫', '残联', '村两委', '包村干部', '其他'] as const;

const memberSchema = z.object({
  name: textString({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(20),
  title: z.enum(PANEL_TITLES, { error: '请选择职务' }),
});

export const meetingSchema = z
  .object({
    campaignId: idSchema,
    kind: z.enum(['review', 'approval']),
    villageId: idSchema.nullish().transform((v) => v ?? null),
    heldOn: dateSchema('会议日期'),
    place: textString({ error: '请填写会议地点' }).trim().min(1, '请填写会议地点').max(60),
    members: z.array(memberSchema).min(3, '参会人员至少3人'),
    note: textString().trim().max(1000).nullish().transform((v) => v || null),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'approval' && !m.members.some((x) => x.title === '组长')) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: '镇评审小组会议须有组长（镇政府主要负责人）参加' });
    }
  });

export const approvalCommands = {
  'meeting-create': command<DecisionMeetingView>()(meetingSchema, ALL, scope.village()),
  'meeting-list': command<DecisionMeetingView[]>()(z.object({ campaignId: idSchema, kind: z.enum(['review', 'approval']).nullish(), villageId: idSchema.nullish().transform((v) => v ?? null) }), ALL, scope.filter()),
  'case-review-decide': command<CaseDetail>()(
    z.object({
      caseId: idSchema,
      meetingId: idSchema,
      amounts: z.array(z.object({ personId: idSchema, amount: moneySchema })).nullish(),
      overrideReason: textString().trim().max(500).nullish(),
    }),
    stepRoles('review-decide'),
    scope.refs(scope.ref('case', 'caseId'), scope.ref('meeting', 'meetingId'), scope.ref('person', 'amounts[].personId')),
  ),
  'case-approve': command<CaseDetail>()(z.object({ caseId: idSchema, meetingId: idSchema, reason: textString().trim().max(500).nullish() }), stepRoles('approve'), scope.office),
  'case-deny': command<CaseDetail>()(
    z.object({ caseId: idSchema, meetingId: idSchema, reason: textString({ error: '请填写不予批准的理由' }).trim().min(5, '请写明不予批准的理由（至少5个字）').max(500) }),
    stepRoles('deny'),
    scope.office,
  ),
  'case-decision': command<CaseDecision>()(z.object({ caseId: idSchema }), ALL, scope.case()),
  /** 审核会议记录 / 审批会议记录 of a recorded meeting, from its decisions (issue 12), registered as a document. */
  'meeting-record-issue': command<DocumentView>()(z.object({ meetingId: idSchema }), ['clerk', 'leader', 'admin'], scope.refs(scope.ref('meeting', 'meetingId'))),
} as const;
