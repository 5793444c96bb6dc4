// `dibao sample-documents --data-dir DIR --out DIR` (or `sample-documents OUT_DIR`): one PDF of every document
// kind, built from the office's own database exactly as it would be issued today, so the office can check
// printing after changing fonts, numbering or legal texts. Nothing is registered and no number is used up.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, NUMBERED_KINDS, type DocumentKind, type IssueOptions, type NumberedKind, type PackageManifest } from '../contract';
import { filingCoverSheet, renderPdf, type DocDefinition } from '../documents';
import { sha256Hex } from '../exchange/durable';
import { filingHistory, packageScopeLabel } from '../services/filing';
import { openApp, resolveDataDir } from '../services/app';
import type { Ctx } from '../services/context';
import { buildDocument, type BuildRequest } from '../services/document-data';
import { campaignAnnex } from '../services/application-annexes';
import { today } from '../services/context';
import { documentNumberFor, getDocumentSettings, renderOptionsOf, requireOffice, townshipShortName } from '../services/document-settings';
import { meetingDocument } from '../services/meeting-documents';
import { listVillages } from '../store/villages';
import type { Io } from './io';

const NO_OPTIONS: IssueOptions = { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null };

type Sample = { file: string; kind: DocumentKind; options?: Partial<IssueOptions>; village?: boolean; fixture: string };

/** Output file → what to build, and the fixture sample used when the database has nothing suitable. */
const SAMPLES: Sample[] = [
  { file: 'denial-notice', kind: 'denial-notice', fixture: 'denial-notice' },
  { file: 'stop-notice', kind: 'stop-notice', options: { stopReason: '（样稿）经复核，家庭成员已稳定就业，家庭人均收入超过低保标准' }, fixture: 'stop-notice' },
  { file: 'home-visit-form', kind: 'home-visit-form', fixture: 'home-visit-form' },
  { file: 'authorization', kind: 'authorization', fixture: 'authorization' },
  { file: 'declaration', kind: 'declaration', fixture: 'declaration' },
  { file: 'public-notice-approval', kind: 'public-notice', options: { noticeKind: 'approval' }, village: true, fixture: 'public-notice-approval' },
  { file: 'public-notice-long-term', kind: 'public-notice', options: { noticeKind: 'long-term' }, village: true, fixture: 'public-notice-long-term' },
  { file: 'annex4-ineligible-register', kind: 'ineligible-register', village: true, fixture: 'annex4-ineligible-register' },
];

/** Kinds made from the fixtures only when the office has no data for them (a packaged app has no fixtures). */

type CampaignSample = { file: string; fixture: string; build: (ctx: Ctx, township: string, issueDate: string) => DocDefinition | null };

const campaignIds = (ctx: Ctx): number[] =>
  (ctx.db.prepare("SELECT id FROM campaigns ORDER BY name LIKE '%专项治理%' DESC, id DESC").all() as { id: number }[]).map((r) => r.id);
const hearingIds = (ctx: Ctx): number[] => (ctx.db.prepare('SELECT id FROM hearings ORDER BY id DESC').all() as { id: number }[]).map((r) => r.id);
const meetingIds = (ctx: Ctx, kind: 'review' | 'approval'): number[] =>
  (ctx.db.prepare('SELECT id FROM decision_meetings WHERE kind = ? ORDER BY id DESC').all(kind) as { id: number }[]).map((r) => r.id);

