// 低保动态管理 (plan 二(二) "加强低保户动态管理，对不符合条件的低保户要及时清退"): review intervals by class, due
// dates, payment months and the 渐退期 (gradual exit). Pure: no I/O.

export type PersonClass = 'A' | 'B' | 'C';

export const PERSON_CLASSES: readonly PersonClass[] = ['A', 'B', 'C'];

export type RosterSettings = {
  /** Months between reviews, per class (A/B yearly, C every six months by default). */
  intervals: Record<PersonClass, number>;
  /** 渐退期 length in months; 0 = no gradual exit, a stop is immediate. */
  gradualExitMonths: number;
};

export const DEFAULT_ROSTER_SETTINGS: RosterSettings = { intervals: { A: 12, B: 12, C: 6 }, gradualExitMonths: 0 };

/**
 * The mark a decision snapshot carries when the household was brought in by 存量数据导入 (the office's existing
 * roll) rather than decided here: its figures are the roll's own, not a review meeting's.
 */
export const ROLL_IMPORT_MARK = '存量导入';

/** What a roster line's figures rest on (依据). */
export type RosterBasis = 'approval' | 'roll-import' | 'adjustment' | 'determination';

export const ROSTER_BASIS_LABELS: Record<RosterBasis, string> = {
  approval: '审批决定',
  'roll-import': '存量导入',
  adjustment: '政策调整',
  determination: '原花名册测算',
};

/** 「存量导入（2026-11-30）」: the basis with the day it was decided, imported or applied. */
export function rosterBasisLabel(basis: RosterBasis, date: string | null): string {
  return date ? `${ROSTER_BASIS_LABELS[basis]}（${date}）` : ROSTER_BASIS_LABELS[basis];
}

/** Days before the due date from which a household is on the due list. */
export const DUE_WINDOW_DAYS = 30;

/** `YYYY-MM` plus n months. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` plus n months; the day is clamped to the month's length (01-31 + 1 month → 02-28). */
export function addMonthsToDate(date: string, n: number): string {
  const month = addMonthsToMonth(date.slice(0, 7), n);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The review interval of a household: the shortest of its covered members' classes (a household with a C-class
 * member is reviewed every six months even if another member is A), so that no covered person waits too long.
 */
export function reviewIntervalMonths(classes: readonly string[], settings: RosterSettings): number {
  const months = classes.filter((c): c is PersonClass => (PERSON_CLASSES as readonly string[]).includes(c)).map((c) => settings.intervals[c]);
  return months.length ? Math.min(...months) : Math.min(...PERSON_CLASSES.map((c) => settings.intervals[c]));
}

export function nextReviewDue(lastReview: string, classes: readonly string[], settings: RosterSettings): string {
  return addMonthsToDate(lastReview, reviewIntervalMonths(classes, settings));
}

export type DueStatus = 'overdue' | 'due' | 'ok';

/** Overdue when the due date has passed; due when it falls within the next 30 days. */
export function dueStatus(nextDue: string, today: string): DueStatus {
  if (nextDue < today) return 'overdue';
  if (nextDue <= addDays(today, DUE_WINDOW_DAYS)) return 'due';
  return 'ok';
}

/**
 * The month a roster adjustment takes effect: the later of the policy's effective month and the month after
 * the decision (payment changes are never retroactive here; arrears are the office's own decision).
 */
export function adjustmentEffectiveMonth(policyEffectiveFrom: string, today: string): string {
  const next = addMonthsToMonth(today.slice(0, 7), 1);
  const policyMonth = policyEffectiveFrom.slice(0, 7);
  return policyMonth > next ? policyMonth : next;
}

/**
 * 渐退期: payments continue at the current amount for `months` months after the month of the grant; the end
 * month is the last month paid. Granted in 2026-05 with 3 months → paid 06, 07, 08; end month 2026-08.
 */
export function gradualExitEndMonth(grantedOn: string, months: number): string {
  return addMonthsToMonth(grantedOn.slice(0, 7), months);
}

/** The stop is processed in the end month, so that the notice (which stops from the following month) matches. */
export function isGradualExitEnded(endMonth: string, today: string): boolean {
  return today.slice(0, 7) >= endMonth;
}

/**
 * Whether a re-determination allows a gradual exit instead of an immediate stop: only when the family is
 * ineligible because its income rose above the standard — not for non-compliant assets (财产不符合规定).
 */
export function gradualExitBlocker(d: { category: string; perCapitaIncome: number; standard: number; assetsCompliant: boolean | null }): string | null {
  if (d.category !== 'ineligible') return '复核测算结果仍符合低保条件，无需渐退';
  if (d.assetsCompliant !== true) return '家庭财产状况不符合规定的，应当停发，不适用渐退期';
  if (d.perCapitaIncome < d.standard) return '家庭人均收入未超过低保标准，不适用渐退期';
  return null;
}

/** 增发 / 减发 / 不变, for showing a decided amount against the roster. */
export function changeDirection(rosterTotal: number, newTotal: number): '增发' | '减发' | '金额不变' {
  if (newTotal > rosterTotal) return '增发';
  if (newTotal < rosterTotal) return '减发';
  return '金额不变';
}
