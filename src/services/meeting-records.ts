// 审核会议记录 and 审批会议记录 (issue 12, plan 三(四)) of one village, rendered from the recorded decision meeting:
// its members by title (the 审批 panel's 组长 must be among them), per case the engine's proposal, the amount the
// meeting decided with the reason of any override, or the panel's decision. Called by buildDocument; pure reads.
import { AppError, type SavedDetermination, type Village } from '../contract';
import { MEETING_TITLES, meetingRecord, type MeetingDecisionRow } from '../documents';
import { CATEGORY_LABELS } from '../domain/determination';
import { formatChineseDate, formatChineseMonth } from '../documents';
import { approvalsOfMeeting, getMeeting, reviewDecisionsOfMeeting, type DecisionLine } from '../store/approvals';
import { getCase } from '../store/campaigns';
import { getDetermination } from '../store/determinations';
import { classCounts } from './approval-notice';
import type { Ctx } from './context';
import type { BuiltDocument } from './document-data';

const yuan = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function proposalText(lines: readonly DecisionLine[]): string {
  return lines.map((l) => `${l.name}（${l.class}类）${yuan(l.proposed)}元${l.decided !== l.proposed ? `，决定${yuan(l.decided)}元` : ''}`).join('；');
}

export function decisionMeetingRecord(ctx: Ctx, village: Village, meetingId: number, meta: { issueDate: string }, township: string): BuiltDocument {
  const meeting = getMeeting(ctx.db, meetingId);
  if (!meeting || (meeting.villageId !== null && meeting.villageId !== village.id)) throw new AppError('NOT_FOUND', '找不到该审核（审批）会议');
  const kind = meeting.kind;
  // 镇评审小组 decides with its 组长 present (plan 三(四)); a record without one would record no valid decision.
  const leader = meeting.members.find((m) => m.title === '组长');
  if (kind === 'approval' && !leader) throw new AppError('WORKFLOW', '该审批会议的参会人员中没有镇评审小组组长，不能出具审批会议记录');
  const decisions: MeetingDecisionRow[] = [];
  const proceedings: string[] = [];
  if (kind === 'review') {
    for (const r of reviewDecisionsOfMeeting(ctx.db, meeting.id, village.id)) {
      const c = getCase(ctx.db, r.caseId)!;
      const d = getDetermination(ctx.db, r.determinationId) as unknown as SavedDetermination | null;
      const overridden = r.decidedTotal !== r.proposedTotal;
      decisions.push({
        village: c.villageName,
        headName: c.headName ?? '',
        householdSize: d?.snapshot.members.length ?? c.size,
        category: d ? CATEGORY_LABELS[d.category] : '',
        personClass: classCounts(r.lines.map((l) => l.class)),
        monthlyAmount: r.decidedTotal,
        result: overridden ? '调整后通过' : '通过',
        note: overridden ? `测算${yuan(r.proposedTotal)}元` : '',
      });
      proceedings.push(
        `${c.headName ?? ''}户：测算建议月保障金${yuan(r.proposedTotal)}元（${proposalText(r.lines)}）；会议${overridden ? `调整为${yuan(r.decidedTotal)}元，理由：${r.overrideReason ?? ''}` : '同意测算结果'}。`,
      );
    }
  } else {
    for (const a of approvalsOfMeeting(ctx.db, meeting.id, village.id)) {
      const c = getCase(ctx.db, a.caseId)!;
      const snap = a.snapshot as { determination?: { members: unknown[]; result: { category: keyof typeof CATEGORY_LABELS } }; lines?: DecisionLine[]; review?: { lines: DecisionLine[]; decidedTotal: number } | null };
      const lines = snap.lines ?? snap.review?.lines ?? [];
      const approved = a.decision === 'approve';
      decisions.push({
        village: c.villageName,
        headName: c.headName ?? '',
        householdSize: snap.determination?.members.length ?? c.size,
        category: snap.determination ? CATEGORY_LABELS[snap.determination.result.category] : '',
        personClass: classCounts(lines.map((l) => l.class)),
        monthlyAmount: approved ? a.monthlyTotal : (snap.review?.decidedTotal ?? 0),
        result: approved ? '批准' : '不予批准',
      });
      proceedings.push(
        approved
          ? `${c.headName ?? ''}户：审核会议确定月保障金${yuan(a.monthlyTotal)}元，批准，${a.paymentStart ? `自${formatChineseMonth(a.paymentStart)}起发放` : '发放月份待定'}。`
          : `${c.headName ?? ''}户：不予批准，理由：${a.reason ?? ''}。`,
      );
    }
  }
  if (decisions.length === 0) throw new AppError('WORKFLOW', `${formatChineseDate(meeting.heldOn)}的会议没有「${village.name}」的决定，无可记录的内容`);
  const data = {
    kind,
    township,
    ...(kind === 'review' ? { village: village.name } : {}),
    date: meeting.heldOn,
    place: meeting.place,
    host: leader ? `${leader.name}（${leader.title}）` : `${meeting.members[0]?.name ?? ''}（${meeting.members[0]?.title ?? ''}）`,
    recorder: meeting.createdBy,
    attendees: meeting.members.map((m) => ({ name: m.name, role: m.title })),
    proceedings: [
      kind === 'review'
        ? `会议对${village.name}${decisions.length}户的测算结果和拟定保障金逐户审核。`
        : `镇评审小组对${village.name}${decisions.length}户逐户审批，组长${leader!.name}主持。`,
      ...proceedings,
      ...(meeting.note ? [meeting.note] : []),
    ],
    decisions,
  };
  return {
    kind: 'meeting-record',
    householdId: null,
    villageId: village.id,
    subject: village.name,
    title: `${village.name}${MEETING_TITLES[kind]}（${meeting.heldOn}）`,
    snapshot: { ...data, meetingId: meeting.id, issueDate: meta.issueDate },
    definition: meetingRecord(data),
  };
}