/** The first subject that builds; a refusal (nothing decided there yet) tries the next. */
function firstBuilt(ids: readonly number[], build: (id: number) => DocDefinition): DocDefinition | null {
  for (const id of ids) {
    try {
      return build(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return null;
}

/** 附件2/附件3 of the first village with cases past 申请 in the newest 专项治理 (the cases, their supporters and 近亲属). */
const campaignAnnexSample =
  (kind: 'person-summary' | 'filing-register') =>
  (ctx: Ctx, township: string, issueDate: string): DocDefinition | null =>
    firstBuilt(campaignIds(ctx), (campaignId) => {
      const villages = listVillages(ctx.db);
      const built = firstBuilt(
        villages.map((v) => v.id),
        (villageId) => campaignAnnex(ctx, kind, campaignId, villages.find((v) => v.id === villageId)!, { township, issueDate }).definition,
      );
      if (!built) throw new AppError('WORKFLOW', '没有进入申请步骤的案件');
      return built;
    });

/**
 * Documents of the campaign's records: 附件2/附件3 of a village's cases, the meeting records, the 摸排表, the
 * 评议结果公示 and the newest package's 备案报送单; the fixture stands in only where the office has none.
 */
const CAMPAIGN_SAMPLES: CampaignSample[] = [
  { file: 'annex2-person-summary', fixture: 'annex2-person-summary', build: campaignAnnexSample('person-summary') },
  { file: 'annex3-filing-register', fixture: 'annex3-filing-register', build: campaignAnnexSample('filing-register') },
  {
    file: 'meeting-record-hearing',
    fixture: 'meeting-record-hearing',
    build: (ctx) =>
      firstBuilt(hearingIds(ctx), (id) => {
        const villageId = (ctx.db.prepare('SELECT village_id FROM hearings WHERE id = ?').get(id) as { village_id: number }).village_id;
        return buildDocument(ctx, { kind: 'meeting-record', householdId: null, villageId, options: { ...NO_OPTIONS, hearingId: id } }, null).definition;
      }),
  },
  { file: 'meeting-record-review', fixture: 'meeting-record-review', build: (ctx, township, issueDate) => firstBuilt(meetingIds(ctx, 'review'), (id) => meetingDocument(ctx, id, township, issueDate).definition) },
  { file: 'meeting-record-approval', fixture: 'meeting-record-approval', build: (ctx, township, issueDate) => firstBuilt(meetingIds(ctx, 'approval'), (id) => meetingDocument(ctx, id, township, issueDate).definition) },
  { file: 'screening-sheet', fixture: 'screening-sheet', build: (ctx) => screeningSheetSample(ctx) },
  { file: 'public-notice-evaluation', fixture: 'public-notice-evaluation', build: (ctx) => evaluationNoticeSample(ctx) },
  { file: 'filing-cover-sheet', fixture: 'filing-cover-sheet', build: (ctx, township) => coverSheetSample(ctx, township) },
];

/** The newest campaign's 摸排表 of the first village that has one. */
function screeningSheetSample(ctx: Ctx): DocDefinition | null {
  return firstBuilt(campaignIds(ctx), (campaignId) => {
    const built = firstBuilt(
      listVillages(ctx.db).map((v) => v.id),
      (villageId) => buildDocument(ctx, { kind: 'screening-sheet', householdId: null, villageId, options: { ...NO_OPTIONS, campaignId } }, null).definition,
    );
    if (!built) throw new AppError('WORKFLOW', '没有摸排对象');
    return built;
  });
}

/** The 评议结果公示 of the newest 公示 batch, as the 评议公示 page issues it. */
function evaluationNoticeSample(ctx: Ctx): DocDefinition | null {
  const batches = ctx.db.prepare('SELECT id, village_id AS villageId FROM publicity_batches ORDER BY id DESC').all() as { id: number; villageId: number }[];
  return firstBuilt(
    batches.map((b) => b.id),
    (id) =>
      buildDocument(
        ctx,
        { kind: 'public-notice', householdId: null, villageId: batches.find((b) => b.id === id)!.villageId, options: { ...NO_OPTIONS, noticeKind: 'evaluation', publicityBatchId: id } },
        null,
      ).definition,
  );
}

/**
 * The 备案报送单 of the newest package this PC made, from the manifest it wrote (still in its folder): the same
 * hash, key fingerprint and chain head the printed sheet carried.
 */
function coverSheetSample(ctx: Ctx, township: string): DocDefinition | null {
  const office = requireOffice(ctx);
  for (const record of filingHistory(ctx)) {
    const file = join(record.folder, 'manifest.json');
    if (!record.folder || !existsSync(file)) continue;
    const bytes = readFileSync(file);
    const m = JSON.parse(bytes.toString('utf8')) as PackageManifest;
    if (!m.signer || !m.auditChain) continue;
    return filingCoverSheet({
      township,
      officeName: office.officeName,
      campaign: m.scope.campaignName,
      scope: packageScopeLabel(m.scope.villages, m.scope.from, m.scope.to),
      packageName: m.name,
      preparedBy: m.creator.name,
      fillDate: record.at.slice(0, 10),
      // As on the printed sheet: the files listed, plus manifest, signature, the sheet itself and SHA256SUMS.
      counts: { ...m.counts, files: m.files.length + 4 },
      manifestSha256: sha256Hex(bytes),
      fingerprint: m.signer.fingerprint,
      auditChain: { rows: m.auditChain.rows, headId: m.auditChain.head.id, headHash: m.auditChain.head.hash },
    });
  }
  return null;
}

type FixtureSamples = Record<string, () => DocDefinition>;

/** The template fixtures live with the tests; a packaged app has none, and then only database samples are made. */
async function loadFixtures(): Promise<FixtureSamples | null> {
  try {
    const m = (await import('../../tests/fixtures/documents/samples.js')) as { SAMPLE_DOCUMENTS: FixtureSamples };
    return m.SAMPLE_DOCUMENTS;
  } catch {
    return null;
  }
}

function householdIds(ctx: Ctx): number[] {
  return (ctx.db.prepare("SELECT id FROM households ORDER BY status = 'recipient' DESC, id").all() as { id: number }[]).map((r) => r.id);
}

/** The first household or village for which the document can be built (e.g. a denial needs an ineligible determination). */
function buildFromDatabase(ctx: Ctx, sample: Sample): DocDefinition | null {
  const year = Number(ctx.clock().getFullYear());
  const numbered = (NUMBERED_KINDS as readonly string[]).includes(sample.kind);
  const number = numbered ? documentNumberFor(ctx, sample.kind as NumberedKind, year, '×') : null;
  const subjects = sample.village ? listVillages(ctx.db).map((v) => v.id) : householdIds(ctx);
  // A stop or a refusal as its case step issued it: the case decides the grounds and the dates (issue 12).
  if (sample.kind === 'stop-notice' || sample.kind === 'denial-notice') {
    const states = sample.kind === 'stop-notice' ? ['stopped', 'proposed-exit'] : ['denied', 'not-qualified'];
    const cases = ctx.db.prepare(`SELECT id, household_id AS householdId FROM cases WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY id DESC`).all(...states) as { id: number; householdId: number }[];
    for (const c of cases) {
      try {
        return buildDocument(ctx, { kind: sample.kind, householdId: c.householdId, villageId: null, options: { ...NO_OPTIONS, caseId: c.id } }, number).definition;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
  }
  for (const id of subjects) {
    const req: BuildRequest = {
      kind: sample.kind,
      householdId: sample.village ? null : id,
      villageId: sample.village ? id : null,
      options: { ...NO_OPTIONS, ...sample.options },
    };
    try {
      return buildDocument(ctx, req, number).definition;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return null;
}

export async function runSampleDocuments(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
  const outArg = values.out ?? positionals[0];
  if (!outArg) {
    io.stderr('用法：sample-documents --out DIR [--data-dir DIR]（或 sample-documents DIR）\n');
    return 2;
  }
  const out = resolve(outArg);
  mkdirSync(out, { recursive: true });
  const app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
  try {
    const ctx = app.ctx();
    const renderOptions = renderOptionsOf(getDocumentSettings(ctx));
    const fixtures = await loadFixtures();
    let written = 0;
    const write = async (file: string, definition: DocDefinition, source: string) => {
      const pdf = await renderPdf(definition, renderOptions);
      writeFileSync(join(out, `${file}.pdf`), pdf);
      io.stdout(`${`${file}.pdf`.padEnd(34)}${(pdf.length / 1024).toFixed(1).padStart(7)} KB  ${source}\n`);
      written++;
    };
    for (const sample of SAMPLES) {
      const fromDb = buildFromDatabase(ctx, sample);
      const fallback = fixtures?.[sample.fixture];
      if (fromDb) await write(sample.file, fromDb, '本镇数据');
      else if (fallback) await write(sample.file, fallback(), '示例数据（数据库中没有适用的家庭或村）');
      else io.stderr(`${sample.file}：数据库中没有适用的家庭或村，已跳过\n`);
    }
    const township = townshipShortName(requireOffice(ctx));
    const issueDate = today(ctx.clock);
    for (const sample of CAMPAIGN_SAMPLES) {
      const fromDb = sample.build(ctx, township, issueDate);
      const fallback = fixtures?.[sample.fixture];
      if (fromDb) await write(sample.file, fromDb, '本镇数据');
      else if (fallback) await write(sample.file, fallback(), '示例数据（数据库中没有适用的案件或会议）');
      else io.stderr(`${sample.file}：数据库中没有适用的案件或会议，已跳过\n`);
    }
    io.stdout(`共 ${written} 份样稿，保存在 ${out}（未登记、未占用文号）\n`);
    return written > 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof AppError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    app.close();
  }
}
