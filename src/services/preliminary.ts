import { AppError, type CaseDetail } from '../contract';
import { mayTransition, preliminaryOutcome } from '../domain/workflow';
import { setHouseholdStatus } from '../store/households';
import { caseDetail, requireCase, transition } from './cases';
import { nowIso, today, type Ctx } from './context';
import { determinationSave } from './determinations';
import { issueDocument } from './documents';
import { pendingReassessmentsOfCase } from '../store/hearings';

export const NO_OPTIONS = { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null, decisionReason: null };

/**
 * 第五步初审 (plan 三(二)): the engine's determination from the verified facts is saved (frozen) beside the village
 * committee's decision. The committee may differ from the engine only with a written reason.
 */
export function casePreliminaryDecide(
  ctx: Ctx,
  input: { caseId: number; committeeAgrees: boolean; reason?: string | null | undefined },
): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireCase(ctx, input.caseId);
    const verdict = mayTransition('preliminary-decide', c.state, c.villageId, { role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });
    if (!verdict.ok) throw new AppError('WORKFLOW', verdict.message);
    const pending = pendingReassessmentBlocker(ctx, c.id);
    if (pending) throw new AppError('WORKFLOW', pending);
    const reason = input.reason?.trim() || null;
    if (!input.committeeAgrees && (!reason || reason.length < 5)) {
      throw new AppError('VALIDATION', '村两委意见与测算结果不同时，须写明理由（至少5个字）', [{ path: 'reason', message: '请写明理由' }]);
    }
    const saved = determinationSave(ctx, { householdId: c.householdId });
    const engineEligible = saved.category !== 'ineligible';
    const eligible = input.committeeAgrees ? engineEligible : !engineEligible;
    const to = preliminaryOutcome(c.kind, eligible);
    transition(ctx, c.id, 'preliminary-decide', {
      to,
      patch: { committeeAgrees: input.committeeAgrees, committeeReason: reason, determinationId: saved.id },
      note: input.committeeAgrees ? '村两委同意测算结果' : `村两委意见：${reason}`,
      data: { determinationId: saved.id, category: saved.category, monthlyTotal: saved.monthlyTotal },
    });
    return caseDetail(ctx, c.id);
  })();
}

/** 初审 waits for a 残联 result still outstanding: the new determination must rest on the re-assessed level. */
function pendingReassessmentBlocker(ctx: Ctx, caseId: number): string | null {
  const pending = pendingReassessmentsOfCase(ctx.db, caseId);
  if (pending.length === 0) return null;
  return `残联对${pending.map((r) => `${r.personName}（${r.sentOn}申请）`).join('、')}的重新鉴定结果尚未登记，登记后才能初审`;
}

function assertMay(ctx: Ctx, caseId: number, action: 'confirm-exit' | 'confirm-denial') {
  const c = requireCase(ctx, caseId);
  const verdict = mayTransition(action, c.state, c.villageId, { role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });
  if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', verdict.message);
  return c;
}

/**
 * The township confirms a proposed exit (plan 三(二)第五步 "经镇核实后，出具《最低生活保障金停发通知书》予以清退"):
 * the stop notice, the case's closing as stopped and the household leaving the roll commit in one transaction.
 */
export async function caseConfirmExit(ctx: Ctx, input: { caseId: number; stopReason: string }): Promise<CaseDetail> {
  const c = assertMay(ctx, input.caseId, 'confirm-exit');
  // The notice quotes the determination that found the family ineligible (src/domain/notice-wording.ts); a written
  // reason — the clerk's, or the committee's when it differed from the engine — stands before it.
  const reason = input.stopReason.trim() || c.committeeReason || null;
  const options = { ...NO_OPTIONS, stopReason: reason, caseId: c.id, decisionDate: today(ctx.clock) };
  await issueDocument(ctx, { kind: 'stop-notice', householdId: c.householdId, villageId: null, options }, (doc) => {
    transition(ctx, c.id, 'confirm-exit', { to: 'stopped', note: `出具停发通知书 ${doc.documentNumber ?? ''}`, data: { documentId: doc.id } });
    setHouseholdStatus(ctx.db, c.householdId, 'stopped', nowIso(ctx.clock));
  });
  return caseDetail(ctx, c.id);
}

/**
 * The township confirms a refusal: the 不予批准通知书 quotes the saved determination's reasons (spec §6), and the
 * case goes on the 附件4 list (households whose latest determination is ineligible).
 */
export async function caseConfirmDenial(ctx: Ctx, input: { caseId: number }): Promise<CaseDetail> {
  const c = assertMay(ctx, input.caseId, 'confirm-denial');
  const options = { ...NO_OPTIONS, caseId: c.id, decisionDate: today(ctx.clock) };
  await issueDocument(ctx, { kind: 'denial-notice', householdId: c.householdId, villageId: null, options }, (doc) => {
    transition(ctx, c.id, 'confirm-denial', { to: 'denied', note: `出具不予批准通知书 ${doc.documentNumber ?? ''}`, data: { documentId: doc.id } });
  });
  return caseDetail(ctx, c.id);
}
