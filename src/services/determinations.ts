import {
  AppError,
  type Evaluation,
  type Household,
  type HouseholdFacts,
  type PolicyState,
  type ReevaluationPreview,
  type ReevaluationRow,
  type SavedDetermination,
} from '../contract';
import type { z } from 'zod';
import type { policyAddSchema } from '../contract/commands/determination';
import {
  CATEGORY_LABELS,
  missingFacts,
  tryDetermine,
  type Determination,
  type DeterminationInput,
  type InputIssue,
} from '../domain/determination';
import { DEFAULT_POLICY, policyInForce, type Policy } from '../domain/policy';
import {
  getDetermination,
  insertDetermination,
  latestDeterminationsByStatus,
  listDeterminations,
  type DeterminationRecord,
} from '../store/determinations';
import { getHouseholdFacts, listHouseholdIdsByStatus, updateHouseholdFacts } from '../store/households';
import { countPolicies, hasPolicyVersion, insertPolicy, listPolicies } from '../store/policies';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { requireHousehold } from './households';
import { unconfirmedFlags } from './department-flags';
import { getOfficeSettings } from './settings';
import { reevaluationWorkbook } from '../exchange/reevaluation-xlsx';

// ---------------------------------------------------------------- policy table

export function policyState(ctx: Ctx): PolicyState {
  const versions = listPolicies(ctx.db);
  const policies = versions.map((v) => v.policy);
  return {
    versions,
    confirmed: versions.length > 0,
    defaults: DEFAULT_POLICY,
    inForce: policyInForce(policies, today(ctx.clock)) ?? policies[0] ?? DEFAULT_POLICY,
  };
}

const samePolicyFigures = (a: Omit<Policy, 'version'>, b: Policy) =>
  JSON.stringify({ ...a, label: '', note: '' }) === JSON.stringify({ ...b, version: undefined, label: '', note: '' });

/**
 * Records a new dated version. The first one is the office's confirmation of the plan's defaults: when its
 * figures are exactly the defaults it keeps the plan's version identifier.
 */
export function policyAdd(ctx: Ctx, input: z.output<typeof policyAddSchema>): PolicyState {
  return ctx.db.transaction(() => {
    const n = countPolicies(ctx.db);
    const fields: Omit<Policy, 'version'> = {
      label: input.label,
      effectiveFrom: input.effectiveFrom,
      standard: input.standard,
      lowIncomeMultiplier: input.lowIncomeMultiplier,
      localDisposableIncome: input.localDisposableIncome,
      singleCoverAmount: input.singleCoverAmount,
      classUplift: input.classUplift,
      rounding: input.rounding,
      note: input.note,
    };
    const keepPlanId = n === 0 && samePolicyFigures(fields, DEFAULT_POLICY) && !hasPolicyVersion(ctx.db, DEFAULT_POLICY.version);
    const policy: Policy = { ...fields, version: keepPlanId ? DEFAULT_POLICY.version : `${input.effectiveFrom}-v${n + 1}` };
    insertPolicy(ctx.db, policy, nowIso(ctx.clock), ctx.actor.name);
    audit(ctx, 'policy-add', 'policy', null, null, policy);
    return policyState(ctx);
  })();
}

export function policyByVersion(ctx: Ctx, version: string): Policy {
  const found = listPolicies(ctx.db).find((v) => v.policy.version === version);
  if (!found) throw new AppError('NOT_FOUND', `找不到政策版本「${version}」`, [{ path: 'policyVersion', message: '政策版本不存在' }]);
  return found.policy;
}

// ---------------------------------------------------------------- household facts → engine input

function factsOf(ctx: Ctx, householdId: number): HouseholdFacts {
  const f = getHouseholdFacts(ctx.db, householdId);
  if (!f) throw new AppError('NOT_FOUND', '找不到该家庭，可能已被删除');
  return f;
}

/** Maps the stored household to the engine's input. Pure mapping: every rule stays in src/domain. */
export function toDeterminationInput(household: Household, facts: HouseholdFacts): DeterminationInput {
  const indexOf = (personId: number | null) => {
    const i = personId === null ? -1 : household.members.findIndex((m) => m.id === personId);
    return i < 0 ? null : i;
  };
  const hasMedical = facts.medicalSelfPaid !== null || facts.medicalDisposable !== null;
  return {
    assetsCompliant: facts.assetsCompliant,
    otherMonthlyIncome: facts.otherMonthlyIncome,
    singleCoverIndex: indexOf(facts.singleCoverPersonId),
    medical: hasMedical
      ? {
          selfPaidLast12Months: facts.medicalSelfPaid,
          disposableIncomeLast12Months: facts.medicalDisposable,
          patientIndex: indexOf(facts.medicalPatientPersonId),
        }
      : null,
    members: household.members.map((m) => ({
      name: m.name,
      idNumber: m.idNumber,
      birthDate: m.birthDate,
      monthlyIncome: m.monthlyIncome,
      disabilityType: m.disabilityType,
      disabilityLevel: m.disabilityLevel,
      seriousIllness: m.seriousIllness,
      severeDisabilityNoSelfCare: m.severeDisabilityNoSelfCare,
      mentalHospitalized: m.mentalHospitalized,
      laborCapacity: m.laborCapacity,
      threeNo: m.threeNo,
      hiv: m.hiv,
      collegeStudent: m.collegeStudent,
      priorityCare: m.priorityCare,
    })),
  };
}

