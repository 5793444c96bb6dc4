// Scanned attachments of a case (signed 入户调查表, application papers): PNG, JPEG or PDF only — checked by the
// file's own first bytes, not its name — at most 10 MB, stored under <dataDir>/attachments/<caseId>/ with their
// SHA-256, which is checked again whenever the file is read back.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, ATTACHMENT_MAX_BYTES, type AttachmentView } from '../contract';
import type { CaseState } from '../domain/workflow';
import { getAttachment, insertAttachment, listAttachments, type AttachmentRow } from '../store/case-files';
import { audit } from './audit';
import { requireCase } from './cases';
import { STEP_ACTION, requireStepCase } from './case-step-access';
import { nowIso, type Ctx } from './context';

type Mime = AttachmentView['mime'];

/** PNG signature, JPEG SOI marker, "%PDF-". */
export function sniffMime(bytes: Buffer): Mime | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const EXT: Record<Mime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

const toView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  caseId: r.caseId,
  step: r.step as CaseState,
  fileName: r.fileName,
  mime: r.mime,
  sha256: r.sha256,
  size: r.size,
  uploadedAt: r.uploadedAt,
  uploadedBy: r.uploadedBy,
});

const displayName = (name: string) =>
  [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .slice(-100);

export async function caseAttachmentUpload(ctx: Ctx, input: { caseId: number; fileName: string; base64: string }): Promise<AttachmentView> {
  const c = requireCase(ctx, input.caseId);
  const action = STEP_ACTION[c.state];
  if (!action) throw new AppError('WORKFLOW', '只能在申请、核对、入户调查阶段上传附件');
  requireStepCase(ctx, c.id, action);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.base64)) throw new AppError('VALIDATION', '文件内容无效', [{ path: 'base64', message: '不是有效的文件内容' }]);
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件为空', [{ path: 'base64', message: '文件为空' }]);
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('VALIDATION', '附件不能超过10MB', [{ path: 'base64', message: '文件过大' }]);
  const mime = sniffMime(bytes);
  if (!mime) throw new AppError('VALIDATION', '只能上传 PNG、JPEG 图片或 PDF 文件（按文件内容识别）', [{ path: 'base64', message: '文件类型不支持' }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const relPath = ['attachments', String(c.id), `${sha256.slice(0, 16)}-${randomUUID().slice(0, 8)}.${EXT[mime]}`].join('/');
  const abs = join(ctx.dataDir, ...relPath.split('/'));
  await fsp.mkdir(dirname(abs), { recursive: true, mode: 0o700 });
  const tmp = `${abs}.tmp`;
  try {
    const handle = await fsp.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, abs);
  } catch {
    await fsp.rm(tmp, { force: true });
    throw new AppError('INTERNAL', '附件无法写入数据目录，请检查磁盘空间和文件夹权限');
  }
  try {
    return ctx.db.transaction(() => {
      // The step may have moved on while the file was written.
      const now = requireStepCase(ctx, c.id, action);
      const row = {
        caseId: now.id,
        step: now.state,
        fileName: displayName(input.fileName),
        mime,
        relPath,
        sha256,
        size: bytes.length,
        uploadedAt: nowIso(ctx.clock),
        uploadedBy: ctx.actor.name,
      };
      const id = insertAttachment(ctx.db, row);
      audit(ctx, 'case-attachment-upload', 'case', now.id, null, { id, ...row });
      return toView(getAttachment(ctx.db, id)!);
    })();
  } catch (err) {
    await fsp.rm(abs, { force: true });
    throw err;
  }
}

export function caseAttachmentList(ctx: Ctx, input: { caseId: number }): AttachmentView[] {
  const c = requireCase(ctx, input.caseId);
  return listAttachments(ctx.db, c.id).map(toView);
}

export async function caseAttachmentGet(ctx: Ctx, input: { id: number }): Promise<AttachmentView & { base64: string }> {
  const r = getAttachment(ctx.db, input.id);
  if (!r) throw new AppError('NOT_FOUND', '找不到该附件');
  requireCase(ctx, r.caseId);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(join(ctx.dataDir, ...r.relPath.split('/')));
  } catch {
    throw new AppError('INTEGRITY', `附件文件缺失（${r.relPath}），请从备份恢复`);
  }
  if (bytes.length !== r.size || createHash('sha256').update(bytes).digest('hex') !== r.sha256) {
    throw new AppError('INTEGRITY', `附件文件已被改动（${r.relPath}），与登记的 SHA-256 不符`);
  }
  return { ...toView(r), base64: bytes.toString('base64') };
}
