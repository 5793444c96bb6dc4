// 审核会议记录 and 审批会议记录 (plan 三(三)/(四)) built from the recorded meetings: who sat (the 镇评审小组 by title,
// its 组长 present), what the engine proposed for each case, what was decided, and every override with its reason.
// Pure reads; registered through the documents registry by `meeting-record-issue` (approval.ts).
import { AppError } from '../contract';
import { MEETING_TITLES, meetingRecord, type Attendee, type MeetingDecisionRow, type MeetingRecordData } from '../documents';
import { formatChineseMonth, formatYuan } from '../documents/layout';
import { CATEGORY_LABELS } from '../domain/determination';
import { caseIdsDecidedAt, caseIdsReviewedAt, getApprovalOfCase, getMeeting, getReviewDecision, type DecisionLine, type MeetingRow } from '../store/approvals';
import { getCase } from '../store/campaigns';
import { getVillage } from '../store/villages';
import type { Ctx } from './context';
import type { BuiltDocument } from './document-data';
import { caseDetermination } from './hearing-documents';

/** "A类1人、B类2人" from the decided lines. */
function classOfLines(lines: readonly DecisionLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.class, (counts.get(l.class) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls}类${n}人`)
    .join('、');
}

function requireRecordedMeeting(ctx: Ctx, meetingId: number): MeetingRow {
  const m = getMeeting(ctx.db, meetingId);
  if (!m) throw new AppError('NOT_FOUND', '找不到该会议');
  return m;
}

/** The row of one case decided at the meeting; the engine's figure stays beside the decided one. */
function decisionRow(ctx: Ctx, meeting: MeetingRow, caseId: number): MeetingDecisionRow {
  const c = getCase(ctx.db, caseId)!;
  const d = caseDetermination(ctx, c);
  const review = getReviewDecision(ctx.db, caseId);
  const lines = review?.lines ?? [];
  const base = {
    village: c.villageName,
    headName: c.headName ?? '',
    householdSize: d ? d.snapshot.members.length : c.size,
    category: d ? CATEGORY_LABELS[d.category] : '',
    personClass: classOfLines(lines),
  };
  if (meeting.kind === 'review') {
    const overridden = review !== null && review.decidedTotal !== review.proposedTotal;
    return {
      ...base,
      monthlyAmount: review?.decidedTotal ?? 0,
      result: overridden ? '调整报批' : '同意报批',
      votes: overridden ? `测算${formatYuan(review.proposedTotal)}元，调整为${formatYuan(review.decidedTotal)}元。理由：${review.overrideReason ?? ''}` : `同测算结果（${formatYuan(review?.proposedTotal ?? 0)}元）`,
    };
  }
  const approval = getApprovalOfCase(ctx.db, caseId);
  if (approval?.decision === 'deny') {
    return { ...base, monthlyAmount: 0, result: '不予批准', votes: `理由：${approval.reason ?? ''}` };
  }
  const override = review && review.decidedTotal !== review.proposedTotal ? `；审核调整：测算${formatYuan(review.proposedTotal)}元→${formatYuan(review.decidedTotal)}元（${review.overrideReason ?? ''}）` : '';
  return {
    ...base,
    monthlyAmount: approval?.monthlyTotal ?? 0,
    result: '批准',
    votes: `自${approval?.paymentStart ? formatChineseMonth(approval.paymentStart) : ''}起发放${approval?.reason ? `；意见：${approval.reason}` : ''}${override}`,
  };
}

/** The record's data: members by title, the chair (组长 of the panel), the cases decided and the minutes. */
export function meetingRecordData(ctx: Ctx, meetingId: number, township: string): { data: MeetingRecordData; meeting: MeetingRow; villageName: string | null } {
  const meeting = requireRecordedMeeting(ctx, meetingId);
  const villageName = meeting.villageId === null ? null : (getVillage(ctx.db, meeting.villageId)?.name ?? null);
  const caseIds = meeting.kind === 'review' ? caseIdsReviewedAt(ctx.db, meeting.id) : caseIdsDecidedAt(ctx.db, meeting.id);
  if (caseIds.length === 0) {
    throw new AppError('WORKFLOW', `该${meeting.kind === 'review' ? '审核' : '审批'}会议还没有审定任何案件，暂不能出具会议记录`);
  }
  const decisions = caseIds.map((id) => decisionRow(ctx, meeting, id));
  const attendees: Attendee[] = meeting.members.map((m) => ({ name: m.name, role: m.title }));
  const chair = meeting.members.find((m) => m.title === '组长') ?? meeting.members[0]!;
  const overridden = decisions.filter((r) => r.result === '调整报批').length;
  const approved = decisions.filter((r) => r.result === '批准').length;
  const proceedings =
    meeting.kind === 'review'
      ? [
          `${villageName ?? ''}两委干部和镇包村干部召开低保审核会议，对公示无异议的${decisions.length}户进行审核，依据人员类别确定每户的低保金，并提出审核建议报镇政府审批。`,
          `测算金额由系统依据核对和入户调查结果按人员类别算出；${overridden ? `会议调整${overridden}户的金额，理由逐户列明于下表` : '各户均按测算结果确定，未作调整'}。`,
          ...(meeting.note ? [meeting.note] : []),
        ]
      : [
          `镇评审小组召开评审会议集中审批，组长${chair.name}${chair.title === '组长' ? '（镇政府主要负责人）出席并主持' : '主持'}，评审小组成员${meeting.members.length}人参加。`,
          `本次审批${decisions.length}户：批准${approved}户，不予批准${decisions.length - approved}户。批准的对象自审批次月起发放，按规定组织公示；不予批准的书面告知理由。`,
          ...(meeting.note ? [meeting.note] : []),
        ];
  const data: MeetingRecordData = {
    kind: meeting.kind,
    township,
    ...(meeting.kind === 'review' && villageName ? { village: villageName } : {}),
    date: meeting.heldOn,
    place: meeting.place,
    host: `${chair.name}（${chair.title}）`,
    recorder: meeting.createdBy,
    attendees,
    proceedings,
    decisions,
  };
  return { data, meeting, villageName };
}

export function meetingDocument(ctx: Ctx, meetingId: number, township: string, issueDate: string): BuiltDocument {
  const { data, meeting, villageName } = meetingRecordData(ctx, meetingId, township);
  const subject = villageName ?? township;
  return {
    kind: 'meeting-record',
    householdId: null,
    villageId: meeting.villageId,
    subject,
    title: `${subject}${MEETING_TITLES[meeting.kind]}（${meeting.heldOn}）`,
    snapshot: { ...data, meetingId: meeting.id, issueDate },
    definition: meetingRecord(data),
  };
}
