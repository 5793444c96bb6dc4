// Spec §10 "Settled points": one table per point, through the evaluation file (parseEvaluationFile), the engine
// (determine) and, where the office's own inputs feed the engine, the contract's command schemas as dispatch
// parses them. Policy: DEFAULT_POLICY (S = 602, band [602, 1204)) unless a row says otherwise.
import { describe, expect, it } from 'vitest';
import { commands, issueFields, personInputSchema, UNKNOWN_KEY_MESSAGE, type CommandName } from '../../src/contract';
import { parseEvaluationFile, resolvePolicy } from '../../src/contract/evaluation';
import {
  DeterminationInputError,
  determine,
  MENTAL_HOSPITALIZED_NEEDS_MENTAL,
  type DeterminationInput,
  type InputIssue,
} from '../../src/domain/determination';
import { DEFAULT_POLICY, type Policy, type Rounding, type Uplift } from '../../src/domain/policy';
import { EVAL_DATE, household, member } from './support/household';

type Json = Record<string, unknown>;

/** A valid evaluation file (poor, one 72-year-old), changed by `edit` before parsing. */
function file(edit: (f: Json & { household: Json & { members: Json[] } }) => void = () => {}): unknown {
  const f = {
    evaluationDate: '2020-03-20',
    household: {
      assetsCompliant: true,
      members: [{ name: '张某', idNumber: '340000194801010011', monthlyIncome: 300 }] as Json[],
    },
  };
  edit(f);
  return f;
}

