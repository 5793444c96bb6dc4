// The registry of issued documents (issue 4): render outside the database, write the file atomically, then
// register it (row + audit) in one transaction. A registered document never changes: a reprint returns the
// stored bytes after checking their SHA-256, and a correction is a new document that references the old one.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  AppError,
  DOCUMENT_KIND_LABELS,
  NUMBERED_KINDS,
  WORKFLOW_DOCUMENT_KINDS,
  type DocumentDetail,
  type DocumentKind,
  type DocumentPdf,
  type DocumentView,
  type IssueOptions,
  type NumberedKind,
  type Page,
} from '../contract';
import { renderPdf } from '../documents';
import { CONCLUDED_STATES } from '../domain/workflow';
import { casesOfHousehold, insertCaseEvent } from '../store/campaigns';
import {
  documentIdByFilePath,
  documentIdByNumber,
  getDocument,
  insertDocument,
  listDocuments,
  nextDocumentSeq,
  type DocumentRecord,
} from '../store/documents';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { buildDocument, type BuildRequest } from './document-data';
import { documentNumberFor, getDocumentSettings, renderOptionsOf } from './document-settings';

/** File operations of the registry; a seam so that tests can simulate a disk failing mid-write. */
export const documentFiles = {
  rename: (from: string, to: string): Promise<void> => fsp.rename(from, to),
};

const isNumbered = (kind: DocumentKind): kind is NumberedKind => (NUMBERED_KINDS as readonly string[]).includes(kind);

/** Windows forbids these in file names; 〔〕 and Chinese characters are fine everywhere. */
const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]/g, '_');

/**
 * The name a download is saved under: the stored file keeps its stable path (packages and backups name it), but a
 * clerk gets a Chinese name — the 文号 of a notice, or for a form 「入户调查表_东山村 张建国户_2026年第1份.pdf」.
 */
export function downloadName(r: Pick<DocumentRecord, 'kind' | 'documentNumber' | 'subject' | 'year' | 'seq' | 'filePath'>): string {
  if (r.documentNumber) return basename(r.filePath);
  const label = DOCUMENT_KIND_LABELS[r.kind as DocumentKind] ?? r.kind;
  return `${safeFileName([label, r.subject, `${r.year}年第${r.seq}份`].filter(Boolean).join('_'))}.pdf`;
}

export function toView(r: DocumentRecord): DocumentView {
  return {
    id: r.id,
    kind: r.kind as DocumentKind,
    documentNumber: r.documentNumber,
    year: r.year,
    seq: r.seq,
    householdId: r.householdId,
    villageId: r.villageId,
    subject: r.subject,
    title: r.title,
    fileName: basename(r.filePath),
    sha256: r.sha256,
    size: r.size,
    issuedAt: r.issuedAt,
    issuedBy: r.issuedBy,
    supersedesId: r.supersedesId,
    supersedesNumber: r.supersedesNumber,
    supersededById: r.supersededById,
    supersededByNumber: r.supersededByNumber,
  };
}

