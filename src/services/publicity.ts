// 公示 of the hearing result (plan 三(三)): a batch per village posted with its window (spec §9: default 7 natural
// days, length and unit configurable, counted on the office calendar), the 评议结果公示 sheet issued in the same
// transaction that moves the cases to 'publicity', objections (an upheld one sends the case back to investigation,
// a disputed disability level goes to 残联 for re-assessment), and the clearing of a batch once its window is over
// and no objection is open.
import { AppError, type CaseDetail, type DocumentView } from '../contract';
import type { ObjectionView, PublicityBatchView, ReassessmentView, WindowPreview } from '../contract/commands/hearings';
import type { DayUnit } from '../domain/calendar';
import { DAY_UNIT_LABELS } from '../domain/calendar';
import { mayTransition, TRANSITIONS } from '../domain/workflow';
import { getCase } from '../store/campaigns';
import { getDocument } from '../store/documents';
import {
  batchCaseIds,
  deleteUnissuedBatch,
  getBatch,
  getObjection,
  getReassessment,
  handleObjectionRow,
  insertBatch,
  insertObjection,
  insertReassessment,
  latestBatchOfCase,
  listBatches,
  markBatchCleared,
  objectionsOfBatch,
  reassessmentOfObjection,
  setBatchDocument,
  setReassessmentResult,
  type BatchRow,
  type ObjectionRow,
} from '../store/hearings';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { caseDetail, recordOnCase, requireCase, transition } from './cases';
import { nowIso, today, type Ctx } from './context';
import { issueDocument, toView } from './documents';
import { publicRowOf } from './hearing-documents';
import { caseLine, NO_ISSUE_OPTIONS, requireCampaignVillage } from './hearings';
import { officeCalendar } from './office-calendar';

const scope = (ctx: Ctx) => ({ role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });

/** 2026-10-09 → 2026年10月9日 */
const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function objectionView(ctx: Ctx, o: ObjectionRow): ObjectionView {
  const r = reassessmentOfObjection(ctx.db, o.id);
  return {
    id: o.id,
    batchId: o.batchId,
    caseId: o.caseId,
    headName: getCase(ctx.db, o.caseId)?.headName ?? null,
    raisedBy: o.raisedBy,
    contact: o.contact,
    raisedOn: o.raisedOn,
    content: o.content,
    disputesDisability: o.disputesDisability,
    disputedPerson: o.disputedPerson,
    recordedAt: o.recordedAt,
    recordedBy: o.recordedBy,
    outcome: o.outcome,
    outcomeReason: o.outcomeReason,
    handledOn: o.handledOn,
    handledBy: o.handledBy,
    reassessment: r ? reassessmentView(r) : null,
  };
}

const reassessmentView = (r: NonNullable<ReturnType<typeof getReassessment>>): ReassessmentView => ({
  id: r.id,
  objectionId: r.objectionId,
  caseId: r.caseId,
  personName: r.personName,
  sentOn: r.sentOn,
  sentBy: r.sentBy,
  result: r.result,
  resultOn: r.resultOn,
  resultBy: r.resultBy,
});

/** Open objections that still hold a batch: those of cases still on 公示 (an upheld one has sent its case back). */
function blockingObjections(ctx: Ctx, b: BatchRow): ObjectionRow[] {
  return objectionsOfBatch(ctx.db, b.id).filter((o) => o.outcome === null && getCase(ctx.db, o.caseId)?.state === 'publicity');
}

/** Why the batch cannot be cleared today, in Chinese; null when it can. */
export function clearBlocker(ctx: Ctx, b: BatchRow): string | null {
  if (b.clearedAt) return '本批公示已办结';
  const now = today(ctx.clock);
  const problems: string[] = [];
  if (now <= b.windowEnd) {
    problems.push(`公示期至${cn(b.windowEnd)}止，期满后（${cn(dayAfter(b.windowEnd))}起）才能办结公示`);
  }
  const open = blockingObjections(ctx, b);
  if (open.length > 0) {
    const who = [...new Set(open.map((o) => `${getCase(ctx.db, o.caseId)?.headName ?? ''}户`))].join('、');
    problems.push(`尚有${open.length}件异议未处理（${who}），处理后才能办结公示`);
  }
  return problems.length ? problems.join('；') : null;
}

