// Spec §3: category order poor / low-income / medical-expense / ineligible, asset test first, strict "<".
// Policy: DEFAULT_POLICY (S = 602, multiplier 2 → 1204, D = 1751). Members are 40-year-old adults (class C)
// unless a case says otherwise. Every case's figures are worked by hand in its comment.
import { describe, expect, it } from 'vitest';
import {
  DeterminationInputError,
  determine,
  type Category,
  type DeterminationInput,
} from '../../src/domain/determination';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { EVAL_DATE, household, member, withIncomes } from './support/household';

const ill = (monthlyIncome: number, name = '病人') => member({ name, monthlyIncome, seriousIllness: true });
const run = (h: DeterminationInput) => determine(h, DEFAULT_POLICY, EVAL_DATE);

type Case = { name: string; input: DeterminationInput; category: Category; covered: number[] };

const cases: Case[] = [
  // 900 ÷ 3 = 300 < 602 → poor, all three covered.
  { name: 'I < S → poor, whole household', input: household(withIncomes(300, 600, 0)), category: 'poor', covered: [0, 1, 2] },
  // 1805.99 ÷ 3 = 601.9966… < 602 → poor (exact, not rounded to 602.00 first).
  { name: 'I just below S → poor', input: household(withIncomes(600, 600, 605.99)), category: 'poor', covered: [0, 1, 2] },
  // 1806 ÷ 3 = 602 = S: not "< S"; no ill member, M = 0 → ineligible.
  { name: 'I = S exactly is not poor', input: household(withIncomes(600, 600, 606)), category: 'ineligible', covered: [] },
  // 600.14 + 600.31 + 605.55 = 1806 exactly (floating point says 1805.9999999999998) → I = 602, not poor.
  {
    name: 'I = S through a sum that floating point gets wrong',
    input: household(withIncomes(600.14, 600.31, 605.55)),
    category: 'ineligible',
    covered: [],
  },
  // 1806 ÷ 3 = 602 = S, member 1 ill: S ≤ I < 1204 → low-income, the ill member covered.
  {
    name: 'I = S with an ill member → low-income',
    input: household([member({ monthlyIncome: 600 }), ill(600), member({ monthlyIncome: 606 })]),
    category: 'low-income',
    covered: [1],
  },
  // (1000 + 600) ÷ 2 = 800, otherMonthlyIncome 0, member 0 重残 → low-income covering member 0.
  {
    name: '重残 (severeDisabilityNoSelfCare) qualifies',
    input: household([member({ monthlyIncome: 1000, severeDisabilityNoSelfCare: true }), member({ monthlyIncome: 600 })]),
    category: 'low-income',
    covered: [0],
  },
  // 2407.98 ÷ 2 = 1203.99 < 1204 → low-income.
  {
    name: 'I just below 2S with an ill member → low-income',
    input: household([ill(1203.99), member({ monthlyIncome: 1203.99 })]),
    category: 'low-income',
    covered: [0],
  },
  // 2408 ÷ 2 = 1204 = 2S: not "< 2S" → not low-income; M = 0 → ineligible.
  {
    name: 'I = 2S exactly is not low-income',
    input: household([ill(1204), member({ monthlyIncome: 1204 })]),
    category: 'ineligible',
    covered: [],
  },
  // 1200.1 + 1200.3 + 1211.6 = 3612 exactly (float: 3611.9999999999995) → I = 1204 = 2S, not low-income.
  {
    name: 'I = 2S through a sum that floating point gets wrong',
    input: household([ill(1200.1), member({ monthlyIncome: 1200.3 }), member({ monthlyIncome: 1211.6 })]),
    category: 'ineligible',
    covered: [],
  },
  // Two ill members, no singleCoverIndex → the first qualifying in input order (index 1, not 2).
  {
    name: 'first qualifying member covered when no singleCoverIndex',
    input: household([member({ monthlyIncome: 700 }), ill(700, '甲'), ill(700, '乙')]),
    category: 'low-income',
    covered: [1],
  },
  // Same household, singleCoverIndex 2 (qualifies) → member 2.
  {
    name: 'singleCoverIndex that qualifies is honoured',
    input: household([member({ monthlyIncome: 700 }), ill(700, '甲'), ill(700, '乙')], { singleCoverIndex: 2 }),
    category: 'low-income',
    covered: [2],
  },
  // otherMonthlyIncome counts: (0 + 0 + 1806) ÷ 3 = 602 = S → not poor.
  {
    name: 'otherMonthlyIncome is part of household income',
    input: household(withIncomes(0, 0, 0), { otherMonthlyIncome: 1806 }),
    category: 'ineligible',
    covered: [],
  },
  // (0 + 0 + 1805.99) ÷ 3 < 602 → poor.
  {
    name: 'otherMonthlyIncome just below',
    input: household(withIncomes(0, 0, 0), { otherMonthlyIncome: 1805.99 }),
    category: 'poor',
    covered: [0, 1, 2],
  },
  // Assets not compliant beats everything, even I = 0.
  {
    name: 'assets not compliant → ineligible even with no income',
    input: household([ill(0)], { assetsCompliant: false }),
    category: 'ineligible',
    covered: [],
  },
  // Poor wins over medical-expense: I = 100 < 602, M > 0 irrelevant, all covered.
  {
    name: 'poor is tested before medical-expense',
    input: household(withIncomes(100, 100), {
      medical: { selfPaidLast12Months: 50_000, disposableIncomeLast12Months: 10_000, patientIndex: 1 },
    }),
    category: 'poor',
    covered: [0, 1],
  },
  // Low-income wins over medical-expense: I = 800 in band, ill member 0; patient 1 would also qualify.
  {
    name: 'low-income is tested before medical-expense',
    input: household([ill(800), member({ monthlyIncome: 800 })], {
      medical: { selfPaidLast12Months: 50_000, disposableIncomeLast12Months: 10_000, patientIndex: 1 },
    }),
    category: 'low-income',
    covered: [0],
  },
];

