// 第三步核对 (plan 三(二)): the township sends the 人员信息汇总表 to the county's verification platform and
// records what comes back — per member income, asset findings and whether the assets comply — either from the
// returned file or by hand. A finding is kept with the case AND written into the household's facts, so the
// determination engine (assetsCompliant, member incomes) works from the verified figures.
import type { z } from 'zod';
import {
  AppError,
  ASSET_LABELS,
  REQUIRED_VERIFICATION_FIELDS,
  SEX_LABELS,
  VERIFICATION_FIELD_LABELS,
  VERIFICATION_FIELDS,
  type CaseDetail,
  type CaseVerificationView,
  type ImportProblem,
  personFieldsOf,
  type VerificationAssets,
  type VerificationField,
  type VerificationImportHousehold,
  type VerificationImportPreview,
  type VerificationBatchCases,
  type VerificationImportResult,
  type VerificationIncome,
  type VerificationView,
} from '../contract';
import type { verificationImportSchema, verificationRecordSchema } from '../contract/commands/case-steps';
import { parseIdNumber } from '../domain/id-number';
import { readVerificationSheet, suggestMapping, verificationWorkbook, type VerificationExportRow } from '../exchange/verification-xlsx';
import { sheetIdentity } from '../exchange/xlsx/identity';
import { SheetError } from '../exchange/xlsx/sheet-error';
import { getCase, listCases, type CaseRow } from '../store/campaigns';
import { getHouseholdFacts } from '../store/households';
import { getVillage } from '../store/villages';
import {
  caseIdsOfVerificationBatch,
  findVerificationBatch,
  getVerificationBatch,
  insertVerification,
  insertVerificationBatch,
  listVerifications,
  type VerificationRow,
} from '../store/case-files';
import { audit } from './audit';
import { caseDetail, requireCampaign, requireCase, transition } from './cases';
import { caseMembers, mayEditStep, requireStepCase } from './case-step-access';
import { nowIso, today, type Ctx } from './context';
import { householdFactsUpdate } from './determinations';
import { personUpdate, requireHousehold } from './households';
import { getOfficeSettings } from './settings';

const toView = (r: VerificationRow): VerificationView => ({
  id: r.id,
  source: r.source,
  batchId: r.batchId,
  fileHash: r.fileHash,
  incomes: r.incomes as VerificationIncome[],
  assets: r.assets as VerificationAssets,
  compliant: r.compliant,
  note: r.note,
  recordedAt: r.recordedAt,
  recordedBy: r.recordedBy,
});

function view(ctx: Ctx, c: CaseRow): CaseVerificationView {
  const history = listVerifications(ctx.db, c.id).map(toView);
  return {
    caseId: c.id,
    state: c.state,
    members: caseMembers(ctx, c.householdId),
    latest: history[0] ?? null,
    history,
    missing: history.length ? [] : ['尚未录入经济状况核对结果（导入核对平台反馈文件，或手工录入）'],
    canEdit: mayEditStep(ctx, c, 'record-verification'),
  };
}

export function caseVerificationGet(ctx: Ctx, input: { caseId: number }): CaseVerificationView {
  return view(ctx, requireCase(ctx, input.caseId));
}

/** "车辆：无；房产：县城商品房一套（90㎡）" — what the household page shows as the assets finding. */
function assetsNote(assets: VerificationAssets, note: string | null): string {
  const parts = (Object.keys(ASSET_LABELS) as (keyof VerificationAssets)[]).map((k) => `${ASSET_LABELS[k]}：${assets[k] || '无'}`);
  return [`核对：${parts.join('；')}`, note ?? ''].filter(Boolean).join('。').slice(0, 500);
}


type Finding = {
  source: 'import' | 'manual';
  batchId: number | null;
  fileHash: string | null;
  incomes: { personId: number; monthlyIncome: number }[];
  assets: VerificationAssets;
  compliant: boolean;
  note: string | null;
};

/** Keeps the finding with the case and writes it into the household: member incomes (audited per person, before
 * and after) and the assets facts. Runs inside the caller's transaction. */