export function batchView(ctx: Ctx, b: BatchRow): PublicityBatchView {
  const objections = objectionsOfBatch(ctx.db, b.id);
  const doc = b.documentId !== null ? getDocument(ctx.db, b.documentId) : null;
  return {
    ...b,
    villageName: getVillage(ctx.db, b.villageId)?.name ?? '',
    cases: batchCaseIds(ctx.db, b.id).map((id) => caseLine(getCase(ctx.db, id)!)),
    objections: objections.map((o) => objectionView(ctx, o)),
    openObjections: objections.filter((o) => o.outcome === null).length,
    document: doc ? (toView(doc) satisfies DocumentView) : null,
    clearBlocker: clearBlocker(ctx, b),
  };
}

export const villageBatches = (ctx: Ctx, campaignId: number, villageId: number): PublicityBatchView[] =>
  listBatches(ctx.db, campaignId, villageId).map((b) => batchView(ctx, b));

export function publicityWindow(ctx: Ctx, input: { postingDate: string; days: number; unit: DayUnit }): WindowPreview {
  return { windowEnd: officeCalendar(ctx).windowEnd(input.postingDate, input.days, input.unit), days: input.days, unit: input.unit };
}

function requireBatch(ctx: Ctx, id: number): BatchRow {
  const b = getBatch(ctx.db, id);
  if (!b || b.documentId === null) throw new AppError('NOT_FOUND', '找不到该公示批次');
  return b;
}

/** Posts a batch: the sheet is issued and the cases move to 'publicity' in one transaction, or nothing happens. */
export async function publicityPost(
  ctx: Ctx,
  input: { campaignId: number; villageId: number; caseIds: number[]; postingDate: string; days: number; unit: DayUnit },
): Promise<PublicityBatchView> {
  const { villageName } = requireCampaignVillage(ctx, input.campaignId, input.villageId);
  if (new Set(input.caseIds).size !== input.caseIds.length) throw new AppError('VALIDATION', '同一户不能在一批公示中列两次');
  const cases = input.caseIds.map((id, i) => {
    const c = requireCase(ctx, id);
    if (c.campaignId !== input.campaignId || c.villageId !== input.villageId) {
      throw new AppError('VALIDATION', `「${c.headName ?? ''}户」不属于${villageName}本次专项治理`, [{ path: `caseIds.${i}`, message: '不属于本村' }]);
    }
    const verdict = mayTransition('post-publicity', c.state, c.villageId, scope(ctx));
    if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', `「${c.headName ?? ''}户」：${verdict.message}`);
    publicRowOf(ctx, c); // refuses a case without an eligible determination before anything is written
    return c;
  });
  const windowEnd = officeCalendar(ctx).windowEnd(input.postingDate, input.days, input.unit);
  const batchId = ctx.db.transaction(() =>
    insertBatch(
      ctx.db,
      {
        campaignId: input.campaignId,
        villageId: input.villageId,
        postingDate: input.postingDate,
        days: input.days,
        unit: input.unit,
        windowEnd,
        postedAt: nowIso(ctx.clock),
        postedBy: ctx.actor.name,
      },
      input.caseIds,
    ),
  )();
  const window = `${input.postingDate}至${windowEnd}（${input.days}个${DAY_UNIT_LABELS[input.unit]}）`;
  try {
    await issueDocument(
      ctx,
      {
        kind: 'public-notice',
        householdId: null,
        villageId: input.villageId,
        options: { ...NO_ISSUE_OPTIONS, noticeKind: 'evaluation', postingStart: input.postingDate, postingDays: input.days, publicityBatchId: batchId },
      },
      (doc) => {
        setBatchDocument(ctx.db, batchId, doc.id);
        for (const c of cases) {
          transition(ctx, c.id, 'post-publicity', {
            to: 'publicity',
            note: `张贴评议结果公示 ${doc.documentNumber ?? ''}，公示期${window}`,
            data: { batchId, documentId: doc.id, windowEnd },
          });
        }
        audit(ctx, 'publicity-post', 'publicity-batch', batchId, null, { villageId: input.villageId, caseIds: input.caseIds, postingDate: input.postingDate, days: input.days, unit: input.unit, windowEnd });
      },
    );
  } catch (err) {
    ctx.db.transaction(() => deleteUnissuedBatch(ctx.db, batchId))();
    throw err;
  }
  return batchView(ctx, getBatch(ctx.db, batchId)!);
}

