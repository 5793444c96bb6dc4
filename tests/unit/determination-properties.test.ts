// Property tests of the determination engine over generated households (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISABILITY_TYPES, LABOR_CAPACITIES } from '../../src/contract/labels';
import { classify } from '../../src/domain/classes';
import {
  determine,
  type Category,
  type DeterminationInput,
  type MemberFacts,
} from '../../src/domain/determination';
import { DEFAULT_POLICY, singleCoverAmountOf, type Policy, type Uplift } from '../../src/domain/policy';
import { EVAL_DATE } from './support/household';

const fen = (yuan: number) => Math.round(yuan * 100);
const money = (maxYuan: number) => fc.integer({ min: 0, max: maxYuan * 100 }).map((f) => f / 100);
const isoDate = fc
  .date({ min: new Date('1915-01-01T00:00:00Z'), max: new Date(`${EVAL_DATE}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const memberArb: fc.Arbitrary<MemberFacts> = fc
  .record({
    birthDate: isoDate,
    monthlyIncome: money(2500),
    disability: fc.option(fc.tuple(fc.constantFrom(...DISABILITY_TYPES), fc.integer({ min: 1, max: 4 }))),
    seriousIllness: fc.boolean(),
    severeDisabilityNoSelfCare: fc.boolean(),
    mentalHospitalized: fc.boolean(),
    laborCapacity: fc.constantFrom(...LABOR_CAPACITIES),
    threeNo: fc.boolean(),
    hiv: fc.boolean(),
    collegeStudent: fc.boolean(),
    priorityCare: fc.boolean(),
  })
  .map(({ disability, mentalHospitalized, ...m }) => ({
    ...m,
    name: '成员',
    idNumber: null,
    disabilityType: disability?.[0] ?? null,
    disabilityLevel: disability?.[1] ?? null,
    // Valid input only: the flag describes a mental disability (spec §10 settled points).
    mentalHospitalized: mentalHospitalized && disability?.[0] === 'mental',
  }));

const householdArb: fc.Arbitrary<DeterminationInput> = fc
  .array(memberArb, { minLength: 1, maxLength: 6 })
  .chain((members) =>
    fc.record({
      assetsCompliant: fc.boolean(),
      otherMonthlyIncome: money(500),
      singleCoverIndex: fc.constant(null),
      medical: fc.option(
        fc.record({
          selfPaidLast12Months: money(80_000),
          disposableIncomeLast12Months: money(200_000),
          patientIndex: fc.integer({ min: 0, max: members.length - 1 }),
        }),
      ),
      members: fc.constant(members),
    }),
  );

const upliftArb: fc.Arbitrary<Uplift> = fc.oneof(
  fc.constant<Uplift>({ mode: 'none' }),
  fc.record({ mode: fc.constantFrom('percentOfOwn', 'percentOfStandard', 'fixed' as const), value: money(100) }),
);

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    standard: fc.integer({ min: 300, max: 1200 }),
    lowIncomeMultiplier: fc.constantFrom(1.5, 2, 2.5),
    A: upliftArb,
    B: upliftArb,
    C: upliftArb,
    rounding: fc.constantFrom('yuan-half-up', 'jiao-half-up', 'fen' as const),
  })
  .map(({ A, B, C, ...p }) => ({ ...DEFAULT_POLICY, ...p, classUplift: { A, B, C } }));

const anyPolicy = fc.oneof(fc.constant(DEFAULT_POLICY), policyArb);

describe('determination properties', () => {
  it('amounts are never negative and the total is their sum', () => {
    fc.assert(
      fc.property(householdArb, anyPolicy, (h, p) => {
        const d = determine(h, p, EVAL_DATE);
        for (const c of d.covered) expect(c.amount).toBeGreaterThanOrEqual(0);
        expect(fen(d.monthlyTotal)).toBe(d.covered.reduce((s, c) => s + fen(c.amount), 0));
      }),
      { numRuns: 500 },
    );
  });

  it('low-income and medical-expense cover exactly one person, at the single-cover amount, class A', () => {
    fc.assert(
      fc.property(householdArb, anyPolicy, (h, p) => {
        const d = determine(h, p, EVAL_DATE);
        if (d.category !== 'low-income' && d.category !== 'medical-expense') return;
        expect(d.covered).toHaveLength(1);
        expect(d.covered[0]).toMatchObject({ class: 'A', amount: singleCoverAmountOf(p) });
      }),
      { numRuns: 500 },
    );
  });

  it('poor households cover every member in input order; ineligible ones nobody', () => {
    fc.assert(
      fc.property(householdArb, anyPolicy, (h, p) => {
        const d = determine(h, p, EVAL_DATE);
        if (d.category === 'poor') expect(d.covered.map((c) => c.index)).toEqual(h.members.map((_, i) => i));
        if (d.category === 'ineligible') expect(d).toMatchObject({ covered: [], monthlyTotal: 0 });
        if (h.assetsCompliant === false) expect(d.category).toBe('ineligible');
      }),
      { numRuns: 500 },
    );
  });

  it('class is a total function over members, ages and categories', () => {
    const category = fc.constantFrom<Category>('poor', 'low-income', 'medical-expense');
    fc.assert(
      fc.property(memberArb, fc.integer({ min: 0, max: 120 }), category, (m, age, cat) => {
        const r = classify(m, age, cat);
        expect(['A', 'B', 'C']).toContain(r.class);
        expect(r.criteria.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("raising one member's income never raises a poor household's amounts while it stays poor", () => {
    const poorArb = householdArb
      .map((h) => ({ ...h, assetsCompliant: true }))
      .filter((h) => determine(h, DEFAULT_POLICY, EVAL_DATE).category === 'poor');
    fc.assert(
      fc.property(poorArb, fc.nat(), money(300).filter((x) => x > 0), anyPolicy, (h, k, raise, p) => {
        const before = determine(h, p, EVAL_DATE);
        if (before.category !== 'poor') return;
        const i = k % h.members.length;
        const members = h.members.map((m, j) => (j === i ? { ...m, monthlyIncome: m.monthlyIncome + raise } : m));
        const after = determine({ ...h, members }, p, EVAL_DATE);
        if (after.category !== 'poor') return;
        expect(after.monthlyTotal).toBeLessThanOrEqual(before.monthlyTotal);
        after.covered.forEach((c, j) => expect(c.amount).toBeLessThanOrEqual(before.covered[j]!.amount));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and records the policy version', () => {
    fc.assert(
      fc.property(householdArb, anyPolicy, (h, p) => {
        const d = determine(h, p, EVAL_DATE);
        expect(determine(h, p, EVAL_DATE)).toEqual(d);
        expect(d.policyVersion).toBe(p.version);
        expect(d.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
