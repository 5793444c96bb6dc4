import { AppError, type CaseDetail, type DecisionMeetingView, type DocumentView, type SavedDetermination } from '../contract';
import { mayTransition } from '../domain/workflow';
import {
  getApprovalOfCase,
  getMeeting,
  getReviewDecision,
  insertApproval,
  insertMeeting,
  listMeetings,
  upsertReviewDecision,
  type DecisionLine,
  type MeetingMember,
  type MeetingRow,
} from '../store/approvals';
import { getDetermination } from '../store/determinations';
import { setHouseholdStatus } from '../store/households';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { caseDetail, requireCampaign, requireCase, transition } from './cases';
import { nowIso, today, type Ctx } from './context';
import { assertDateOrder, homeVisitDone, publicityOver, reviewMeetingHeld } from './date-order';
import { issueDocument } from './documents';
import { NO_OPTIONS } from './preliminary';

const round2 = (v: number) => Math.round(v * 100) / 100;

function toMeetingView(ctx: Ctx, m: MeetingRow): DecisionMeetingView {
  return { ...m, villageName: m.villageId === null ? null : (getVillage(ctx.db, m.villageId)?.name ?? null) };
}

export function meetingCreate(
  ctx: Ctx,
  input: { campaignId: number; kind: 'review' | 'approval'; villageId: number | null; heldOn: string; place: string; members: MeetingMember[]; note: string | null },
): DecisionMeetingView {
  return ctx.db.transaction(() => {
    const campaign = requireCampaign(ctx, input.campaignId);
    if (input.kind === 'review') {
      if (input.villageId === null || !campaign.villageIds.includes(input.villageId)) {
        throw new AppError('VALIDATION', '审核会议须选择本次专项治理范围内的村（社区）', [{ path: 'villageId', message: '请选择村（社区）' }]);
      }
    } else if (ctx.actor.role === 'cadre') {
      throw new AppError('FORBIDDEN', '镇评审小组会议须由民政所或审批领导登记');
    }
    assertDateOrder(ctx, { label: '会议日期', date: input.heldOn, path: 'heldOn' }, []);
    const id = insertMeeting(ctx.db, {
      campaignId: campaign.id,
      kind: input.kind,
      villageId: input.kind === 'review' ? input.villageId : null,
      heldOn: input.heldOn,
      place: input.place,
      members: input.members,
      note: input.note,
      createdAt: nowIso(ctx.clock),
      createdBy: ctx.actor.name,
    });
    const view = toMeetingView(ctx, getMeeting(ctx.db, id)!);
    audit(ctx, 'meeting-create', 'meeting', id, null, view);
    return view;
  })();
}

export function meetingList(ctx: Ctx, input: { campaignId: number; kind?: 'review' | 'approval' | null | undefined; villageId: number | null }): DecisionMeetingView[] {
  requireCampaign(ctx, input.campaignId);
  return listMeetings(ctx.db, input.campaignId, input.kind ?? null, input.villageId).map((m) => toMeetingView(ctx, m));
}

function requireMeeting(ctx: Ctx, id: number, kind: 'review' | 'approval', campaignId: number, villageId: number): MeetingRow {
  const m = getMeeting(ctx.db, id);
  if (!m || m.kind !== kind || m.campaignId !== campaignId || (kind === 'review' && m.villageId !== villageId)) {
    throw new AppError('VALIDATION', kind === 'review' ? '请选择本村（社区）本次专项治理的审核会议' : '请选择本次专项治理的镇评审小组会议', [
      { path: 'meetingId', message: '会议不符' },
    ]);
  }
  return m;
}

function savedDetermination(ctx: Ctx, id: number | null): SavedDetermination {
  const d = id === null ? null : getDetermination(ctx.db, id);
  if (!d) throw new AppError('WORKFLOW', '该案件没有初审时保存的测算结果，请退回初审重新测算');
  return d as unknown as SavedDetermination;
}

/** The engine's proposal for each covered member (the saved preliminary determination). */
export function proposedLines(d: SavedDetermination): DecisionLine[] {
  return d.snapshot.result.covered.map((c) => {
    const m = d.snapshot.members[c.index]!;
    return { personId: m.personId, name: m.name, class: c.class, proposed: c.amount, decided: c.amount };
  });
}