/** Engine paths (`household.members[1].birthDate`) named for a clerk (`成员「张三」`). */
function nameIssues(issues: InputIssue[], household: Household): InputIssue[] {
  return issues.map((i) => {
    const m = /^household\.members\[(\d+)\]/.exec(i.path);
    const who = m ? household.members[Number(m[1])]?.name : undefined;
    return who ? { path: i.path, message: `成员「${who}」：${i.message}` } : i;
  });
}

function evaluate(ctx: Ctx, householdId: number, policy: Policy, evaluationDate: string, confirmed: boolean): Evaluation {
  const household = requireHousehold(ctx, householdId);
  const facts = factsOf(ctx, householdId);
  const input = toDeterminationInput(household, facts);
  const r = tryDetermine(input, policy, evaluationDate);
  return {
    householdId,
    evaluationDate,
    policy,
    policyConfirmed: confirmed,
    facts,
    members: household.members.map((m) => ({ personId: m.id, name: m.name })),
    result: r.ok ? r.value : null,
    issues: r.ok ? [] : nameIssues(r.issues, household),
    missing: missingFacts(input, policy, evaluationDate),
    unconfirmedFlags: unconfirmedFlags(ctx, household),
  };
}

export function householdEvaluate(
  ctx: Ctx,
  input: { householdId: number; policyVersion?: string | null | undefined; evaluationDate?: string | null | undefined },
): Evaluation {
  const state = policyState(ctx);
  const date = input.evaluationDate ?? today(ctx.clock);
  const policy = input.policyVersion
    ? policyByVersion(ctx, input.policyVersion)
    : (policyInForce(state.versions.map((v) => v.policy), date) ?? state.inForce);
  return evaluate(ctx, input.householdId, policy, date, state.confirmed);
}

export function householdFactsUpdate(ctx: Ctx, input: HouseholdFacts & { householdId: number }): HouseholdFacts {
  return ctx.db.transaction(() => {
    const household = requireHousehold(ctx, input.householdId);
    for (const [field, personId] of [
      ['singleCoverPersonId', input.singleCoverPersonId],
      ['medicalPatientPersonId', input.medicalPatientPersonId],
    ] as const) {
      if (personId !== null && !household.members.some((m) => m.id === personId)) {
        throw new AppError('VALIDATION', '所选成员不属于本户', [{ path: field, message: '不是本户成员' }]);
      }
    }
    const before = factsOf(ctx, household.id);
    const { householdId: _id, ...facts } = input;
    updateHouseholdFacts(ctx.db, household.id, facts, nowIso(ctx.clock));
    audit(ctx, 'household-facts-update', 'household', household.id, before, facts);
    return facts;
  })();
}

// ---------------------------------------------------------------- saved determinations

function toSaved(r: DeterminationRecord): SavedDetermination {
  return { ...r, category: r.category as SavedDetermination['category'], snapshot: r.snapshot as SavedDetermination['snapshot'] };
}

/** Freezes today's determination with the policy version in force: later edits never change it. */
export function determinationSave(ctx: Ctx, input: { householdId: number }): SavedDetermination {
  return ctx.db.transaction(() => {
    const state = policyState(ctx);
    if (!state.confirmed) {
      throw new AppError('WORKFLOW', '低保政策参数尚未确认，不能保存测算结果。请先在「本镇设置 → 低保政策参数」中确认。');
    }
    const date = today(ctx.clock);
    const policy = policyInForce(state.versions.map((v) => v.policy), date);
    if (!policy) throw new AppError('WORKFLOW', `${date} 没有生效的政策版本，请检查政策参数的生效日期`);
    return saveDeterminationUnder(ctx, input.householdId, policy, date);
  })();
}

/**
 * Freezes a determination under a given policy version and evaluation date (a new version applied to the roster
 * is evaluated as of its effective date). Runs in the caller's transaction.
 */
