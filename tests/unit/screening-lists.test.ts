// Issue 18: the pure readings behind today's department lists.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POVERTY_CATEGORIES,
  categorySetOn,
  findHeaderRow,
  guessMapping,
  matchPovertyCategory,
  missingColumns,
  parseListAmount,
  parseRiskEliminated,
} from '../../src/domain/screening';

describe('categories', () => {
  it('matches exact names and aliases first, then the longest one the cell contains', () => {
    const name = (t: string) => matchPovertyCategory(DEFAULT_POVERTY_CATEGORIES, t)?.name ?? null;
    expect(name('边缘易致贫户')).toBe('边缘易致贫户');
    expect(name(' 边缘户 ')).toBe('边缘易致贫户');
    expect(name('已脱贫户（A类）')).toBe('已脱贫A类户');
    expect(name('已脱贫户(b类)')).toBe('已脱贫B类户');
    expect(name('脱贫不稳定户（监测对象）')).toBe('脱贫不稳定户');
    expect(name('已脱贫户')).toBe('已脱贫户');
    expect(name('贫困户')).toBeNull();
  });

  it('the set in force is the newest effective date not after the day', () => {
    const sets = [{ ...DEFAULT_POVERTY_CATEGORIES }, { ...DEFAULT_POVERTY_CATEGORIES, effectiveFrom: '2026-04-01' }];
    expect(categorySetOn(sets, '2026-03-31')?.effectiveFrom).toBe('2020-01-01');
    expect(categorySetOn(sets, '2026-04-01')?.effectiveFrom).toBe('2026-04-01');
    expect(categorySetOn(sets, '2019-12-31')).toBeNull();
  });

  it('reads 风险是否消除 as lists write it', () => {
    expect(['是', '已消除', 'Y', '√'].map((t) => parseRiskEliminated(t))).toEqual(Array(4).fill({ ok: true, value: true }));
    expect(['否', '', '未消除', 'N'].map((t) => parseRiskEliminated(t))).toEqual(Array(4).fill({ ok: true, value: false }));
    expect(parseRiskEliminated('部分')).toMatchObject({ ok: false });
  });
});

describe('amounts and columns', () => {
  it('reads amounts with separators and a unit, at most two decimals', () => {
    expect(parseListAmount('12,345.60元')).toEqual({ ok: true, value: 12345.6 });
    expect(parseListAmount('￥800')).toEqual({ ok: true, value: 800 });
    expect(parseListAmount('')).toEqual({ ok: true, value: null });
    expect(parseListAmount('12.345')).toMatchObject({ ok: false, error: expect.stringContaining('最多保留两位小数') });
    expect(parseListAmount('-5')).toMatchObject({ ok: false });
  });

  it('finds the header row by a card column, and a card alone satisfies the 残联 list', () => {
    expect(findHeaderRow([['清河镇持证残疾人名单'], ['序号', '姓名', '残疾人证号']])).toBe(1);
    const m = guessMapping(['序号', '姓名', '残疾证号', '所在村'], 'disability');
    expect(m).toMatchObject({ disabilityCard: 2, idNumber: null, disabilityType: null });
    expect(missingColumns('disability', m, false)).toEqual([]);
    expect(missingColumns('disability', { name: 1 }, false).map((x) => x.message)).toEqual([
      '请指定「身份证号码」列或「残疾人证号」列',
      '请指定「残疾类别」列或「残疾人证号」列',
      '请指定「残疾等级」列或「残疾人证号」列',
    ]);
    expect(guessMapping(['姓名', '身份证号码', '个人自付金额', '医疗总费用'], 'medical')).toMatchObject({ selfPaid: 2, totalCost: 3 });
  });
});