/**
 * 审核会议 (plan 三(三) "依据人员类别确定每户的低保金"): the engine proposes each covered member's amount; the meeting
 * may decide otherwise only with a written reason, and both figures are kept.
 */
export function caseReviewDecide(
  ctx: Ctx,
  input: { caseId: number; meetingId: number; amounts?: { personId: number; amount: number }[] | null | undefined; overrideReason?: string | null | undefined },
): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const verdict = mayTransition('review-decide', c.state, c.villageId, { role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });
    if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', verdict.message);
    const meeting = requireMeeting(ctx, input.meetingId, 'review', c.campaignId, c.villageId);
    assertDateOrder(ctx, { label: '审核会议日期', date: meeting.heldOn, path: 'meetingId' }, [homeVisitDone(ctx, c.id), publicityOver(ctx, c.id)], `${c.headName ?? ''}户`);
    const d = savedDetermination(ctx, c.determinationId);
    const lines = proposedLines(d);
    for (const a of input.amounts ?? []) {
      const line = lines.find((l) => l.personId === a.personId);
      if (!line) throw new AppError('VALIDATION', '只能调整保障对象的金额', [{ path: 'amounts', message: '不是保障对象' }]);
      line.decided = a.amount;
    }
    const overridden = lines.some((l) => l.decided !== l.proposed);
    const reason = input.overrideReason?.trim() || null;
    if (overridden && (!reason || reason.length < 5)) {
      throw new AppError('VALIDATION', '调整测算金额须写明理由（至少5个字）', [{ path: 'overrideReason', message: '请写明调整理由' }]);
    }
    const proposedTotal = round2(lines.reduce((s, l) => s + l.proposed, 0));
    const decidedTotal = round2(lines.reduce((s, l) => s + l.decided, 0));
    upsertReviewDecision(ctx.db, {
      caseId: c.id,
      meetingId: meeting.id,
      determinationId: d.id,
      lines,
      proposedTotal,
      decidedTotal,
      overrideReason: overridden ? reason : null,
      decidedAt: nowIso(ctx.clock),
      decidedBy: ctx.actor.name,
    });
    transition(ctx, c.id, 'review-decide', {
      to: 'township-approval',
      note: overridden ? `审核调整月保障金 ${proposedTotal} → ${decidedTotal} 元：${reason}` : `审核确定月保障金 ${decidedTotal} 元（同测算结果）`,
      data: { meetingId: meeting.id, proposedTotal, decidedTotal },
    });
    return caseDetail(ctx, c.id);
  })();
}

/** Payment starts the month after approval (spec §9). */
export function paymentStartMonth(approvalDate: string): string {
  const [y, m] = approvalDate.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function assertApprovalStep(ctx: Ctx, caseId: number, action: 'approve' | 'deny') {
  const c = requireCase(ctx, caseId);
  const verdict = mayTransition(action, c.state, c.villageId, { role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });
  if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', verdict.message);
  if (getApprovalOfCase(ctx.db, c.id)) throw new AppError('CONFLICT', '该案件已有审批决定');
  return c;
}

/**
 * 审批 (plan 三(四)): the township review panel approves. The decision snapshot — facts, policy version, rule
 * trace, classes, the amounts decided at review, payment start — is frozen; later edits never change it.
 */
export function caseApprove(ctx: Ctx, input: { caseId: number; meetingId: number; reason?: string | null | undefined }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = assertApprovalStep(ctx, input.caseId, 'approve');
    const meeting = requireMeeting(ctx, input.meetingId, 'approval', c.campaignId, c.villageId);
    assertDateOrder(ctx, { label: '审批会议日期', date: meeting.heldOn, path: 'meetingId' }, [reviewMeetingHeld(ctx, c.id)], `${c.headName ?? ''}户`);
    const review = getReviewDecision(ctx.db, c.id);
    if (!review) throw new AppError('WORKFLOW', '该案件尚无审核会议确定的保障金，请先办理审核');
    const d = savedDetermination(ctx, review.determinationId);
    const decidedOn = today(ctx.clock);
    const paymentStart = paymentStartMonth(decidedOn);
    const snapshot = {
      determination: { id: d.id, evaluationDate: d.evaluationDate, policyVersion: d.policyVersion, ...d.snapshot },
      review,
      meeting: { id: meeting.id, heldOn: meeting.heldOn, place: meeting.place, members: meeting.members },
      monthlyTotal: review.decidedTotal,
      lines: review.lines,
      paymentStart,
    };
    const id = insertApproval(ctx.db, {
      caseId: c.id,
      householdId: c.householdId,
      meetingId: meeting.id,
      decision: 'approve',
      reason: input.reason?.trim() || null,
      monthlyTotal: review.decidedTotal,
      paymentStart,
      snapshot,
      decidedAt: nowIso(ctx.clock),
      decidedBy: ctx.actor.name,
    });
    transition(ctx, c.id, 'approve', {
      to: 'approved',
      note: `审批通过，月保障金 ${review.decidedTotal} 元，自 ${paymentStart} 起发放`,
      data: { approvalId: id, monthlyTotal: review.decidedTotal, paymentStart },
    });
    setHouseholdStatus(ctx.db, c.householdId, 'recipient', nowIso(ctx.clock));
    return caseDetail(ctx, c.id);
  })();
}