// Medical-expense (方案二(一)3). Two members earning 1300 each → I = 1300 ≥ 1204, so only test 3 can apply.
// n = 2, so "÷ n ÷ 12" is "÷ 24". 2S = 1204, D = 1751.
const rich = () => withIncomes(1300, 1300);
const medical = (m: number, y: number | null, patientIndex: number | null = 1) =>
  household(rich(), { medical: { selfPaidLast12Months: m, disposableIncomeLast12Months: y, patientIndex } });

const medicalCases: Case[] = [
  // M = 30000 > Y = 20000 ✓; Y ÷ 24 = 833.33 < 1751 ✓ → medical-expense, patient 1 covered.
  { name: 'M > Y and Y/n/12 < D', input: medical(30_000, 20_000), category: 'medical-expense', covered: [1] },
  // M = 10000 ≤ Y = 30000; (30000 − 10000) ÷ 24 = 833.33 < 1204 ✓; 30000 ÷ 24 = 1250 < 1751 ✓.
  { name: 'M ≤ Y, (Y − M)/n/12 < 2S', input: medical(10_000, 30_000), category: 'medical-expense', covered: [1] },
  // M = Y = 24000: not M > Y; (0) ÷ 24 = 0 < 1204 ✓; 24000 ÷ 24 = 1000 < 1751 ✓.
  { name: 'M = Y exactly falls to the second sub-branch', input: medical(24_000, 24_000), category: 'medical-expense', covered: [1] },
  // (Y − M) ÷ 24 = 1204 exactly: Y − M = 28896, M = 1000, Y = 29896; 1204 is not < 1204 → fails.
  { name: '(Y − M)/n/12 = 2S exactly fails', input: medical(1000, 29_896), category: 'ineligible', covered: [] },
  // (29895.99 − 1000) ÷ 24 = 1203.9996 < 1204 ✓; 29895.99 ÷ 24 = 1245.67 < 1751 ✓.
  { name: '(Y − M)/n/12 just below 2S', input: medical(1000, 29_895.99), category: 'medical-expense', covered: [1] },
  // M = 50000 > Y = 42024 ✓, but Y ÷ 24 = 1751 = D, not < D → fails.
  { name: 'Y/n/12 = D exactly fails', input: medical(50_000, 42_024), category: 'ineligible', covered: [] },
  // M = 50000 > Y = 42023.99 ✓; Y ÷ 24 = 1750.9996 < 1751 ✓.
  { name: 'Y/n/12 just below D', input: medical(50_000, 42_023.99), category: 'medical-expense', covered: [1] },
  // M = 0: 方案二(一)3 needs M > 0 even if Y is tiny.
  { name: 'M = 0 is never medical-expense', input: medical(0, 100, null), category: 'ineligible', covered: [] },
  // M = 0.01 > Y = 0 ✓; 0 ÷ 24 = 0 < 1751 ✓.
  { name: 'smallest M > Y', input: medical(0.01, 0, 0), category: 'medical-expense', covered: [0] },
];

