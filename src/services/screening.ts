// 摸排 department lists (plan 三(二)第一步: 扶贫部门, 医保部门, 残联): upload → column mapping → preview with
// row-level problems → all-or-nothing commit as a batch. The same file again changes nothing; a newer list of
// the same source is compared with the previous one (new, changed, gone).
import { createHash } from 'node:crypto';
import {
  AppError,
  DISABILITY_TYPE_LABELS,
  personInputSchema,
  type BatchDiff,
  type BatchView,
  type DiffRow,
  type DisabilityType,
  type DocumentView,
  type ImportPreview,
  type ListProblem,
  type ImportResult,
  type PersonFields,
  type PreviewRow,
  type RowOutcome,
  type UploadInfo,
} from '../contract';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import {
  IMPORT_FIELD_LABELS,
  MEDICAL_SINCE,
  SCREENING_FLAG_LABELS,
  SCREENING_SOURCE_LABELS,
  SOURCE_FIELDS,
  guessMapping,
  isSevereDisability,
  missingColumns,
  parseDisabilityCard,
  parseDisabilityLevel,
  parseDisabilityType,
  parseListAmount,
  parseListDate,
  parsePovertyRow,
  villageKey,
  type PovertyCategorySet,
  type ColumnMapping,
  type ImportField,
  type ScreeningFlag,
  type ScreeningSource,
} from '../domain/screening';
import { columnLetter, readDepartmentSheet, SheetError, type DepartmentSheet } from '../exchange/department-import';
import { sheetIdentity } from '../exchange/xlsx/identity';
import { writeMark } from '../store/db';
import { getHouseholdRow } from '../store/households';
import {
  batchFlags,
  disabilityWriter,
  findBatchByHash,
  flagWriter,
  getBatch,
  insertBatch,
  latestBatch,
  listBatches,
  personFinder,
  type BatchRow,
  type FlagRow,
  type RegistryPerson,
} from '../store/screening';
import { listVillages } from '../store/villages';
import { audit } from './audit';
import { requireCampaign } from './cases';
import { povertyCategoriesOn } from './screening-categories';
import { nowIso, today, type Ctx } from './context';
import { issueDocument } from './documents';
import { mappedColumnProblems } from './column-mapping';
import { householdCreate } from './households';
import { requireVillage } from './villages';

type FileInput = { source: ScreeningSource; fileName: string; base64: string; sheetName: string | null };
type PreviewInput = FileInput & { mapping: Required<ColumnMapping>; addUnknown: boolean };

/** The preview sends every problem row but only this many rows in all (the counts are always complete). */
const PREVIEW_ROW_LIMIT = 2000;

const toView = (b: BatchRow): BatchView => ({ ...b });

// ---------------------------------------------------------------- reading

type Read = { sha256: string; sheet: DepartmentSheet };

/**
 * The last file read, by its bytes' SHA-256 and the sheet asked for: upload, preview and commit of the same
 * upload do not parse it again. A promise, so that two requests for the same file share one parse.
 */
let lastSheet: { key: string; read: Promise<Read> } | null = null;

/** For benchmarks: time a preview or commit that has to read the file itself. */
export function forgetLastSheet(): void {
  lastSheet = null;
}

async function parse(bytes: Buffer, sheetName: string | null): Promise<Read> {
  try {
    const sheet = await readDepartmentSheet(bytes, sheetName);
    return { sha256: sheetIdentity(bytes, sheet), sheet };
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('VALIDATION', err.message, [{ path: 'base64', message: err.message }]);
    throw err;
  }
}

async function readFile(input: FileInput): Promise<Read> {
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的', [{ path: 'base64', message: '文件是空的' }]);
  const key = `${createHash('sha256').update(bytes).digest('hex')}\0${input.sheetName ?? ''}`;
  if (lastSheet?.key !== key) {
    const read = parse(bytes, input.sheetName);
    lastSheet = { key, read };
    // A refused file is not kept: the next attempt reads it again.
    read.catch(() => {
      if (lastSheet?.read === read) lastSheet = null;
    });
  }
  return lastSheet.read;
}

