// 交叉比对 rules that need no database (issue 15): whether a covered person's ID number carries a possible birth
// date, and whether the person would be older than 110 — both read from the ID number (GB 11643: digits 7–14).
import { ageOn } from './id-number';

export const MAX_PLAUSIBLE_AGE = 110;

export type BirthCheck = { kind: 'ok' } | { kind: 'impossible-birth-date'; reason: string } | { kind: 'too-old'; age: number; birthDate: string };

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The birth date an ID number states, checked against `onDate` (the package's date). */
export function checkBirth(idNumber: string, onDate: string): BirthCheck {
  const digits = idNumber.length === 15 ? `19${idNumber.slice(6, 12)}` : idNumber.slice(6, 14);
  if (!/^\d{8}$/.test(digits)) return { kind: 'impossible-birth-date', reason: '身份证号码中的出生日期不是数字' };
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const birthDate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  if (!isRealDate(y, m, d)) return { kind: 'impossible-birth-date', reason: `出生日期 ${birthDate} 不存在` };
  if (birthDate > onDate) return { kind: 'impossible-birth-date', reason: `出生日期 ${birthDate} 晚于报送日期 ${onDate}` };
  const age = ageOn(birthDate, onDate);
  if (age > MAX_PLAUSIBLE_AGE) return { kind: 'too-old', age, birthDate };
  return { kind: 'ok' };
}
