// Spec §5: 差额补助 with class uplift per member, rounded per member; one-person households get the
// single-cover amount. Default S = 602. Class C members are 40-year-old adults; B via age 70; A via 三无.
import { describe, expect, it } from 'vitest';
import { determine, type MemberFacts } from '../../src/domain/determination';
import { DEFAULT_POLICY, type Policy, type Uplift } from '../../src/domain/policy';
import { EVAL_DATE, household, member } from './support/household';

const A = { threeNo: true };
const B = { birthDate: '1950-01-01' };
const C = {};

function policyWith(cls: 'A' | 'B' | 'C', uplift: Uplift, extra: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, ...extra, classUplift: { ...DEFAULT_POLICY.classUplift, [cls]: uplift } };
}

type Case = { name: string; m: Partial<MemberFacts>; income: number; policy: Policy; amount: number };

const cases: Case[] = [
  // base = 602 − 300 = 302; B +20 % of own: 302 × 1.2 = 362.4 → 362.
  { name: 'B percentOfOwn 20', m: B, income: 300, policy: DEFAULT_POLICY, amount: 362 },
  // A +30 % of own: 302 × 1.3 = 392.6 → 393.
  { name: 'A percentOfOwn 30', m: A, income: 300, policy: DEFAULT_POLICY, amount: 393 },
  // C none: 302.
  { name: 'C none', m: C, income: 300, policy: DEFAULT_POLICY, amount: 302 },
  // A percentOfStandard 10: 302 + 602 × 10 % = 302 + 60.2 = 362.2 → 362.
  { name: 'percentOfStandard', m: A, income: 300, policy: policyWith('A', { mode: 'percentOfStandard', value: 10 }), amount: 362 },
  // B fixed 50: 302 + 50 = 352.
  { name: 'fixed', m: B, income: 300, policy: policyWith('B', { mode: 'fixed', value: 50 }), amount: 352 },
  // C fixed 0.5: 302 + 0.5 = 302.5 → 303 (half up).
  { name: 'fixed to x.5 rounds up', m: C, income: 300, policy: policyWith('C', { mode: 'fixed', value: 0.5 }), amount: 303 },
  // C none, income 301.5: base 300.5 → 301 (x.5 → up).
  { name: 'x.5 rounds up (none)', m: C, income: 301.5, policy: DEFAULT_POLICY, amount: 301 },
  // C none, income 301.51: base 300.49 → 300.
  { name: 'x.49 rounds down', m: C, income: 301.51, policy: DEFAULT_POLICY, amount: 300 },
  // B +20 %, income 300.75: base 301.25 × 1.2 = 361.5 → 362.
  { name: 'uplifted x.5 rounds up', m: B, income: 300.75, policy: DEFAULT_POLICY, amount: 362 },
  // B +25 %: base 302 × 1.25 = 377.5 → 378.
  { name: 'percentOfOwn 25 hits x.5', m: B, income: 300, policy: policyWith('B', { mode: 'percentOfOwn', value: 25 }), amount: 378 },
  // jiao-half-up, C none, income 301.75: base 300.25 → 300.3.
  { name: 'jiao-half-up', m: C, income: 301.75, policy: { ...DEFAULT_POLICY, rounding: 'jiao-half-up' }, amount: 300.3 },
  // fen, B +20 %: base 300.25 × 1.2 = 360.3 → 360.3.
  { name: 'fen', m: B, income: 301.75, policy: { ...DEFAULT_POLICY, rounding: 'fen' }, amount: 360.3 },
  // A percentOfOwn 12.5 with fen: base 300.25 × 1.125 = 337.78125 → 337.78.
  { name: 'fen rounds the third decimal', m: A, income: 301.75, policy: policyWith('A', { mode: 'percentOfOwn', value: 12.5 }, { rounding: 'fen' }), amount: 337.78 },
  // Custom S = 700, B +20 %: base 700 − 300 = 400 × 1.2 = 480.
  { name: 'figures come from the policy', m: B, income: 300, policy: { ...DEFAULT_POLICY, standard: 700 }, amount: 480 },
];