/**
 * What the case record says when the window closes: 「无异议」 only when nobody objected; objections raised and found
 * unfounded are named with their finding, so the record never says less than what happened.
 */
function clearNote(ctx: Ctx, b: BatchRow, caseId: number): string {
  const window = `公示期满（${b.postingDate}至${b.windowEnd}）`;
  const dismissed = objectionsOfBatch(ctx.db, b.id).filter((o) => o.caseId === caseId && o.outcome === 'dismissed');
  if (dismissed.length === 0) return `${window}无异议`;
  return `${window}，期间提出异议${dismissed.length}件，经调查核实均不成立：${dismissed.map((o) => `${o.raisedOn}提出的异议（${o.outcomeReason ?? ''}）`).join('；')}`;
}

/** 公示期满: after the window (per the office calendar, as printed) and with every objection handled. */
export function publicityClear(ctx: Ctx, input: { batchId: number }): PublicityBatchView {
  return ctx.db.transaction(() => {
    const b = requireBatch(ctx, input.batchId);
    const t = TRANSITIONS['clear-publicity'];
    if (!t.roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN', `「${t.label}」须由民政所经办或管理员办理`);
    const blocker = clearBlocker(ctx, b);
    if (blocker) throw new AppError(b.clearedAt ? 'CONFLICT' : 'WORKFLOW', blocker);
    const moved: number[] = [];
    for (const id of batchCaseIds(ctx.db, b.id)) {
      if (getCase(ctx.db, id)?.state !== 'publicity') continue; // sent back by an upheld objection
      transition(ctx, id, 'clear-publicity', { to: 'review', note: clearNote(ctx, b, id), data: { batchId: b.id } });
      moved.push(id);
    }
    markBatchCleared(ctx.db, b.id, nowIso(ctx.clock), ctx.actor.name);
    audit(ctx, 'publicity-clear', 'publicity-batch', b.id, null, { moved });
    return batchView(ctx, getBatch(ctx.db, b.id)!);
  })();
}

export function objectionAdd(
  ctx: Ctx,
  input: { caseId: number; raisedBy: string; contact: string | null; raisedOn: string; content: string; disputesDisability: boolean; disputedPerson: string | null },
): ObjectionView {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const b = latestBatchOfCase(ctx.db, c.id);
    if (c.state !== 'publicity' || !b || b.clearedAt) throw new AppError('WORKFLOW', `「${c.headName ?? ''}户」不在公示期内，不能登记公示异议`);
    if (input.raisedOn < b.postingDate) throw new AppError('VALIDATION', `异议提出日期不能早于公示张贴日期（${b.postingDate}）`, [{ path: 'raisedOn', message: '早于张贴日期' }]);
    const id = insertObjection(ctx.db, {
      batchId: b.id,
      caseId: c.id,
      raisedBy: input.raisedBy,
      contact: input.contact,
      raisedOn: input.raisedOn,
      content: input.content,
      disputesDisability: input.disputesDisability,
      disputedPerson: input.disputesDisability ? input.disputedPerson : null,
      recordedAt: nowIso(ctx.clock),
      recordedBy: ctx.actor.name,
    });
    // The objector's name and contact are kept on the objection row only (never printed, spec §9), not in the record.
    recordOnCase(ctx, c.id, 'objection-add', `${input.raisedOn}提出公示异议：${input.content}${input.disputesDisability ? `（对${input.disputedPerson ?? ''}的残疾等级有异议）` : ''}`, { objectionId: id });
    // The objector's contact stays out of the audit's after-image as well: it is kept on the row only.
    audit(ctx, 'objection-add', 'objection', id, null, { caseId: c.id, batchId: b.id, raisedOn: input.raisedOn, disputesDisability: input.disputesDisability });
    return objectionView(ctx, getObjection(ctx.db, id)!);
  })();
}

