// Citizen ID numbers per GB 11643-1999 (spec §7). Pure: no I/O.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export type Sex = 'male' | 'female';

export type IdNumberInfo = {
  /** Normalised 18-character number, check character upper-case. */
  idNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  divisionCode: string;
  /** Set when the input was a 15-digit legacy number that was converted. */
  warning?: string;
};

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; error: string };

export function computeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validate an ID number. `today` (YYYY-MM-DD) bounds the birth date: a future birth date is invalid.
 * Unknown division codes are accepted on purpose: old codes stay valid (spec §7).
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const input = raw.trim();
  if (/^\d{15}$/.test(input)) return convertLegacy(input, today);
  if (input.length !== 18) return { ok: false, error: '身份证号码应为18位' };
  if (!/^\d{17}[\dXx]$/.test(input)) return { ok: false, error: '身份证号码格式不正确（前17位应为数字，末位为数字或X）' };
  const id = input.toUpperCase();
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isRealDate(y, m, d) || y < 1850) return { ok: false, error: '出生日期无效' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, error: '出生日期晚于今天' };
  if (computeCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: '校验码错误' };
  return {
    ok: true,
    value: {
      idNumber: id,
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
      divisionCode: id.slice(0, 6),
    },
  };
}

function convertLegacy(input: string, today: string): IdNumberResult {
  const first17 = `${input.slice(0, 6)}19${input.slice(6, 15)}`;
  const converted = first17 + computeCheckChar(first17);
  const parsed = parseIdNumber(converted, today);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, warning: `15位旧身份证号码已转换为18位：${converted}` } };
}

/** Masked form for any list that must show an ID (spec §9): first 3 and last 4 kept. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

/** Whole years of age on `onDate` (both YYYY-MM-DD). A birthday on `onDate` counts. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
