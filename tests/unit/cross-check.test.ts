import { describe, expect, it } from 'vitest';
import { checkBirth } from '../../src/domain/cross-check';
import { computeCheckChar } from '../../src/domain/id-number';

const id = (birth: string) => {
  const first17 = `990101${birth}001`;
  return first17 + computeCheckChar(first17);
};

describe('the birth date an ID number states (交叉比对)', () => {
  it('passes a plausible date, including exactly 110 years', () => {
    expect(checkBirth(id('19500101'), '2026-03-20')).toEqual({ kind: 'ok' });
    expect(checkBirth(id('19160320'), '2026-03-20')).toEqual({ kind: 'ok' });
  });
  it('flags anyone older than 110 on the package date', () => {
    expect(checkBirth(id('19150319'), '2026-03-20')).toEqual({ kind: 'too-old', age: 111, birthDate: '1915-03-19' });
  });
  it('flags dates that do not exist or lie after the package date', () => {
    expect(checkBirth(id('19900230'), '2026-03-20')).toMatchObject({ kind: 'impossible-birth-date', reason: '出生日期 1990-02-30 不存在' });
    expect(checkBirth(id('20270101'), '2026-03-20')).toMatchObject({ kind: 'impossible-birth-date' });
    expect(checkBirth(id('19901301'), '2026-03-20')).toMatchObject({ kind: 'impossible-birth-date' });
  });
});