export async function screeningUpload(ctx: Ctx, input: FileInput): Promise<UploadInfo> {
  const { sha256, sheet } = await readFile(input);
  const existing = findBatchByHash(ctx.db, input.source, sha256);
  return {
    sha256,
    fileName: input.fileName,
    sheets: sheet.sheets,
    sheetName: sheet.sheetName,
    headerRowNumber: sheet.headerRowNumber,
    headers: sheet.headers,
    sampleRows: sheet.rows.slice(0, 5).map((r) => r.cells),
    rowCount: sheet.rows.length,
    mapping: guessMapping(sheet.headers, input.source),
    existingBatch: existing ? toView(existing) : null,
  };
}

// ---------------------------------------------------------------- checking

function checkMapping(source: ScreeningSource, mapping: Required<ColumnMapping>, headers: readonly string[], addUnknown: boolean): void {
  const fields = missingColumns(source, mapping, addUnknown).map((m) => ({ path: `mapping.${m.field}`, message: m.message }));
  fields.push(...mappedColumnProblems(mapping, SOURCE_FIELDS[source].fields, headers, IMPORT_FIELD_LABELS));
  if (fields.length) throw new AppError('VALIDATION', fields.map((f) => f.message).join('；'), fields);
}

type Analysed = {
  rowNumber: number;
  idNumber: string;
  name: string;
  villageText: string;
  value: string;
  problems: ListProblem[];
  outcome: RowOutcome;
  flag: ScreeningFlag | null;
  detail: string | null;
  since: string | null;
  person: RegistryPerson | null;
  /** 残联 lists: the type and level to record on the person, and what they were read from. */
  disability: { type: DisabilityType; level: number; basis: string } | null;
  /** 医保 lists: 个人自付金额 (offered as M) and 年度医疗总费用. */
  selfPaid: number | null;
  totalCost: number | null;
  /** New household: the village and the head's fields. */
  newHousehold: { villageId: number; villageName: string; head: PersonFields } | null;
};

type Analysis = {
  rows: Analysed[];
  errorCount: number;
  warningCount: number;
  okCount: number;
  matched: number;
  newHouseholds: number;
  unregistered: number;
  skipped: number;
  updatedPersons: number;
  proposedM: number;
};

const LEVEL_NAMES = ['一', '二', '三', '四'];

/** Rows checked between two turns of the event loop: a few dozen milliseconds of work. */
const ROWS_PER_TURN = 500;

/**
 * Checks every row against the registry. A generator that pauses every ROWS_PER_TURN rows: the preview and the
 * commit run it a slice at a time so that other users' requests are answered in between (a 50,000-row list takes
 * about a second to check); inside a transaction it runs straight through (`analyseNow`).
 */
