// Dates the clerk enters for case steps are checked against the dates entered for the steps they rest on (issue 16:
// a hearing dated before the home visit it judges was accepted). Only entered dates are compared — never the time a
// step was keyed in — so a campaign recorded after the fact is not refused.
import { AppError, type HomeVisitRecord } from '../contract';
import { dateOrderProblem, type DatedStep } from '../domain/date-order';
import { getReviewDecision, getMeeting } from '../store/approvals';
import { getApplication, getHomeVisit } from '../store/case-files';
import { hearingsOfCase, latestBatchOfCase } from '../store/hearings';
import { today, type Ctx } from './context';

/** Refuses a step dated before a step it depends on, or in the future, with both dates and the field to correct. */
export function assertDateOrder(
  ctx: Ctx,
  step: DatedStep & { path: string },
  dependsOn: readonly (DatedStep | null | undefined)[],
  who: string | null = null,
): void {
  const problem = dateOrderProblem(step, dependsOn, today(ctx.clock));
  if (problem) throw new AppError('VALIDATION', who ? `「${who}」：${problem}` : problem, [{ path: step.path, message: problem }]);
}

const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The later of the two signatures on the application (村书记, 分片村干部). */
export function applicationSigned(ctx: Ctx, caseId: number): DatedStep | null {
  const a = getApplication(ctx.db, caseId);
  const dates = [a?.secretaryDate, a?.cadreDate].filter((d): d is string => !!d).sort();
  return dates.length ? { label: '申请签字日期', date: dates[dates.length - 1]! } : null;
}

export function homeVisitDone(ctx: Ctx, caseId: number): DatedStep | null {
  const record = getHomeVisit(ctx.db, caseId)?.data as HomeVisitRecord | undefined;
  return record?.visitDate ? { label: '入户调查日期', date: record.visitDate } : null;
}

/** The latest hearing that passed the case (评议通过). */
export function hearingPassed(ctx: Ctx, caseId: number): DatedStep | null {
  const dates = hearingsOfCase(ctx.db, caseId)
    .filter((h) => h.passed)
    .map((h) => h.hearing.meetingDate)
    .sort();
  return dates.length ? { label: '评议听证会日期', date: dates[dates.length - 1]! } : null;
}

/** The first day after the case's 公示 window: the review meeting is held once the window is over. */
export function publicityOver(ctx: Ctx, caseId: number): DatedStep | null {
  const b = latestBatchOfCase(ctx.db, caseId);
  return b ? { label: `公示期满次日（公示至${b.windowEnd}）`, date: dayAfter(b.windowEnd) } : null;
}

export function reviewMeetingHeld(ctx: Ctx, caseId: number): DatedStep | null {
  const r = getReviewDecision(ctx.db, caseId);
  const m = r ? getMeeting(ctx.db, r.meetingId) : null;
  return m ? { label: '审核会议日期', date: m.heldOn } : null;
}
