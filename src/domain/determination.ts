// The determination engine (spec §2–§6): household facts + policy + evaluation date → category, covered
// persons with class and amount, and the Chinese rule trace. Pure: no I/O, no clock.
import { add, formatAmount, fromInt, lt, mul, ratio, sub, toNumber, type Ratio } from './exact';
import { householdIncome } from './income';
import { decideCategory, qualifiesForSingleCover } from './eligibility';
import { classSentence, classify, resolveAge } from './classes';
import { isIsoDate } from './iso-date';
import { poorMemberAmount, singleCoverAmount } from './amounts';
import { DEFAULT_POLICY, type Policy } from './policy';
import {
  DeterminationInputError,
  MAX_AMOUNT,
  MENTAL_HOSPITALIZED_NEEDS_MENTAL,
  isMentalHospitalizedConsistent,
  type CoveredMember,
  type Determination,
  type DeterminationInput,
  type DeterminationResult,
  type InputIssue,
} from './determination-types';

export * from './determination-types';

const isMoney = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= MAX_AMOUNT;

/** Why `v` is not an amount: negative, or too large (an infinite `1e400` included, spec §10 settled points). */
const moneyProblem = (v: number): string => (v < 0 ? '金额不能为负数' : '金额过大');

function checkMoney(v: number | null, path: string, issues: InputIssue[]): void {
  if (v !== null && !isMoney(v)) issues.push({ path, message: moneyProblem(v) });
}

function checkIndex(v: number | null, n: number, path: string, issues: InputIssue[]): void {
  if (v === null) return;
  if (!Number.isInteger(v) || v < 0 || v >= n) {
    issues.push({ path, message: `成员序号 ${v} 不存在（应为 0 至 ${n - 1}）` });
  }
}

function checkPolicy(p: Policy, issues: InputIssue[]): void {
  const positive: Array<[keyof Policy, string]> = [
    ['standard', '低保标准'],
    ['lowIncomeMultiplier', '低收入家庭倍数'],
    ['localDisposableIncome', '本地上年度城乡居民人均可支配收入'],
  ];
  for (const [key, label] of positive) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) issues.push({ path: `policy.${key}`, message: `${label}应大于0` });
  }
  checkMoney(p.singleCoverAmount, 'policy.singleCoverAmount', issues);
  for (const cls of ['A', 'B', 'C'] as const) {
    const u = p.classUplift[cls];
    if (u.mode === 'none') continue;
    if (u.value === undefined || !isMoney(u.value)) {
      issues.push({ path: `policy.classUplift.${cls}.value`, message: `${cls}类上浮值须填写且不能为负数` });
    }
  }
}

/** Problems that make the facts unusable whatever the outcome (spec §10 "bad input"). */
function checkInput(input: DeterminationInput, policy: Policy, evaluationDate: string): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!isIsoDate(evaluationDate)) issues.push({ path: 'evaluationDate', message: '测算日期无效（应为YYYY-MM-DD）' });
  checkPolicy(policy, issues);
  const n = input.members.length;
  if (n === 0) issues.push({ path: 'household.members', message: '家庭成员至少1人' });
  if (input.assetsCompliant === null) {
    issues.push({ path: 'household.assetsCompliant', message: '尚未填写家庭财产状况核对结论' });
  }
  checkMoney(input.otherMonthlyIncome, 'household.otherMonthlyIncome', issues);
  input.members.forEach((m, i) => {
    checkMoney(m.monthlyIncome, `household.members[${i}].monthlyIncome`, issues);
    // 方案二(三)A类2 "正在住院治疗的精神残疾": the flag describes a mental disability, so with another type
    // or none it is a contradiction, not a reason for class A (spec §10 settled points).
    if (!isMentalHospitalizedConsistent(m)) {
      issues.push({ path: `household.members[${i}].mentalHospitalized`, message: MENTAL_HOSPITALIZED_NEEDS_MENTAL });
    }
  });
  checkIndex(input.singleCoverIndex, n, 'household.singleCoverIndex', issues);
  const med = input.medical;
  if (med) {
    checkMoney(med.selfPaidLast12Months, 'household.medical.selfPaidLast12Months', issues);
    checkMoney(med.disposableIncomeLast12Months, 'household.medical.disposableIncomeLast12Months', issues);
    checkIndex(med.patientIndex, n, 'household.medical.patientIndex', issues);
    // The patient is the person covered, so the figure is meaningless without one (spec §3.3).
    if ((med.selfPaidLast12Months ?? 0) > 0 && med.patientIndex === null) {
      issues.push({ path: 'household.medical.patientIndex', message: '有自负医疗费用时须指定患病成员' });
    }
  }
  return issues;
}