function* analyseSteps(ctx: Ctx, sheet: DepartmentSheet, input: PreviewInput, categories: PovertyCategorySet | null): Generator<void, Analysis> {
  const { source, mapping, addUnknown } = input;
  const onDate = today(ctx.clock);
  const find = personFinder(ctx.db);
  const villages = listVillages(ctx.db);
  const villageByKey = new Map<string, { id: number; name: string }>();
  for (const v of villages) {
    villageByKey.set(villageKey(v.name), v);
    villageByKey.set(v.code, v);
  }
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const seen = new Map<string, number>();
  const out: Analysis = { rows: [], errorCount: 0, warningCount: 0, okCount: 0, matched: 0, newHouseholds: 0, unregistered: 0, skipped: 0, updatedPersons: 0, proposedM: 0 };

  for (const [i, r] of sheet.rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) yield;
    const problems: ListProblem[] = [];
    const at = (field: ImportField) => (mapping[field] === null ? null : columnLetter(mapping[field]));
    const err = (field: ImportField | null, message: string) => problems.push({ level: 'error', field, column: field && at(field), message });
    const warn = (field: ImportField | null, message: string) => problems.push({ level: 'warning', field, column: field && at(field), message });
    const cell = (field: ImportField) => (mapping[field] === null ? '' : (r.cells[mapping[field]] ?? ''));

    // 残联: the 20-digit 残疾人证号 holds the ID number, the type and the level (issue 18).
    let card: { idNumber: string; type: DisabilityType; level: number } | null = null;
    let cardFailed = false;
    if (source === 'disability' && mapping.disabilityCard !== null) {
      if (r.lossy.includes(mapping.disabilityCard)) {
        err('disabilityCard', '残疾人证号被 Excel 存成了数字，末几位已丢失；请将该列设为「文本」格式后重新填写');
        cardFailed = true;
      } else if (cell('disabilityCard') !== '' || mapping.idNumber === null) {
        const c = parseDisabilityCard(cell('disabilityCard'), onDate);
        if (c.ok === true) card = c.value;
        else {
          err('disabilityCard', c.ok === false ? c.error : c.warning);
          cardFailed = true;
        }
      }
    }

    // ID number (spec §7): checksum and date, 15-digit numbers converted with a warning.
    // An empty ID cell (or no ID column) beside a valid card: the card's ID number.
    const rawId = cell('idNumber') || (card?.idNumber ?? '');
    let idNumber = rawId;
    let idOk = false;
    if (mapping.idNumber !== null && r.lossy.includes(mapping.idNumber)) {
      err('idNumber', '身份证号码被 Excel 存成了数字，末几位已丢失；请将该列设为「文本」格式后重新填写');
    } else if (rawId === '') {
      if (!cardFailed) err(mapping.idNumber === null ? 'disabilityCard' : 'idNumber', '身份证号码为空');
    } else {
      const parsed = parseIdNumber(rawId, onDate);
      if (!parsed.ok) err('idNumber', `身份证号码「${rawId}」${parsed.error}`);
      else {
        idNumber = parsed.value.idNumber;
        idOk = true;
        if (parsed.value.warning) warn('idNumber', parsed.value.warning);
        if (card && card.idNumber !== idNumber) {
          err('disabilityCard', `残疾人证号中的身份证号码（${card.idNumber}）与「身份证号码」列（${idNumber}）不一致`);
          idOk = false;
        }
      }
    }
    if (idOk) {
      const first = seen.get(idNumber);
      if (first !== undefined) {
        err('idNumber', `与第${first}行的身份证号码重复`);
        idOk = false;
      } else seen.set(idNumber, r.rowNumber);
    }

    // What the department says about the person.
    let flag: ScreeningFlag | null = null;
    let detail: string | null = null;
    let since: string | null = null;
    let value: string;
    let disability: Analysed['disability'] = null;
    let selfPaid: number | null = null;
    let totalCost: number | null = null;
    let skip = false;
    if (source === 'poverty') {
      value = cell('flag');
      const risk = cell('riskType');
      const { result: f, field } = parsePovertyRow(categories!, value, cell('riskEliminated'));
      if (f.ok === true) {
        flag = f.value.flag;
        // A 监测对象 keeps its category and risk in the detail; the plan's 2020 values are the flag itself.
        if (flag === 'monitored') detail = `${f.value.category}${risk ? `（${risk}）` : ''}`;
        value = detail ? `${SCREENING_FLAG_LABELS[flag]}：${detail}` : SCREENING_FLAG_LABELS[flag];
      } else if (f.ok === 'skip') {
        warn(field, f.warning);
        skip = true;
      } else err(field, f.error);
    } else if (source === 'medical') {
      const diagnosis = cell('diagnosis');
      const dateText = cell('diagnosisDate');
      if (dateText !== '') {
        since = parseListDate(dateText);
        if (!since) err('diagnosisDate', `日期「${dateText}」无法识别（如 2020-03-05）`);
        else if (since < MEDICAL_SINCE) {
          warn('diagnosisDate', `认定日期 ${since} 早于2019年，不属于2019年度以来的重病对象，本行不计入`);
          skip = true;
        } else if (since > onDate) err('diagnosisDate', `认定日期 ${since} 晚于今天`);
      }
      flag = 'serious-illness';
      detail = [diagnosis || '重病', since ? `（${since}认定）` : ''].join('') || null;
      value = detail ?? '';
      // Yearly amounts (issue 18): the self-paid one is offered as M of the patient's household.
      const total = parseListAmount(cell('totalCost'));
      const paid = parseListAmount(cell('selfPaid'));
      if (total.ok === false) err('totalCost', `年度医疗总费用：${total.error}`);
      else if (total.ok === true) totalCost = total.value;
      if (paid.ok === false) err('selfPaid', `个人自付金额：${paid.error}`);
      else if (paid.ok === true) selfPaid = paid.value;
      if (selfPaid !== null && totalCost !== null && selfPaid > totalCost) {
        err('selfPaid', `个人自付金额 ${selfPaid} 元大于年度医疗总费用 ${totalCost} 元`);
      }
      if (selfPaid !== null) value = `${value}；个人自付 ${selfPaid.toFixed(2)} 元${totalCost !== null ? `（总费用 ${totalCost.toFixed(2)} 元）` : ''}`;
    } else {
      const typeText = cell('disabilityType');
      const levelText = cell('disabilityLevel');
      // Empty type or level columns beside a card number: the card says it (or its own error does).
      const hasCard = mapping.disabilityCard !== null && cell('disabilityCard') !== '';
      const t = typeText === '' && hasCard ? null : parseDisabilityType(typeText);
      const l = levelText === '' && hasCard ? null : parseDisabilityLevel(levelText);
      if (t && t.ok !== true) err('disabilityType', t.ok === false ? t.error : t.warning);
      if (l && l.ok !== true) err('disabilityLevel', l.ok === false ? l.error : l.warning);
      // A list with both the card number and the columns must agree with itself.
      if (card && t?.ok === true && t.value !== card.type) {
        err('disabilityType', `残疾类别「${typeText}」与残疾人证号中的类别（${DISABILITY_TYPE_LABELS[card.type]}）不一致`);
      }
      if (card && l?.ok === true && l.value !== card.level) {
        err('disabilityLevel', `残疾等级「${levelText}」与残疾人证号中的等级（${LEVEL_NAMES[card.level - 1]}级）不一致`);
      }
      const type = t ? (t.ok === true ? t.value : null) : (card?.type ?? null);
      const level = l ? (l.ok === true ? l.value : null) : (card?.level ?? null);
      if (type && level) {
        const basis = card && (!t || !l) ? '残疾人证号' : card ? '残疾类别、残疾等级列（与残疾人证号一致）' : '残疾类别、残疾等级列';
        disability = { type, level, basis };
        flag = isSevereDisability(type, level) ? 'severe-disability' : 'disability';
        detail = `${DISABILITY_TYPE_LABELS[type]}${LEVEL_NAMES[level - 1]}级`;
        value = card && (!t || !l) ? `${detail}（据残疾人证号）` : detail;
      } else value = `${typeText} ${levelText}`.trim() || cell('disabilityCard');
    }

    // Whom the row is about.
    const name = cell('name');
    const villageText = cell('village');
    const village = villageText ? (villageByKey.get(villageKey(villageText)) ?? villageByKey.get(villageText) ?? null) : null;
    const person = idOk ? find(idNumber) : null;
    let newHousehold: Analysed['newHousehold'] = null;
    if (person) {
      if (name && name !== person.name) warn('name', `姓名与家庭档案不一致（档案为「${person.name}」）`);
      if (villageText && !village) warn('village', `村（社区）「${villageText}」不在本镇，以家庭档案为准（${villageName.get(person.villageId) ?? ''}）`);
      else if (village && village.id !== person.villageId) warn('village', `名单为「${villageText}」，家庭档案为「${villageName.get(person.villageId) ?? ''}」，以家庭档案为准`);
    } else if (idOk && addUnknown && !skip) {
      if (!name) err('name', '姓名为空，不能新建家庭');
      if (!villageText) err('village', '村（社区）为空，不能新建家庭');
      else if (!village) err('village', `村（社区）「${villageText}」不存在，不能新建家庭；请先登记该村（社区）或改正名单`);
      if (name && village) {
        const head = personInputSchema.safeParse({
          name,
          idNumber,
          relation: '户主',
          disabilityType: disability?.type ?? null,
          disabilityLevel: disability?.level ?? null,
        });
        if (!head.success) err('name', head.error.issues.map((i) => i.message).join('；'));
        else newHousehold = { villageId: village.id, villageName: village.name, head: head.data };
      }
    } else if (idOk && !skip) {
      if (villageText && !village) warn('village', `村（社区）「${villageText}」不在本镇`);
      warn(null, '未在家庭档案中登记：名单照样记录，该人登记后自动列入重点对象；也可勾选「将未登记人员新建为家庭」');
    }

    const hasError = problems.some((p) => p.level === 'error');
    const outcome: RowOutcome = hasError ? 'error' : skip ? 'skipped' : person ? 'matched' : newHousehold ? 'new-household' : 'unregistered';
    if (hasError) out.errorCount++;
    else if (problems.length) out.warningCount++;
    else out.okCount++;
    if (outcome === 'matched') out.matched++;
    if (outcome === 'new-household') out.newHouseholds++;
    if (outcome === 'unregistered') out.unregistered++;
    if (outcome === 'skipped') out.skipped++;
    const changesDisability = outcome === 'matched' && disability !== null && (person!.disabilityType !== disability.type || person!.disabilityLevel !== disability.level);
    if (changesDisability) out.updatedPersons++;
    if (outcome === 'matched' && selfPaid !== null && selfPaid > 0) out.proposedM++;
    out.rows.push({
      rowNumber: r.rowNumber,
      idNumber,
      name,
      villageText,
      value,
      problems,
      outcome,
      flag: skip ? null : flag,
      detail,
      since,
      person,
      disability: changesDisability || outcome === 'new-household' ? disability : null,
      newHousehold,
      selfPaid: skip ? null : selfPaid,
      totalCost: skip ? null : totalCost,
    });
  }
  return out;
}

