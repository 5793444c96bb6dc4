// 公示 of the hearing result (plan 三(三)): a batch per village posted with its window (spec §9: default 7 natural
// days, length and unit configurable, counted on the office calendar), the 评议结果公示 sheet issued in the same
// transaction that moves the cases to 'publicity', objections (an upheld one sends the case back to investigation,
// a disputed disability level goes to 残联 for re-assessment), and the clearing of a batch once its window is over
// and no objection is open.
import { AppError, disabilityFactsLabel, type CaseDetail, type DocumentView } from '../contract';
import type { ObjectionView, PublicityBatchView, ReassessmentView, WindowPreview } from '../contract/commands/hearings';
import type { DisabilityType } from '../contract';
import type { DayUnit } from '../domain/calendar';
import { DAY_UNIT_LABELS } from '../domain/calendar';
import { mayTransition, TRANSITIONS } from '../domain/workflow';
import { getCase } from '../store/campaigns';
import { getDocument } from '../store/documents';
import { getDetermination } from '../store/determinations';
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
  type DisabilityFacts,
  type ObjectionRow,
  type ReassessmentRow,
} from '../store/hearings';
import { getPerson, setPersonDisability } from '../store/persons';
import { touchHousehold } from '../store/households';
import { assertDateOrder, hearingPassed } from './date-order';
import { determinationSave } from './determinations';
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
    disputedPersonId: o.disputedPersonId,
    recordedAt: o.recordedAt,
    recordedBy: o.recordedBy,
    outcome: o.outcome,
    outcomeReason: o.outcomeReason,
    handledOn: o.handledOn,
    handledBy: o.handledBy,
    reassessment: r ? reassessmentView(ctx, r) : null,
  };
}

const factsView = (f: DisabilityFacts | null) => (f ? { ...f, label: disabilityFactsLabel(f.type, f.level) } : null);
const sameFacts = (a: DisabilityFacts, b: DisabilityFacts) => a.type === b.type && a.level === b.level;

const reassessmentView = (ctx: Ctx, r: ReassessmentRow): ReassessmentView => {
  const d = r.determinationId === null ? null : getDetermination(ctx.db, r.determinationId);
  return {
  id: r.id,
  objectionId: r.objectionId,
  caseId: r.caseId,
  personName: r.personName,
  personId: r.personId,
  before: factsView(r.before),
  after: factsView(r.after),
  changed: r.before && r.after ? !sameFacts(r.before, r.after) : null,
  determination: d ? { id: d.id, category: d.category, monthlyTotal: d.monthlyTotal } : null,
  sentOn: r.sentOn,
  sentBy: r.sentBy,
  result: r.result,
  resultOn: r.resultOn,
  resultBy: r.resultBy,
  };
};

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
    assertDateOrder(ctx, { label: '张贴日期', date: input.postingDate, path: 'postingDate' }, [hearingPassed(ctx, c.id)], `${c.headName ?? ''}户`);
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
  input: { caseId: number; raisedBy: string; contact: string | null; raisedOn: string; content: string; disputesDisability: boolean; disputedPersonId: number | null },
): ObjectionView {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const b = latestBatchOfCase(ctx.db, c.id);
    if (c.state !== 'publicity' || !b || b.clearedAt) throw new AppError('WORKFLOW', `「${c.headName ?? ''}户」不在公示期内，不能登记公示异议`);
    assertDateOrder(ctx, { label: '异议提出日期', date: input.raisedOn, path: 'raisedOn' }, [{ label: '公示张贴日期', date: b.postingDate }]);
    let disputed: { id: number; name: string } | null = null;
    if (input.disputesDisability) {
      const p = input.disputedPersonId === null ? null : getPerson(ctx.db, input.disputedPersonId);
      if (!p || p.householdId !== c.householdId) {
        throw new AppError('VALIDATION', '对其残疾等级有异议的人员须是本户家庭成员', [{ path: 'disputedPersonId', message: '请选择本户家庭成员' }]);
      }
      disputed = { id: p.id, name: p.name };
    }
    const id = insertObjection(ctx.db, {
      batchId: b.id,
      caseId: c.id,
      raisedBy: input.raisedBy,
      contact: input.contact,
      raisedOn: input.raisedOn,
      content: input.content,
      disputesDisability: input.disputesDisability,
      disputedPerson: disputed?.name ?? null,
      disputedPersonId: disputed?.id ?? null,
      recordedAt: nowIso(ctx.clock),
      recordedBy: ctx.actor.name,
    });
    // The objector's name and contact are kept on the objection row only (never printed, spec §9), not in the record.
    recordOnCase(ctx, c.id, 'objection-add', `${input.raisedOn}提出公示异议：${input.content}${disputed ? `（对${disputed.name}的残疾等级有异议）` : ''}`, { objectionId: id });
    // The objector's contact stays out of the audit's after-image as well: it is kept on the row only.
    audit(ctx, 'objection-add', 'objection', id, null, { caseId: c.id, batchId: b.id, raisedOn: input.raisedOn, disputesDisability: input.disputesDisability });
    return objectionView(ctx, getObjection(ctx.db, id)!);
  })();
}