describe('poor amounts (spec §5)', () => {
  it.each(cases)('$name', ({ m, income, policy, amount }) => {
    const d = determine(household([member({ ...m, monthlyIncome: income })]), policy, EVAL_DATE);
    expect(d.category).toBe('poor');
    expect(d.covered[0]?.amount).toBe(amount);
    expect(d.monthlyTotal).toBe(amount);
  });

  it('three members: each uses the same base, own class; total = Σ rounded amounts', () => {
    // (500 + 600 + 0 + other 100) ÷ 3 = 400; base 202.
    // B (65): 202 × 1.2 = 242.4 → 242; A (labour none): 202 × 1.3 = 262.6 → 263; B (9): 242. Total 747.
    const d = determine(
      household(
        [
          member({ birthDate: '1955-03-15', monthlyIncome: 500 }),
          member({ monthlyIncome: 600, laborCapacity: 'none' }),
          member({ birthDate: '2010-05-20', monthlyIncome: 0 }),
        ],
        { otherMonthlyIncome: 100 },
      ),
      DEFAULT_POLICY,
      EVAL_DATE,
    );
    expect(d.covered).toEqual([
      { index: 0, class: 'B', amount: 242 },
      { index: 1, class: 'A', amount: 263 },
      { index: 2, class: 'B', amount: 242 },
    ]);
    expect(d.monthlyTotal).toBe(747);
  });

  it('rounds per member, not the total', () => {
    // 2 × C, incomes 301 and 302 → I = 301.5, base 300.5 → each 301 → total 602 (not round(601) = 601).
    const d = determine(household([member({ monthlyIncome: 301 }), member({ monthlyIncome: 302 })]), DEFAULT_POLICY, EVAL_DATE);
    expect(d.covered.map((c) => c.amount)).toEqual([301, 301]);
    expect(d.monthlyTotal).toBe(602);
  });

  it('a base below half a yuan rounds to 0, never negative', () => {
    // (600 + 600 + 605.99) ÷ 3 = 601.99666…; base 0.00333… → 0.
    const d = determine(
      household([member({ monthlyIncome: 600 }), member({ monthlyIncome: 600 }), member({ monthlyIncome: 605.99 })]),
      DEFAULT_POLICY,
      EVAL_DATE,
    );
    expect(d.category).toBe('poor');
    expect(d.monthlyTotal).toBe(0);
  });
});

describe('single-cover amounts (spec §5)', () => {
  const lowIncome = household([member({ monthlyIncome: 700 }), member({ monthlyIncome: 700, seriousIllness: true })]);

  it('low-income: the covered person gets S, class A, no uplift', () => {
    const d = determine(lowIncome, DEFAULT_POLICY, EVAL_DATE);
    expect(d.covered).toEqual([{ index: 1, class: 'A', amount: 602 }]);
    expect(d.monthlyTotal).toBe(602);
  });

  it('an A uplift does not apply to single cover', () => {
    const d = determine(lowIncome, policyWith('A', { mode: 'fixed', value: 100 }), EVAL_DATE);
    expect(d.monthlyTotal).toBe(602);
  });

  it('singleCoverAmount null follows S; a set amount is paid as set', () => {
    // S = 650: I = 700 is still in [650, 1300) → low-income, amount follows S = 650.
    expect(determine(lowIncome, { ...DEFAULT_POLICY, standard: 650 }, EVAL_DATE).monthlyTotal).toBe(650);
    expect(determine(lowIncome, { ...DEFAULT_POLICY, singleCoverAmount: 620.5 }, EVAL_DATE).monthlyTotal).toBe(620.5);
  });

  it('medical-expense: the patient gets S', () => {
    // I = 1300 ≥ 1204; M 30000 > Y 20000; 20000 ÷ 24 = 833.33 < 1751.
    const d = determine(
      household([member({ monthlyIncome: 1300 }), member({ monthlyIncome: 1300 })], {
        medical: { selfPaidLast12Months: 30_000, disposableIncomeLast12Months: 20_000, patientIndex: 0 },
      }),
      DEFAULT_POLICY,
      EVAL_DATE,
    );
    expect(d.covered).toEqual([{ index: 0, class: 'A', amount: 602 }]);
  });
});
