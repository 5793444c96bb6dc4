import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, policyInForce, singleCoverAmountOf, type Policy } from '../../src/domain/policy';
import { compare, formatMoney, ratio, roundHalfUp, toNumber, fromInt, add } from '../../src/domain/exact';

describe('DEFAULT_POLICY (the plan, spec §1)', () => {
  it('carries the plan figures', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      standard: 602,
      lowIncomeMultiplier: 2,
      localDisposableIncome: 1751,
      effectiveFrom: '2020-03-01',
      rounding: 'yuan-half-up',
      classUplift: { A: { mode: 'percentOfOwn', value: 30 }, B: { mode: 'percentOfOwn', value: 20 }, C: { mode: 'none' } },
    });
    expect(singleCoverAmountOf(DEFAULT_POLICY)).toBe(602);
  });
});

describe('policyInForce', () => {
  const v = (version: string, effectiveFrom: string): Policy => ({ ...DEFAULT_POLICY, version, effectiveFrom });
  const versions = [v('2021', '2021-01-01'), v('2020', '2020-03-01'), v('2022', '2022-07-01')];

  it('picks the newest version effective on or before the date, whatever the order', () => {
    expect(policyInForce(versions, '2020-12-31')?.version).toBe('2020');
    expect(policyInForce(versions, '2021-01-01')?.version).toBe('2021');
    expect(policyInForce(versions, '2030-01-01')?.version).toBe('2022');
  });

  it('is undefined before the first version', () => {
    expect(policyInForce(versions, '2020-02-29')).toBeUndefined();
    expect(policyInForce([], '2020-03-01')).toBeUndefined();
  });

  it('a later row with the same date wins (a correction)', () => {
    expect(policyInForce([v('a', '2020-03-01'), v('b', '2020-03-01')], '2020-04-01')?.version).toBe('b');
  });
});

describe('exact arithmetic', () => {
  it('converts decimals exactly', () => {
    expect(compare(add(ratio(0.1), ratio(0.2)), ratio(0.3))).toBe(0);
    expect(toNumber(ratio(600.14))).toBe(600.14);
  });

  it('rounds half up', () => {
    expect(toNumber(roundHalfUp(ratio(2.5), fromInt(1)))).toBe(3);
    expect(toNumber(roundHalfUp(ratio(2.49), fromInt(1)))).toBe(2);
    expect(toNumber(roundHalfUp(ratio(0.05), ratio(0.1)))).toBe(0.1);
    expect(toNumber(roundHalfUp(ratio(-2.5), fromInt(1)))).toBe(-2);
  });

  it('formats money', () => {
    expect(formatMoney(ratio(300))).toBe('300.00');
    expect(formatMoney(ratio(0.5))).toBe('0.50');
  });
});