/**
 * 不成立 (with the reason) leaves the case on 公示; 成立 sends it back to 入户调查 ('uphold-objection'), and when the
 * objection disputes a disability level the 残联 re-assessment request is recorded with it.
 */
export function objectionHandle(
  ctx: Ctx,
  input: { id: number; outcome: 'dismissed' | 'upheld'; reason: string; handledOn: string; reassessmentSentOn: string | null },
): CaseDetail {
  return ctx.db.transaction(() => {
    const o = getObjection(ctx.db, input.id);
    if (!o) throw new AppError('NOT_FOUND', '找不到该异议');
    const c = requireCase(ctx, o.caseId);
    if (o.outcome) throw new AppError('CONFLICT', '该异议已处理');
    const t = TRANSITIONS['uphold-objection'];
    if (!t.roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN', '公示异议须由民政所经办或管理员处理');
    if (input.handledOn < o.raisedOn) throw new AppError('VALIDATION', `处理日期不能早于异议提出日期（${o.raisedOn}）`, [{ path: 'handledOn', message: '早于提出日期' }]);
    const needsReassessment = input.outcome === 'upheld' && o.disputesDisability;
    if (needsReassessment && !input.reassessmentSentOn) {
      throw new AppError('VALIDATION', '对残疾等级有异议的，应申请残联重新鉴定：请填写申请鉴定日期', [{ path: 'reassessmentSentOn', message: '请填写申请鉴定日期' }]);
    }
    const at = nowIso(ctx.clock);
    handleObjectionRow(ctx.db, o.id, { outcome: input.outcome, reason: input.reason, handledOn: input.handledOn, handledBy: ctx.actor.name, handledAt: at });
    let reassessmentId: number | null = null;
    if (needsReassessment) {
      reassessmentId = insertReassessment(ctx.db, {
        objectionId: o.id,
        caseId: c.id,
        personName: o.disputedPerson ?? '',
        sentOn: input.reassessmentSentOn!,
        sentBy: ctx.actor.name,
        createdAt: at,
      });
    }
    if (input.outcome === 'dismissed') {
      recordOnCase(ctx, c.id, 'objection-handle', `${input.handledOn}认定${o.raisedOn}提出的异议不成立：${input.reason}`, { objectionId: o.id, outcome: 'dismissed' });
    } else if (c.state !== 'publicity') {
      recordOnCase(ctx, c.id, 'objection-handle', `${input.handledOn}认定${o.raisedOn}提出的异议成立：${input.reason}`, { objectionId: o.id, outcome: 'upheld' });
    }
    // A case still on 公示 goes back to investigation; one already sent back by another objection stays there.
    if (input.outcome === 'upheld' && c.state === 'publicity') {
      transition(ctx, c.id, 'uphold-objection', {
        to: 'home-visit',
        note: `公示异议成立，重新入户调查核实：${input.reason}${needsReassessment ? `；已于${input.reassessmentSentOn}申请残联对${o.disputedPerson}重新鉴定残疾等级` : ''}`,
        data: { objectionId: o.id, reassessmentId },
      });
    }
    audit(ctx, 'objection-handle', 'objection', o.id, { outcome: null }, { outcome: input.outcome, reason: input.reason, reassessmentId });
    return caseDetail(ctx, c.id);
  })();
}

export function reassessmentResult(ctx: Ctx, input: { id: number; resultOn: string; result: string }): ReassessmentView {
  return ctx.db.transaction(() => {
    const r = getReassessment(ctx.db, input.id);
    if (!r) throw new AppError('NOT_FOUND', '找不到该残联鉴定申请');
    requireCase(ctx, r.caseId);
    if (input.resultOn < r.sentOn) throw new AppError('VALIDATION', `鉴定结果日期不能早于申请日期（${r.sentOn}）`, [{ path: 'resultOn', message: '早于申请日期' }]);
    setReassessmentResult(ctx.db, r.id, { result: input.result, resultOn: input.resultOn, resultBy: ctx.actor.name });
    audit(ctx, 'reassessment-result', 'reassessment', r.id, { result: r.result }, { result: input.result, resultOn: input.resultOn });
    return reassessmentView(getReassessment(ctx.db, r.id)!);
  })();
}
