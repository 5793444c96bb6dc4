// One check for every name read from an archive (backup restore and inspect, the filing package's zip), before
// anything is written (issue 11). A name must be safe under BOTH path rules: the file may be made on Linux and
// opened on Windows, where Node treats `\` as a separator, `C:x` as a drive, `\\server\share` as a network path,
// drops trailing dots and spaces (`..␠` becomes `..`), and opens devices for names like `NUL` or `COM1.txt`.
// So the name is refused unless it is a plain relative path of ordinary segments joined by `/`.
import { posix, win32 } from 'node:path';

/** Windows device names: reserved in any folder and with any extension (`con.pdf` is the console). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters Windows refuses in a file name (besides `\` and `/`, handled as separators). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/**
 * Slash look-alikes that Windows' "best fit" code-page conversion can turn into real separators in programs
 * that use the ANSI API; no name this program writes contains them.
 */
const SLASH_LOOKALIKES = /[\u2215\u2044\uFF0F\uFF3C\u29F5\u29F8\u29F9]/;
const MAX_NAME = 400;
const MAX_SEGMENT = 255;

/**
 * Why `name` is not a safe archive entry name, in Chinese, or null when it is safe. A trailing `/` (a folder
 * entry in a zip) is allowed.
 */
export function archivePathProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return '路径为空';
  if (name.length > MAX_NAME) return '路径过长';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return '含控制字符';
  if (name.includes('\\')) return '含反斜杠「\\」（在 Windows 上会被当作文件夹分隔符）';
  if (SLASH_LOOKALIKES.test(name)) return '含形似斜杠的字符';
  if (name.startsWith('/')) return '是绝对路径';
  if (/^[A-Za-z]:/.test(name) || win32.isAbsolute(name) || posix.isAbsolute(name)) return '含盘符或是绝对路径';
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  if (body.length === 0) return '路径为空';
  for (const segment of body.split('/')) {
    if (segment === '') return '含空的路径段（连续的「/」）';
    if (segment === '.' || segment === '..') return '含「.」或「..」（可能指向数据目录以外）';
    if (segment.length > MAX_SEGMENT) return '文件名过长';
    if (/[. ]$/.test(segment)) return '文件名以点或空格结尾（Windows 会把它去掉）';
    if (WINDOWS_FORBIDDEN.test(segment)) return '含 Windows 不允许的字符（< > : " | ? *）';
    if (RESERVED.test(segment)) return `含 Windows 保留的设备名「${segment}」`;
  }
  // Belt and braces: the name must stay what it is under both rules, and inside the folder it is unpacked to.
  if (posix.normalize(body) !== body) return '路径不规范';
  if (win32.normalize(body) !== body.replaceAll('/', '\\')) return '路径不规范';
  const posixRoot = '/extract-root';
  const winRoot = 'C:\\extract-root';
  if (!posix.resolve(posixRoot, body).startsWith(`${posixRoot}/`)) return '指向解包文件夹以外';
  if (!win32.resolve(winRoot, body).startsWith(`${winRoot}\\`)) return '指向解包文件夹以外';
  return null;
}

export const isSafeArchivePath = (name: string): boolean => archivePathProblem(name) === null;

/**
 * Names that would be the same file on a case-insensitive disk (Windows, macOS): `documents/A.pdf` and
 * `documents/a.pdf` would overwrite each other there. Returns the first clashing name, or null.
 */
export function caseClash(names: Iterable<string>): string | null {
  const seen = new Set<string>();
  for (const n of names) {
    const key = n.normalize('NFC').toLowerCase();
    if (seen.has(key)) return n;
    seen.add(key);
  }
  return null;
}

/** Shortens a hostile name for a message (it may be very long or contain odd characters). */
export function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}
