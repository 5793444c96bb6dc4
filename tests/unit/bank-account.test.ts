import { describe, expect, it } from 'vitest';
import { formatAccountNumber, isLuhnValid, luhnCheckDigit, normaliseAccountNumber, validateAccountNumber } from '../../src/domain/bank-account';

// 6228480402564890018 is the Agricultural Bank's published specimen card number (Luhn-valid, 19 digits).
const CARD19 = '6228480402564890018';

describe('bank account numbers', () => {
  it('checks the Luhn digit of 银联 card numbers', () => {
    expect(isLuhnValid(CARD19)).toBe(true);
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('79927398713')).toBe(true); // the textbook example
    expect(luhnCheckDigit('622848040256489001')).toBe('8');
  });

  it('removes spaces (also full-width ones) and full-width digits, and stores digits only', () => {
    expect(normaliseAccountNumber(' 6228 4804\u30000256 4890 018 ')).toBe(CARD19);
    expect(normaliseAccountNumber('６２２８４８０４０２５６４８９００１８')).toBe(CARD19);
    expect(validateAccountNumber('6228 4804 0256 4890 018', 'card')).toEqual({ ok: true, value: CARD19 });
    expect(formatAccountNumber(CARD19)).toBe('6228 4804 0256 4890 018');
  });

  it('refuses letters, wrong lengths and a wrong check digit, in Chinese', () => {
    expect(validateAccountNumber('', 'card')).toEqual({ ok: false, error: '请填写银行账号' });
    expect(validateAccountNumber('6228-4804-0256-4890-018', 'card')).toMatchObject({ ok: false, error: expect.stringContaining('只能包含数字') });
    expect(validateAccountNumber('622848040256489', 'card')).toMatchObject({ ok: false, error: expect.stringContaining('16至19位') });
    expect(validateAccountNumber('62284804025648900180', 'card')).toMatchObject({ ok: false, error: expect.stringContaining('现为20位') });
    expect(validateAccountNumber('6228480402564890019', 'card')).toEqual({ ok: false, error: '银行卡号校验位不正确，请核对卡号是否抄错' });
  });

  it('takes 存折 and other account numbers of 12–25 digits without a check digit', () => {
    expect(validateAccountNumber('1234 5678 9012', 'passbook')).toEqual({ ok: true, value: '123456789012' });
    expect(validateAccountNumber('1'.repeat(25), 'passbook')).toMatchObject({ ok: true });
    expect(validateAccountNumber('12345678901', 'passbook')).toMatchObject({ ok: false, error: expect.stringContaining('12至25位') });
    expect(validateAccountNumber('1'.repeat(26), 'passbook')).toMatchObject({ ok: false });
    // A card number that fails Luhn is still a valid 存折 number when the clerk says it is one.
    expect(validateAccountNumber('6228480402564890019', 'passbook')).toMatchObject({ ok: true });
  });
});
