// Spec §4 / 方案二(三): classes A, B, C, first match wins. Evaluation date 2020-03-20.
import { describe, expect, it } from 'vitest';
import { classify, resolveAge } from '../../src/domain/classes';
import { computeCheckChar } from '../../src/domain/id-number';
import { determine, type Category, type MemberFacts } from '../../src/domain/determination';
import type { PersonClass } from '../../src/domain/policy';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { EVAL_DATE, household, member } from './support/household';

type Case = { name: string; m: Partial<MemberFacts>; category?: Category; expected: PersonClass };

const cases: Case[] = [
  { name: 'plain adult → C', m: {}, expected: 'C' },
  { name: '三无人员 → A', m: { threeNo: true }, expected: 'A' },
  { name: 'level 1 physical → A', m: { disabilityType: 'physical', disabilityLevel: 1 }, expected: 'A' },
  { name: 'level 2 visual → A (二级以上含二级)', m: { disabilityType: 'visual', disabilityLevel: 2 }, expected: 'A' },
  { name: 'level 3 mental → A', m: { disabilityType: 'mental', disabilityLevel: 3 }, expected: 'A' },
  { name: 'level 3 intellectual → A', m: { disabilityType: 'intellectual', disabilityLevel: 3 }, expected: 'A' },
  { name: 'level 3 physical → B (三级以下含三级)', m: { disabilityType: 'physical', disabilityLevel: 3 }, expected: 'B' },
  { name: 'level 3 multiple → B', m: { disabilityType: 'multiple', disabilityLevel: 3 }, expected: 'B' },
  { name: 'level 4 mental → B', m: { disabilityType: 'mental', disabilityLevel: 4 }, expected: 'B' },
  { name: 'level 4 hearing → B', m: { disabilityType: 'hearing', disabilityLevel: 4 }, expected: 'B' },
  { name: 'mental, hospitalised → A', m: { disabilityType: 'mental', disabilityLevel: 4, mentalHospitalized: true }, expected: 'A' },
  { name: 'complete loss of labour capacity → A', m: { laborCapacity: 'none' }, expected: 'A' },
  { name: 'partial loss of labour capacity → C', m: { laborCapacity: 'partial' }, expected: 'C' },
  { name: '重病 → A', m: { seriousIllness: true }, expected: 'A' },
  { name: 'HIV → A', m: { hiv: true }, expected: 'A' },
  { name: '重残 alone is not an A criterion in a poor family → C', m: { severeDisabilityNoSelfCare: true }, expected: 'C' },
  { name: 'covered person of a low-income household → A', m: {}, category: 'low-income', expected: 'A' },
  { name: 'patient of a medical-expense household → A', m: {}, category: 'medical-expense', expected: 'A' },
  { name: 'college student → B', m: { collegeStudent: true }, expected: 'B' },
  { name: '重点优抚对象 → B', m: { priorityCare: true }, expected: 'B' },
  // Born 1960-03-20: 60th birthday is the evaluation date → 60 → B (含60).
  { name: 'turns 60 on the evaluation date → B', m: { birthDate: '1960-03-20' }, expected: 'B' },
  // Born 1960-03-21: turns 60 tomorrow → 59 → C.
  { name: 'turns 60 the day after → C', m: { birthDate: '1960-03-21' }, expected: 'C' },
  // Born 2002-03-21: 18 tomorrow → 17 → B (未成年人).
  { name: 'age 17 → B', m: { birthDate: '2002-03-21' }, expected: 'B' },
  // Born 2002-03-20: 18 today → C.
  { name: 'age 18 on the evaluation date → C', m: { birthDate: '2002-03-20' }, expected: 'C' },
  { name: 'newborn → B', m: { birthDate: '2020-03-20' }, expected: 'B' },
  { name: 'A beats B: 70 years old and 三无', m: { birthDate: '1950-01-01', threeNo: true }, expected: 'A' },
  { name: 'A beats B: level 3 mental and 重点优抚', m: { disabilityType: 'mental', disabilityLevel: 3, priorityCare: true }, expected: 'A' },
];

describe('classify (spec §4)', () => {
  it.each(cases)('$name', ({ m, category, expected }) => {
    const facts = member(m);
    const age = resolveAge(facts, EVAL_DATE);
    if (!age.ok) throw new Error(age.message);
    expect(classify(facts, age.age, category ?? 'poor').class).toBe(expected);
  });

  it('lists every matching criterion of the winning class', () => {
    const r = classify(member({ threeNo: true, laborCapacity: 'none' }), 70, 'poor');
    expect(r).toEqual({ class: 'A', criteria: ['三无人员', '完全丧失劳动能力'] });
  });
});

describe('resolveAge', () => {
  it('takes the age from the ID number when birthDate is absent', () => {
    // 340000194801010011: born 1948-01-01 → 72 on 2020-03-20.
    expect(resolveAge({ birthDate: null, idNumber: '340000194801010011' }, EVAL_DATE)).toEqual({
      ok: true,
      age: 72,
      source: 'idNumber',
    });
  });

  it('prefers birthDate over the ID number', () => {
    expect(resolveAge({ birthDate: '2000-01-01', idNumber: '340000194801010011' }, EVAL_DATE)).toMatchObject({ age: 20 });
  });

  it('29 February birthdays count from 1 March in common years, on the day in leap years', () => {
    expect(resolveAge({ birthDate: '1960-02-29', idNumber: null }, '2020-02-28')).toMatchObject({ age: 59 });
    expect(resolveAge({ birthDate: '1960-02-29', idNumber: null }, '2020-02-29')).toMatchObject({ age: 60 });
    expect(resolveAge({ birthDate: '1964-02-29', idNumber: null }, '2023-03-01')).toMatchObject({ age: 59 });
  });

  it('reports what is missing or wrong', () => {
    expect(resolveAge({ birthDate: null, idNumber: null }, EVAL_DATE)).toMatchObject({ ok: false, field: 'birthDate' });
    expect(resolveAge({ birthDate: '2021-01-01', idNumber: null }, EVAL_DATE)).toMatchObject({
      ok: false,
      message: '出生日期晚于测算日期',
    });
    // A valid ID number of someone born 2020-05-20, after the evaluation date.
    const first17 = '34122120200520001';
    expect(resolveAge({ birthDate: null, idNumber: first17 + computeCheckChar(first17) }, EVAL_DATE)).toEqual({
      ok: false,
      field: 'idNumber',
      message: '无法确定年龄：出生日期晚于测算日期',
    });
  });
});

describe('class reason lines', () => {
  it('names the person, the criterion with the age, the class and the clause', () => {
    // Born 1952-01-10 → 68 on 2020-03-20. Income 300 → poor.
    const d = determine(
      household([member({ name: '张某', birthDate: '1952-01-10', monthlyIncome: 300 })]),
      DEFAULT_POLICY,
      EVAL_DATE,
    );
    expect(d.reasons).toContain('张某：年满60周岁（68岁），B类（方案二(三)）');
    expect(d.covered).toEqual([{ index: 0, class: 'B', amount: 362 }]);
  });
});