function requireDocument(ctx: Ctx, id: number): DocumentRecord {
  const r = getDocument(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', '找不到该文书');
  return r;
}

/**
 * Numbers are taken when rendering starts (they are printed on the page) and registered when it ends, so
 * issues in one process run one after another; the UNIQUE constraints catch any other process.
 */
const queues = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  try {
    return await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/** Temp file in the same folder, fsync, rename: a crash leaves either no file or the whole file. */
async function writeFileAtomic(path: string, bytes: Buffer): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomUUID()}.tmp`;
  const handle = await fsp.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await documentFiles.rename(tmp, path);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  try {
    // Make the rename itself durable (POSIX); Windows cannot open a directory and does not need it.
    const dir = await fsp.open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // best effort
  }
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A document issued for a household outside a workflow step (a form, a correction, a reprint's correction) goes into
 * the record of each case the household has open, so the case file shows every paper made while it ran. A step that
 * issues a notice records it in its own event instead.
 */
function recordInOpenCases(ctx: Ctx, householdId: number, doc: { id: number; kind: DocumentKind; documentNumber: string | null; corrects: DocumentRecord | null }): void {
  const label = DOCUMENT_KIND_LABELS[doc.kind];
  const note = doc.corrects
    ? `出具更正文书：${label}${doc.documentNumber ? ` ${doc.documentNumber}` : ''}（更正 ${doc.corrects.documentNumber ?? `登记第${doc.corrects.id}号`}）`
    : `出具${label}${doc.documentNumber ? ` ${doc.documentNumber}` : ''}`;
  for (const c of casesOfHousehold(ctx.db, householdId)) {
    if (CONCLUDED_STATES.includes(c.state)) continue;
    insertCaseEvent(ctx.db, { caseId: c.id, action: 'issue-document', fromState: c.state, toState: c.state, actor: ctx.actor.name, actorRole: ctx.actor.role, at: nowIso(ctx.clock), note, data: { documentId: doc.id } });
  }
}

/**
 * `alongside` runs inside the registering transaction: a workflow step that issues a notice (a stop, a
 * refusal) commits together with the document row, or neither does.
 */
async function issue(
  ctx: Ctx,
  req: BuildRequest,
  supersedes: DocumentRecord | null,
  alongside?: (doc: { id: number; documentNumber: string | null }) => void,
): Promise<DocumentView> {
  return oneAtATime(ctx.dataDir, async () => {
    const year = Number(today(ctx.clock).slice(0, 4));
    const seq = nextDocumentSeq(ctx.db, req.kind, year);
    const documentNumber = isNumbered(req.kind) ? documentNumberFor(ctx, req.kind, year, seq) : null;
    if (documentNumber && documentIdByNumber(ctx.db, documentNumber) !== null) {
      throw new AppError('CONFLICT', `文号「${documentNumber}」已被使用，请检查「文书设置」中的文号格式`);
    }
    const built = buildDocument(ctx, req, documentNumber);
    const bytes = await renderPdf(built.definition, renderOptionsOf(getDocumentSettings(ctx)));

    const relPath = ['documents', String(year), req.kind, `${safeFileName(documentNumber ?? `${req.kind}-${year}-${String(seq).padStart(4, '0')}`)}.pdf`].join('/');
    if (documentIdByFilePath(ctx.db, relPath) !== null) throw new AppError('CONFLICT', `文书文件「${relPath}」已登记，不能覆盖`);
    const absPath = join(ctx.dataDir, ...relPath.split('/'));
    try {
      await writeFileAtomic(absPath, bytes);
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? ` ${String((err as NodeJS.ErrnoException).code)}` : '';
      throw new AppError('INTERNAL', `文书文件无法写入数据目录（${relPath}${code}），文书未出具，请检查磁盘空间和文件夹权限`);
    }

    try {
      const id = ctx.db.transaction(() => {
        if (nextDocumentSeq(ctx.db, req.kind, year) !== seq) throw new AppError('CONFLICT', '另一份同类文书刚刚出具，请重试');
        if (supersedes && getDocument(ctx.db, supersedes.id)?.supersededById !== null) {
          throw new AppError('CONFLICT', '该文书已有更正文书，请更正最新的一份');
        }
        const newId = insertDocument(ctx.db, {
          kind: req.kind,
          documentNumber,
          year,
          seq,
          householdId: built.householdId,
          villageId: built.villageId,
          subject: built.subject,
          title: built.title,
          filePath: relPath,
          sha256: sha256Of(bytes),
          size: bytes.length,
          snapshot: built.snapshot,
          options: req.options,
          issuedAt: nowIso(ctx.clock),
          issuedBy: ctx.actor.name,
          supersedesId: supersedes?.id ?? null,
        });
        if (alongside) alongside({ id: newId, documentNumber });
        else if (built.householdId !== null) recordInOpenCases(ctx, built.householdId, { id: newId, kind: req.kind, documentNumber, corrects: supersedes });
        audit(ctx, supersedes ? 'document-correct' : 'document-issue', 'document', newId, supersedes ? { id: supersedes.id, documentNumber: supersedes.documentNumber } : null, {
          kind: req.kind,
          documentNumber,
          householdId: built.householdId,
          villageId: built.villageId,
          filePath: relPath,
          sha256: sha256Of(bytes),
        });
        return newId;
      })();
      return toView(requireDocument(ctx, id));
    } catch (err) {
      // Not registered, so not issued: the file must not linger as if it were.
      await fsp.rm(absPath, { force: true });
      throw err;
    }
  });
}

export type IssueRequest = { kind: DocumentKind; householdId: number | null; villageId: number | null; options: IssueOptions };

/** Issues a document for a workflow step or a village list; `alongside` commits the step with the registry row. */
export function issueDocument(ctx: Ctx, input: IssueRequest, alongside?: (doc: { id: number; documentNumber: string | null }) => void): Promise<DocumentView> {
  return issue(ctx, input, null, alongside);
}

/** The `document-issue` command: forms and lists on request; never a notice that refuses or stops. */
export function documentIssue(ctx: Ctx, input: IssueRequest): Promise<DocumentView> {
  const fromWorkflow = WORKFLOW_DOCUMENT_KINDS[input.kind];
  if (fromWorkflow) throw new AppError('VALIDATION', fromWorkflow, [{ path: 'kind', message: fromWorkflow }]);
  return issueDocument(ctx, input);
}

/** A correction: the same kind for the same household or village, built from today's data, under a new number. */
export function documentCorrect(ctx: Ctx, input: { id: number; options: Partial<IssueOptions> }): Promise<DocumentView> {
  const old = requireDocument(ctx, input.id);
  if (old.supersededById !== null) {
    throw new AppError('CONFLICT', `该文书已由「${old.supersededByNumber ?? `第${old.supersededById}号登记`}」更正，请更正最新的一份`);
  }
  const options = { ...(old.options as IssueOptions), ...input.options };
  return issue(ctx, { kind: old.kind as DocumentKind, householdId: old.householdId, villageId: old.villageId, options }, old);
}

export function documentList(
  ctx: Ctx,
  input: { page: number; pageSize: number; householdId: number | null; villageId: number | null; kind: DocumentKind | null },
): Page<DocumentView> {
  const r = listDocuments(ctx.db, { householdId: input.householdId, villageId: input.villageId, kind: input.kind }, input.page, input.pageSize);
  return { items: r.items.map(toView), total: r.total, page: input.page, pageSize: input.pageSize };
}

export function documentGet(ctx: Ctx, input: { id: number }): DocumentDetail {
  const r = requireDocument(ctx, input.id);
  return { ...toView(r), options: r.options as IssueOptions, snapshot: r.snapshot };
}

/** The stored bytes, byte for byte, after checking them against the registered SHA-256. */
export async function documentPdf(ctx: Ctx, input: { id: number }): Promise<DocumentPdf> {
  const r = requireDocument(ctx, input.id);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(join(ctx.dataDir, ...r.filePath.split('/')));
  } catch {
    throw new AppError('INTEGRITY', `文书文件缺失（${r.filePath}），无法重印。请从备份恢复该文件`);
  }
  if (bytes.length !== r.size || sha256Of(bytes) !== r.sha256) {
    throw new AppError('INTEGRITY', `文书文件已被改动（${r.filePath}），与登记的 SHA-256 不符，不能重印。请从备份恢复该文件`);
  }
  return { fileName: downloadName(r), base64: bytes.toString('base64'), sha256: r.sha256, size: r.size };
}