function saveDeterminationUnder(ctx: Ctx, householdId: number, policy: Policy, date: string): SavedDetermination {
  const ev = evaluate(ctx, householdId, policy, date, true);
  if (!ev.result) {
    throw new AppError('VALIDATION', `测算所需信息不完整：${ev.issues.map((i) => i.message).join('；')}`, ev.issues);
  }
  const household = requireHousehold(ctx, householdId);
  const record: Omit<DeterminationRecord, 'id'> = {
    householdId: household.id,
    evaluationDate: date,
    policyVersion: policy.version,
    category: ev.result.category,
    monthlyTotal: ev.result.monthlyTotal,
    snapshot: {
      result: ev.result,
      policy,
      facts: ev.facts,
      members: household.members.map((m) => ({ personId: m.id, name: m.name, idNumber: m.idNumber })),
      household: { villageName: household.villageName, groupName: household.groupName, address: household.address, headName: household.headName },
      input: toDeterminationInput(household, ev.facts),
    },
    createdAt: nowIso(ctx.clock),
    createdBy: ctx.actor.name,
  };
  const id = insertDetermination(ctx.db, record);
  audit(ctx, 'determination-save', 'household', household.id, null, {
    determinationId: id,
    category: record.category,
    monthlyTotal: record.monthlyTotal,
    policyVersion: record.policyVersion,
  });
  return toSaved(getDetermination(ctx.db, id)!);
}

export function determinationList(ctx: Ctx, input: { householdId: number }): SavedDetermination[] {
  requireHousehold(ctx, input.householdId);
  return listDeterminations(ctx.db, input.householdId).map(toSaved);
}


// ---------------------------------------------------------------- re-evaluation under another policy

function describeChanges(oldR: Determination | null, newR: Determination, names: string[]): string[] {
  const out: string[] = [];
  if (!oldR) return ['此前无保存的测算结果'];
  if (oldR.category !== newR.category) out.push(`类别：${CATEGORY_LABELS[oldR.category]} → ${CATEGORY_LABELS[newR.category]}`);
  const oldBy = new Map(oldR.covered.map((c) => [c.index, c]));
  const newBy = new Map(newR.covered.map((c) => [c.index, c]));
  for (const i of new Set([...oldBy.keys(), ...newBy.keys()])) {
    const o = oldBy.get(i);
    const n = newBy.get(i);
    const who = names[i] ?? `成员${i + 1}`;
    if (o && !n) out.push(`${who}：不再纳入保障`);
    else if (!o && n) out.push(`${who}：新纳入保障（${n.class}类 ${n.amount} 元）`);
    else if (o && n && (o.class !== n.class || o.amount !== n.amount)) {
      out.push(`${who}：${o.class}类 ${o.amount} 元 → ${n.class}类 ${n.amount} 元`);
    }
  }
  return out;
}

/**
 * Every current recipient household evaluated under `policyVersion` (as of the later of today and the
 * version's effective date), against its last saved determination. Nothing is written.
 */
export function reevaluationPreview(ctx: Ctx, input: { policyVersion: string }): ReevaluationPreview {
  const policy = policyByVersion(ctx, input.policyVersion);
  const now = today(ctx.clock);
  const date = policy.effectiveFrom > now ? policy.effectiveFrom : now;
  const saved = latestDeterminationsByStatus(ctx.db, 'recipient');
  const rows: ReevaluationRow[] = [];
  let oldSum = 0;
  let newSum = 0;
  const ids = listHouseholdIdsByStatus(ctx.db, 'recipient');
  for (const id of ids) {
    const household = requireHousehold(ctx, id);
    const old = saved.get(id);
    const oldResult = old ? toSaved(old).snapshot.result : null;
    const oldTotal = oldResult?.monthlyTotal ?? 0;
    oldSum += oldTotal;
    const r = tryDetermine(toDeterminationInput(household, factsOf(ctx, id)), policy, date);
    const base = { householdId: id, villageName: household.villageName, headName: household.headName, size: household.size };
    if (!r.ok) {
      newSum += oldTotal;
      rows.push({
        ...base,
        oldCategory: oldResult?.category ?? null,
        newCategory: null,
        oldTotal,
        newTotal: oldTotal,
        difference: 0,
        changes: [],
        problem: nameIssues(r.issues, household).map((i) => i.message).join('；'),
      });
      continue;
    }
    newSum += r.value.monthlyTotal;
    const changes = describeChanges(oldResult, r.value, household.members.map((m) => m.name));
    if (changes.length === 0) continue;
    rows.push({
      ...base,
      oldCategory: oldResult?.category ?? null,
      newCategory: r.value.category,
      oldTotal,
      newTotal: r.value.monthlyTotal,
      difference: Math.round((r.value.monthlyTotal - oldTotal) * 100) / 100,
      changes,
      problem: null,
    });
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    policy,
    evaluationDate: date,
    recipients: ids.length,
    rows,
    oldMonthlyTotal: round(oldSum),
    newMonthlyTotal: round(newSum),
    monthlyDifference: round(newSum - oldSum),
  };
}

export async function reevaluationExport(ctx: Ctx, input: { policyVersion: string }): Promise<{ fileName: string; base64: string }> {
  const preview = reevaluationPreview(ctx, input);
  const office = getOfficeSettings(ctx)?.officeName ?? '民政所';
  const buf = await reevaluationWorkbook(preview, { office, generatedAt: nowIso(ctx.clock) });
  return { fileName: `政策调整测算_${preview.policy.version}_${today(ctx.clock)}.xlsx`, base64: buf.toString('base64') };
}
