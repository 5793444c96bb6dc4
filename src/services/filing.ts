// 备案包 (issue 7): what the township files with the county bureau on a USB stick — the approved and 附件4 lists
// (Excel and PDF), every issued notice and meeting record of the scope byte for byte from the registry, the
// cases' decision snapshots, the audit excerpt, a manifest and SHA256SUMS. Verification reads a package alone.
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  AppError,
  DOCUMENT_KIND_LABELS,
  type ApprovedListRow,
  type DocumentKind,
  type FilingDestination,
  type FilingExportRecord,
  type FilingResult,
  type IneligibleListRow,
  type PackageManifest,
  type PackageReport,
  type SavedDetermination,
} from '../contract';
import { filingCoverSheet, renderPdf } from '../documents';
import { ineligibleRegister } from '../documents/templates/annex4-ineligible-register';
import { APPROVED_LIST_TITLE, approvedList } from '../documents/templates/approved-list';
import { diskErrorMessage, sha256Hex } from '../exchange/durable';
import { approvedListWorkbook, ineligibleListWorkbook, PackageWriteError, safeName, writeFilingPackage, type PackageFile } from '../exchange/filing-package';
import { LISTS_FILE, verifyPackage } from '../exchange/package-verify';
import { COUNTY_DATA_FILE } from '../exchange/county-data';
import { buildCountyData } from './county-data';
import { officeSigner } from '../exchange/signing';
import { latestAuditOf } from '../store/audit';
import { auditChainHead } from '../store/audit-chain';
import { getCampaign } from '../store/campaigns';
import { getOfficeKey } from '../store/office-key';
import { approvalsOfCampaign, listMeetings, reviewDecisionsOfCampaign, type ApprovalRow, type ReviewDecisionRow } from '../store/approvals';
import { caseEventsOfCampaign, listCases, type CaseEvent, type CaseRow } from '../store/campaigns';
import { getDeterminations } from '../store/determinations';
import { getDocument } from '../store/documents';
import { auditExcerptIds, documentsForFiling, lastAuditId, type AuditExcerptScope } from '../store/filing';
import { AUDIT_FILE, auditExcerptPart, joinAuditParts } from '../exchange/filing-audit';
import { auditExcerptPartOffThread } from '../exchange/maintenance-runner';
import { getHouseholdRow } from '../store/households';
import { getPerson } from '../store/persons';
import { audit } from './audit';
import { requireCampaign } from './cases';
import { nowIso, today, type Ctx } from './context';
import { noProgress } from './progress';
import { getDocumentSettings, renderOptionsOf, requireOffice, townshipShortName } from './document-settings';
import { applicationDateOf } from './notice-facts';
import { ineligibilityGrounds } from '../domain/notice-wording';

export const EXPORTS_DIR = 'exports';

/**
 * The share of audit.json's rows made in the maintenance worker: this thread first gathers and makes the other
 * files (about half the time the excerpt takes at county scale), then makes the rest of the rows.
 */
const AUDIT_WORKER_SHARE = 0.7;

/** Kinds filed with the county: notices (refusal, stop, 公示) and meeting records. */
const FILED_KINDS: readonly DocumentKind[] = ['denial-notice', 'stop-notice', 'public-notice', 'meeting-record'];

// ---------------------------------------------------------------- destinations

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/**
 * Where a package can go: the data folder's exports, then mounted removable media (Linux: /media and /run/media,
 * one level per user; macOS: /Volumes; Windows: drive letters D: to Z: that exist — a cheap stand-in for
 * "removable", since asking the OS which drives are removable needs a native call).
 */
export function filingDestinations(ctx: Ctx, platform = process.platform): FilingDestination[] {
  const out: FilingDestination[] = [{ path: join(ctx.dataDir, EXPORTS_DIR), label: '数据目录下的 exports 文件夹（默认）', kind: 'default' }];
  const removable: string[] = [];
  if (platform === 'linux') {
    for (const root of ['/media', '/run/media']) {
      for (const d of subdirs(root)) {
        // /media/<user>/<label> (udisks) or /media/<label> (manual mounts).
        const inner = subdirs(d);
        removable.push(...(inner.length ? inner : [d]));
      }
    }
  } else if (platform === 'darwin') {
    removable.push(...subdirs('/Volumes').filter((d) => basename(d) !== 'Macintosh HD'));
  } else if (platform === 'win32') {
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') if (existsSync(`${letter}:\\`)) removable.push(`${letter}:\\`);
  }
  for (const path of removable) out.push({ path, label: `可移动磁盘 ${basename(path) || path}`, kind: 'removable' });
  return out;
}

