// Bank accounts that 低保金 is paid into (低保金社会化发放). Pure: no I/O.
//
// 银联 cards carry 16–19 digits and a Luhn check digit (ISO/IEC 7812), so a mistyped card number is caught at
// entry; 存折 and other account numbers have no public check digit, so only their length is checked.

export type AccountKind = 'card' | 'passbook';

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = { card: '银行卡', passbook: '存折/其他账户' };

export type AccountNumberResult = { ok: true; value: string } | { ok: false; error: string };

/** Spaces (half- and full-width) removed, full-width digits made ASCII: "６２１７ 0000" → "62170000". */
export function normaliseAccountNumber(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The Luhn (mod 10) check over all digits, the last being the check digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `body` + digit Luhn-valid (for fictitious demo cards and tests). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${body}${d}`)) return String(d);
  throw new Error('unreachable');
}

export const CARD_LENGTH = { min: 16, max: 19 } as const;
export const PASSBOOK_LENGTH = { min: 12, max: 25 } as const;

/** Validates and normalises an account number; the messages are shown to the clerk as they are. */
export function validateAccountNumber(raw: string, kind: AccountKind): AccountNumberResult {
  const digits = normaliseAccountNumber(raw);
  if (digits === '') return { ok: false, error: '请填写银行账号' };
  if (!/^\d+$/.test(digits)) return { ok: false, error: '银行账号只能包含数字（空格会自动去掉）' };
  if (kind === 'card') {
    if (digits.length < CARD_LENGTH.min || digits.length > CARD_LENGTH.max) {
      return { ok: false, error: `银行卡号应为${CARD_LENGTH.min}至${CARD_LENGTH.max}位数字，现为${digits.length}位；如为存折账号，请将账户类型选为「存折/其他账户」` };
    }
    if (!isLuhnValid(digits)) return { ok: false, error: '银行卡号校验位不正确，请核对卡号是否抄错' };
  } else if (digits.length < PASSBOOK_LENGTH.min || digits.length > PASSBOOK_LENGTH.max) {
    return { ok: false, error: `存折/其他账号应为${PASSBOOK_LENGTH.min}至${PASSBOOK_LENGTH.max}位数字，现为${digits.length}位` };
  }
  return { ok: true, value: digits };
}

/** Groups of four for reading aloud and comparing with the card: "6217 0000 1234 5678 901". */
export function formatAccountNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
