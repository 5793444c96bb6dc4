import { z } from 'zod';
import { textString } from './schemas';

/**
 * The one size limit of an uploaded file (an Excel list, a bank return file, a scan), in bytes. The browser
 * host's request limit is derived from it (src/host/server.ts), so that a file the contract accepts is never cut
 * off by the host: once the host cut requests at 20 MB while the verification import accepted 30 MB, and a 16 MB
 * file ended in 「无法连接到本机服务」.
 */
export const UPLOAD_MAX_BYTES = 30 * 1024 * 1024;

export const UPLOAD_TOO_LARGE = `文件过大（不能超过${UPLOAD_MAX_BYTES / 1024 / 1024}MB），请把文件拆小后再上传`;

/** Files travel as base64 in JSON: 4 characters for every 3 bytes. */
export const UPLOAD_MAX_BASE64 = Math.ceil(UPLOAD_MAX_BYTES / 3) * 4;

/** A request body may hold one file and its command's other fields (file name, mapping, …). */
export const REQUEST_MAX_BYTES = UPLOAD_MAX_BASE64 + 1024 * 1024;

/** The length is checked first: a string over the limit is refused before its characters are looked at. */
export const uploadBase64Schema = (missing = '请选择文件') =>
  z.string({ error: missing }).min(1, missing).max(UPLOAD_MAX_BASE64, UPLOAD_TOO_LARGE).pipe(textString());

/** Which worksheet of a workbook to read: null reads the first visible one. */
export const sheetNameSchema = textString()
  .trim()
  .min(1, '请选择工作表')
  .max(100, '工作表名称过长')
  .nullish()
  .transform((v) => v ?? null);
