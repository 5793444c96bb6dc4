import { AppError, type CampaignView, type CaseDetail, type CaseView } from '../contract';
import {
  CASE_STATE_LABELS,
  TRANSITIONS,
  afterScreening,
  mayTransition,
  previousState,
  type CaseAction,
  type CaseKind,
  type CaseState,
  type Phase,
  type ScreeningResult,
} from '../domain/workflow';
import {
  caseCountsByCampaign,
  countCases,
  findCase,
  getCampaign,
  getCase,
  insertCampaign,
  insertCase,
  insertCaseEvent,
  listCampaigns,
  listCaseEvents,
  listCases,
  patchCase,
  updateCampaign,
  type CampaignRow,
  type CasePatch,
  type CaseRow,
} from '../store/campaigns';
import { listHouseholdIdsByStatus, getHouseholdRow } from '../store/households';
import { isStandingCampaign, openCaseOfHousehold } from '../store/roster';
import { getVillage, listVillages } from '../store/villages';
import { audit } from './audit';
import { nowIso, type Ctx } from './context';

// ---------------------------------------------------------------- campaigns

/** `counts`: the campaign list passes every campaign's count from one query; a single view counts its own. */
function toCampaignView(ctx: Ctx, c: CampaignRow, counts?: Map<number, number>, names?: Map<number, string>): CampaignView {
  return {
    ...c,
    villageNames: c.villageIds.map((id) => (names ? names.get(id) : getVillage(ctx.db, id)?.name) ?? `#${id}`),
    caseCount: counts ? (counts.get(c.id) ?? 0) : countCases(ctx.db, c.id),
    standing: isStandingCampaign(ctx.db, c.id),
  };
}

