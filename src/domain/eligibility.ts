// Eligibility category (spec §3, 方案二(一)): asset test first, then poor / low-income / medical-expense,
// first match wins, strict comparisons as written in the plan.
import { div, formatAmount, formatMoney, formatPlain, fromInt, gt, lt, mul, ratio, sub, type Ratio } from './exact';
import { incomeSentence, type IncomeFigures } from './income';
import type { Category, DeterminationInput, InputIssue, MemberFacts } from './determination-types';
import type { Policy } from './policy';

export type EligibilityResult = {
  category: Category;
  /** Covered member indexes, input order. */
  covered: number[];
  reasons: string[];
  issues: InputIssue[];
};

export const ASSETS_NOT_COMPLIANT = '家庭财产状况不符合规定';

/** 方案二(一)2: 重病 (ill, under treatment, heavy self-paid cost) or 重残 (no self-care, no income). */
export function qualifiesForSingleCover(m: MemberFacts): boolean {
  return m.seriousIllness || m.severeDisabilityNoSelfCare;
}

function qualifierLabel(m: MemberFacts): string {
  const parts: string[] = [];
  if (m.seriousIllness) parts.push('重病');
  if (m.severeDisabilityNoSelfCare) parts.push('重残');
  return `${m.name}（${parts.join('、')}）`;
}

const below = (isBelow: boolean): string => (isBelow ? '低于' : '不低于');

