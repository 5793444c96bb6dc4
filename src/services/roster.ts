// 低保动态管理 (plan 二(二) "加强低保户动态管理，对不符合条件的低保户要及时清退"): the recipient roster built from the
// frozen decisions, review intervals and the due list, change cases (动态调整) in a standing yearly campaign, and
// the 渐退期 (gradual exit) with its automatic stop.
import {
  AppError,
  type CaseDetail,
  type ChangeCasePreview,
  type RosterHouseholdView,
  type RosterLine,
  type RosterPage,
  type RosterSettingsView,
  type SavedDetermination,
} from '../contract';
import { defaultPhases } from '../domain/workflow';
import {
  addDays,
  changeDirection,
  DEFAULT_ROSTER_SETTINGS,
  DUE_WINDOW_DAYS,
  dueStatus,
  gradualExitBlocker,
  gradualExitEndMonth,
  nextReviewDue,
  type RosterSettings,
} from '../domain/roster';
import { getApprovalOfCase, getReviewDecision, type ApprovalRow, type DecisionLine } from '../store/approvals';
import { getCampaign, insertCampaign, insertCase, insertCaseEvent, updateCampaign } from '../store/campaigns';
import { getDetermination, type DeterminationRecord } from '../store/determinations';
import { getHouseholdRow, setHouseholdStatus } from '../store/households';
import {
  allRosterReviewBases,
  approvalCaseId,
  countRoster,
  endGradualExit,
  getAdjustment,
  getChangeCase,
  getGradualExit,
  gradualExitsEndingBy,
  insertChangeCase,
  insertGradualExit,
  insertStandingCampaign,
  listAdjustments,
  listRoster,
  markRosterChecked,
  openCaseOfHousehold,
  putRosterEntry,
  rosterSources,
  rosterSourcesUnchanged,
  setNextDue,
  standingCampaignId,
  type RosterFilter,
  type RosterMemberLine,
  type RosterRow,
  type RosterSources,
} from '../store/roster';
import { getSetting, putSetting } from '../store/settings';
import { listVillages } from '../store/villages';
import { audit } from './audit';
import { caseDetail, requireCase, transition } from './cases';
import { nowIso, today, type Ctx } from './context';
import { noProgress } from './progress';
import { issueDocument } from './documents';
import { NO_OPTIONS } from './preliminary';
import { getOfficeSettings } from './settings';
import { rosterWorkbookOffThread } from '../exchange/maintenance-runner';

// ---------------------------------------------------------------- settings

const SETTINGS_KEY = 'roster';

export function rosterSettings(ctx: Ctx): RosterSettings {
  const raw = getSetting(ctx.db, SETTINGS_KEY);
  if (raw === null) return DEFAULT_ROSTER_SETTINGS;
  const stored = JSON.parse(raw) as Partial<RosterSettings>;
  return { intervals: { ...DEFAULT_ROSTER_SETTINGS.intervals, ...stored.intervals }, gradualExitMonths: stored.gradualExitMonths ?? 0 };
}

export const rosterSettingsGet = (ctx: Ctx): RosterSettingsView => rosterSettings(ctx);

/** Changing the intervals moves every household's next review date at once. */
export function rosterSettingsUpdate(ctx: Ctx, input: RosterSettingsView): RosterSettingsView {
  return ctx.db.transaction(() => {
    const before = rosterSettings(ctx);
    putSetting(ctx.db, SETTINGS_KEY, JSON.stringify(input));
    for (const b of allRosterReviewBases(ctx.db)) setNextDue(ctx.db, b.householdId, nextReviewDue(b.lastReview, [...b.classes], input));
    audit(ctx, 'roster-settings-update', 'settings', null, before, input);
    return input;
  })();
}

// ---------------------------------------------------------------- roster lines

const dateOf = (iso: string) => iso.slice(0, 10);
const nextMonthOf = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const classesOf = (lines: RosterMemberLine[]) => [...new Set(lines.map((l) => l.class))].sort().join('');
const round2 = (v: number) => Math.round(v * 100) / 100;

type ApprovalSnapshot = { determination: { members: { personId: number; idNumber: string }[]; result: { category: string } }; lines: DecisionLine[] };

function linesOfApproval(a: ApprovalRow): { lines: RosterMemberLine[]; category: string } {
  const snap = a.snapshot as ApprovalSnapshot;
  const ids = new Map(snap.determination.members.map((m) => [m.personId, m.idNumber]));
  return {
    category: snap.determination.result.category,
    lines: snap.lines.map((l) => ({ personId: l.personId, name: l.name, idNumber: ids.get(l.personId) ?? '', class: l.class, amount: l.decided })),
  };
}

