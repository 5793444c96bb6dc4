// Builders for determination tests: a plain adult member (age 40 on 2020-03-20, class C) and a household.
import type { DeterminationInput, MemberFacts } from '../../../src/domain/determination';

export const EVAL_DATE = '2020-03-20';

export function member(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    name: '成员',
    idNumber: null,
    birthDate: '1980-01-01',
    monthlyIncome: 0,
    disabilityType: null,
    disabilityLevel: null,
    seriousIllness: false,
    severeDisabilityNoSelfCare: false,
    mentalHospitalized: false,
    laborCapacity: 'full',
    threeNo: false,
    hiv: false,
    collegeStudent: false,
    priorityCare: false,
    ...overrides,
  };
}

export function household(members: MemberFacts[], overrides: Partial<DeterminationInput> = {}): DeterminationInput {
  return {
    assetsCompliant: true,
    otherMonthlyIncome: 0,
    singleCoverIndex: null,
    medical: null,
    members,
    ...overrides,
  };
}

/** n adult members with the given incomes. */
export function withIncomes(...incomes: number[]): MemberFacts[] {
  return incomes.map((monthlyIncome, i) => member({ name: `成员${i + 1}`, monthlyIncome }));
}