function recordFinding(ctx: Ctx, c: CaseRow, f: Finding): number {
  const household = requireHousehold(ctx, c.householdId);
  const seen = new Set<number>();
  const incomes: VerificationIncome[] = f.incomes.map((i, n) => {
    const m = household.members.find((p) => p.id === i.personId);
    if (!m) throw new AppError('VALIDATION', '核对结果中的成员不属于本户', [{ path: `incomes[${n}].personId`, message: '不是本户成员' }]);
    if (seen.has(m.id)) throw new AppError('VALIDATION', `成员「${m.name}」重复`, [{ path: `incomes[${n}].personId`, message: '重复' }]);
    seen.add(m.id);
    return { personId: m.id, name: m.name, idNumber: m.idNumber, monthlyIncome: i.monthlyIncome };
  });
  const id = insertVerification(ctx.db, {
    caseId: c.id,
    source: f.source,
    batchId: f.batchId,
    fileHash: f.fileHash,
    incomes,
    assets: f.assets,
    compliant: f.compliant,
    note: f.note,
    recordedAt: nowIso(ctx.clock),
    recordedBy: ctx.actor.name,
  });
  for (const i of incomes) {
    const m = household.members.find((p) => p.id === i.personId)!;
    if (Math.abs(m.monthlyIncome - i.monthlyIncome) > 1e-9) personUpdate(ctx, { id: m.id, person: { ...personFieldsOf(m), monthlyIncome: i.monthlyIncome } });
  }
  householdFactsUpdate(ctx, { ...factsOf(ctx, household.id), householdId: household.id, assetsCompliant: f.compliant, assetsNote: assetsNote(f.assets, f.note) });
  audit(ctx, 'case-verification-record', 'case', c.id, null, { id, source: f.source, batchId: f.batchId, compliant: f.compliant, incomes, assets: f.assets });
  return id;
}

function factsOf(ctx: Ctx, householdId: number) {
  const f = getHouseholdFacts(ctx.db, householdId);
  if (!f) throw new AppError('NOT_FOUND', '找不到该家庭，可能已被删除');
  return f;
}

export function caseVerificationRecord(ctx: Ctx, input: z.output<typeof verificationRecordSchema>): CaseVerificationView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'record-verification');
    recordFinding(ctx, c, { source: 'manual', batchId: null, fileHash: null, incomes: input.incomes, assets: input.assets, compliant: input.compliant, note: input.note });
    return view(ctx, c);
  })();
}

/** 核对 → 入户调查: only with a recorded finding. */
export function caseRecordVerification(ctx: Ctx, input: { caseId: number; note: string | null }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'record-verification');
    const latest = listVerifications(ctx.db, c.id)[0];
    if (!latest) throw new AppError('WORKFLOW', '尚未录入经济状况核对结果，不能进入入户调查');
    transition(ctx, c.id, 'record-verification', {
      to: 'home-visit',
      note: input.note,
      data: { verificationId: latest.id, source: latest.source, compliant: latest.compliant },
    });
    return caseDetail(ctx, c.id);
  })();
}

// ---------------------------------------------------------------- the batch: export

export async function verificationExport(ctx: Ctx, input: { campaignId: number; villageId: number | null }): Promise<{ fileName: string; base64: string; households: number }> {
  const campaign = requireCampaign(ctx, input.campaignId);
  const cases = listCases(ctx.db, { campaignId: campaign.id, villageId: input.villageId, states: ['verification'] });
  if (cases.length === 0) throw new AppError('WORKFLOW', '没有处于「经济状况核对」阶段的案件，无可导出的人员');
  const rows: VerificationExportRow[] = cases.flatMap((c) => {
    const h = requireHousehold(ctx, c.householdId);
    const head = h.members.find((m) => m.id === h.headPersonId) ?? h.members[0];
    return h.members.map((m) => ({
      village: h.villageName,
      headName: h.headName ?? '',
      headIdNumber: head?.idNumber ?? '',
      name: m.name,
      relation: m.relation,
      sex: SEX_LABELS[m.sex],
      idNumber: m.idNumber,
      householdSize: h.size,
      applicationType: c.kind === 'recipient-review' ? '现有低保户' : '新申请',
    }));
  });
  const office = getOfficeSettings(ctx)?.officeName ?? '镇民政所';
  const villageName = input.villageId ? (getVillage(ctx.db, input.villageId)?.name ?? '') : '';
  const bytes = await verificationWorkbook(rows, { title: `${campaign.name}${villageName}人员信息汇总表（经济状况核对）`, office, generatedAt: nowIso(ctx.clock) });
  audit(ctx, 'verification-export', 'campaign', campaign.id, null, { villageId: input.villageId, households: cases.length, persons: rows.length });
  return { fileName: `人员信息汇总表-核对-${today(ctx.clock)}${villageName ? `-${villageName}` : ''}.xlsx`, base64: bytes.toString('base64'), households: cases.length };
}

