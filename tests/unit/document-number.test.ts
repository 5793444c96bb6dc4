import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_PATTERN,
  displayPattern,
  formatDocumentNumber,
  patternProblem,
  readDisplayPattern,
} from '../../src/domain/document-number';

describe('document number pattern (文号格式)', () => {
  it('shows the stored codes as named Chinese parts and reads them back to the same stored pattern', () => {
    const shown = displayPattern(DEFAULT_NUMBER_PATTERN);
    expect(shown).toBe('【乡镇简称】民低【文书类别代字】〔【年份】〕【序号】号');
    expect(shown).not.toMatch(/[{}a-z]/);
    expect(readDisplayPattern(shown)).toEqual({ ok: true, pattern: DEFAULT_NUMBER_PATTERN });
    expect(readDisplayPattern(' 【文书类别代字】〔【年份】〕第【序号】号 ')).toEqual({ ok: true, pattern: '{kind}〔{year}〕第{seq}号' });
  });

  it('formats a number from the parts', () => {
    expect(formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { township: '清河', kind: '字', year: 2026, seq: 3 })).toBe('清河民低字〔2026〕3号');
    expect(formatDocumentNumber('{kind}{seq}-{seq}', { township: '', kind: '停', year: 2026, seq: '×' })).toBe('停×-×');
  });

  it('refuses, in Chinese and without codes, a pattern that could repeat numbers or that it cannot read', () => {
    const cases: [string, string][] = [
      ['', '请填写文号格式'],
      ['【乡镇简称】民低【文书类别代字】〔【年份】〕号', '须包含【序号】'],
      ['【乡镇简称】民低〔【年份】〕【序号】号', '须包含【文书类别代字】'],
      ['【乡镇】民低【文书类别代字】〔【年份】〕【序号】号', '“【乡镇】”不是文号的组成部分'],
      ['【序号民低【文书类别代字】〔【年份】〕号', '“【”没有对应的“】”'],
      ['序号】【文书类别代字】〔【年份】〕', '“】”没有对应的“【”'],
      ['{township}【文书类别代字】〔【年份】〕【序号】号', '不能含有“{”“}”'],
      ['【文书类别代字】〔【年份】〕【序号】【序号】号', '【序号】只能出现一次'],
    ];
    for (const [text, message] of cases) {
      const r = readDisplayPattern(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.message).toContain(message);
        expect(r.message).not.toMatch(/\{(township|kind|year|seq)\}/);
      }
    }
    expect(patternProblem('{kind}〔{year}〕{num}{seq}')).toContain('无法识别的组成部分“{num}”');
    expect(patternProblem(DEFAULT_NUMBER_PATTERN)).toBeNull();
  });
});
