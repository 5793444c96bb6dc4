import { createHash } from 'node:crypto';

/**
 * What makes two imports "the same file" (imported once, a second time changes nothing): the file's SHA-256 when
 * its first visible worksheet was read, as for every import before sheets could be chosen; for another worksheet
 * of the same file, the SHA-256 of the file and the sheet's name, so that importing sheet 2 after sheet 1 is not
 * mistaken for a repeat.
 */
export function sheetIdentity(bytes: Uint8Array, sheet: { sheets: readonly string[]; sheetName: string }): string {
  const hash = createHash('sha256').update(bytes);
  if (sheet.sheets[0] !== sheet.sheetName) hash.update('\0sheet\0').update(sheet.sheetName, 'utf8');
  return hash.digest('hex');
}
