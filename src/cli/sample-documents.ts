// `dibao sample-documents --data-dir DIR --out DIR` (or `sample-documents OUT_DIR`): one PDF of every document
// kind, built from the office's own database exactly as it would be issued today, so the office can check
// printing after changing fonts, numbering or legal texts. Nothing is registered and no number is used up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, NUMBERED_KINDS, type DocumentKind, type IssueOptions, type NumberedKind } from '../contract';
import { renderPdf, type DocDefinition } from '../documents';
import { openApp, resolveDataDir } from '../services/app';
import type { Ctx } from '../services/context';
import { buildDocument, type BuildRequest } from '../services/document-data';
import { documentNumberFor, getDocumentSettings, renderOptionsOf } from '../services/document-settings';
import { listMeetings } from '../store/approvals';
import { listCampaigns } from '../store/campaigns';
import { listVillages } from '../store/villages';
import type { Io } from './io';

const NO_OPTIONS: IssueOptions = { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null };

/** `campaign`: built per campaign and village (附件2/3 of the cases that reached the application step), latest campaign first. */
type Sample = { file: string; kind: DocumentKind; options?: Partial<IssueOptions>; village?: boolean; campaign?: boolean; meeting?: 'review' | 'approval'; fixture: string };

/** Output file → what to build, and the fixture sample used when the database has nothing suitable. */
const SAMPLES: Sample[] = [
  { file: 'denial-notice', kind: 'denial-notice', fixture: 'denial-notice' },
  { file: 'stop-notice', kind: 'stop-notice', options: { stopReason: '（样稿）经复核，家庭成员已稳定就业，家庭人均收入超过低保标准' }, fixture: 'stop-notice' },
  { file: 'home-visit-form', kind: 'home-visit-form', fixture: 'home-visit-form' },
  { file: 'authorization', kind: 'authorization', fixture: 'authorization' },
  { file: 'declaration', kind: 'declaration', fixture: 'declaration' },
  { file: 'public-notice-approval', kind: 'public-notice', options: { noticeKind: 'approval' }, village: true, fixture: 'public-notice-approval' },
  { file: 'public-notice-long-term', kind: 'public-notice', options: { noticeKind: 'long-term' }, village: true, fixture: 'public-notice-long-term' },
  { file: 'annex2-person-summary', kind: 'person-summary', village: true, campaign: true, fixture: 'annex2-person-summary' },
  { file: 'annex3-filing-register', kind: 'filing-register', village: true, campaign: true, fixture: 'annex3-filing-register' },
  { file: 'annex4-ineligible-register', kind: 'ineligible-register', village: true, fixture: 'annex4-ineligible-register' },
  { file: 'meeting-record-review', kind: 'meeting-record', village: true, meeting: 'review', fixture: 'meeting-record-review' },
  { file: 'meeting-record-approval', kind: 'meeting-record', village: true, meeting: 'approval', fixture: 'meeting-record-approval' },
];

/** Kinds the registry does not issue yet (no data behind them): always from the fixtures. */
const FIXTURE_ONLY = ['screening-sheet', 'meeting-record-hearing', 'public-notice-evaluation', 'filing-cover-sheet'];

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
  // A campaign's annex where the office runs one; then (附件2 only) the village's saved determinations.
  const campaigns: (number | null)[] = sample.campaign ? [...listCampaigns(ctx.db).map((c) => c.id), ...(sample.kind === 'person-summary' ? [null] : [])] : [null];
  // A meeting record of each recorded meeting of that kind, the latest campaign's first.
  if (sample.meeting) {
    for (const m of listCampaigns(ctx.db).flatMap((c) => listMeetings(ctx.db, c.id, sample.meeting!))) {
      for (const id of subjects) {
        try {
          return buildDocument(ctx, { kind: sample.kind, householdId: null, villageId: id, options: { ...NO_OPTIONS, meetingId: m.id } }, number).definition;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
        }
      }
    }
    return null;
  }
  for (const campaignId of campaigns) {
    for (const id of subjects) {
      const req: BuildRequest = {
        kind: sample.kind,
        householdId: sample.village ? null : id,
        villageId: sample.village ? id : null,
        options: { ...NO_OPTIONS, ...sample.options, ...(campaignId === null ? {} : { campaignId }) },
      };
      try {
        return buildDocument(ctx, req, number).definition;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
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
    for (const file of FIXTURE_ONLY) {
      const fixture = fixtures?.[file];
      if (fixture) await write(file, fixture(), '示例数据');
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