// ---------------------------------------------------------------- the batch: import

const YES = new Set(['是', '符合', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '不符合', 'n', 'no', 'false', '0', '×']);

type Parsed = {
  preview: VerificationImportPreview;
  /** Per case: the finding to record. */
  findings: { c: CaseRow; finding: Finding }[];
};

async function parseImport(ctx: Ctx, input: z.output<typeof verificationImportSchema>): Promise<Parsed> {
  const campaign = requireCampaign(ctx, input.campaignId);
  const bytes = Buffer.from(input.base64, 'base64');
  const problems: ImportProblem[] = [];
  let sheet: Awaited<ReturnType<typeof readVerificationSheet>>;
  try {
    sheet = await readVerificationSheet(bytes, input.sheetName);
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('VALIDATION', err.message, [{ path: 'base64', message: err.message }]);
    throw err;
  }
  const fileHash = sheetIdentity(bytes, sheet);
  const suggested = suggestMapping(sheet.headers);
  const mapping: Partial<Record<VerificationField, number | null>> = { ...suggested, ...(input.mapping ?? {}) };
  const headerOf = (col: number | null | undefined) => sheet.headers.find((h) => h.column === col)?.header ?? null;
  for (const f of REQUIRED_VERIFICATION_FIELDS) {
    if (!mapping[f] || headerOf(mapping[f]) === null) problems.push({ row: sheet.headerRow, column: null, message: `未找到「${VERIFICATION_FIELD_LABELS[f]}」列，请在列对应中选择` });
  }
  const cols = VERIFICATION_FIELDS.map((f) => mapping[f]).filter((v): v is number => typeof v === 'number');
  if (new Set(cols).size !== cols.length) problems.push({ row: sheet.headerRow, column: null, message: '同一列不能对应多个项目' });
  if (sheet.rows.length === 0) problems.push({ row: sheet.headerRow, column: null, message: '文件中没有数据行' });

  // Cases of the campaign by the head's ID number.
  const all = listCases(ctx.db, { campaignId: campaign.id });
  const byHead = new Map<string, { c: CaseRow; household: ReturnType<typeof requireHousehold> }>();
  for (const c of all) {
    const h = requireHousehold(ctx, c.householdId);
    const head = h.members.find((m) => m.id === h.headPersonId);
    if (head) byHead.set(head.idNumber, { c, household: h });
  }

  type Acc = { c: CaseRow; household: ReturnType<typeof requireHousehold>; firstRow: number; rows: number; problemRows: Set<number>; incomes: Map<number, number>; assets: Record<keyof VerificationAssets, Set<string>>; compliant: boolean | null; notes: Set<string> };
  const groups = new Map<number, Acc>();
  const day = today(ctx.clock);
  const mappingOk = problems.length === 0;
  if (mappingOk) {
    for (const r of sheet.rows) {
      const get = (f: VerificationField) => (mapping[f] ? (r.cells.get(mapping[f]) ?? '') : '');
      const problem = (f: VerificationField | null, message: string) => problems.push({ row: r.row, column: f ? VERIFICATION_FIELD_LABELS[f] : null, message });
      const headRaw = get('headIdNumber');
      if (!headRaw) {
        problem('headIdNumber', '请填写户主身份证号码');
        continue;
      }
      const head = parseIdNumber(headRaw, day);
      if (!head.ok) {
        problem('headIdNumber', `户主身份证号码${head.error}`);
        continue;
      }
      const found = byHead.get(head.value.idNumber);
      if (!found) {
        problem('headIdNumber', '本次专项治理中没有以该身份证号码为户主的案件');
        continue;
      }
      if (found.c.state !== 'verification') {
        problem('headIdNumber', `「${found.household.headName ?? ''}」户不在「经济状况核对」阶段，不能导入核对结果`);
        continue;
      }
      let g = groups.get(found.c.id);
      if (!g) {
        g = {
          c: found.c,
          household: found.household,
          firstRow: r.row,
          rows: 0,
          problemRows: new Set(),
          incomes: new Map(),
          assets: { vehicles: new Set(), realEstate: new Set(), deposits: new Set(), business: new Set(), other: new Set() },
          compliant: null,
          notes: new Set(),
        };
        groups.set(found.c.id, g);
      }
      g.rows++;
      const problemsBefore = problems.length;
      const memberRaw = get('idNumber');
      const member = memberRaw ? parseIdNumber(memberRaw, day) : null;
      if (!member) problem('idNumber', '请填写成员身份证号码');
      else if (!member.ok) problem('idNumber', `身份证号码${member.error}`);
      else {
        const m = g.household.members.find((p) => p.idNumber === member.value.idNumber);
        if (!m) problem('idNumber', `不是「${g.household.headName ?? ''}」户的成员`);
        else if (g.incomes.has(m.id)) problem('idNumber', `成员「${m.name}」重复出现`);
        else {
          const raw = get('monthlyIncome').replace(/[,，元\s]/g, '');
          const v = Number(raw);
          if (raw === '') problem('monthlyIncome', '请填写核定月收入（无收入填0）');
          else if (!Number.isFinite(v) || v < 0) problem('monthlyIncome', `核定月收入「${raw}」不是有效金额`);
          else if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) problem('monthlyIncome', '核定月收入最多保留两位小数');
          else g.incomes.set(m.id, v);
        }
      }
      for (const k of Object.keys(ASSET_LABELS) as (keyof VerificationAssets)[]) {
        const t = get(k);
        if (t.length > 200) problem(k, `${ASSET_LABELS[k]}不能超过200个字`);
        else if (t) g.assets[k].add(t);
      }
      const comp = get('compliant').toLowerCase();
      if (comp) {
        const b = YES.has(comp) ? true : NO.has(comp) ? false : null;
        if (b === null) problem('compliant', `「${get('compliant')}」无法识别，请填「是」或「否」`);
        else if (g.compliant !== null && g.compliant !== b) problem('compliant', '同一户的结论前后不一致');
        else g.compliant = b;
      }
      const note = get('note');
      if (note) g.notes.add(note);
      if (problems.length > problemsBefore) g.problemRows.add(r.row);
    }
  }
  for (const g of groups.values()) {
    if (g.compliant === null) {
      problems.push({ row: g.firstRow, column: VERIFICATION_FIELD_LABELS.compliant, message: `「${g.household.headName ?? ''}」户未填写财产状况是否符合` });
      g.problemRows.add(g.firstRow);
    }
  }
  problems.sort((a, b) => a.row - b.row);

  const households: VerificationImportHousehold[] = [...groups.values()].map((g) => ({
    caseId: g.c.id,
    villageName: g.c.villageName,
    headName: g.c.headName,
    headIdNumber: g.household.members.find((m) => m.id === g.household.headPersonId)?.idNumber ?? '',
    members: g.incomes.size,
    rows: g.rows,
    problemRows: g.problemRows.size,
    // A household with a wrong row has no total yet: a sum of the rows that happened to be readable would mislead.
    monthlyIncomeTotal: g.problemRows.size ? null : [...g.incomes.values()].reduce((a, b) => a + b, 0),
    compliant: g.compliant,
  }));
  const batch = findVerificationBatch(ctx.db, campaign.id, fileHash);
  return {
    preview: {
      fileName: input.fileName,
      fileHash,
      sheets: sheet.sheets,
      sheetName: sheet.sheetName,
      headers: sheet.headers,
      mapping,
      dataRows: sheet.rows.length,
      households,
      problems,
      alreadyImported: batch ? { batchId: batch.id, importedAt: batch.importedAt, importedBy: batch.importedBy } : null,
    },
    findings: [...groups.values()].map((g) => ({
      c: g.c,
      finding: {
        source: 'import',
        batchId: null,
        fileHash,
        incomes: [...g.incomes.entries()].map(([personId, monthlyIncome]) => ({ personId, monthlyIncome })),
        assets: {
          vehicles: [...g.assets.vehicles].join('；'),
          realEstate: [...g.assets.realEstate].join('；'),
          deposits: [...g.assets.deposits].join('；'),
          business: [...g.assets.business].join('；'),
          other: [...g.assets.other].join('；'),
        },
        compliant: g.compliant ?? false,
        note: [...g.notes].join('；').slice(0, 500) || null,
      },
    })),
  };
}