/** The office's category set in force today (扶贫 lists only); none in force is the clerk's to fix in the settings. */
function categoriesFor(ctx: Ctx, source: ScreeningSource): PovertyCategorySet | null {
  if (source !== 'poverty') return null;
  const date = today(ctx.clock);
  const set = povertyCategoriesOn(ctx, date);
  if (!set) throw new AppError('WORKFLOW', `${date} 没有生效的名单类别设置，请在「本镇设置 → 名单类别」中增加`);
  return set;
}

function analyseNow(ctx: Ctx, sheet: DepartmentSheet, input: PreviewInput): Analysis {
  const steps = analyseSteps(ctx, sheet, input, categoriesFor(ctx, input.source));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function analyseInTurns(ctx: Ctx, sheet: DepartmentSheet, input: PreviewInput): Promise<Analysis> {
  const steps = analyseSteps(ctx, sheet, input, categoriesFor(ctx, input.source));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((go) => setImmediate(go));
  }
}

const isRecorded = (r: Analysed) => r.outcome === 'matched' || r.outcome === 'new-household' || r.outcome === 'unregistered';

const flagText = (f: { flag: ScreeningFlag; detail: string | null }) => (f.detail && f.flag !== 'severe-disability' && f.flag !== 'disability' ? `${SCREENING_FLAG_LABELS[f.flag]}：${f.detail}` : (f.detail ?? SCREENING_FLAG_LABELS[f.flag]));