export function decideCategory(input: DeterminationInput, policy: Policy, income: IncomeFigures): EligibilityResult {
  const reasons: string[] = [];
  const issues: InputIssue[] = [];
  const done = (category: Category, covered: number[]): EligibilityResult => ({ category, covered, reasons, issues });

  const { n, perCapita } = income;
  const standard = ratio(policy.standard);
  const ceiling = mul(standard, ratio(policy.lowIncomeMultiplier));
  const isPoor = lt(perCapita, standard);
  const isBelowCeiling = lt(perCapita, ceiling);

  // spec §10 settled points: a given singleCoverIndex must name a 重病/重残 member whenever the income falls in
  // the low-income band, even when no member qualifies or the assets fail: a wrong designation is a fact to
  // correct, not an outcome to hide behind another test.
  const chosen = input.singleCoverIndex;
  const chosenMember = chosen === null ? undefined : input.members[chosen];
  if (!isPoor && isBelowCeiling && chosenMember && !qualifiesForSingleCover(chosenMember)) {
    issues.push({
      path: 'household.singleCoverIndex',
      message: `指定的保障对象（${chosenMember.name}）不是重病或重残人员，不能作为低收入家庭的保障对象`,
    });
    return done('ineligible', []);
  }

  // Every category requires 家庭财产状况符合规定 (方案二(一)1–3), so it is tested before income.
  if (input.assetsCompliant !== true) {
    reasons.push(`${ASSETS_NOT_COMPLIANT}（方案二(一)）`);
    return done('ineligible', []);
  }
  reasons.push('家庭财产状况符合规定（方案二(一)）');

  const sText = formatPlain(policy.standard);
  const iText = formatMoney(perCapita);

  // 方案二(一)1 困难家庭: I < S, whole household covered.
  reasons.push(`${incomeSentence(income)}，${below(isPoor)}低保标准 ${sText} 元（方案二(一)1）`);
  if (isPoor) {
    reasons.push(`认定为困难家庭，整户纳入，共 ${n} 人（方案二(一)1、二(三)）`);
    return done('poor', input.members.map((_, i) => i));
  }

  // 方案二(一)2 低收入家庭: S ≤ I < multiplier × S and a 重病/重残 member; one person covered.
  const ceilingText = `低保标准${formatPlain(policy.lowIncomeMultiplier)}倍 ${formatAmount(ceiling)} 元`;
  reasons.push(`人均 ${iText} 元，${below(isBelowCeiling)}${ceilingText}（方案二(一)2）`);
  let nearest: string;
  if (isBelowCeiling) {
    const qualifiers = input.members.flatMap((m, i) => (qualifiesForSingleCover(m) ? [i] : []));
    if (qualifiers.length > 0) {
      reasons.push(`重病、重残成员：${qualifiers.map((i) => qualifierLabel(input.members[i]!)).join('、')}（方案二(一)2）`);
      const index = chosen ?? qualifiers[0]!;
      const how = chosen !== null ? '指定保障对象' : '首位重病、重残成员';
      reasons.push(`认定为低收入家庭，一户保一人，保障${how}${input.members[index]!.name}（方案二(一)2、二(三)）`);
      return done('low-income', [index]);
    }
    reasons.push('家庭成员中无重病、重残人员（方案二(一)2）');
    nearest = `家庭人均收入 ${iText} 元，不低于低保标准 ${sText} 元，且无重病、重残成员`;
  } else {
    nearest = `家庭人均收入 ${iText} 元，不低于${ceilingText}`;
  }

  // 方案二(一)3 因病支出型家庭, independent of the current monthly income.
  const medical = input.medical;
  const mRaw = medical === null ? 0 : medical.selfPaidLast12Months;
  if (mRaw === null) {
    issues.push({ path: 'household.medical.selfPaidLast12Months', message: '尚未填写前12个月自负医疗费用' });
    return done('ineligible', []);
  }
  if (mRaw === 0) {
    reasons.push('前12个月无自负住院医药费用（含特殊慢性病门诊），不属于因病支出型家庭（方案二(一)3）');
    reasons.push(nearest);
    return done('ineligible', []);
  }
  const yRaw = medical?.disposableIncomeLast12Months ?? null;
  const patient = medical?.patientIndex ?? null;
  if (yRaw === null) {
    issues.push({ path: 'household.medical.disposableIncomeLast12Months', message: '尚未填写前12个月家庭可支配收入' });
  }
  if (patient === null) {
    issues.push({ path: 'household.medical.patientIndex', message: '有自负医疗费用时须指定患病成员' });
  }
  if (yRaw === null || patient === null) return done('ineligible', []);

  const m = ratio(mRaw);
  const y = ratio(yRaw);
  const monthlyPerCapita = (x: Ratio) => div(x, fromInt(12 * n));
  const failures: string[] = [];

  const mOverY = gt(m, y);
  let costTest: boolean;
  if (mOverY) {
    costTest = true;
    reasons.push(`前12个月自负医疗费用 ${formatMoney(m)} 元，超过家庭可支配收入 ${formatMoney(y)} 元（方案二(一)3）`);
  } else {
    const after = monthlyPerCapita(sub(y, m));
    costTest = lt(after, ceiling);
    const afterText = `扣除后月人均可支配收入 (${formatMoney(y)} − ${formatMoney(m)}) ÷ ${n} 人 ÷ 12 = ${formatMoney(after)} 元`;
    reasons.push(
      `前12个月自负医疗费用 ${formatMoney(m)} 元，未超过家庭可支配收入 ${formatMoney(y)} 元；${afterText}，${below(costTest)}${ceilingText}（方案二(一)3）`,
    );
    if (!costTest) failures.push(`扣除自负医疗费用后月人均可支配收入 ${formatMoney(after)} 元，不低于${ceilingText}`);
  }

  const yPerCapita = monthlyPerCapita(y);
  const dText = formatPlain(policy.localDisposableIncome);
  const incomeTest = lt(yPerCapita, ratio(policy.localDisposableIncome));
  reasons.push(
    `前12个月家庭月人均可支配收入 ${formatMoney(y)} 元 ÷ ${n} 人 ÷ 12 = ${formatMoney(yPerCapita)} 元，${below(incomeTest)}本地上年度城乡居民人均可支配收入 ${dText} 元（方案二(一)3）`,
  );
  if (!incomeTest) {
    failures.push(`前12个月家庭月人均可支配收入 ${formatMoney(yPerCapita)} 元，不低于本地上年度城乡居民人均可支配收入 ${dText} 元`);
  }

  if (costTest && incomeTest) {
    reasons.push(`认定为因病支出型家庭，保障患病本人${input.members[patient]!.name}（方案二(一)3、二(三)）`);
    return done('medical-expense', [patient]);
  }
  reasons.push(`${nearest}；不符合因病支出型家庭条件：${failures.join('，且')}`);
  return done('ineligible', []);
}
