import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archivePathProblem, caseClash, isSafeArchivePath } from '../../src/exchange/archive-paths';
import { backupKeyId, parseRecoveryKey, recoveryKeyGroups } from '../../src/exchange/backup-crypto';

describe('archive entry names under both platforms’ rules', () => {
  it.each([
    'dibao.sqlite',
    'backup.json',
    'documents/denial-notice/清河民低〔2026〕3号.pdf',
    'attachments/12/0a1b2c3d4e5f6a7b-1234abcd.png',
    '备案包_清河镇_2026/文书/不予批准通知书/张三.pdf',
    'documents/',
    'documents/a..b.pdf',
    'documents/.hidden',
    'documents/con-notes.pdf',
    'documents/COM10.txt',
  ])('accepts %s', (name) => {
    expect(archivePathProblem(name)).toBeNull();
  });

  it.each([
    ['documents/..\\..\\..\\evil.txt', '反斜杠'],
    ['documents/..\\..\\..\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat', '反斜杠'],
    ['documents\\a.pdf', '反斜杠'],
    ['C:/Windows/System32/x.dll', '盘符'],
    ['C:x.txt', '盘符'],
    ['c:\\x', '反斜杠'],
    ['\\\\server\\share\\x.txt', '反斜杠'],
    ['//server/share/x.txt', '绝对路径'],
    ['/etc/passwd', '绝对路径'],
    ['../evil.txt', '..'],
    ['documents/../../evil.txt', '..'],
    ['documents/./a.pdf', '.'],
    ['documents//a.pdf', '空的路径段'],
    ['documents/CON', '保留'],
    ['documents/nul.pdf', '保留'],
    ['documents/COM1.txt', '保留'],
    ['documents/lpt9', '保留'],
    ['documents/com¹', '保留'],
    ['documents/CONIN$', '保留'],
    ['documents/a.pdf.', '点或空格结尾'],
    ['documents/a.pdf ', '点或空格结尾'],
    ['documents/.. /x', '点或空格结尾'],
    ['documents/file.txt:stream', '不允许的字符'],
    ['documents/a?.pdf', '不允许的字符'],
    ['documents/a\u0000.pdf', '控制字符'],
    ['documents/a\n.pdf', '控制字符'],
    ['documents\uFF0F..\uFF0Fx', '斜杠'],
    ['', '为空'],
    ['/', '绝对路径'],
  ])('refuses %j (%s)', (name, why) => {
    const problem = archivePathProblem(name);
    expect(problem).not.toBeNull();
    expect(problem).toContain(why);
  });

  it('whatever it accepts stays inside the extraction folder under posix AND win32 resolution', () => {
    const alphabet = ['a', 'b', '.', '..', '/', '\\', ':', ' ', 'C', 'CON', 'nul', '~', '$', '中'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
        const name = parts.join('');
        if (!isSafeArchivePath(name)) return;
        const p = posix.resolve('/root', name);
        const w = win32.resolve('D:\\root', name);
        expect(p.startsWith('/root/')).toBe(true);
        expect(w.startsWith('D:\\root\\')).toBe(true);
        expect(win32.basename(w).toLowerCase()).not.toMatch(/^(con|nul|prn|aux)(\.|$)/);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds names that only differ by case (one file on Windows and macOS)', () => {
    expect(caseClash(['documents/a.pdf', 'documents/b.pdf'])).toBeNull();
    expect(caseClash(['documents/a.pdf', 'documents/A.pdf'])).toBe('documents/A.pdf');
  });
});

describe('恢复密钥', () => {
  it('is 80 digits in 20 groups of four, read back whatever the spacing, dashes or full-width digits', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const groups = recoveryKeyGroups(key);
      expect(groups).toHaveLength(20);
      expect(groups.every((g) => /^\d{4}$/.test(g))).toBe(true);
      expect(parseRecoveryKey(groups.join(' ')).equals(key)).toBe(true);
      expect(parseRecoveryKey(groups.join('-')).equals(key)).toBe(true);
      expect(parseRecoveryKey(`  ${groups.join('\n')} `).equals(key)).toBe(true);
      const fullWidth = groups.join('').replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      expect(parseRecoveryKey(fullWidth).equals(key)).toBe(true);
    }
    const zero = Buffer.alloc(32);
    expect(parseRecoveryKey(recoveryKeyGroups(zero).join('')).equals(zero)).toBe(true);
    const max = Buffer.alloc(32, 0xff);
    expect(parseRecoveryKey(recoveryKeyGroups(max).join('')).equals(max)).toBe(true);
  });

  it('refuses a wrong length, letters and (almost always) a mistyped digit, in Chinese', () => {
    const key = randomBytes(32);
    const digits = recoveryKeyGroups(key).join('');
    expect(() => parseRecoveryKey(digits.slice(1))).toThrow('应为 80 位数字');
    expect(() => parseRecoveryKey(`${digits.slice(0, 79)}A`)).toThrow('只含数字');
    let caught = 0;
    for (let i = 0; i < 78; i++) {
      const wrong = `${digits.slice(0, i)}${(Number(digits[i]) + 3) % 10}${digits.slice(i + 1)}`;
      try {
        parseRecoveryKey(wrong);
      } catch (err) {
        expect((err as Error).message).toMatch(/校验位不符|超出范围/);
        caught++;
      }
    }
    expect(caught).toBeGreaterThanOrEqual(74);
  });

  it('names a key by an id that does not reveal it', () => {
    const key = randomBytes(32);
    expect(backupKeyId(key)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(backupKeyId(key)).toBe(backupKeyId(Buffer.from(key)));
    expect(key.toString('hex').toUpperCase()).not.toContain(backupKeyId(key).replaceAll('-', ''));
  });
});
