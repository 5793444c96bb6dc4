// The facts a refusal or a stop quotes, read from the case that decided it (issue 12): the day the family applied
// (the application step, not the day the household was registered), the day of the decision, the determination it
// rested on and the amount that stops. Pure reads.
import type { SavedDetermination } from '../contract';
import type { DecidingDetermination } from '../domain/notice-wording';
import { latestApproval } from '../store/approvals';
import { casesOfHousehold, getCase, listCaseEvents, type CaseRow } from '../store/campaigns';
import { getDetermination, listDeterminations } from '../store/determinations';
import { listAdjustments } from '../store/roster';
import { today, type Ctx } from './context';
import { applicationSigned } from './date-order';

/** The local calendar day of a stored instant (events are stored as UTC ISO instants). */
const dayOf = (iso: string): string => today(() => new Date(iso));

/** The case a notice belongs to: the one named (by the workflow step, kept in the options), else the household's latest. */
export function caseOfNotice(ctx: Ctx, householdId: number, caseId: number | null | undefined): CaseRow | null {
  if (caseId) {
    const c = getCase(ctx.db, caseId);
    if (c && c.householdId === householdId) return c;
  }
  return casesOfHousehold(ctx.db, householdId)[0] ?? null;
}

/**
 * 「于…提出的最低生活保障申请」: the day the application was signed by the village party secretary and the area cadre
 * (plan 三(二)第二步; the later signature, as `applicationSigned` dates the application step everywhere); without
 * signatures, the day the application step was completed; without that step (a case entered at a later step), the
 * day the case was opened. Never the day the household was registered, which may be years earlier.
 */
export function applicationDateOf(ctx: Ctx, c: CaseRow): string {
  const signed = applicationSigned(ctx, c.id);
  if (signed) return signed.date;
  const submitted = listCaseEvents(ctx.db, c.id).find((e) => e.action === 'submit-application');
  return dayOf(submitted?.at ?? c.createdAt);
}

/** The day a refusal was decided, for a notice (re)built after the step: the step's own event. */
export function decisionDateOf(ctx: Ctx, c: CaseRow, actions: readonly string[]): string | null {
  const e = listCaseEvents(ctx.db, c.id).filter((ev) => actions.includes(ev.action)).pop();
  if (!e) return null;
  const meetingDay = (e.data as { meetingHeldOn?: string } | null)?.meetingHeldOn;
  return meetingDay ?? dayOf(e.at);
}

/** The determination the case was decided on (its 初审), else the household's latest saved one. */
export function decidingSaved(ctx: Ctx, householdId: number, c: CaseRow | null): SavedDetermination | null {
  const byCase = c?.determinationId ? getDetermination(ctx.db, c.determinationId) : null;
  const d = byCase ?? listDeterminations(ctx.db, householdId)[0] ?? null;
  return d ? (d as unknown as SavedDetermination) : null;
}

export function decidingOf(d: SavedDetermination): DecidingDetermination {
  return { category: d.category, reasons: d.snapshot.result.reasons, assetsNote: d.snapshot.facts?.assetsNote ?? null };
}

/**
 * What the household is paid each month now, i.e. what a stop takes away: the later of its latest approval and
 * policy adjustment (as the roster decides), else — a household carried over from the old roll — its latest
 * eligible determination.
 */
export function paidMonthlyAmount(ctx: Ctx, householdId: number): number {
  const approval = latestApproval(ctx.db, householdId);
  const adjustment = listAdjustments(ctx.db, householdId)[0] ?? null;
  if (adjustment && (!approval || adjustment.appliedAt > approval.decidedAt)) return adjustment.newTotal;
  if (approval) return approval.monthlyTotal;
  const eligible = listDeterminations(ctx.db, householdId).find((d) => d.category !== 'ineligible');
  return eligible?.monthlyTotal ?? 0;
}