/** The covered members of a saved determination, with their classes and amounts. */
export function linesOfDetermination(d: DeterminationRecord): RosterMemberLine[] {
  const snap = (d as unknown as SavedDetermination).snapshot;
  return snap.result.covered.map((c) => {
    const m = snap.members[c.index]!;
    return { personId: m.personId, name: m.name, idNumber: m.idNumber, class: c.class, amount: c.amount };
  });
}

/** Builds one household's line from its sources: the later of approval and policy adjustment, else the legacy determination. */
function rebuild(ctx: Ctx, s: RosterSources, settings: RosterSettings): void {
  const approval = s.approvalId === null ? null : getApprovalOfCase(ctx.db, approvalCaseId(ctx.db, s.approvalId));
  const adjustment = s.adjustmentId === null ? null : getAdjustment(ctx.db, s.adjustmentId);
  const legacy = s.determinationId === null ? null : getDetermination(ctx.db, s.determinationId);
  const ids = { householdId: s.householdId, approvalId: s.approvalId, adjustmentId: s.adjustmentId, determinationId: s.determinationId };
  // A review is an approval (or, for a household carried over from the old roll, its saved determination); a
  // policy adjustment changes the amount without reviewing the family's circumstances.
  const lastReview = approval ? dateOf(approval.decidedAt) : legacy ? legacy.evaluationDate : adjustment ? dateOf(adjustment.appliedAt) : null;
  let base: { source: 'approval' | 'adjustment' | 'determination'; category: string; lines: RosterMemberLine[]; paymentStart: string | null } | null = null;
  if (adjustment && (!approval || adjustment.appliedAt > approval.decidedAt)) {
    const d = getDetermination(ctx.db, adjustment.determinationId);
    base = { source: 'adjustment', category: d?.category ?? '', lines: adjustment.newLines, paymentStart: adjustment.effectiveMonth };
  } else if (approval) {
    base = { source: 'approval', ...linesOfApproval(approval), paymentStart: approval.paymentStart };
  } else if (legacy) {
    base = { source: 'determination', category: legacy.category, lines: linesOfDetermination(legacy), paymentStart: nextMonthOf(legacy.evaluationDate) };
  }
  if (!base || lastReview === null) return;
  const classes = classesOf(base.lines);
  putRosterEntry(ctx.db, {
    ...ids,
    ...base,
    classes,
    monthlyTotal: round2(base.lines.reduce((sum, l) => sum + l.amount, 0)),
    lastReview,
    nextDue: nextReviewDue(lastReview, [...classes], settings),
  });
}

const sameIds = (s: RosterSources) =>
  s.cached !== null && s.cached.approvalId === s.approvalId && s.cached.adjustmentId === s.adjustmentId && s.cached.determinationId === s.determinationId;

/**
 * Brings the roster lines up to date with the latest decisions (only the lines whose sources changed). The full
 * check is skipped while nothing it reads was written since the last one (store/roster.ts, issue 13).
 */
export function syncRoster(ctx: Ctx, householdId: number | null = null): void {
  ctx.db.transaction(() => {
    if (householdId === null && rosterSourcesUnchanged(ctx.db)) return;
    const settings = rosterSettings(ctx);
    for (const s of rosterSources(ctx.db, householdId)) if (!sameIds(s)) rebuild(ctx, s, settings);
    if (householdId === null) markRosterChecked(ctx.db);
  })();
}

function toLine(r: RosterRow, todayIso: string): RosterLine {
  return {
    householdId: r.householdId,
    villageId: r.villageId,
    villageName: r.villageName,
    groupName: r.groupName,
    headName: r.headName,
    size: r.size,
    source: r.source,
    basisDate: r.basisDate,
    category: r.category,
    members: r.lines,
    monthlyTotal: r.monthlyTotal,
    paymentStart: r.paymentStart,
    lastReview: r.lastReview,
    nextDue: r.nextDue,
    dueStatus: dueStatus(r.nextDue, todayIso),
    gradualExit: r.gradualExit,
    openCase: r.openCase,
  };
}

type FilterInput = { villageId: number | null; personClass: 'A' | 'B' | 'C' | null; view: 'all' | 'due' | 'gradual-exit' };

function filterOf(ctx: Ctx, input: FilterInput): RosterFilter {
  return {
    villageId: input.villageId,
    personClass: input.personClass,
    dueBy: input.view === 'due' ? addDays(today(ctx.clock), DUE_WINDOW_DAYS) : null,
    gradualExitOnly: input.view === 'gradual-exit',
    householdIds: null,
  };
}

