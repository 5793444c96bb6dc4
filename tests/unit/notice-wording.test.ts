// Issue 12: a refusal or a stop quotes the test that decided it, with its figures, from the engine's own trace.
import { describe, expect, it } from 'vitest';
import { determine } from '../../src/domain/determination';
import { denialNoticeWording, ineligibilityGrounds, isWordingProblem, MAX_NOTICE_REASONS, stopNoticeWording } from '../../src/domain/notice-wording';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { EVAL_DATE, household, member, withIncomes } from './support/household';

const grounds = (h: Parameters<typeof determine>[0], assetsNote: string | null = null) => {
  const d = determine(h, DEFAULT_POLICY, EVAL_DATE);
  return ineligibilityGrounds({ category: d.category, reasons: d.reasons, assetsNote });
};

describe('ineligibility grounds from the trace', () => {
  it('income above the standard and no 重病/重残 member: the per-capita income against the standard, then the failed low-income test', () => {
    expect(grounds(household(withIncomes(700, 700)))).toEqual([
      '家庭月总收入 1400.00 元 ÷ 2 人 = 人均 700.00 元，不低于低保标准 602 元（方案二(一)1）',
      '家庭成员中无重病、重残人员（方案二(一)2）',
      '前12个月无自负住院医药费用（含特殊慢性病门诊），不属于因病支出型家庭（方案二(一)3）',
    ]);
  });

  it('income above the low-income ceiling names the ceiling', () => {
    const g = grounds(household([member({ monthlyIncome: 1300, seriousIllness: true })]))!;
    expect(g[0]).toContain('人均 1300.00 元，不低于低保标准 602 元');
    expect(g[1]).toBe('人均 1300.00 元，不低于低保标准2倍 1204 元（方案二(一)2）');
  });

  it('a failed medical-expense test names the failed sub-test with its figures', () => {
    const g = grounds(household(withIncomes(1300, 1300), { medical: { selfPaidLast12Months: 50_000, disposableIncomeLast12Months: 42_024, patientIndex: 0 } }))!;
    // The engine's summary of the failed sub-test, not its two arithmetic lines.
    expect(g.at(-1)).toBe('不符合因病支出型家庭条件：前12个月家庭月人均可支配收入 1751.00 元，不低于本地上年度城乡居民人均可支配收入 1751 元（方案二(一)3）');
    expect(g.filter((r) => r.endsWith('（方案二(一)3）'))).toHaveLength(1);
    expect(g.length).toBeLessThanOrEqual(MAX_NOTICE_REASONS);
  });

  it('assets: the recorded finding, not only 「家庭财产状况不符合规定」', () => {
    const g = grounds(household(withIncomes(100), { assetsCompliant: false }), '核对：车辆：小型轿车一辆（2021年登记）；房产：无；存款：无。');
    expect(g).toEqual(['家庭财产状况不符合规定（方案二(一)）。核对认定：车辆：小型轿车一辆（2021年登记）；房产：无；存款：无']);
    expect(grounds(household(withIncomes(100), { assetsCompliant: false }))).toEqual(['家庭财产状况不符合规定（方案二(一)）']);
  });

  it('an eligible determination decides nothing against the family', () => {
    expect(grounds(household(withIncomes(300, 300)))).toBeNull();
  });
});

describe('notice wording', () => {
  const poor = determine(household(withIncomes(300, 300)), DEFAULT_POLICY, EVAL_DATE);
  const above = determine(household(withIncomes(2000, 0)), DEFAULT_POLICY, EVAL_DATE);
  const of = (d: typeof poor) => ({ category: d.category, reasons: d.reasons, assetsNote: null });

  it('stop: the written reason first, then the determination that found the family ineligible', () => {
    const w = stopNoticeWording({ determination: of(above), writtenReason: '户主已在县城稳定就业' });
    expect(isWordingProblem(w)).toBe(false);
    if (isWordingProblem(w)) return;
    expect(w.fromDetermination).toBe(true);
    expect(w.reasons[0]).toBe('户主已在县城稳定就业');
    expect(w.reasons[1]).toBe('家庭月总收入 2000.00 元 ÷ 2 人 = 人均 1000.00 元，不低于低保标准 602 元（方案二(一)1）');
  });

  it('stop: an eligible determination is never quoted against the stop; without a written reason the stop is refused', () => {
    const w = stopNoticeWording({ determination: of(poor), writtenReason: '村两委评议查实子女有稳定收入' });
    expect(w).toEqual({ fromDetermination: false, reasons: ['村两委评议查实子女有稳定收入'] });
    const none = stopNoticeWording({ determination: of(poor), writtenReason: '  ' });
    expect(isWordingProblem(none) && none.message).toContain('请写明停发原因');
  });

  it('denial: the panel reason alone, or the grounds of an ineligible determination; never an eligible trace', () => {
    expect(denialNoticeWording({ determination: of(poor), panelReason: '审批查实有经营性收入未申报' })).toEqual({ fromDetermination: false, reasons: ['审批查实有经营性收入未申报'] });
    const w = denialNoticeWording({ determination: of(above), panelReason: null });
    expect(!isWordingProblem(w) && w.reasons[0]).toContain('不低于低保标准 602 元');
    expect(isWordingProblem(denialNoticeWording({ determination: of(poor), panelReason: null }))).toBe(true);
  });

  it('never more than five lines: later grounds are joined into the fifth, none dropped', () => {
    const many = { category: 'ineligible' as const, reasons: Array.from({ length: 7 }, (_, i) => `第${i + 1}项不低于标准（方案二(一)1）`), assetsNote: null };
    const w = stopNoticeWording({ determination: many, writtenReason: '书面理由' });
    if (isWordingProblem(w)) throw new Error('unexpected');
    expect(w.reasons).toHaveLength(MAX_NOTICE_REASONS);
    expect(w.reasons[4]).toBe('第4项不低于标准（方案二(一)1）；第5项不低于标准（方案二(一)1）；第6项不低于标准（方案二(一)1）；第7项不低于标准（方案二(一)1）');
  });
});