describe('determine: category (spec §3)', () => {
  it.each([...cases, ...medicalCases])('$name', ({ input, category, covered }) => {
    const d = run(input);
    expect(d.category).toBe(category);
    expect(d.covered.map((c) => c.index)).toEqual(covered);
  });

  it('records the policy version and the exact per-capita income', () => {
    // 100 ÷ 3 = 33.333…; the output keeps the unrounded figure.
    const d = run(household(withIncomes(100, 0, 0)));
    expect(d.policyVersion).toBe(DEFAULT_POLICY.version);
    expect(d.perCapitaIncome).toBeCloseTo(100 / 3, 10);
  });

  it('ineligible: amounts and total are 0', () => {
    const d = run(household(withIncomes(700, 700)));
    expect(d.covered).toEqual([]);
    expect(d.monthlyTotal).toBe(0);
  });
});

describe('determine: input errors', () => {
  const issuesOf = (h: DeterminationInput, date = EVAL_DATE) => {
    try {
      determine(h, DEFAULT_POLICY, date);
    } catch (err) {
      expect(err).toBeInstanceOf(DeterminationInputError);
      return (err as DeterminationInputError).issues;
    }
    throw new Error('expected a DeterminationInputError');
  };

  it('singleCoverIndex that does not qualify is an input error', () => {
    // I = 700 in band, member 1 ill, but member 0 (not ill) is designated.
    const issues = issuesOf(household([member({ monthlyIncome: 700 }), ill(700)], { singleCoverIndex: 0 }));
    expect(issues).toEqual([{ path: 'household.singleCoverIndex', message: expect.stringContaining('不是重病或重残人员') }]);
  });

  it('singleCoverIndex out of range', () => {
    const issues = issuesOf(household([ill(700)], { singleCoverIndex: 3 }));
    expect(issues.map((i) => i.path)).toEqual(['household.singleCoverIndex']);
  });

  it('assetsCompliant null is an input error', () => {
    expect(issuesOf(household(withIncomes(0), { assetsCompliant: null }))).toEqual([
      { path: 'household.assetsCompliant', message: '尚未填写家庭财产状况核对结论' },
    ]);
  });

  it('M > 0 without patientIndex', () => {
    const issues = issuesOf(medical(30_000, 20_000, null));
    expect(issues.map((i) => i.path)).toEqual(['household.medical.patientIndex']);
  });

  it('M > 0 with Y missing, when the medical test is reached', () => {
    expect(issuesOf(medical(30_000, null)).map((i) => i.path)).toEqual(['household.medical.disposableIncomeLast12Months']);
  });

  it('M missing when the medical test is reached', () => {
    expect(issuesOf(medical(null as unknown as number, 100)).map((i) => i.path)).toEqual([
      'household.medical.selfPaidLast12Months',
    ]);
  });

  it('negative money and empty households', () => {
    expect(issuesOf(household(withIncomes(-1))).map((i) => i.path)).toEqual(['household.members[0].monthlyIncome']);
    expect(issuesOf(household([])).map((i) => i.path)).toEqual(['household.members']);
    expect(issuesOf(household(withIncomes(0), { otherMonthlyIncome: -0.01 })).map((i) => i.path)).toEqual([
      'household.otherMonthlyIncome',
    ]);
  });

  it('undeterminable age of a covered member is an input error, not class C', () => {
    const noAge = member({ name: '无名', birthDate: null, idNumber: null });
    expect(issuesOf(household([member(), noAge])).map((i) => i.path)).toEqual(['household.members[1].birthDate']);
    const badId = member({ name: '错号', birthDate: null, idNumber: '341221195503150023' });
    expect(issuesOf(household([badId]))).toEqual([
      { path: 'household.members[0].idNumber', message: '无法确定年龄：校验码错误' },
    ]);
  });

  it('age of a member who is not covered is not needed', () => {
    // Low-income, member 1 covered; member 0 has no age facts at all.
    const d = run(household([member({ monthlyIncome: 700, birthDate: null }), ill(700)]));
    expect(d.covered.map((c) => c.index)).toEqual([1]);
  });

  it('invalid evaluation date and invalid policy', () => {
    expect(issuesOf(household(withIncomes(0)), '2020-02-30').map((i) => i.path)).toEqual(['evaluationDate']);
    expect(() =>
      determine(household(withIncomes(0)), { ...DEFAULT_POLICY, standard: 0 }, EVAL_DATE),
    ).toThrow(DeterminationInputError);
    const noValue = { ...DEFAULT_POLICY, classUplift: { ...DEFAULT_POLICY.classUplift, A: { mode: 'fixed' as const } } };
    expect(() => determine(household(withIncomes(0)), noValue, EVAL_DATE)).toThrow(/A类上浮值/);
  });
});
