// 第四步入户调查 (plan 三(二)): the 入户调查表 as data — income items per member, assets, living conditions, what the
// visitors found — signed by at least two investigators and the family member present (spec §9). When the
// applicant declared a close relative among cadres or staff, every member must have been seen (full visit).
import type { z } from 'zod';
import { AppError, type CaseDetail, type HomeVisitRecord, type HomeVisitView } from '../contract';
import type { homeVisitSchema } from '../contract/commands/case-steps';
import { homeVisitProblems } from '../domain/workflow';
import type { CaseRow } from '../store/campaigns';
import { getHomeVisit, listAttachments, putHomeVisit } from '../store/case-files';
import { isStaffRelativeCase } from './application';
import { audit } from './audit';
import { caseDetail, requireCase, transition } from './cases';
import { caseMembers, mayEditStep, requireStepCase } from './case-step-access';
import { nowIso, today, type Ctx } from './context';
import { applicationSigned } from './date-order';
import { dateOrderProblem } from '../domain/date-order';

const BLANK: Pick<HomeVisitRecord, 'investigators' | 'familyMemberPresent' | 'visitDate' | 'membersSeen'> = {
  investigators: [],
  familyMemberPresent: null,
  visitDate: null,
  membersSeen: [],
};

function problemsOf(ctx: Ctx, c: CaseRow, saved: HomeVisitRecord | null): string[] {
  const record = saved ?? BLANK;
  const out = homeVisitProblems({ investigators: record.investigators, familyMemberPresent: record.familyMemberPresent, visitDate: record.visitDate });
  const order = record.visitDate ? dateOrderProblem({ label: '调查日期', date: record.visitDate }, [applicationSigned(ctx, c.id)], today(ctx.clock)) : null;
  if (order) out.push(order);
  if (isStaffRelativeCase(ctx, c.id)) {
    const seen = new Set(record.membersSeen);
    const unseen = caseMembers(ctx, c.householdId).filter((m) => !seen.has(m.personId));
    if (unseen.length) {
      out.push(`申请人为村（居）委会成员或民政工作人员的近亲属，须全面入户调查，以下成员尚未见面核实：${unseen.map((m) => m.name).join('、')}`);
    }
  }
  return out;
}

function view(ctx: Ctx, c: CaseRow): HomeVisitView {
  const stored = getHomeVisit(ctx.db, c.id);
  const record = (stored?.data as HomeVisitRecord | undefined) ?? null;
  return {
    caseId: c.id,
    householdId: c.householdId,
    state: c.state,
    record,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
    members: caseMembers(ctx, c.householdId),
    requiresFullVisit: isStaffRelativeCase(ctx, c.id),
    missing: problemsOf(ctx, c, record),
    canEdit: mayEditStep(ctx, c, 'record-home-visit'),
  };
}

export function caseHomeVisitGet(ctx: Ctx, input: { caseId: number }): HomeVisitView {
  return view(ctx, requireCase(ctx, input.caseId));
}

/** Saves the form as it stands (a draft may be incomplete; 「录入入户调查」 checks it). */
export function caseHomeVisitSave(ctx: Ctx, input: z.output<typeof homeVisitSchema>): HomeVisitView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'record-home-visit');
    const members = new Set(caseMembers(ctx, c.householdId).map((m) => m.personId));
    input.membersSeen.forEach((id, i) => {
      if (!members.has(id)) throw new AppError('VALIDATION', '所选成员不属于本户', [{ path: `membersSeen[${i}]`, message: '不是本户成员' }]);
    });
    input.incomes.forEach((row, i) => {
      if (!members.has(row.personId)) throw new AppError('VALIDATION', '收入明细中的成员不属于本户', [{ path: `incomes[${i}].personId`, message: '不是本户成员' }]);
    });
    const { caseId: _id, ...record } = input;
    const cleaned: HomeVisitRecord = {
      ...record,
      investigators: record.investigators.map((s) => s.trim()).filter(Boolean),
      membersSeen: [...new Set(record.membersSeen)],
    };
    const before = getHomeVisit(ctx.db, c.id)?.data ?? null;
    putHomeVisit(ctx.db, c.id, cleaned, nowIso(ctx.clock), ctx.actor.name);
    audit(ctx, 'case-home-visit-save', 'case', c.id, before, cleaned);
    return view(ctx, c);
  })();
}

/** 入户调查 → 初审: the saved record must be signed by two investigators and the family member present. */
export function caseRecordHomeVisit(ctx: Ctx, input: { caseId: number; note: string | null }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'record-home-visit');
    const stored = getHomeVisit(ctx.db, c.id);
    const record = (stored?.data as HomeVisitRecord | undefined) ?? null;
    const problems = problemsOf(ctx, c, record);
    if (problems.length) throw new AppError('WORKFLOW', `入户调查记录不完整，不能提交初审：${problems.join('；')}`);
    transition(ctx, c.id, 'record-home-visit', {
      to: 'preliminary-review',
      note: input.note,
      data: {
        visitDate: record!.visitDate,
        investigators: record!.investigators,
        familyMemberPresent: record!.familyMemberPresent,
        membersSeen: record!.membersSeen.length,
        attachments: listAttachments(ctx.db, c.id).length,
      },
    });
    return caseDetail(ctx, c.id);
  })();
}
