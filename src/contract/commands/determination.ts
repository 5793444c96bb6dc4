import { z } from 'zod';
import type { Category, Determination, DeterminationInput, InputIssue } from '../../domain/determination-types';
import type { Policy } from '../../domain/policy';
import { ADMIN, ALL, OFFICE, command } from '../command';
import { scope } from '../scope';
import { dateSchema, policySchema } from '../evaluation';
import { idSchema, moneySchema, textString } from '../schemas';

export type PolicyVersionView = { policy: Policy; createdAt: string; createdBy: string };
export type PolicyState = {
  versions: PolicyVersionView[];
  /** False until the office has confirmed or adjusted the plan's defaults (no determination is saved before). */
  confirmed: boolean;
  defaults: Policy;
  /** The version in force today; the defaults while nothing is confirmed. */
  inForce: Policy;
};

export type HouseholdFacts = {
  assetsCompliant: boolean | null;
  assetsNote: string | null;
  otherMonthlyIncome: number;
  singleCoverPersonId: number | null;
  medicalSelfPaid: number | null;
  medicalDisposable: number | null;
  medicalPatientPersonId: number | null;
};

export type Evaluation = {
  householdId: number;
  evaluationDate: string;
  policy: Policy;
  policyConfirmed: boolean;
  facts: HouseholdFacts;
  /** Index in `result.covered` → the person. */
  members: { personId: number; name: string }[];
  result: Determination | null;
  /** Facts that stop a determination, named for the clerk (member names instead of indexes). */
  issues: InputIssue[];
  /** Facts needed but not entered yet. */
  missing: string[];
  /** Department flags (重病/重残) on members whose facts do not say so: shown beside the trace, unconfirmed. */
  unconfirmedFlags: UnconfirmedFlag[];
};

export type UnconfirmedFlag = {
  personId: number;
  personName: string;
  flag: 'serious-illness' | 'severe-disability';
  /** 「残联名单：重残对象（肢体残疾一级）」 */
  label: string;
  /** The fact the engine would need: 重病 / 重残（生活不能自理）. */
  fact: string;
  fileName: string;
  importedAt: string;
};

export type SavedDetermination = {
  id: number;
  householdId: number;
  evaluationDate: string;
  policyVersion: string;
  category: Category;
  monthlyTotal: number;
  createdAt: string;
  createdBy: string;
  /** Frozen inputs and outputs: what any later notice or roster quotes. */
  snapshot: {
    result: Determination;
    policy: Policy;
    facts: HouseholdFacts;
    members: { personId: number; name: string; idNumber: string }[];
    household: { villageName: string; groupName: string | null; address: string; headName: string | null };
    input: DeterminationInput;
  };
};

export type ReevaluationRow = {
  householdId: number;
  villageName: string;
  headName: string | null;
  size: number;
  oldCategory: Category | null;
  newCategory: Category | null;
  oldTotal: number;
  newTotal: number;
  difference: number;
  changes: string[];
  /** Why the household could not be evaluated under the new policy. */
  problem: string | null;
};

export type ReevaluationPreview = {
  policy: Policy;
  evaluationDate: string;
  recipients: number;
  rows: ReevaluationRow[];
  oldMonthlyTotal: number;
  newMonthlyTotal: number;
  monthlyDifference: number;
};

// Strict, like every input that feeds the engine (spec §10 settled points): a misspelt fact is refused.
export const factsSchema = z
  .strictObject({
    householdId: idSchema,
    assetsCompliant: z.boolean().nullable(),
    assetsNote: textString().trim().max(500, '核对说明不能超过500个字').nullish().transform((v) => v || null),
    otherMonthlyIncome: moneySchema.default(0),
    singleCoverPersonId: idSchema.nullish().transform((v) => v ?? null),
    medicalSelfPaid: moneySchema.nullish().transform((v) => v ?? null),
    medicalDisposable: moneySchema.nullish().transform((v) => v ?? null),
    medicalPatientPersonId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((f, ctx) => {
    if ((f.medicalSelfPaid ?? 0) > 0 && f.medicalPatientPersonId === null) {
      ctx.addIssue({ code: 'custom', path: ['medicalPatientPersonId'], message: '有自负医疗费用时须指定患病成员' });
    }
    if ((f.medicalSelfPaid ?? 0) > 0 && f.medicalDisposable === null) {
      ctx.addIssue({ code: 'custom', path: ['medicalDisposable'], message: '请填写近12个月家庭可支配收入' });
    }
  });

/** A new policy version: the version identifier is assigned by the service. */
export const policyAddSchema = policySchema.omit({ version: true });

const versionRef = textString().trim().min(1, '请选择政策版本').max(60);

export const determinationCommands = {
  'policy-list': command<PolicyState>()(z.object({}), ALL, scope.office),
  'policy-add': command<PolicyState>()(policyAddSchema, ADMIN, scope.office),

  'household-facts-update': command<HouseholdFacts>()(factsSchema, ALL, scope.refs(scope.ref('household', 'householdId'), scope.ref('person', 'singleCoverPersonId', true), scope.ref('person', 'medicalPatientPersonId', true))),
  'household-evaluate': command<Evaluation>()(
    z.strictObject({ householdId: idSchema, policyVersion: versionRef.nullish(), evaluationDate: dateSchema('测算日期').nullish() }),
    ALL,
    scope.household(),
  ),
  'determination-save': command<SavedDetermination>()(z.object({ householdId: idSchema }), OFFICE, scope.office),
  'determination-list': command<SavedDetermination[]>()(z.object({ householdId: idSchema }), ALL, scope.household()),

  'reevaluation-preview': command<ReevaluationPreview>()(z.object({ policyVersion: versionRef }), OFFICE, scope.office),
  'reevaluation-export': command<{ fileName: string; base64: string }>()(z.object({ policyVersion: versionRef }), OFFICE, scope.office),
} as const;