function requireOfficeHandler(ctx: Ctx): void {
  const t = TRANSITIONS['uphold-objection'];
  if (!t.roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN', '公示异议须由民政所经办或管理员处理');
}

/** The 残联 request of an objection disputing a disability level, in the caller's transaction. */
function requestReassessment(ctx: Ctx, o: ObjectionRow, sentOn: string): number {
  assertDateOrder(ctx, { label: '申请鉴定日期', date: sentOn, path: 'sentOn' }, [{ label: '异议提出日期', date: o.raisedOn }]);
  const id = insertReassessment(ctx.db, {
    objectionId: o.id,
    caseId: o.caseId,
    personName: o.disputedPerson ?? '',
    personId: o.disputedPersonId,
    sentOn,
    sentBy: ctx.actor.name,
    createdAt: nowIso(ctx.clock),
  });
  recordOnCase(ctx, o.caseId, 'reassessment-request', `${sentOn}申请残联对${o.disputedPerson ?? ''}重新鉴定残疾等级`, { objectionId: o.id, reassessmentId: id });
  audit(ctx, 'reassessment-request', 'reassessment', id, null, { objectionId: o.id, caseId: o.caseId, sentOn });
  return id;
}

/**
 * 对评议对象残疾等级有异议的，应申请残联重新进行鉴定 (plan 三(三)): the request is recorded while the objection is open;
 * the objection is decided once the result is in (or upheld at once, the result following during the new
 * investigation).
 */
export function reassessmentRequestCreate(ctx: Ctx, input: { objectionId: number; sentOn: string }): ReassessmentView {
  return ctx.db.transaction(() => {
    requireOfficeHandler(ctx);
    const o = getObjection(ctx.db, input.objectionId);
    if (!o) throw new AppError('NOT_FOUND', '找不到该异议');
    if (!o.disputesDisability) throw new AppError('WORKFLOW', '该异议不涉及残疾等级，无需申请残联重新鉴定');
    if (o.outcome) throw new AppError('CONFLICT', '该异议已处理');
    if (reassessmentOfObjection(ctx.db, o.id)) throw new AppError('CONFLICT', '该异议已申请残联重新鉴定');
    const id = requestReassessment(ctx, o, input.sentOn);
    return reassessmentView(ctx, getReassessment(ctx.db, id)!);
  })();
}

/**
 * 不成立 (with the reason) leaves the case on 公示; 成立 sends it back to 入户调查 ('uphold-objection'). An objection
 * disputing a disability level is decided on the 残联's re-assessment: it is dismissed only once the result is in
 * and left the level as it was; a changed level means changed facts, so the case goes back to investigation.
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
    requireOfficeHandler(ctx);
    let r = o.disputesDisability ? reassessmentOfObjection(ctx.db, o.id) : null;
    assertDateOrder(ctx, { label: '处理日期', date: input.handledOn, path: 'handledOn' }, [
      { label: '异议提出日期', date: o.raisedOn },
      r?.resultOn ? { label: '残联鉴定结果日期', date: r.resultOn } : null,
    ]);
    if (o.disputesDisability && input.outcome === 'dismissed') {
      if (!r) {
        throw new AppError('WORKFLOW', `对${o.disputedPerson ?? ''}的残疾等级有异议，须先申请残联重新鉴定，待鉴定结果登记后才能认定异议不成立`);
      }
      if (!r.resultOn) throw new AppError('WORKFLOW', `残联对${r.personName}的重新鉴定结果（${r.sentOn}申请）尚未登记，登记后才能认定异议不成立`);
      if (r.before && r.after && !sameFacts(r.before, r.after)) {
        throw new AppError(
          'WORKFLOW',
          `残联鉴定将${r.personName}的残疾情况由「${disabilityFactsLabel(r.before.type, r.before.level)}」改为「${disabilityFactsLabel(r.after.type, r.after.level)}」，异议应认定成立，退回重新入户调查和初审`,
        );
      }
    }
    const needsRequest = input.outcome === 'upheld' && o.disputesDisability && !r;
    if (needsRequest && !input.reassessmentSentOn) {
      throw new AppError('VALIDATION', '对残疾等级有异议的，应申请残联重新鉴定：请填写申请鉴定日期', [{ path: 'reassessmentSentOn', message: '请填写申请鉴定日期' }]);
    }
    const at = nowIso(ctx.clock);
    handleObjectionRow(ctx.db, o.id, { outcome: input.outcome, reason: input.reason, handledOn: input.handledOn, handledBy: ctx.actor.name, handledAt: at });
    if (needsRequest) r = getReassessment(ctx.db, requestReassessment(ctx, o, input.reassessmentSentOn!));
    const pending = r && !r.resultOn ? `；已于${r.sentOn}申请残联对${r.personName}重新鉴定残疾等级，结果待登记` : '';
    if (input.outcome === 'dismissed') {
      const finding = r?.after ? `；残联鉴定${r.personName}为${disabilityFactsLabel(r.after.type, r.after.level)}，维持原等级` : '';
      recordOnCase(ctx, c.id, 'objection-handle', `${input.handledOn}认定${o.raisedOn}提出的异议不成立：${input.reason}${finding}`, { objectionId: o.id, outcome: 'dismissed' });
    } else if (c.state !== 'publicity') {
      recordOnCase(ctx, c.id, 'objection-handle', `${input.handledOn}认定${o.raisedOn}提出的异议成立：${input.reason}${pending}`, { objectionId: o.id, outcome: 'upheld' });
    }
    // A case still on 公示 goes back to investigation; one already sent back by another objection stays there.
    if (input.outcome === 'upheld' && c.state === 'publicity') {
      transition(ctx, c.id, 'uphold-objection', {
        to: 'home-visit',
        note: `公示异议成立，重新入户调查核实：${input.reason}${pending}`,
        data: { objectionId: o.id, reassessmentId: r?.id ?? null },
      });
    }
    audit(ctx, 'objection-handle', 'objection', o.id, { outcome: null }, { outcome: input.outcome, reason: input.reason, reassessmentId: r?.id ?? null });
    return caseDetail(ctx, c.id);
  })();
}

/**
 * The 残联's result is written back to the person's disability facts (the household's facts are what the engine
 * reads); when it changes them, a new determination is saved from the new facts at once, so the case record shows
 * what the result means for the household before anyone decides on the objection.
 */
export function reassessmentResult(
  ctx: Ctx,
  input: { id: number; resultOn: string; disabilityType: DisabilityType | null; disabilityLevel: number | null; note: string | null },
): ReassessmentView {
  return ctx.db.transaction(() => {
    requireOfficeHandler(ctx);
    const r = getReassessment(ctx.db, input.id);
    if (!r) throw new AppError('NOT_FOUND', '找不到该残联鉴定申请');
    const c = requireCase(ctx, r.caseId);
    if (r.resultOn) throw new AppError('CONFLICT', `该鉴定结果已于${r.resultOn}登记`);
    assertDateOrder(ctx, { label: '鉴定结果日期', date: input.resultOn, path: 'resultOn' }, [{ label: '申请鉴定日期', date: r.sentOn }]);
    const person = r.personId === null ? null : getPerson(ctx.db, r.personId);
    if (!person || person.householdId !== c.householdId) {
      throw new AppError('CONFLICT', `${r.personName}已不是本户家庭成员，鉴定结果无法写入其家庭成员信息，请在家庭档案中核对`);
    }
    if (person.mentalHospitalized && input.disabilityType !== 'mental') {
      throw new AppError('VALIDATION', `${person.name}登记为「精神残疾住院」，鉴定结果须为精神残疾；如情况有变，请先在家庭档案中修改`, [{ path: 'disabilityType', message: '与住院情况不符' }]);
    }
    const before: DisabilityFacts = { type: person.disabilityType, level: person.disabilityLevel };
    const after: DisabilityFacts = { type: input.disabilityType, level: input.disabilityLevel };
    const changed = !sameFacts(before, after);
    const at = nowIso(ctx.clock);
    let determinationId: number | null = null;
    let redetermined = '';
    if (changed) {
      setPersonDisability(ctx.db, person.id, after.type, after.level, at);
      touchHousehold(ctx.db, c.householdId, at);
      audit(ctx, 'person-update', 'household', c.householdId, person, getPerson(ctx.db, person.id));
      const saved = determinationSave(ctx, { householdId: c.householdId });
      determinationId = saved.id;
      redetermined = `；已更新家庭成员信息并重新测算：${saved.category === 'ineligible' ? '不符合低保条件' : `${saved.category}类，月保障金${saved.monthlyTotal.toFixed(2)}元`}`;
    }
    const label = (f: DisabilityFacts) => disabilityFactsLabel(f.type, f.level);
    const result = `${label(after)}${changed ? `（原为${label(before)}）` : '（维持原等级）'}${input.note ? `。${input.note}` : ''}`;
    setReassessmentResult(ctx.db, r.id, { result, resultOn: input.resultOn, resultBy: ctx.actor.name, before, after, determinationId });
    recordOnCase(ctx, c.id, 'reassessment-result', `${input.resultOn}残联鉴定${r.personName}：${result}${redetermined}`, { reassessmentId: r.id, determinationId });
    audit(ctx, 'reassessment-result', 'reassessment', r.id, { result: null }, { resultOn: input.resultOn, changed, determinationId });
    return reassessmentView(ctx, getReassessment(ctx.db, r.id)!);
  })();
}
