import { describe, expect, it } from 'vitest';
import { ageOn, computeCheckChar, maskIdNumber, parseIdNumber } from '../../src/domain/id-number';
import { classifyQuery, nameKeys } from '../../src/domain/name-keys';

const TODAY = '2026-11-28';

describe('parseIdNumber (GB 11643-1999)', () => {
  it('accepts the published example 11010519491231002X and derives sex and birth date', () => {
    // Σ(digit × weight) mod 11 = 2 → check character X.
    const r = parseIdNumber('11010519491231002x', TODAY);
    expect(r).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', divisionCode: '110105' },
    });
  });

  it.each([
    ['11010519491231002', '身份证号码应为18位'],
    ['1101051949123100A2', '身份证号码格式不正确（前17位应为数字，末位为数字或X）'],
    ['110105194902300021', '出生日期无效'], // 30 February
    ['110105203001010021', '出生日期晚于今天'],
    ['110105194912310021', '校验码错误'],
  ])('refuses %s with "%s"', (id, error) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, error });
  });

  it('accepts an unknown division code (old codes stay valid)', () => {
    const first17 = '99999919800101001';
    expect(parseIdNumber(first17 + computeCheckChar(first17), TODAY).ok).toBe(true);
  });

  it('converts a 15-digit legacy number by inserting 19 and computing the check character, with a warning', () => {
    const r = parseIdNumber('110105491231002', TODAY);
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
    expect(r.ok && r.value.warning).toContain('15位旧身份证号码已转换为18位');
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('34012219800101123X')).toBe('340***********123X');
  });

  it('counts a birthday on the day itself', () => {
    expect(ageOn('1966-03-20', '2026-03-20')).toBe(60);
    expect(ageOn('1966-03-21', '2026-03-20')).toBe(59);
  });
});

describe('search keys', () => {
  it('makes pinyin initials and full pinyin with surname readings', () => {
    expect(nameKeys('张三')).toEqual({ initials: 'zs', pinyin: 'zhangsan' });
    expect(nameKeys('单雄信').initials).toBe('sxx');
    expect(nameKeys('曾国藩').pinyin).toBe('zengguofan');
  });

  it.each([
    ['', 'all'],
    ['11010519491231002X', 'idFull'],
    ['110105491231002', 'idFull'],
    ['002X', 'idSuffix'],
    ['123', 'name'],
    ['ZS', 'pinyin'],
    ['张三', 'name'],
  ])('classifies %s as %s', (q, kind) => {
    expect(classifyQuery(q).kind).toBe(kind);
  });
});