const linesOf = (raw: unknown): string[] => {
  const r = parseEvaluationFile(raw);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

const engineIssues = (h: DeterminationInput, policy: Policy = DEFAULT_POLICY): InputIssue[] => {
  try {
    determine(h, policy, EVAL_DATE);
  } catch (err) {
    if (err instanceof DeterminationInputError) return err.issues;
    throw err;
  }
  return [];
};

/** What dispatch reports for a command input: the same issueFields lines. */
const commandLines = (name: CommandName, input: unknown): string[] => {
  const r = (commands[name].input as { safeParse: (v: unknown) => { success: boolean; error?: { issues: never[] } } }).safeParse(input);
  return r.success ? [] : issueFields(r.error!.issues).map((f) => `${f.path}: ${f.message}`);
};

const validPerson = { name: '李四', idNumber: '340000194801010011', relation: '子女' };
const validFacts = { householdId: 1, assetsCompliant: true, otherMonthlyIncome: 0 };
const { version: _v, ...policyFigures } = DEFAULT_POLICY;

describe('settled point: unknown keys are input errors, with their path', () => {
  const unknown = (path: string) => `${path}: ${UNKNOWN_KEY_MESSAGE}`;
  it.each<[string, (f: Json & { household: Json & { members: Json[] } }) => void, string[]]>([
    ['misspelt member flag', (f) => (f.household.members[0]!['seriousIlness'] = true), [unknown('household.members[0].seriousIlness')]],
    ['misspelt top-level policy', (f) => (f['polciy'] = { standard: 700 }), [unknown('polciy')]],
    ['unknown policy field', (f) => (f['policy'] = { standrd: 700 }), [unknown('policy.standrd')]],
    ['unknown uplift class', (f) => (f['policy'] = { classUplift: { D: { mode: 'none' } } }), [unknown('policy.classUplift.D')]],
    ['unknown uplift field', (f) => (f['policy'] = { classUplift: { A: { mode: 'fixed', value: 5, vale: 6 } } }), [unknown('policy.classUplift.A.vale')]],
    ['unknown household field', (f) => (f.household['otherIncome'] = 100), [unknown('household.otherIncome')]],
    ['unknown medical field', (f) => (f.household['medical'] = { selfPaid: 100 }), [unknown('household.medical.selfPaid')]],
    [
      'two unknown keys of one member: one line each',
      (f) => Object.assign(f.household.members[0]!, { hiv_: true, threeno: true }),
      [unknown('household.members[0].hiv_'), unknown('household.members[0].threeno')],
    ],
  ])('evaluation file: %s', (_name, edit, lines) => {
    expect(linesOf(file(edit)).sort()).toEqual([...lines].sort());
  });

  it.each<[CommandName, unknown, string[]]>([
    ['household-facts-update', { ...validFacts, assetsCompliantt: false }, [unknown('assetsCompliantt')]],
    ['household-facts-update', { ...validFacts, medicalSelfpaid: 100 }, [unknown('medicalSelfpaid')]],
    ['household-evaluate', { householdId: 1, evaluationdate: '2020-03-20' }, [unknown('evaluationdate')]],
    ['person-add', { householdId: 1, person: { ...validPerson, seriousIlness: true } }, [unknown('person.seriousIlness')]],
    ['person-add', { householdId: 1, person: validPerson, extra: 1 }, [unknown('extra')]],
    ['person-update', { id: 1, person: { ...validPerson, id: 1, sex: 'male' } }, [unknown('person.id'), unknown('person.sex')]],
    ['household-create', { villageId: 1, address: '1号', head: { ...validPerson, relation: '户主', hiv_: true } }, [unknown('head.hiv_')]],
    ['policy-add', { ...policyFigures, standrd: 700 }, [unknown('standrd')]],
    ['policy-add', { ...policyFigures, classUplift: { ...policyFigures.classUplift, D: { mode: 'none' } } }, [unknown('classUplift.D')]],
    [
      'case-verification-record',
      { caseId: 1, incomes: [{ personId: 1, monthlyIncome: 0, income: 5 }], assets: {}, compliant: true },
      [unknown('incomes[0].income')],
    ],
  ])('office input %s refuses an unknown key', (name, input, lines) => {
    expect(commandLines(name, input).sort()).toEqual([...lines].sort());
  });

  it('the same inputs without the unknown keys are accepted', () => {
    expect(linesOf(file())).toEqual([]);
    expect(commandLines('household-facts-update', validFacts)).toEqual([]);
    expect(commandLines('person-add', { householdId: 1, person: validPerson })).toEqual([]);
    expect(commandLines('policy-add', policyFigures)).toEqual([]);
  });
});

describe('settled point: mentalHospitalized only with disabilityType "mental"', () => {
  const line = (prefix: string) => `${prefix}mentalHospitalized: ${MENTAL_HOSPITALIZED_NEEDS_MENTAL}`;
  it.each<[string | null, number | null, boolean]>([
    [null, null, false],
    ['physical', 1, false],
    ['intellectual', 3, false],
    ['multiple', 2, false],
    ['mental', 4, true],
  ])('disabilityType %s (level %s) → allowed: %s', (type, level, allowed) => {
    const facts = { disabilityType: type, disabilityLevel: level, mentalHospitalized: true };
    // Evaluation file.
    const lines = linesOf(file((f) => Object.assign(f.household.members[0]!, facts)));
    expect(lines).toEqual(allowed ? [] : [line('household.members[0].')]);
    // Engine, for facts that reach it from elsewhere (a stored person): an input error, never a silent A.
    const m = member({ disabilityType: type as never, disabilityLevel: level, mentalHospitalized: true });
    const issues = engineIssues(household([m]));
    expect(issues).toEqual(allowed ? [] : [{ path: 'household.members[0].mentalHospitalized', message: MENTAL_HOSPITALIZED_NEEDS_MENTAL }]);
    // The office's person form.
    const r = personInputSchema.safeParse({ ...validPerson, ...facts });
    expect(r.success ? [] : issueFields(r.error.issues).map((f) => `${f.path}: ${f.message}`)).toEqual(allowed ? [] : [line('')]);
  });

  it('allowed, it makes the member A', () => {
    const d = determine(household([member({ disabilityType: 'mental', disabilityLevel: 4, mentalHospitalized: true })]), DEFAULT_POLICY, EVAL_DATE);
    expect(d.covered[0]?.class).toBe('A');
  });
});

describe('settled point: a partial classUplift replaces only the classes it names', () => {
  // Poor household, base 602 − 300 = 302. A: 三无 (40 years old); B: born 1950; C: 40 years old.
  const members = [member({ threeNo: true, monthlyIncome: 300 }), member({ birthDate: '1950-01-01', monthlyIncome: 300 }), member({ monthlyIncome: 300 })];
  const defaults = { A: 393, B: 362, C: 302 }; // 302 × 1.3 = 392.6 → 393; 302 × 1.2 = 362.4 → 362; 302.
  it.each<[string, Partial<Record<'A' | 'B' | 'C', Uplift>>, { A: number; B: number; C: number }]>([
    ['none named', {}, defaults],
    ['only A: fixed 50', { A: { mode: 'fixed', value: 50 } }, { ...defaults, A: 352 }],
    ['only B: none', { B: { mode: 'none' } }, { ...defaults, B: 302 }],
    ['only C: percentOfStandard 10 (302 + 60.2 = 362.2)', { C: { mode: 'percentOfStandard', value: 10 } }, { ...defaults, C: 362 }],
    ['A and C named, B keeps +20 %', { A: { mode: 'none' }, C: { mode: 'fixed', value: 10 } }, { A: 302, B: 362, C: 312 }],
  ])('%s', (_name, classUplift, amounts) => {
    const r = parseEvaluationFile(file((f) => (f['policy'] = { classUplift })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const cls of ['A', 'B', 'C'] as const) {
      expect(r.value.policy.classUplift[cls]).toEqual(classUplift[cls] ?? DEFAULT_POLICY.classUplift[cls]);
    }
    const d = determine(household(members.map((m) => ({ ...m }))), r.value.policy, EVAL_DATE);
    expect(d.covered.map((c) => c.amount)).toEqual([amounts.A, amounts.B, amounts.C]);
  });
});

describe('settled point: rounding yuan-half-up / jiao-half-up / fen, each half up to its unit', () => {
  // Class C (uplift none) unless noted: amount = S − I, rounded. B: born 1950 (+20 %); B25: +25 %.
  const B25: Policy['classUplift'] = { ...DEFAULT_POLICY.classUplift, B: { mode: 'percentOfOwn', value: 25 } };
  it.each<[Rounding, number, 'C' | 'B25', number]>([
    // yuan: 602 − 301.5 = 300.5 → 301 (half up); 602 − 301.51 = 300.49 → 300.
    ['yuan-half-up', 301.5, 'C', 301],
    ['yuan-half-up', 301.51, 'C', 300],
    // jiao: 602 − 301.75 = 300.25 → 300.3 (half up); 602 − 301.76 = 300.24 → 300.2.
    ['jiao-half-up', 301.75, 'C', 300.3],
    ['jiao-half-up', 301.76, 'C', 300.2],
    // fen: 602 − 301.9 = 300.1 × 1.25 = 375.125 → 375.13 (half up); 300.11 × 1.25 = 375.1375 → 375.14.
    ['fen', 301.9, 'B25', 375.13],
    ['fen', 301.89, 'B25', 375.14],
    // fen: a whole fen stays as it is: 602 − 301.77 = 300.23.
    ['fen', 301.77, 'C', 300.23],
  ])('%s, income %s, class %s → %s', (rounding, income, cls, amount) => {
    const m = cls === 'C' ? member({ monthlyIncome: income }) : member({ birthDate: '1950-01-01', monthlyIncome: income });
    const r = parseEvaluationFile(file((f) => (f['policy'] = { rounding, classUplift: B25 })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = determine(household([m]), r.value.policy, EVAL_DATE);
    expect(d.covered[0]?.amount).toBe(amount);
  });

  it('any other value is refused', () => {
    expect(linesOf(file((f) => (f['policy'] = { rounding: 'yuan' })))).toEqual(['policy.rounding: 取整方式无效']);
  });
});

describe('settled point: the single-cover amount is exact, never rounded', () => {
  const lowIncome = household([member({ monthlyIncome: 700, seriousIllness: true })]);
  const medical = household([member({ monthlyIncome: 1300 })], {
    medical: { selfPaidLast12Months: 30_000, disposableIncomeLast12Months: 15_600, patientIndex: 0 },
  });
  it.each<[string, DeterminationInput, Partial<Policy>, number]>([
    ['low-income, default = S', lowIncome, {}, 602],
    ['low-income, S 602.35 followed exactly', lowIncome, { standard: 602.35 }, 602.35],
    ['low-income, own amount 555.55 under yuan rounding', lowIncome, { singleCoverAmount: 555.55 }, 555.55],
    ['low-income, own amount 600.05 under jiao rounding', lowIncome, { singleCoverAmount: 600.05, rounding: 'jiao-half-up' }, 600.05],
    ['medical-expense, S 602.5', medical, { standard: 602.5 }, 602.5],
    ['medical-expense, own amount 610.49', medical, { singleCoverAmount: 610.49 }, 610.49],
  ])('%s', (_name, input, patch, amount) => {
    const d = determine(input, resolvePolicy(patch, EVAL_DATE), EVAL_DATE);
    expect(d.category).not.toBe('poor');
    expect(d.covered).toHaveLength(1);
    expect(d.covered[0]?.amount).toBe(amount);
    expect(d.monthlyTotal).toBe(amount);
  });
});

describe('settled point: singleCoverIndex must name a qualifying member whenever the income is in the low-income band', () => {
  const ill = (income: number) => member({ name: '病人', monthlyIncome: income, seriousIllness: true });
  const well = (income: number) => member({ name: '健康', monthlyIncome: income });
  const notQualifying = { path: 'household.singleCoverIndex', message: '指定的保障对象（健康）不是重病或重残人员，不能作为低收入家庭的保障对象' };
  it.each<[string, DeterminationInput, InputIssue[] | { category: string; covered: number[] }]>([
    // I = 700 in [602, 1204).
    ['in band, another member qualifies', household([well(700), ill(700)], { singleCoverIndex: 0 }), [notQualifying]],
    ['in band, no member qualifies', household([well(700), well(700)], { singleCoverIndex: 0 }), [notQualifying]],
    ['in band, assets not compliant', household([well(700), ill(700)], { singleCoverIndex: 0, assetsCompliant: false }), [notQualifying]],
    ['in band at I = S exactly', household([well(602)], { singleCoverIndex: 0 }), [notQualifying]],
    ['in band, the index does not exist', household([ill(700)], { singleCoverIndex: 2 }), [{ path: 'household.singleCoverIndex', message: '成员序号 2 不存在（应为 0 至 0）' }]],
    ['in band, qualifying index honoured', household([ill(700), ill(700)], { singleCoverIndex: 1 }), { category: 'low-income', covered: [1] }],
    // Outside the band the index has no meaning and is not checked.
    ['poor (I = 300): whole household', household([well(300), ill(300)], { singleCoverIndex: 0 }), { category: 'poor', covered: [0, 1] }],
    ['at 2S (I = 1204): not in band', household([well(1204)], { singleCoverIndex: 0 }), { category: 'ineligible', covered: [] }],
  ])('%s', (_name, input, expected) => {
    if (Array.isArray(expected)) {
      expect(engineIssues(input)).toEqual(expected);
    } else {
      const d = determine(input, DEFAULT_POLICY, EVAL_DATE);
      expect({ category: d.category, covered: d.covered.map((c) => c.index) }).toEqual(expected);
    }
  });
});

describe('settled point: a number too large to be an amount is 「金额过大」', () => {
  const huge = JSON.parse('1e400') as number; // Infinity, as JSON.parse gives it
  it.each<[string, (f: Json & { household: Json & { members: Json[] } }, v: number) => void]>([
    ['household.members[0].monthlyIncome', (f, v) => (f.household.members[0]!['monthlyIncome'] = v)],
    ['household.otherMonthlyIncome', (f, v) => (f.household['otherMonthlyIncome'] = v)],
    ['household.medical.selfPaidLast12Months', (f, v) => (f.household['medical'] = { selfPaidLast12Months: v, disposableIncomeLast12Months: 0, patientIndex: 0 })],
    ['household.medical.disposableIncomeLast12Months', (f, v) => (f.household['medical'] = { disposableIncomeLast12Months: v })],
    ['policy.singleCoverAmount', (f, v) => (f['policy'] = { singleCoverAmount: v })],
  ])('%s', (path, set) => {
    for (const v of [huge, 1e9, 10_000_000.01]) expect(linesOf(file((f) => set(f, v)))).toEqual([`${path}: 金额过大`]);
    expect(linesOf(file((f) => set(f, 10_000_000)))).toEqual([]);
    expect(linesOf(file((f) => set(f, -huge)))).toEqual([`${path}: 金额不能为负数`]);
  });

  it.each([
    ['standard', '低保标准过大'],
    ['localDisposableIncome', '本地上年度城乡居民人均可支配收入过大'],
  ])('policy.%s', (key, message) => {
    expect(linesOf(file((f) => (f['policy'] = { [key]: huge })))).toEqual([`policy.${key}: ${message}`]);
  });

  it('the office forms say the same (household facts, member income)', () => {
    expect(commandLines('household-facts-update', { ...validFacts, otherMonthlyIncome: huge })).toEqual(['otherMonthlyIncome: 金额过大']);
    expect(commandLines('household-facts-update', { ...validFacts, medicalDisposable: 2e9 })).toEqual(['medicalDisposable: 金额过大']);
    expect(commandLines('person-add', { householdId: 1, person: { ...validPerson, monthlyIncome: huge } })).toEqual(['person.monthlyIncome: 金额过大']);
  });

  it('the engine refuses the same figures when they reach it directly', () => {
    expect(engineIssues(household([member({ monthlyIncome: huge })]))).toEqual([{ path: 'household.members[0].monthlyIncome', message: '金额过大' }]);
    expect(engineIssues(household([member()], { otherMonthlyIncome: 2e9 }))).toEqual([{ path: 'household.otherMonthlyIncome', message: '金额过大' }]);
    expect(engineIssues(household([member({ monthlyIncome: -1 })]))).toEqual([{ path: 'household.members[0].monthlyIncome', message: '金额不能为负数' }]);
  });
});