/**
 * Determine category, covered persons, classes and amounts. Throws DeterminationInputError (with field paths
 * such as `household.members[1].birthDate`) when the facts cannot be determined on.
 */
export function determine(input: DeterminationInput, policy: Policy, evaluationDate: string): Determination {
  const issues = checkInput(input, policy, evaluationDate);
  if (issues.length > 0) throw new DeterminationInputError(issues);

  const income = householdIncome(input);
  const elig = decideCategory(input, policy, income);
  if (elig.issues.length > 0) throw new DeterminationInputError(elig.issues);
  const reasons = [...elig.reasons];

  // Age is needed for every covered person's class (spec §4); an unknown age is an error, not class C.
  const ageIssues: InputIssue[] = [];
  const ages = new Map<number, number>();
  for (const i of elig.covered) {
    const r = resolveAge(input.members[i]!, evaluationDate);
    if (r.ok) ages.set(i, r.age);
    else ageIssues.push({ path: `household.members[${i}].${r.field}`, message: r.message });
  }
  if (ageIssues.length > 0) throw new DeterminationInputError(ageIssues);

  const covered: CoveredMember[] = [];
  let total: Ratio = fromInt(0);
  const base = sub(ratio(policy.standard), income.perCapita);
  for (const i of elig.covered) {
    const m = input.members[i]!;
    const cls = classify(m, ages.get(i)!, elig.category);
    reasons.push(classSentence(m.name, cls));
    const amount =
      elig.category === 'poor' ? poorMemberAmount(m.name, base, cls.class, policy) : singleCoverAmount(m.name, policy);
    reasons.push(amount.line);
    total = add(total, amount.amount);
    covered.push({ index: i, class: cls.class, amount: toNumber(amount.amount) });
  }
  if (elig.category !== 'ineligible') reasons.push(`月保障金合计 ${formatAmount(total)} 元`);

  return {
    category: elig.category,
    perCapitaIncome: toNumber(income.perCapita),
    covered,
    monthlyTotal: toNumber(total),
    policyVersion: policy.version,
    reasons,
  };
}

/** determine() as a result value, for callers that prefer not to catch (the UI 测算 panel). */
export function tryDetermine(input: DeterminationInput, policy: Policy, evaluationDate: string): DeterminationResult {
  try {
    return { ok: true, value: determine(input, policy, evaluationDate) };
  } catch (err) {
    if (err instanceof DeterminationInputError) return { ok: false, issues: err.issues };
    throw err;
  }
}

/**
 * Facts the rules need but the clerk has not yet entered, in Chinese, so the UI can say what is missing
 * before a determination is possible. Only facts actually reached by the rules are named: medical figures
 * only when neither 困难家庭 nor 低收入家庭 applies, ages only of persons who would be covered.
 */
export function missingFacts(
  input: DeterminationInput,
  policy: Policy = DEFAULT_POLICY,
  evaluationDate = '9999-12-31',
): string[] {
  const out: string[] = [];
  if (input.members.length === 0) return ['尚未填写家庭成员'];
  if (input.assetsCompliant === null) out.push('尚未填写家庭财产状况核对结论');

  const income = householdIncome(input);
  const standard = ratio(policy.standard);
  const isPoor = lt(income.perCapita, standard);
  const ceiling = mul(standard, ratio(policy.lowIncomeMultiplier));
  const qualifiers = input.members.flatMap((m, i) => (qualifiesForSingleCover(m) ? [i] : []));
  const inBand = !isPoor && lt(income.perCapita, ceiling);
  const isLowIncome = inBand && qualifiers.length > 0;

  let wouldCover: number[] = [];
  if (isPoor) wouldCover = input.members.map((_, i) => i);
  else if (isLowIncome) wouldCover = [input.singleCoverIndex ?? qualifiers[0]!];
  else if (input.medical) {
    const med = input.medical;
    if (med.selfPaidLast12Months === null) out.push('尚未填写前12个月自负住院医药费用（含特殊慢性病门诊）');
    if ((med.selfPaidLast12Months ?? 0) > 0) {
      if (med.disposableIncomeLast12Months === null) out.push('尚未填写前12个月家庭可支配收入');
      if (med.patientIndex === null) out.push('尚未指定患病成员');
      else wouldCover = [med.patientIndex];
    }
  }
  for (const i of wouldCover) {
    const m = input.members[i];
    if (!m) continue;
    const age = resolveAge(m, evaluationDate);
    if (!age.ok && (m.birthDate ?? '') === '' && (m.idNumber ?? '').trim() === '') {
      out.push(`${m.name}：尚未填写出生日期或身份证号码`);
    }
  }
  return out;
}