// ---------------------------------------------------------------- gathering the scope

type Scope = { campaignId: number; villageIds: number[] | null; from: string | null; to: string | null };

/** Local midnight of a YYYY-MM-DD as an ISO timestamp (the registry stores UTC instants). */
const localDayStart = (iso: string): string => new Date(`${iso}T00:00:00`).toISOString();
const nextDay = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const localDate = (instant: string): string => {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

function classLabel(lines: readonly { class: string }[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.class, (counts.get(l.class) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `${c}类${n}人`)
    .join('、');
}

type CaseBundle = {
  row: CaseRow;
  events: CaseEvent[];
  determination: SavedDetermination | null;
  review: ReviewDecisionRow | null;
  approval: ApprovalRow | null;
};

type ApprovalSnapshot = {
  determination?: { members?: { personId: number; idNumber: string }[]; household?: { headName: string | null } };
  lines?: { class: string }[];
};

function approvedRow(ctx: Ctx, b: CaseBundle, a: ApprovalRow): ApprovedListRow {
  const snap = (a.snapshot ?? {}) as ApprovalSnapshot;
  const h = getHouseholdRow(ctx.db, b.row.householdId);
  const members = snap.determination?.members ?? [];
  const head = members.find((m) => m.personId === h?.head_person_id) ?? members[0];
  const idNumber = head?.idNumber ?? (h?.head_person_id ? (getPerson(ctx.db, h.head_person_id)?.idNumber ?? '') : '');
  const lines = snap.lines ?? [];
  return {
    village: b.row.villageName,
    headName: snap.determination?.household?.headName ?? b.row.headName ?? '（未设户主）',
    headIdNumber: idNumber,
    householdSize: members.length || b.row.size,
    coveredCount: lines.length,
    personClass: classLabel(lines),
    monthlyTotal: a.monthlyTotal,
    paymentStart: a.paymentStart ?? '',
    decidedOn: localDate(a.decidedAt),
    decidedBy: a.decidedBy,
  };
}

function ineligibleRow(ctx: Ctx, b: CaseBundle): IneligibleListRow {
  const noticeId = [...b.events]
    .reverse()
    .map((e) => (e.data as { documentId?: number } | null)?.documentId)
    .find((id): id is number => typeof id === 'number');
  const notice = noticeId ? getDocument(ctx.db, noticeId) : null;
  // The grounds the notice quoted (src/domain/notice-wording.ts), not the whole rule trace.
  const grounds = b.determination
    ? ineligibilityGrounds({ category: b.determination.category, reasons: b.determination.snapshot.result.reasons, assetsNote: b.determination.snapshot.facts?.assetsNote ?? null })
    : null;
  const reason =
    b.approval?.decision === 'deny' && b.approval.reason ? b.approval.reason : ((grounds ?? b.determination?.snapshot.result.reasons)?.join('；') ?? b.row.committeeReason ?? '');
  const h = getHouseholdRow(ctx.db, b.row.householdId);
  const members = b.determination?.snapshot.members ?? [];
  const head = members.find((m) => m.personId === h?.head_person_id) ?? members[0];
  return {
    village: b.row.villageName,
    headName: b.row.headName ?? '（未设户主）',
    headIdNumber: head?.idNumber ?? (h?.head_person_id ? (getPerson(ctx.db, h.head_person_id)?.idNumber ?? '') : ''),
    householdSize: b.row.size,
    perCapitaIncome: b.determination ? Math.round(b.determination.snapshot.result.perCapitaIncome * 100) / 100 : null,
    // The day the family applied, as its 不予批准通知书 says (the case's application step); not the day the household
    // was registered.
    applicationDate: (notice?.snapshot as { applicationDate?: string } | undefined)?.applicationDate ?? applicationDateOf(ctx, b.row),
    reason,
    noticeNumber: notice?.documentNumber ?? null,
    noticeDate: notice ? ((notice.snapshot as { issueDate?: string }).issueDate ?? localDate(notice.issuedAt)) : null,
  };
}

/** Everything the package holds, gathered from the database (pure reads). */
export function gatherFiling(ctx: Ctx, input: Scope) {
  const campaign = requireCampaign(ctx, input.campaignId);
  const villageIds = input.villageIds ?? campaign.villageIds;
  const foreign = villageIds.filter((v) => !campaign.villageIds.includes(v));
  if (foreign.length) throw new AppError('VALIDATION', '所选村（社区）不在本次专项治理范围内', [{ path: 'villageIds', message: '村（社区）不在范围内' }]);
  const fromAt = input.from ? localDayStart(input.from) : null;
  const toAt = input.to ? localDayStart(nextDay(input.to)) : null;
  const inRange = (at: string) => (fromAt === null || at >= fromAt) && (toAt === null || at < toAt);

  // Set-based: the campaign's events, decisions and determinations in one query each, not four per case (8,000
  // cases at county scale spent ~0.6 s preparing and running 32,000 statements, issue 13).
  const cases = listCases(ctx.db, { campaignId: campaign.id }).filter((row) => villageIds.includes(row.villageId));
  const eventsOf = caseEventsOfCampaign(ctx.db, campaign.id);
  const reviews = reviewDecisionsOfCampaign(ctx.db, campaign.id);
  const approvals = approvalsOfCampaign(ctx.db, campaign.id);
  const determinations = getDeterminations(ctx.db, cases.flatMap((row) => (row.determinationId === null ? [] : [row.determinationId])));
  const bundles: CaseBundle[] = [];
  for (const row of cases) {
    const events = eventsOf.get(row.id) ?? [];
    // A date range keeps the cases that moved within it.
    if ((fromAt || toAt) && !events.some((e) => inRange(e.at))) continue;
    const d = row.determinationId === null ? null : (determinations.get(row.determinationId) ?? null);
    bundles.push({
      row,
      events,
      determination: d as unknown as SavedDetermination | null,
      review: reviews.get(row.id) ?? null,
      approval: approvals.get(row.id) ?? null,
    });
  }
  const approved = bundles
    .filter((b) => b.approval?.decision === 'approve' && inRange(b.approval.decidedAt))
    .map((b) => approvedRow(ctx, b, b.approval!));
  const ineligible = bundles.filter((b) => b.row.state === 'denied').map((b) => ineligibleRow(ctx, b));
  const householdIds = [...new Set(bundles.map((b) => b.row.householdId))];
  const meetingIds = listMeetings(ctx.db, campaign.id, null)
    .filter((m) => m.villageId === null || villageIds.includes(m.villageId))
    .map((m) => m.id);
  const documents = documentsForFiling(ctx.db, {
    kinds: FILED_KINDS,
    householdIds,
    villageIds,
    meetingIds,
    // Without a range: what was issued since the campaign began.
    fromAt: fromAt ?? campaign.createdAt,
    toAt,
  });
  // The audit excerpt's scope; read apart (filingExport reads it off this thread), pinned to the log as it is now.
  const auditScope: AuditExcerptScope = {
    entities: {
      campaign: [campaign.id],
      case: bundles.map((b) => b.row.id),
      household: householdIds,
      document: documents.map((d) => d.id),
      meeting: meetingIds,
    },
    throughId: lastAuditId(ctx.db),
  };
  const villageNames = [...new Set(bundles.map((b) => b.row.villageName))];
  return { campaign, villageIds, villageNames, bundles, approved, ineligible, documents, auditScope };
}

// ---------------------------------------------------------------- export

function diskMessage(err: unknown): string {
  const known = diskErrorMessage(err, '备案包');
  if (known) return known;
  const code = err && typeof err === 'object' && 'code' in err ? `（${String((err as { code: unknown }).code)}）` : '';
  return `备案包写入失败${code}，未生成。未完成的文件已清除，请检查目标文件夹后重试。`;
}

export async function filingExport(
  ctx: Ctx,
  input: { campaignId: number; villageIds: number[] | null; from: string | null; to: string | null; destination: string | null },
): Promise<FilingResult> {
  const office = requireOffice(ctx);
  const township = townshipShortName(office);
  const g = gatherFiling(ctx, input);
  // audit.json is the largest part of the package (issue 13): its older rows are made in the maintenance worker
  // meanwhile, the rest on this thread once the other files are made — about an equal share of the time each.
  const auditIds = auditExcerptIds(ctx.db, g.auditScope);
  const split = auditIds[Math.floor(auditIds.length * AUDIT_WORKER_SHARE) - 1] ?? null;
  const olderAudit = split === null ? null : auditExcerptPartOffThread(ctx.db, { ...g.auditScope, throughId: split });
  // Handled when awaited below; a failure before that point must not surface as an unhandled rejection.
  olderAudit?.catch(() => undefined);
  const createdAt = nowIso(ctx.clock);
  const date = today(ctx.clock);
  const renderOptions = renderOptionsOf(getDocumentSettings(ctx));
  const scopeLabel = packageScopeLabel(g.villageNames, input.from, input.to);
  const files: PackageFile[] = [];
  const sub = `专项治理：${g.campaign.name}　范围：${scopeLabel}　填表日期：${date}`;

  const progress = ctx.progress ?? noProgress;
  progress(0.05, '汇总名单');
  files.push({ path: '审批通过名单.xlsx', bytes: await approvedListWorkbook(g.approved, { title: `${township}${APPROVED_LIST_TITLE}`, sub, createdAt }) });
  files.push({
    path: '审批通过名单.pdf',
    bytes: await renderPdf(approvedList({ township, campaign: g.campaign.name, scope: scopeLabel, fillDate: date, preparedBy: ctx.actor.name, rows: g.approved }), renderOptions),
  });
  files.push({ path: '附件4_不符合低保对象登记表.xlsx', bytes: await ineligibleListWorkbook(g.ineligible, { title: `${township}不符合低保对象登记表（附件4）`, sub, createdAt }) });
  progress(0.3, '生成各村附件4');
  for (const village of g.villageNames) {
    const rows = g.ineligible.filter((r) => r.village === village);
    // A village with nobody on the list files no 附件4 sheet: an empty register would claim a list that was never made.
    if (rows.length === 0) continue;
    const data = {
      township,
      village,
      fillDate: date,
      preparedBy: ctx.actor.name,
      rows: rows.map((r) => ({
        village: r.village,
        headName: r.headName,
        headIdNumber: r.headIdNumber,
        householdSize: r.householdSize,
        applicationDate: r.applicationDate,
        perCapitaIncome: r.perCapitaIncome,
        reason: r.reason,
        ...(r.noticeNumber ? { noticeNumber: r.noticeNumber } : {}),
        ...(r.noticeDate ? { noticeDate: r.noticeDate } : {}),
      })),
    };
    files.push({ path: `附件4_不符合低保对象登记表_${safeName(village)}.pdf`, bytes: await renderPdf(ineligibleRegister(data), renderOptions) });
  }

  // The issued PDFs, byte for byte, after checking them against the registry.
  progress(0.45, '收集已出具的文书');
  const used = new Set<string>();
  const documentIndex: unknown[] = [];
  for (const d of g.documents) {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(join(ctx.dataDir, ...d.filePath.split('/')));
    } catch {
      throw new AppError('INTEGRITY', `文书文件缺失（${d.filePath}），备案包未生成。请先从备份恢复该文件`);
    }
    if (bytes.length !== d.size || sha256Hex(bytes) !== d.sha256) {
      throw new AppError('INTEGRITY', `文书文件已被改动（${d.filePath}），与登记的 SHA-256 不符，备案包未生成。请先从备份恢复该文件`);
    }
    let path = `文书/${safeName(DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind)}/${basename(d.filePath)}`;
    if (used.has(path)) path = path.replace(/\.pdf$/, `_${d.id}.pdf`);
    used.add(path);
    files.push({ path, bytes });
    documentIndex.push({ ...d, packagePath: path });
  }

  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
  files.push({
    path: 'cases.json',
    bytes: json({
      campaign: { id: g.campaign.id, name: g.campaign.name, year: g.campaign.year, phases: g.campaign.phases },
      cases: g.bundles.map((b) => ({ ...b.row, events: b.events, determination: b.determination, review: b.review, approval: b.approval })),
      documents: documentIndex,
    }),
  });
  progress(0.55, '整理案件数据与操作记录');
  const listsJson = json({ approved: g.approved, ineligible: g.ineligible });
  // The county's data (issue 15): the roll, the round's decisions and the cases' clocks, read by 县民政局 on receipt.
  const countyJson = json(buildCountyData(ctx, office.townshipName, g));
  const newerAudit = auditExcerptPart(ctx.db, { ...g.auditScope, afterId: split });
  const auditJson = joinAuditParts([...(olderAudit ? [await olderAudit] : []), newerAudit]);
  files.push({ path: AUDIT_FILE, bytes: auditJson.bytes });
  files.push({ path: LISTS_FILE, bytes: listsJson });
  files.push({ path: COUNTY_DATA_FILE, bytes: countyJson });
  const counts = {
    cases: g.bundles.length,
    approved: g.approved.length,
    ineligible: g.ineligible.length,
    documents: g.documents.length,
    auditEntries: auditJson.entries,
  };
  const chainRows = (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const manifest: Omit<PackageManifest, 'files' | 'name' | 'signer'> = {
    format: 'dibao-filing-package',
    version: 2,
    office: { townshipName: office.townshipName, officeName: office.officeName },
    creator: { name: ctx.actor.name, role: ctx.actor.role },
    createdAt,
    scope: { campaignId: g.campaign.id, campaignName: g.campaign.name, villages: g.villageNames, from: input.from, to: input.to },
    counts,
    auditChain: { rows: chainRows, head: auditChainHead(ctx.db) },
  };
  const destDir = resolve(input.destination ?? join(ctx.dataDir, EXPORTS_DIR));
  const c = ctx.clock();
  const pad = (n: number) => String(n).padStart(2, '0');
  // Office (local) time in the name, as the clerk reads it on the drive.
  const stamp = `${c.getFullYear()}${pad(c.getMonth() + 1)}${pad(c.getDate())}-${pad(c.getHours())}${pad(c.getMinutes())}${pad(c.getSeconds())}`;
  let written;
  progress(0.7, '写入并核验备案包');
  try {
    written = await writeFilingPackage({
      destDir,
      name: safeName(`备案包_${township}_${g.campaign.name}_${stamp}`),
      files,
      manifest,
      signer: officeSigner(ctx.db),
      coverSheet: ({ manifest: m, manifestSha256 }) =>
        renderPdf(
          filingCoverSheet({
            township,
            officeName: office.officeName,
            campaign: g.campaign.name,
            scope: scopeLabel,
            packageName: m.name,
            preparedBy: ctx.actor.name,
            fillDate: date,
            // The package's files: those listed, plus manifest, signature, this sheet and SHA256SUMS.
            counts: { ...counts, files: m.files.length + 4 },
            manifestSha256,
            fingerprint: m.signer!.fingerprint,
            auditChain: { rows: chainRows, headId: m.auditChain!.head.id, headHash: m.auditChain!.head.hash },
          }),
          renderOptions,
        ),
      describeError: diskMessage,
    });
  } catch (err) {
    if (err instanceof PackageWriteError) throw new AppError('INTERNAL', err.message);
    throw err;
  }
  audit(ctx, 'filing-export', 'campaign', g.campaign.id, null, {
    folder: written.folder,
    zip: written.zip,
    counts,
    files: written.fileCount,
    manifestSha256: written.manifestSha256,
  });
  return {
    folder: written.folder,
    zip: written.zip,
    name: written.name,
    fileCount: written.fileCount,
    totalBytes: written.totalBytes,
    counts,
    manifestSha256: written.manifestSha256,
    fingerprint: getOfficeKey(ctx.db)?.fingerprint ?? '',
  };
}

/**
 * The packages made on this PC, newest first, read from the audit log (the export's own record: nothing else is
 * stored, and a package moved to a USB stick shows as no longer present rather than vanishing from the list).
 */
/** A package's scope as its lists and cover sheet print it: the villages, then the date range if one was given. */
export function packageScopeLabel(villages: readonly string[], from: string | null, to: string | null): string {
  return `${villages.length ? villages.join('、') : '（无案件）'}${from || to ? `，${from ?? '…'} 至 ${to ?? '…'}` : ''}`;
}

export function filingHistory(ctx: Ctx): FilingExportRecord[] {
  return latestAuditOf(ctx.db, 'filing-export', 20).map((r) => {
    const after = (r.after ?? {}) as { folder?: string; zip?: string; counts?: FilingExportRecord['counts']; manifestSha256?: string };
    const folder = after.folder ?? '';
    const zip = after.zip ?? '';
    return {
      auditId: r.id,
      at: r.at,
      by: r.actor,
      campaignId: r.entityId,
      campaignName: r.entityId === null ? null : (getCampaign(ctx.db, r.entityId)?.name ?? null),
      folder,
      zip,
      counts: after.counts ?? null,
      manifestSha256: after.manifestSha256 ?? null,
      present: (zip !== '' && existsSync(zip)) || (folder !== '' && existsSync(folder)),
    };
  });
}

export async function filingVerify(ctx: Ctx, input: { path: string; expectedFingerprint?: string | null }): Promise<PackageReport> {
  const path = resolve(input.path);
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `找不到「${path}」，请检查路径`);
  if (!statSync(path).isDirectory() && !statSync(path).isFile()) throw new AppError('VALIDATION', '请选择备案包文件夹或 .zip 文件');
  return verifyPackage(path, { expectedFingerprint: input.expectedFingerprint ?? null, ownFingerprint: getOfficeKey(ctx.db)?.fingerprint ?? null });
}
