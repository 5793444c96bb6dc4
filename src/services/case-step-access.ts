// Who may edit a step's data: exactly who may take the step's transition now (role, own village, state), so the
// data of a step cannot change once the case has moved on, and a cadre never edits another village's case.
import { AppError, type CaseMemberLine } from '../contract';
import { mayTransition, type CaseAction, type CaseState } from '../domain/workflow';
import type { CaseRow } from '../store/campaigns';
import { requireCase } from './cases';
import type { Ctx } from './context';
import { requireHousehold } from './households';

export const actorScope = (ctx: Ctx) => ({ role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });

export function mayEditStep(ctx: Ctx, c: CaseRow, action: CaseAction): boolean {
  return mayTransition(action, c.state, c.villageId, actorScope(ctx)).ok;
}

/** The case, if the actor may work on it in `action`'s step now; otherwise the workflow's own message. */
export function requireStepCase(ctx: Ctx, caseId: number, action: CaseAction): CaseRow {
  const c = requireCase(ctx, caseId);
  const verdict = mayTransition(action, c.state, c.villageId, actorScope(ctx));
  if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', verdict.message);
  return c;
}

/** The step action of the working states whose data (and scans) can be added to. */
export const STEP_ACTION: Partial<Record<CaseState, CaseAction>> = {
  application: 'submit-application',
  verification: 'record-verification',
  'home-visit': 'record-home-visit',
};

export function caseMembers(ctx: Ctx, householdId: number): CaseMemberLine[] {
  return requireHousehold(ctx, householdId).members.map((m) => ({
    personId: m.id,
    name: m.name,
    idNumber: m.idNumber,
    relation: m.relation,
    monthlyIncome: m.monthlyIncome,
  }));
}