function diffCounts(current: Analysed[], previous: Map<string, FlagRow> | null): { new: number; changed: number; gone: number } {
  const counts = { new: 0, changed: 0, gone: 0 };
  if (!previous) return counts;
  const ids = new Set<string>();
  for (const r of current) {
    if (!isRecorded(r) || !r.flag) continue;
    ids.add(r.idNumber);
    const p = previous.get(r.idNumber);
    if (!p) counts.new++;
    else if (p.flag !== r.flag || p.detail !== r.detail) counts.changed++;
  }
  for (const id of previous.keys()) if (!ids.has(id)) counts.gone++;
  return counts;
}

function householdLabel(ctx: Ctx, householdId: number): string | null {
  const h = getHouseholdRow(ctx.db, householdId);
  return h ? `${h.village_name} ${h.head_name ?? '（未设户主）'}户` : null;
}

export async function screeningPreview(ctx: Ctx, input: PreviewInput): Promise<ImportPreview> {
  const { sha256, sheet } = await readFile(input);
  checkMapping(input.source, input.mapping, sheet.headers, input.addUnknown);
  const a = await analyseInTurns(ctx, sheet, input);
  const previous = latestBatch(ctx.db, input.source);
  const existing = findBatchByHash(ctx.db, input.source, sha256);
  const withProblems = a.rows.filter((r) => r.problems.length > 0);
  const clean = a.rows.filter((r) => r.problems.length === 0);
  const shown = [...withProblems, ...clean].slice(0, Math.max(PREVIEW_ROW_LIMIT, Math.min(withProblems.length, 20_000)));
  shown.sort((x, y) => x.rowNumber - y.rowNumber);
  const rows: PreviewRow[] = shown.map((r) => ({
    rowNumber: r.rowNumber,
    idNumber: r.idNumber,
    name: r.name,
    village: r.villageText,
    value: r.value,
    status: r.problems.some((p) => p.level === 'error') ? 'error' : r.problems.length ? 'warning' : 'ok',
    outcome: r.outcome,
    household: r.person ? householdLabel(ctx, r.person.householdId) : r.newHousehold ? `新建：${r.newHousehold.villageName} ${r.name}户` : null,
    selfPaid: r.selfPaid,
    problems: r.problems,
  }));
  return {
    sha256,
    fileName: input.fileName,
    source: input.source,
    rowCount: a.rows.length,
    okCount: a.okCount,
    warningCount: a.warningCount,
    errorCount: a.errorCount,
    matched: a.matched,
    newHouseholds: a.newHouseholds,
    unregistered: a.unregistered,
    skipped: a.skipped,
    updatedPersons: a.updatedPersons,
    proposedM: a.proposedM,
    categorySet: input.source === 'poverty' ? povertyCategoriesOn(ctx, today(ctx.clock)) : null,
    diff: { ...diffCounts(a.rows, previous ? batchFlags(ctx.db, previous.id) : null), previousBatch: previous ? toView(previous) : null },
    existingBatch: existing ? toView(existing) : null,
    rows,
    rowsTruncated: rows.length < a.rows.length,
  };
}

