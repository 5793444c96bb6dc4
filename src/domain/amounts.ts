// Monthly amounts (spec §5, 方案二(三) "差额补助、分类施保、整户纳入"; 低收入/因病支出 "严格按照标准施保").
import { add, formatAmount, formatMoney, formatPlain, fromInt, mul, ratio, roundHalfUp, type Ratio } from './exact';
import { ROUNDING_LABELS, singleCoverAmountOf, type PersonClass, type Policy, type Rounding } from './policy';

const ROUNDING_UNIT: Record<Rounding, Ratio> = {
  'yuan-half-up': fromInt(1),
  'jiao-half-up': ratio(0.1),
  fen: ratio(0.01),
};

export type AmountResult = { amount: Ratio; line: string };

function pct(v: Ratio): Ratio {
  return mul(v, ratio(0.01));
}

/**
 * A poor-family member's amount: own difference `base` (= S − I) with the class uplift, rounded per member
 * (spec §5). `base` is exact; rounding happens once, at the end.
 */
export function poorMemberAmount(name: string, base: Ratio, cls: PersonClass, policy: Policy): AmountResult {
  const uplift = policy.classUplift[cls];
  const v = ratio(uplift.value ?? 0);
  let raw: Ratio;
  let formula: string;
  const baseText = `差额 ${formatMoney(base)} 元`;
  switch (uplift.mode) {
    case 'percentOfOwn':
      raw = mul(base, add(fromInt(1), pct(v)));
      formula = `${baseText} × (1 + ${formatPlain(uplift.value ?? 0)}%) = ${formatMoney(raw)} 元`;
      break;
    case 'percentOfStandard':
      raw = add(base, mul(ratio(policy.standard), pct(v)));
      formula = `${baseText} + 低保标准 ${formatPlain(policy.standard)} 元 × ${formatPlain(uplift.value ?? 0)}% = ${formatMoney(raw)} 元`;
      break;
    case 'fixed':
      raw = add(base, v);
      formula = `${baseText} + ${cls}类增发 ${formatPlain(uplift.value ?? 0)} 元 = ${formatMoney(raw)} 元`;
      break;
    case 'none':
      raw = base;
      formula = `${baseText}（${cls}类不上浮）`;
      break;
  }
  const amount = roundHalfUp(raw, ROUNDING_UNIT[policy.rounding]);
  return {
    amount,
    line: `${name}：${formula}，${ROUNDING_LABELS[policy.rounding]}为 ${formatAmount(amount)} 元（方案二(三)）`,
  };
}

/** The one covered person of a 低收入 or 因病支出型 household gets the single-cover amount, no uplift. */
export function singleCoverAmount(name: string, policy: Policy): AmountResult {
  const amount = ratio(singleCoverAmountOf(policy));
  return {
    amount,
    line: `${name}：一户保一人，按标准施保 ${formatAmount(amount)} 元，不分类上浮（方案二(三)）`,
  };
}
