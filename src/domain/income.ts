// Household income (spec §2). Exact fractions: per-capita income is never rounded before a comparison.
import { add, div, formatMoney, fromInt, ratio, sum, type Ratio } from './exact';
import type { DeterminationInput } from './determination-types';

export type IncomeFigures = {
  /** Σ members' monthlyIncome. */
  memberTotal: Ratio;
  other: Ratio;
  /** Monthly household income = memberTotal + other. */
  total: Ratio;
  /** n = number of members living together (共同生活的家庭成员). */
  n: number;
  /** I = total ÷ n. */
  perCapita: Ratio;
};

export function householdIncome(input: Pick<DeterminationInput, 'members' | 'otherMonthlyIncome'>): IncomeFigures {
  const memberTotal = sum(input.members.map((m) => ratio(m.monthlyIncome)));
  const other = ratio(input.otherMonthlyIncome);
  const total = add(memberTotal, other);
  const n = input.members.length;
  return { memberTotal, other, total, n, perCapita: div(total, fromInt(n)) };
}

/** "家庭月总收入 900.00 元 ÷ 3 人 = 人均 300.00 元" — the head of the 方案二(一)1 line. */
export function incomeSentence(f: IncomeFigures): string {
  const perCapita = formatMoney(f.perCapita);
  return `家庭月总收入 ${formatMoney(f.total)} 元 ÷ ${f.n} 人 = 人均${perCapita.startsWith('约') ? '' : ' '}${perCapita} 元`;
}