// ---------------------------------------------------------------- committing

function refuseErrors(a: Analysis): void {
  if (a.errorCount === 0) return;
  const first = a.rows.find((r) => r.outcome === 'error')!;
  const p = first.problems.find((x) => x.level === 'error')!;
  throw new AppError(
    'VALIDATION',
    `名单中有 ${a.errorCount} 行错误（如第${first.rowNumber}行${p.column ? ` ${p.column}列` : ''}：${p.message}），未导入任何数据。请改正后重新上传`,
  );
}

export async function screeningCommit(ctx: Ctx, input: PreviewInput): Promise<ImportResult> {
  const { sha256, sheet } = await readFile(input);
  const existing = findBatchByHash(ctx.db, input.source, sha256);
  if (existing) return { batch: toView(existing), alreadyImported: true };
  checkMapping(input.source, input.mapping, sheet.headers, input.addUnknown);
  // Checked in turns, outside the transaction; if anything was written meanwhile, checked again inside it.
  const mark = writeMark(ctx.db);
  const checked = await analyseInTurns(ctx, sheet, input);
  refuseErrors(checked);
  return ctx.db.transaction(() => {
    // Another import of the same file may have finished while this one was reading.
    const again = findBatchByHash(ctx.db, input.source, sha256);
    if (again) return { batch: toView(again), alreadyImported: true };
    const a = writeMark(ctx.db) === mark ? checked : analyseNow(ctx, sheet, input);
    refuseErrors(a);
    const at = nowIso(ctx.clock);
    const previous = latestBatch(ctx.db, input.source);
    const sourceLabel = SCREENING_SOURCE_LABELS[input.source];

    for (const r of a.rows) {
      if (r.outcome !== 'new-household' || !r.newHousehold) continue;
      householdCreate(ctx, {
        villageId: r.newHousehold.villageId,
        groupName: null,
        address: r.newHousehold.villageName,
        phone: null,
        note: `由${sourceLabel}名单「${input.fileName}」第${r.rowNumber}行导入`,
        head: r.newHousehold.head,
      });
    }
    const setDisability = disabilityWriter(ctx.db, at);
    for (const r of a.rows) {
      if (r.outcome !== 'matched' || !r.disability || !r.person) continue;
      setDisability(r.person.personId, r.disability.type, r.disability.level);
      audit(
        ctx,
        'screening-commit',
        'household',
        r.person.householdId,
        { personId: r.person.personId, name: r.person.name, disabilityType: r.person.disabilityType, disabilityLevel: r.person.disabilityLevel },
        {
          personId: r.person.personId,
          name: r.person.name,
          disabilityType: r.disability.type,
          disabilityLevel: r.disability.level,
          source: sourceLabel,
          fileName: input.fileName,
          rowNumber: r.rowNumber,
          basis: r.disability.basis,
        },
      );
    }

    const recorded = a.rows.filter((r) => isRecorded(r) && r.flag);
    const diff = { ...diffCounts(a.rows, previous ? batchFlags(ctx.db, previous.id) : null), previousBatchId: previous?.id ?? null };
    const mapping: ColumnMapping = {};
    for (const f of SOURCE_FIELDS[input.source].fields) mapping[f] = input.mapping[f];
    const batchId = insertBatch(ctx.db, {
      source: input.source,
      fileName: input.fileName,
      sha256,
      importedAt: at,
      importedBy: ctx.actor.name,
      rowCount: a.rows.length,
      flaggedCount: recorded.length,
      skippedCount: a.skipped,
      warningCount: a.warningCount,
      matchedCount: a.matched,
      newHouseholds: a.newHouseholds,
      updatedPersons: a.updatedPersons,
      mapping,
      diff,
    });
    const write = flagWriter(ctx.db, batchId);
    for (const r of recorded) {
      write({
        idNumber: r.idNumber,
        name: r.name || (r.person?.name ?? ''),
        villageText: r.villageText || null,
        flag: r.flag!,
        detail: r.detail,
        since: r.since,
        rowNumber: r.rowNumber,
        selfPaid: r.selfPaid,
        totalCost: r.totalCost,
      });
    }
    const batch = getBatch(ctx.db, batchId)!;
    audit(ctx, 'screening-commit', 'screening_batch', batchId, null, { ...batch, mapping: undefined });
    return { batch: toView(batch), alreadyImported: false };
  })();
}