export function rosterList(ctx: Ctx, input: FilterInput & { page: number; pageSize: number }): RosterPage {
  syncRoster(ctx);
  const f = filterOf(ctx, input);
  const summary = countRoster(ctx.db, f);
  const rows = listRoster(ctx.db, f, input.view === 'due' ? 'due' : 'village', input.pageSize, (input.page - 1) * input.pageSize);
  const now = today(ctx.clock);
  return {
    items: rows.map((r) => toLine(r, now)),
    total: summary.households,
    page: input.page,
    pageSize: input.pageSize,
    summary: { households: summary.households, persons: summary.persons, monthlyTotal: round2(summary.monthlyTotal) },
  };
}

export async function rosterExport(ctx: Ctx, input: FilterInput): Promise<{ fileName: string; base64: string }> {
  const progress = ctx.progress ?? noProgress;
  progress(0.02, '核对花名册');
  syncRoster(ctx);
  const f = filterOf(ctx, input);
  const now = today(ctx.clock);
  const lines = listRoster(ctx.db, f, input.view === 'due' ? 'due' : 'village', 1_000_000, 0).map((r) => toLine(r, now));
  const office = getOfficeSettings(ctx);
  progress(0.2, '生成 Excel 文件');
  // Built in the maintenance worker: seconds at county scale, while the server keeps answering (issue 13).
  const buf = await rosterWorkbookOffThread(lines, { township: office?.townshipName ?? '', office: office?.officeName ?? '民政所', generatedAt: nowIso(ctx.clock), today: now, view: input.view });
  audit(ctx, 'roster-export', 'roster', null, null, { ...input, households: lines.length });
  const name = input.view === 'due' ? '到期复核名单' : input.view === 'gradual-exit' ? '渐退期名单' : '低保对象花名册';
  return { fileName: `${name}_${now}.xlsx`, base64: buf.toString('base64') };
}

/** The roster line of one household, if it is on the roll, with its adjustments and change cases. */
export function rosterLineOf(ctx: Ctx, householdId: number): RosterLine | null {
  syncRoster(ctx, householdId);
  const rows = listRoster(ctx.db, { villageId: null, personClass: null, dueBy: null, gradualExitOnly: false, householdIds: [householdId] }, 'village', 1, 0);
  return rows[0] ? toLine(rows[0], today(ctx.clock)) : null;
}

function requireVisibleHousehold(ctx: Ctx, householdId: number) {
  const h = getHouseholdRow(ctx.db, householdId);
  if (!h) throw new AppError('NOT_FOUND', '找不到该家庭');
  return h;
}

export function rosterHousehold(ctx: Ctx, input: { householdId: number }): RosterHouseholdView {
  requireVisibleHousehold(ctx, input.householdId);
  const changeCases = ctx.db
    .prepare(
      `SELECT cc.case_id AS caseId, cc.reason, c.state, cc.opened_at AS openedAt, cc.opened_by AS openedBy
       FROM change_cases cc JOIN cases c ON c.id = cc.case_id WHERE cc.household_id = ? ORDER BY cc.case_id DESC`,
    )
    .all(input.householdId) as RosterHouseholdView['changeCases'];
  return {
    line: rosterLineOf(ctx, input.householdId),
    adjustments: listAdjustments(ctx.db, input.householdId).map((a) => ({
      id: a.id,
      policyVersion: a.policyVersion,
      oldTotal: a.oldTotal,
      newTotal: a.newTotal,
      effectiveMonth: a.effectiveMonth,
      appliedAt: a.appliedAt,
      appliedBy: a.appliedBy,
    })),
    changeCases,
  };
}

// ---------------------------------------------------------------- change cases in the standing campaign

/**
 * Change cases need a campaign (cases, meetings and the workbench are per campaign), so each year has one standing
 * campaign 「YYYY年低保动态管理」 covering every village, created on first use. Its phases span the whole year: a
 * change can arrive any day, and nothing in it is overdue by the campaign calendar.
 */
export function standingCampaign(ctx: Ctx, villageId: number): number {
  const year = Number(today(ctx.clock).slice(0, 4));
  const existing = standingCampaignId(ctx.db, year);
  if (existing !== null) {
    const c = getCampaign(ctx.db, existing)!;
    if (!c.villageIds.includes(villageId)) {
      updateCampaign(ctx.db, c.id, { name: c.name, phases: c.phases, villageIds: [...c.villageIds, villageId].sort((a, b) => a - b) });
      audit(ctx, 'campaign-update', 'campaign', c.id, { villageIds: c.villageIds }, { villageIds: [...c.villageIds, villageId] });
    }
    return existing;
  }
  const phases = defaultPhases(year).map((p) => ({ ...p, start: `${year}-01-01`, end: `${year}-12-31` }));
  const villageIds = listVillages(ctx.db).map((v) => v.id);
  const name = `${year}年低保动态管理`;
  const id = insertCampaign(ctx.db, { name, year, phases, villageIds, createdAt: nowIso(ctx.clock), createdBy: ctx.actor.name });
  insertStandingCampaign(ctx.db, year, id);
  audit(ctx, 'campaign-create', 'campaign', id, null, { name, year, villageIds, standing: true });
  return id;
}