export function requireCampaign(ctx: Ctx, id: number): CampaignRow {
  const c = getCampaign(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', '找不到该专项治理工作');
  return c;
}

function checkVillages(ctx: Ctx, ids: number[]): void {
  for (const id of ids) {
    if (!getVillage(ctx.db, id)) throw new AppError('VALIDATION', '所选村（社区）不存在', [{ path: 'villageIds', message: '村（社区）不存在' }]);
  }
}

/**
 * 专项治理 campaigns first (newest first), the standing 「YYYY年低保动态管理」 ones after them: every page that opens on
 * the first campaign of the list then opens on the campaign the clerk works in, never on the year-long standing one
 * (whose phases make nothing overdue and whose cases are opened only by 动态调整). Case counts in one grouped query.
 */
export function campaignList(ctx: Ctx): CampaignView[] {
  const counts = caseCountsByCampaign(ctx.db);
  const names = new Map(listVillages(ctx.db).map((v) => [v.id, v.name]));
  const all = listCampaigns(ctx.db).map((c) => toCampaignView(ctx, c, counts, names));
  return [...all.filter((c) => !c.standing), ...all.filter((c) => c.standing)];
}
export const campaignGet = (ctx: Ctx, input: { id: number }): CampaignView => toCampaignView(ctx, requireCampaign(ctx, input.id));

export function campaignCreate(ctx: Ctx, input: { name: string; year: number; phases: Phase[]; villageIds: number[] }): CampaignView {
  return ctx.db.transaction(() => {
    checkVillages(ctx, input.villageIds);
    const id = insertCampaign(ctx.db, { ...input, createdAt: nowIso(ctx.clock), createdBy: ctx.actor.name });
    const view = campaignGet(ctx, { id });
    audit(ctx, 'campaign-create', 'campaign', id, null, view);
    return view;
  })();
}

export function campaignUpdate(ctx: Ctx, input: { id: number; name: string; phases: Phase[]; villageIds: number[] }): CampaignView {
  return ctx.db.transaction(() => {
    const before = campaignGet(ctx, { id: input.id });
    checkVillages(ctx, input.villageIds);
    const dropped = before.villageIds.filter((v) => !input.villageIds.includes(v));
    for (const v of dropped) {
      if (countCases(ctx.db, input.id, v) > 0) {
        throw new AppError('CONFLICT', `「${getVillage(ctx.db, v)?.name}」已有案件，不能移出本次专项治理`, [{ path: 'villageIds', message: '该村已有案件' }]);
      }
    }
    updateCampaign(ctx.db, input.id, input);
    const after = campaignGet(ctx, { id: input.id });
    audit(ctx, 'campaign-update', 'campaign', input.id, before, after);
    return after;
  })();
}

// ---------------------------------------------------------------- cases

const scope = (ctx: Ctx) => ({ role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });

export function requireCase(ctx: Ctx, id: number): CaseRow {
  const c = getCase(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', '找不到该案件');
  return c;
}

const toCaseView = (c: CaseRow): CaseView => ({
  id: c.id,
  campaignId: c.campaignId,
  householdId: c.householdId,
  villageId: c.villageId,
  villageName: c.villageName,
  groupName: c.groupName,
  headName: c.headName,
  size: c.size,
  kind: c.kind,
  state: c.state,
  screeningResult: c.screeningResult,
  updatedAt: c.updatedAt,
});

/** Entries of the 办理记录 that record something without moving the case (labels of the case record). */
const RECORD_ONLY_EVENTS: Record<string, string> = {
  open: '建立案件',
  'issue-document': '出具文书',
  'objection-add': '登记公示异议',
  'objection-handle': '处理公示异议',
  'reassessment-request': '申请残联重新鉴定',
  'reassessment-result': '登记残联鉴定结果',
};

/**
 * Writes an entry of the case record that leaves the state as it is (an objection, a 残联 request or result), in the
 * caller's transaction: the record shows everything that happened to the case, not only its state changes.
 */
export function recordOnCase(ctx: Ctx, caseId: number, action: keyof typeof RECORD_ONLY_EVENTS, note: string, data?: unknown): void {
  const c = requireCase(ctx, caseId);
  insertCaseEvent(ctx.db, { caseId: c.id, action, fromState: c.state, toState: c.state, actor: ctx.actor.name, actorRole: ctx.actor.role, at: nowIso(ctx.clock), note, data });
}

export function caseDetail(ctx: Ctx, id: number): CaseDetail {
  const c = requireCase(ctx, id);
  const campaign = requireCampaign(ctx, c.campaignId);
  const actions = (Object.keys(TRANSITIONS) as CaseAction[]).filter(
    (a) => mayTransition(a, c.state, c.villageId, scope(ctx)).ok && (a !== 'return' || previousState(c.state, c.kind) !== null),
  );
  return {
    ...toCaseView(c),
    campaignName: campaign.name,
    screeningNote: c.screeningNote,
    committeeAgrees: c.committeeAgrees,
    committeeReason: c.committeeReason,
    determinationId: c.determinationId,
    events: listCaseEvents(ctx.db, id).map((e) => ({
      ...e,
      actionLabel: RECORD_ONLY_EVENTS[e.action] ?? TRANSITIONS[e.action as CaseAction]?.label ?? e.action,
    })),
    allowedActions: actions,
  };
}

export function caseGet(ctx: Ctx, input: { id: number }): CaseDetail {
  return caseDetail(ctx, input.id);
}

export function caseList(
  ctx: Ctx,
  input: { campaignId: number; villageId?: number | null | undefined; states?: CaseState[] | null | undefined; householdId?: number | null | undefined },
): CaseView[] {
  requireCampaign(ctx, input.campaignId);
  return listCases(ctx.db, { campaignId: input.campaignId, villageId: input.villageId ?? null, states: input.states ?? null, householdId: input.householdId ?? null }).map(toCaseView);
}

function openCase(ctx: Ctx, campaign: CampaignRow, householdId: number, kind: CaseKind, note: string | null): number {
  const h = getHouseholdRow(ctx.db, householdId);
  if (!h) throw new AppError('NOT_FOUND', '找不到该家庭');
  if (!campaign.villageIds.includes(h.village_id)) {
    throw new AppError('VALIDATION', `「${h.village_name}」不在本次专项治理范围内`, [{ path: 'householdId', message: '所在村不在范围内' }]);
  }
  const open = openCaseElsewhere(ctx, householdId);
  if (open) throw new AppError('CONFLICT', `该户已有正在办理的案件（#${open.id}，${open.campaignName}，${CASE_STATE_LABELS[open.state]}），办结后才能再建案件`);
  const at = nowIso(ctx.clock);
  const id = insertCase(ctx.db, { campaignId: campaign.id, householdId, villageId: h.village_id, kind, state: 'screening' }, at);
  insertCaseEvent(ctx.db, { caseId: id, action: 'open', fromState: null, toState: 'screening', actor: ctx.actor.name, actorRole: ctx.actor.role, at, note, data: { kind } });
  audit(ctx, 'case-open', 'case', id, null, { campaignId: campaign.id, householdId, kind });
  return id;
}

/**
 * A household's case still being decided, in whatever campaign: a household has one open case at a time, so a
 * 专项治理 review never runs beside a 动态调整 (or another campaign's case) deciding the same household's 低保.
 */
export function openCaseElsewhere(ctx: Ctx, householdId: number): { id: number; campaignName: string; state: CaseState } | null {
  const open = openCaseOfHousehold(ctx.db, householdId);
  if (!open) return null;
  const c = requireCase(ctx, open.id);
  return { id: c.id, campaignName: requireCampaign(ctx, c.campaignId).name, state: c.state };
}

/** Cases of the standing 动态管理 campaign are opened by 动态调整 only (roster-change-open), never by 摸排. */
export function requireScreeningCampaign(ctx: Ctx, id: number): CampaignRow {
  const campaign = requireCampaign(ctx, id);
  if (isStandingCampaign(ctx.db, campaign.id)) {
    throw new AppError('WORKFLOW', `「${campaign.name}」是全年动态管理工作，其案件只能在「低保对象花名册 → 动态调整」中建立；摸排和复核请选择专项治理工作`);
  }
  return campaign;
}

/** A cadre's addition to the focus list (or the office's): recipients are reviewed, others apply anew. */
export function caseOpen(ctx: Ctx, input: { campaignId: number; householdId: number; note?: string | null | undefined }): CaseDetail {
  return ctx.db.transaction(() => {
    const campaign = requireScreeningCampaign(ctx, input.campaignId);
    const existing = findCase(ctx.db, campaign.id, input.householdId);
    if (existing) throw new AppError('CONFLICT', `该户在本次专项治理中已有案件（${existing.headName ?? ''}户）`);
    const h = getHouseholdRow(ctx.db, input.householdId);
    const kind: CaseKind = h?.status === 'recipient' ? 'recipient-review' : 'new-application';
    return caseDetail(ctx, openCase(ctx, campaign, input.householdId, kind, input.note ?? null));
  })();
}

/** Plan 三(二)第一步: every current recipient household of the campaign's villages is reviewed. Idempotent. */
export function campaignReviewRecipients(ctx: Ctx, input: { campaignId: number }): { created: number; existing: number; elsewhere: number } {
  return ctx.db.transaction(() => {
    const campaign = requireScreeningCampaign(ctx, input.campaignId);
    let created = 0;
    let existing = 0;
    let elsewhere = 0;
    for (const id of listHouseholdIdsByStatus(ctx.db, 'recipient')) {
      const h = getHouseholdRow(ctx.db, id)!;
      if (!campaign.villageIds.includes(h.village_id)) continue;
      if (findCase(ctx.db, campaign.id, id)) existing++;
      else if (openCaseElsewhere(ctx, id)) elsewhere++;
      else {
        openCase(ctx, campaign, id, 'recipient-review', '在保户纳入复核');
        created++;
      }
    }
    return { created, existing, elsewhere };
  })();
}

/**
 * The one way a case changes state: the domain says whether this actor may take this action now, then the new
 * state, the patch and the event (who, role, when, note, data) are written in the caller's transaction.
 */
export function transition(
  ctx: Ctx,
  caseId: number,
  action: CaseAction,
  change: { to: CaseState; patch?: CasePatch; note?: string | null; data?: unknown },
): CaseRow {
  const c = requireCase(ctx, caseId);
  const verdict = mayTransition(action, c.state, c.villageId, scope(ctx));
  if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', verdict.message);
  const at = nowIso(ctx.clock);
  patchCase(ctx.db, c.id, { ...change.patch, state: change.to }, at);
  insertCaseEvent(ctx.db, {
    caseId: c.id,
    action,
    fromState: c.state,
    toState: change.to,
    actor: ctx.actor.name,
    actorRole: ctx.actor.role,
    at,
    note: change.note ?? null,
    data: change.data,
  });
  audit(ctx, `case-${action}`, 'case', c.id, { state: c.state }, { state: change.to, ...change.patch });
  return getCase(ctx.db, c.id)!;
}

export function caseScreen(ctx: Ctx, input: { caseId: number; result: ScreeningResult; note?: string | null | undefined }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    if (c.kind === 'new-application' && (input.result === 'exit' || input.result === 'maintain')) {
      throw new AppError('VALIDATION', '「拟退出」「维持」只适用于现有低保户', [{ path: 'result', message: '不适用于新申请' }]);
    }
    if (c.kind === 'recipient-review' && input.result === 'apply') {
      throw new AppError('VALIDATION', '现有低保户请选择「维持」或「拟退出」', [{ path: 'result', message: '不适用于在保户' }]);
    }
    const note = input.note ?? null;
    transition(ctx, c.id, 'screen', { to: afterScreening(input.result), patch: { screeningResult: input.result, screeningNote: note }, note });
    return caseDetail(ctx, c.id);
  })();
}

export function caseReturn(ctx: Ctx, input: { caseId: number; reason: string }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const back = previousState(c.state, c.kind);
    if (!back) throw new AppError('WORKFLOW', '该案件当前阶段不能退回');
    transition(ctx, c.id, 'return', { to: back, note: input.reason });
    return caseDetail(ctx, c.id);
  })();
}
