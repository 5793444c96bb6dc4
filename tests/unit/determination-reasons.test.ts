// Spec §6: the Chinese rule trace, one line per test with the figures and the plan clause.
import { describe, expect, it } from 'vitest';
import { determine, missingFacts, tryDetermine } from '../../src/domain/determination';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { EVAL_DATE, household, member, withIncomes } from './support/household';

const run = (h: Parameters<typeof determine>[0]) => determine(h, DEFAULT_POLICY, EVAL_DATE);

describe('reasons', () => {
  it('poor: the spec §6 example line', () => {
    // 300 + 600 + 0 = 900 ÷ 3 = 300 < 602.
    const d = run(household(withIncomes(300, 600, 0)));
    expect(d.reasons).toContain('家庭月总收入 900.00 元 ÷ 3 人 = 人均 300.00 元，低于低保标准 602 元（方案二(一)1）');
    expect(d.reasons[0]).toBe('家庭财产状况符合规定（方案二(一)）');
    expect(d.reasons.at(-1)).toBe('月保障金合计 906 元'); // 3 × C: base 302 each
  });

  it('ineligible: the spec §3 nearest-failed-test example as the last line', () => {
    const d = run(household(withIncomes(700, 700)));
    expect(d.reasons.at(-1)).toBe('家庭人均收入 700.00 元，不低于低保标准 602 元，且无重病、重残成员');
  });

  it('ineligible above 2S names the 2S ceiling', () => {
    const d = run(household([member({ monthlyIncome: 1300, seriousIllness: true })]));
    expect(d.reasons.at(-1)).toBe('家庭人均收入 1300.00 元，不低于低保标准2倍 1204 元');
  });

  it('ineligible with a failed medical test names the failed sub-test', () => {
    // M 50000 > Y 42024, but 42024 ÷ 24 = 1751 = D.
    const d = run(
      household(withIncomes(1300, 1300), {
        medical: { selfPaidLast12Months: 50_000, disposableIncomeLast12Months: 42_024, patientIndex: 0 },
      }),
    );
    expect(d.reasons.at(-1)).toBe(
      '家庭人均收入 1300.00 元，不低于低保标准2倍 1204 元；不符合因病支出型家庭条件：前12个月家庭月人均可支配收入 1751.00 元，不低于本地上年度城乡居民人均可支配收入 1751 元',
    );
  });

  it('assets: the fixed reason', () => {
    const d = run(household(withIncomes(0), { assetsCompliant: false }));
    expect(d.category).toBe('ineligible');
    expect(d.reasons).toEqual(['家庭财产状况不符合规定（方案二(一)）']);
  });

  it('an inexact per-capita figure is shown with 约 and four decimals', () => {
    // 1805.99 ÷ 3 = 601.99666…
    const d = run(household(withIncomes(600, 600, 605.99)));
    expect(d.reasons).toContain('家庭月总收入 1805.99 元 ÷ 3 人 = 人均约 601.9967 元，低于低保标准 602 元（方案二(一)1）');
  });

  it('amount line shows the computation', () => {
    const d = run(household([member({ name: '张某', birthDate: '1950-01-01', monthlyIncome: 300 })]));
    expect(d.reasons).toContain('张某：差额 302.00 元 × (1 + 20%) = 362.40 元，四舍五入到元为 362 元（方案二(三)）');
  });

  it('low-income: who is covered and why', () => {
    const d = run(household([member({ monthlyIncome: 700 }), member({ name: '李某', monthlyIncome: 700, seriousIllness: true })]));
    expect(d.reasons).toContain('认定为低收入家庭，一户保一人，保障首位重病、重残成员李某（方案二(一)2、二(三)）');
    expect(d.reasons).toContain('李某：一户保一人，按标准施保 602 元，不分类上浮（方案二(三)）');
  });
});

describe('tryDetermine', () => {
  it('returns issues instead of throwing', () => {
    expect(tryDetermine(household(withIncomes(0), { assetsCompliant: null }), DEFAULT_POLICY, EVAL_DATE)).toEqual({
      ok: false,
      issues: [{ path: 'household.assetsCompliant', message: '尚未填写家庭财产状况核对结论' }],
    });
    expect(tryDetermine(household(withIncomes(0)), DEFAULT_POLICY, EVAL_DATE).ok).toBe(true);
  });
});

describe('missingFacts', () => {
  it('names the asset finding', () => {
    expect(missingFacts(household(withIncomes(0), { assetsCompliant: null }))).toEqual(['尚未填写家庭财产状况核对结论']);
  });

  it('names medical figures only when the medical test would be reached', () => {
    const med = { selfPaidLast12Months: null, disposableIncomeLast12Months: null, patientIndex: null };
    expect(missingFacts(household(withIncomes(100), { medical: med }))).toEqual([]); // poor: not needed
    expect(missingFacts(household(withIncomes(1300), { medical: med }))).toEqual([
      '尚未填写前12个月自负住院医药费用（含特殊慢性病门诊）',
    ]);
    const paid = { selfPaidLast12Months: 1000, disposableIncomeLast12Months: null, patientIndex: null };
    expect(missingFacts(household(withIncomes(1300), { medical: paid }))).toEqual([
      '尚未填写前12个月家庭可支配收入',
      '尚未指定患病成员',
    ]);
  });

  it('names a covered member without any age source', () => {
    expect(missingFacts(household([member({ name: '王某', birthDate: null })]))).toEqual([
      '王某：尚未填写出生日期或身份证号码',
    ]);
    expect(missingFacts(household([]))).toEqual(['尚未填写家庭成员']);
  });
});