/**
 * 动态调整: a recipient's circumstances changed (就业, 重病, 收入增加…). The case starts at the investigation (核对)
 * and then takes the usual path: 入户调查, 初审 (engine beside the committee), then the review meeting and the
 * township's approval for a new amount, or a proposed exit and the stop notice.
 */
export function rosterChangeOpen(ctx: Ctx, input: { householdId: number; reason: string }): CaseDetail {
  return ctx.db.transaction(() => {
    const h = requireVisibleHousehold(ctx, input.householdId);
    if (h.status !== 'recipient') throw new AppError('WORKFLOW', '只有在保户才能办理动态调整');
    const open = openCaseOfHousehold(ctx.db, h.id);
    if (open) throw new AppError('CONFLICT', `该户已有正在办理的案件（#${open.id}），请先办结`);
    const line = rosterLineOf(ctx, h.id);
    if (line?.gradualExit) throw new AppError('CONFLICT', `该户正处于渐退期（至 ${line.gradualExit.endMonth}），不能再开启动态调整`);
    const campaignId = standingCampaign(ctx, h.village_id);
    const at = nowIso(ctx.clock);
    const id = insertCase(ctx.db, { campaignId, householdId: h.id, villageId: h.village_id, kind: 'change', state: 'verification' }, at);
    insertCaseEvent(ctx.db, { caseId: id, action: 'open', fromState: null, toState: 'verification', actor: ctx.actor.name, actorRole: ctx.actor.role, at, note: input.reason, data: { kind: 'change' } });
    insertChangeCase(ctx.db, { caseId: id, householdId: h.id, reason: input.reason, rosterTotal: line?.monthlyTotal ?? 0, openedAt: at, openedBy: ctx.actor.name });
    audit(ctx, 'roster-change-open', 'case', id, null, { campaignId, householdId: h.id, kind: 'change', reason: input.reason, rosterTotal: line?.monthlyTotal ?? 0 });
    return caseDetail(ctx, id);
  })();
}

function savedOf(ctx: Ctx, id: number | null): SavedDetermination | null {
  const d = id === null ? null : getDetermination(ctx.db, id);
  return d ? (d as unknown as SavedDetermination) : null;
}

function blockerOf(ctx: Ctx, c: { determinationId: number | null }): string | null {
  const d = savedOf(ctx, c.determinationId);
  if (!d) return '该案件没有初审时保存的测算结果';
  return gradualExitBlocker({
    category: d.category,
    perCapitaIncome: d.snapshot.result.perCapitaIncome,
    standard: d.snapshot.policy.standard,
    assetsCompliant: d.snapshot.facts.assetsCompliant,
  });
}

/** What the case page shows beside a change case: the roster amount, the proposal, the decision, the gradual exit. */
export function rosterChangeGet(ctx: Ctx, input: { caseId: number }): ChangeCasePreview {
  const c = requireCase(ctx, input.caseId);
  const cc = getChangeCase(ctx.db, c.id);
  const line = rosterLineOf(ctx, c.householdId);
  const review = getReviewDecision(ctx.db, c.id);
  const approval = getApprovalOfCase(ctx.db, c.id);
  const proposed = savedOf(ctx, c.determinationId);
  const rosterTotal = cc?.rosterTotal ?? line?.monthlyTotal ?? null;
  const decidedTotal = approval?.decision === 'approve' ? approval.monthlyTotal : (review?.decidedTotal ?? null);
  const geId = ctx.db.prepare('SELECT id FROM gradual_exits WHERE case_id = ?').get(c.id) as { id: number } | undefined;
  const ge = geId ? getGradualExit(ctx.db, geId.id) : null;
  const settings = rosterSettings(ctx);
  return {
    caseId: c.id,
    reason: cc?.reason ?? c.screeningNote ?? '',
    rosterTotalAtOpen: cc?.rosterTotal ?? 0,
    rosterTotal: line?.monthlyTotal ?? null,
    proposedTotal: proposed ? proposed.monthlyTotal : null,
    decidedTotal,
    direction: rosterTotal !== null && decidedTotal !== null ? changeDirection(rosterTotal, decidedTotal) : null,
    gradualExit: ge
      ? { id: ge.id, caseId: ge.caseId, endMonth: ge.endMonth, months: ge.months, reason: ge.reason, grantedAt: ge.grantedAt, grantedBy: ge.grantedBy, endedAt: ge.endedAt, stopDocumentId: ge.stopDocumentId }
      : null,
    gradualExitMonths: settings.gradualExitMonths,
    gradualExitBlocker: settings.gradualExitMonths === 0 ? '本镇未启用渐退期（本镇设置 → 动态管理）' : blockerOf(ctx, c),
  };
}