export async function verificationImportPreview(ctx: Ctx, input: z.output<typeof verificationImportSchema>): Promise<VerificationImportPreview> {
  return (await parseImport(ctx, input)).preview;
}

/** All or nothing: any problem refuses the whole file; the same file again (same SHA-256) changes nothing. */
export async function verificationImportCommit(ctx: Ctx, input: z.output<typeof verificationImportSchema>): Promise<VerificationImportResult> {
  const { preview, findings } = await parseImport(ctx, input);
  if (preview.alreadyImported) {
    return { batchId: preview.alreadyImported.batchId, households: 0, alreadyImported: true, ready: batchCases(ctx, preview.alreadyImported.batchId) };
  }
  if (preview.problems.length) {
    const first = preview.problems.slice(0, 5).map((p) => `第${p.row}行${p.column ? `「${p.column}」` : ''}：${p.message}`);
    throw new AppError('VALIDATION', `文件中有 ${preview.problems.length} 处问题，未导入任何数据。${first.join('；')}${preview.problems.length > 5 ? '……' : ''}`);
  }
  return ctx.db.transaction(() => {
    // Checked again inside the transaction: nothing may have moved between reading the file and writing.
    if (findVerificationBatch(ctx.db, input.campaignId, preview.fileHash)) throw new AppError('CONFLICT', '该文件刚刚已导入');
    const batchId = insertVerificationBatch(ctx.db, {
      campaignId: input.campaignId,
      fileName: input.fileName,
      fileHash: preview.fileHash,
      households: findings.length,
      importedAt: nowIso(ctx.clock),
      importedBy: ctx.actor.name,
    });
    for (const { c, finding } of findings) {
      const fresh = requireStepCase(ctx, c.id, 'record-verification');
      recordFinding(ctx, fresh, { ...finding, batchId });
    }
    audit(ctx, 'verification-import', 'campaign', input.campaignId, null, { batchId, fileName: input.fileName, fileHash: preview.fileHash, households: findings.length });
    return { batchId, households: findings.length, alreadyImported: false, ready: batchCases(ctx, batchId) };
  })();
}

