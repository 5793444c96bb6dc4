import { z } from 'zod';
import { ADMIN, ALL, OFFICE, command, stepRoles } from '../command';
import { scope } from '../scope';
import { idSchema, pageSchema, textString } from '../schemas';
import type { Page } from '../types';
import type { RosterBasis } from '../../domain/roster';
import type { CaseDetail } from './campaigns';

export type RosterMemberView = { personId: number; name: string; idNumber: string; class: string; amount: number };

export type RosterGradualExitView = { id: number; caseId: number; endMonth: string; months: number; reason: string; grantedAt: string; grantedBy: string };

/** One line of the 低保对象花名册 (internal: it carries full ID numbers). */
export type RosterLine = {
  householdId: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  headName: string | null;
  size: number;
  /**
   * Where the figures come from (依据): an approval snapshot, one brought in by 存量数据导入, a policy adjustment, or
   * (carried-over households) the saved determination.
   */
  source: RosterBasis;
  /** The day of that basis: decided, imported, applied or evaluated. */
  basisDate: string;
  category: string;
  members: RosterMemberView[];
  monthlyTotal: number;
  paymentStart: string | null;
  lastReview: string;
  nextDue: string;
  dueStatus: 'overdue' | 'due' | 'ok';
  gradualExit: RosterGradualExitView | null;
  openCase: { id: number; kind: string; state: string } | null;
};

export type RosterPage = Page<RosterLine> & { summary: { households: number; persons: number; monthlyTotal: number } };

export type RosterSettingsView = { intervals: { A: number; B: number; C: number }; gradualExitMonths: number };

export type RosterAdjustmentView = {
  id: number;
  policyVersion: string;
  oldTotal: number;
  newTotal: number;
  effectiveMonth: string;
  appliedAt: string;
  appliedBy: string;
};

export type RosterHouseholdView = {
  line: RosterLine | null;
  adjustments: RosterAdjustmentView[];
  changeCases: { caseId: number; reason: string; state: string; openedAt: string; openedBy: string }[];
};

export type PolicyApplyOutcome = {
  householdId: number;
  headName: string | null;
  villageName: string;
  status: 'applied' | 'unchanged' | 'ineligible' | 'problem';
  oldTotal: number;
  newTotal: number | null;
  effectiveMonth: string | null;
  message: string | null;
};

export type PolicyApplyResult = { policyVersion: string; outcomes: PolicyApplyOutcome[] };

export type ChangeCasePreview = {
  caseId: number;
  reason: string;
  rosterTotalAtOpen: number;
  rosterTotal: number | null;
  proposedTotal: number | null;
  decidedTotal: number | null;
  direction: '增发' | '减发' | '金额不变' | null;
  gradualExit: (RosterGradualExitView & { endedAt: string | null; stopDocumentId: number | null }) | null;
  gradualExitMonths: number;
  gradualExitBlocker: string | null;
};

const reasonSchema = (what: string) =>
  textString({ error: `请填写${what}` }).trim().min(2, `请填写${what}`).max(200, `${what}不超过200字`);

export const rosterFilterSchema = z.object({
  villageId: idSchema.nullish().transform((v) => v ?? null),
  personClass: z.enum(['A', 'B', 'C']).nullish().transform((v) => v ?? null),
  view: z.enum(['all', 'due', 'gradual-exit']).default('all'),
});

const months = (label: string, min: number) => z.number({ error: `请填写${label}` }).int(`${label}须为整数`).min(min, `${label}不少于${min}个月`).max(60, `${label}不超过60个月`);

export const rosterSettingsSchema = z.object({
  intervals: z.object({ A: months('A类复核间隔', 1), B: months('B类复核间隔', 1), C: months('C类复核间隔', 1) }),
  gradualExitMonths: months('渐退期', 0).max(12, '渐退期不超过12个月'),
});

export const rosterCommands = {
  'roster-list': command<RosterPage>()(pageSchema.extend(rosterFilterSchema.shape), ALL, scope.filter()),
  'roster-export': command<{ fileName: string; base64: string }>()(rosterFilterSchema, OFFICE, scope.office),
  'roster-household': command<RosterHouseholdView>()(z.object({ householdId: idSchema }), ALL, scope.household()),
  'roster-settings-get': command<RosterSettingsView>()(z.object({}), ALL, scope.office),
  'roster-settings-update': command<RosterSettingsView>()(rosterSettingsSchema, ADMIN, scope.office),
  'roster-change-open': command<CaseDetail>()(z.object({ householdId: idSchema, reason: reasonSchema('调整原因') }), ALL, scope.household()),
  'roster-change-get': command<ChangeCasePreview>()(z.object({ caseId: idSchema }), ALL, scope.case()),
  'roster-grant-gradual-exit': command<CaseDetail>()(z.object({ caseId: idSchema, reason: reasonSchema('给予渐退期的理由').min(5, '请写明理由（至少5个字）') }), stepRoles('grant-gradual-exit'), scope.office),
  'roster-process-exits': command<{ stopped: { householdId: number; headName: string | null; documentNumber: string | null }[] }>()(z.object({}), stepRoles('end-gradual-exit'), scope.office),
  'roster-apply-policy': command<PolicyApplyResult>()(
    z.object({
      policyVersion: textString().trim().min(1, '请选择政策版本').max(60),
      householdIds: z.array(idSchema).min(1, '请选择要应用的家庭').max(200, '每批最多200户'),
    }),
    OFFICE,
    scope.office,
  ),
} as const;