// ---------------------------------------------------------------- 渐退期

/**
 * Instead of stopping at once, the township lets a family whose income rose above the standard (e.g. a member
 * found work) keep the current amount for the configured months; the stop notice follows when they end.
 */
export function rosterGrantGradualExit(ctx: Ctx, input: { caseId: number; reason: string }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const settings = rosterSettings(ctx);
    if (settings.gradualExitMonths <= 0) throw new AppError('WORKFLOW', '本镇未启用渐退期，请先在「本镇设置 → 动态管理」中设置渐退期月数');
    const h = getHouseholdRow(ctx.db, c.householdId)!;
    if (h.status !== 'recipient') throw new AppError('WORKFLOW', '只有在保户才能给予渐退期');
    const blocker = blockerOf(ctx, c);
    if (blocker) throw new AppError('WORKFLOW', blocker);
    const line = rosterLineOf(ctx, c.householdId);
    const grantedOn = today(ctx.clock);
    const endMonth = gradualExitEndMonth(grantedOn, settings.gradualExitMonths);
    const monthlyTotal = line?.monthlyTotal ?? 0;
    transition(ctx, c.id, 'grant-gradual-exit', {
      to: 'gradual-exit',
      note: `给予渐退期 ${settings.gradualExitMonths} 个月，按现月保障金 ${monthlyTotal} 元发放至 ${endMonth}：${input.reason}`,
      data: { months: settings.gradualExitMonths, endMonth, monthlyTotal },
    });
    const id = insertGradualExit(ctx.db, {
      caseId: c.id,
      householdId: c.householdId,
      months: settings.gradualExitMonths,
      monthlyTotal,
      endMonth,
      reason: input.reason,
      grantedAt: nowIso(ctx.clock),
      grantedBy: ctx.actor.name,
    });
    audit(ctx, 'roster-grant-gradual-exit', 'household', c.householdId, null, { gradualExitId: id, caseId: c.id, months: settings.gradualExitMonths, endMonth, monthlyTotal, reason: input.reason });
    return caseDetail(ctx, c.id);
  })();
}

/**
 * Stops every household whose gradual exit has reached its end month, issuing the stop notice for each in the
 * same transaction as the stop. Idempotent: an ended gradual exit is never processed again.
 */
export async function rosterProcessExits(ctx: Ctx): Promise<{ stopped: { householdId: number; headName: string | null; documentNumber: string | null }[] }> {
  const month = today(ctx.clock).slice(0, 7);
  const stopped: { householdId: number; headName: string | null; documentNumber: string | null }[] = [];
  for (const ge of gradualExitsEndingBy(ctx.db, month)) {
    const h = getHouseholdRow(ctx.db, ge.householdId);
    if (!h || h.status !== 'recipient') continue;
    const stopReason = `家庭人均收入已超过低保标准，经镇人民政府同意给予渐退期${ge.months}个月（${ge.reason}），渐退期于${ge.endMonth}届满`;
    const doc = await issueDocument(ctx, { kind: 'stop-notice', householdId: ge.householdId, villageId: null, options: { ...NO_OPTIONS, stopReason, caseId: ge.caseId, decisionDate: today(ctx.clock) } }, (doc) => {
      if (endGradualExit(ctx.db, ge.id, nowIso(ctx.clock), ctx.actor.name, doc.id) !== 1) throw new AppError('CONFLICT', '该户渐退期已办理停发');
      transition(ctx, ge.caseId, 'end-gradual-exit', { to: 'stopped', note: `渐退期满，出具停发通知书 ${doc.documentNumber ?? ''}`, data: { documentId: doc.id, gradualExitId: ge.id } });
      setHouseholdStatus(ctx.db, ge.householdId, 'stopped', nowIso(ctx.clock));
      audit(ctx, 'roster-process-exit', 'household', ge.householdId, { status: 'recipient' }, { status: 'stopped', gradualExitId: ge.id, documentId: doc.id });
    });
    stopped.push({ householdId: ge.householdId, headName: h.head_name, documentNumber: doc.documentNumber });
  }
  return { stopped };
}