/** The batch's cases still at 核对 whose latest finding came from this batch (a later manual finding takes over). */
function batchCases(ctx: Ctx, batchId: number): VerificationBatchCases {
  const batch = getVerificationBatch(ctx.db, batchId);
  if (!batch) throw new AppError('NOT_FOUND', '找不到该核对结果批次');
  const cases = caseIdsOfVerificationBatch(ctx.db, batchId).flatMap((id) => {
    const c = requireCase(ctx, id);
    const latest = listVerifications(ctx.db, id)[0];
    if (c.state !== 'verification' || latest?.batchId !== batchId) return [];
    return [{ caseId: c.id, villageName: c.villageName, headName: c.headName, compliant: latest.compliant }];
  });
  return { batchId, fileName: batch.fileName, cases };
}

/**
 * 核对完成，转入入户调查 for the cases of an imported batch in one confirmation: the clerk confirms the list shown
 * (caseIds), each case must still be one of the batch's ready cases, and all move in one transaction or none.
 */
export function verificationBatchAdvance(ctx: Ctx, input: { batchId: number; caseIds: number[] }): { moved: number; cases: VerificationBatchCases['cases'] } {
  return ctx.db.transaction(() => {
    const ready = new Map(batchCases(ctx, input.batchId).cases.map((c) => [c.caseId, c]));
    const moved = input.caseIds.map((id, i) => {
      const line = ready.get(id);
      if (!line) {
        const c = getCase(ctx.db, id);
        throw new AppError('CONFLICT', `「${c?.headName ?? `#${id}`}户」已不在本批待转入入户调查的案件中（可能已转入或已重新录入核对结果），请刷新后再确认`, [
          { path: `caseIds.${i}`, message: '不在本批' },
        ]);
      }
      const c = requireStepCase(ctx, id, 'record-verification');
      const latest = listVerifications(ctx.db, c.id)[0]!;
      transition(ctx, c.id, 'record-verification', {
        to: 'home-visit',
        note: `按核对结果批次「${getVerificationBatch(ctx.db, input.batchId)!.fileName}」批量确认核对完成`,
        data: { verificationId: latest.id, source: latest.source, compliant: latest.compliant, batchId: input.batchId },
      });
      return line;
    });
    audit(ctx, 'verification-batch-advance', 'campaign', getVerificationBatch(ctx.db, input.batchId)!.campaignId, null, { batchId: input.batchId, caseIds: input.caseIds });
    return { moved: moved.length, cases: moved };
  })();
}