// ---------------------------------------------------------------- history

export const screeningBatchList = (ctx: Ctx, input: { source: ScreeningSource | null }): BatchView[] => listBatches(ctx.db, input.source).map(toView);

/** Who is new, changed or gone in a batch compared with the previous batch of the same source. */
export function screeningBatchDiff(ctx: Ctx, input: { batchId: number }): BatchDiff {
  const batch = getBatch(ctx.db, input.batchId);
  if (!batch) throw new AppError('NOT_FOUND', '找不到该名单批次');
  const previous = latestBatch(ctx.db, batch.source, batch.id);
  const rows: DiffRow[] = [];
  if (previous) {
    const cur = batchFlags(ctx.db, batch.id);
    const prev = batchFlags(ctx.db, previous.id);
    for (const [id, f] of cur) {
      const p = prev.get(id);
      if (!p) rows.push({ change: 'new', idNumber: maskIdNumber(id), name: f.name, village: f.villageText, before: null, after: flagText(f) });
      else if (p.flag !== f.flag || p.detail !== f.detail) rows.push({ change: 'changed', idNumber: maskIdNumber(id), name: f.name, village: f.villageText, before: flagText(p), after: flagText(f) });
    }
    for (const [id, p] of prev) {
      if (!cur.has(id)) rows.push({ change: 'gone', idNumber: maskIdNumber(id), name: p.name, village: p.villageText, before: flagText(p), after: null });
    }
  }
  const order = { new: 0, changed: 1, gone: 2 };
  rows.sort((x, y) => order[x.change] - order[y.change] || (x.village ?? '').localeCompare(y.village ?? '', 'zh-CN') || x.name.localeCompare(y.name, 'zh-CN'));
  return { batch: toView(batch), previous: previous ? toView(previous) : null, rows };
}

// ---------------------------------------------------------------- 重点对象摸排表

/** Issued through the document registry like every document; a cadre may issue their own village's sheet. */
export function screeningSheetIssue(ctx: Ctx, input: { campaignId: number; villageId: number }): Promise<DocumentView> {
  const campaign = requireCampaign(ctx, input.campaignId);
  const village = requireVillage(ctx, input.villageId);
  if (!campaign.villageIds.includes(village.id)) {
    throw new AppError('VALIDATION', `「${village.name}」不在「${campaign.name}」的范围内`, [{ path: 'villageId', message: '不在本次专项治理范围内' }]);
  }
  return issueDocument(ctx, {
    kind: 'screening-sheet',
    householdId: null,
    villageId: village.id,
    options: { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null, campaignId: campaign.id },
  });
}