/** The panel refuses: the 不予批准通知书 carries its written reason and commits together with the decision. */
export async function caseDeny(ctx: Ctx, input: { caseId: number; meetingId: number; reason: string }): Promise<CaseDetail> {
  const c = assertApprovalStep(ctx, input.caseId, 'deny');
  const meeting = requireMeeting(ctx, input.meetingId, 'approval', c.campaignId, c.villageId);
  assertDateOrder(ctx, { label: '审批会议日期', date: meeting.heldOn, path: 'meetingId' }, [reviewMeetingHeld(ctx, c.id)], `${c.headName ?? ''}户`);
  const reason = input.reason.trim();
  const review = getReviewDecision(ctx.db, c.id);
  // The decision is the panel's, on the day it met (not the day the clerk records it).
  const options = { ...NO_OPTIONS, decisionReason: reason, caseId: c.id, decisionDate: meeting.heldOn };
  await issueDocument(ctx, { kind: 'denial-notice', householdId: c.householdId, villageId: null, options }, (doc) => {
    insertApproval(ctx.db, {
      caseId: c.id,
      householdId: c.householdId,
      meetingId: meeting.id,
      decision: 'deny',
      reason,
      monthlyTotal: 0,
      paymentStart: null,
      snapshot: { review, meeting: { id: meeting.id, heldOn: meeting.heldOn, members: meeting.members }, reason, documentId: doc.id },
      decidedAt: nowIso(ctx.clock),
      decidedBy: ctx.actor.name,
    });
    transition(ctx, c.id, 'deny', { to: 'denied', note: `审批不予批准：${reason}（${doc.documentNumber ?? ''}）`, data: { documentId: doc.id } });
    // A recipient refused at approval leaves the roll.
    if (c.kind === 'recipient-review') setHouseholdStatus(ctx.db, c.householdId, 'stopped', nowIso(ctx.clock));
  });
  return caseDetail(ctx, c.id);
}

export function caseDecision(ctx: Ctx, input: { caseId: number }) {
  const c = requireCase(ctx, input.caseId);
  const review = getReviewDecision(ctx.db, c.id);
  const approval = getApprovalOfCase(ctx.db, c.id);
  const proposal = c.determinationId === null ? null : proposedLines(savedDetermination(ctx, c.determinationId));
  return { review, approval, proposal };
}

/** `meeting-record-issue`: the record of one 审核/审批 meeting from its decisions (meeting-documents.ts), registered. */
export function meetingRecordIssue(ctx: Ctx, input: { meetingId: number }): Promise<DocumentView> {
  const meeting = getMeeting(ctx.db, input.meetingId);
  if (!meeting) throw new AppError('NOT_FOUND', '找不到该会议');
  return issueDocument(ctx, { kind: 'meeting-record', householdId: null, villageId: meeting.villageId, options: { ...NO_OPTIONS, meetingId: meeting.id } });
}
