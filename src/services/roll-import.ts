// 存量数据导入 (issue 14): an office adopting the program brings its existing roll — households, members, classes,
// amounts, start months, bank accounts — from an Excel 花名册. Upload → guessed mapping the clerk corrects →
// preview with every row's problems → all-or-nothing commit; the same file again changes nothing.
//
// Each imported household gets the same frozen decision an approval gives (a case of the year's standing campaign,
// an approval under the import's 「存量数据导入」 meeting, its snapshot marked 存量导入 with the roll's own amounts and
// start month), so the roster, payments, review dates and 动态调整 treat it like any other recipient. No notice is
// issued: the decision was made years ago under the old system.
import { mappedColumnProblems } from './column-mapping';
import { createHash } from 'node:crypto';
import {
  AppError,
  personInputSchema,
  type PersonFields,
  type Relation,
  type RollImportResult,
  type RollImportView,
  type RollNewVillage,
  type RollPreview,
  type RollPreviewRow,
  type RollProblem,
  type RollUploadInfo,
} from '../contract';
import { validateAccountNumber, type AccountKind } from '../domain/bank-account';
import { CATEGORY_LABELS, type Category } from '../domain/determination-types';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import {
  ROLL_FIELDS,
  ROLL_FIELD_LABELS,
  ROLL_REQUIRED,
  guessRollMapping,
  isStartMonthTooLate,
  rollAmountProblems,
  parseRollAmount,
  parseRollCategory,
  parseRollClass,
  parseRollMonth,
  parseRollRelation,
  type RollField,
  type RollMapping,
} from '../domain/roll-import';
import { columnLetter, villageKey } from '../domain/screening';
import { SheetError } from '../exchange/department-import';
import { readRollSheet, rollTemplateWorkbook, type RollSheet } from '../exchange/roll-xlsx';
import { sheetIdentity } from '../exchange/xlsx/identity';
import { insertApproval, insertMeeting } from '../store/approvals';
import { insertCase, insertCaseEvent } from '../store/campaigns';
import { putBankAccount } from '../store/payments';
import { getHouseholdRow, setHouseholdStatus } from '../store/households';
import { findRollImport, insertRollImport, listRollImports, type RollImportRow } from '../store/roll-imports';
import { personFinder } from '../store/screening';
import { listVillages } from '../store/villages';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { householdCreateWithMembers } from './households';
import { standingCampaign, syncRoster } from './roster';
import { getOfficeSettings } from './settings';
import { policyState } from './determinations';
import { policyInForce } from '../domain/policy';
import { ROLL_IMPORT_MARK } from '../domain/roster';
import { villageCreate } from './villages';

type FileInput = { fileName: string; base64: string; sheetName: string | null };
type PreviewInput = FileInput & { mapping: RollMapping; amountReason?: string | null | undefined };

/** Problem rows are all sent; clean rows only up to this many in all (the counts are always complete). */
const PREVIEW_ROW_LIMIT = 2000;

/** The mark on an imported decision, its case event and its audit rows. */
export { ROLL_IMPORT_MARK };

// ---------------------------------------------------------------- reading

type Read = { sha256: string; sheet: RollSheet };

/** The last file read: upload, preview and commit of the same upload do not parse it again. */
let lastSheet: { key: string; read: Promise<Read> } | null = null;

export function forgetLastRoll(): void {
  lastSheet = null;
}

async function readFile(input: FileInput): Promise<Read> {
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的', [{ path: 'base64', message: '文件是空的' }]);
  const key = `${createHash('sha256').update(bytes).digest('hex')}\0${input.sheetName ?? ''}`;
  if (lastSheet?.key !== key) {
    const read = readRollSheet(bytes, input.sheetName).then(
      (sheet) => ({ sha256: sheetIdentity(bytes, sheet), sheet }),
      (err: unknown) => {
        if (err instanceof SheetError) throw new AppError('VALIDATION', err.message, [{ path: 'base64', message: err.message }]);
        throw err;
      },
    );
    lastSheet = { key, read };
    read.catch(() => {
      if (lastSheet?.read === read) lastSheet = null;
    });
  }
  return lastSheet.read;
}

const toView = (r: RollImportRow): RollImportView => ({ ...r });

export async function rollUpload(ctx: Ctx, input: FileInput): Promise<RollUploadInfo> {
  const { sha256, sheet } = await readFile(input);
  const existing = findRollImport(ctx.db, sha256);
  return {
    sha256,
    fileName: input.fileName,
    sheets: sheet.sheets,
    sheetName: sheet.sheetName,
    headerRowNumber: sheet.headerRowNumber,
    headers: sheet.headers,
    sampleRows: sheet.rows.slice(0, 5).map((r) => r.cells),
    rowCount: sheet.rows.length,
    mapping: guessRollMapping(sheet.headers),
    existingImport: existing ? toView(existing) : null,
  };
}

function checkMapping(mapping: RollMapping, headers: readonly string[]): void {
  const fields = ROLL_REQUIRED.filter((f) => mapping[f] === null).map((f) => ({ path: `mapping.${f}`, message: `请指定「${ROLL_FIELD_LABELS[f]}」列` }));
  fields.push(...mappedColumnProblems(mapping, ROLL_FIELDS, headers, ROLL_FIELD_LABELS));
  if (mapping.accountNumber !== null && mapping.bankName === null) fields.push({ path: 'mapping.bankName', message: '有「银行账号」列时请指定「开户行」列' });
  if (fields.length) throw new AppError('VALIDATION', fields.map((f) => f.message).join('；'), fields);
}

// ---------------------------------------------------------------- checking

type RowPlan = {
  rowNumber: number;
  villageText: string;
  name: string;
  idNumber: string;
  idOk: boolean;
  relation: Relation | null;
  personClass: 'A' | 'B' | 'C' | null;
  amount: number | null;
  person: PersonFields | null;
  householdKey: string | null;
  problems: RollProblem[];
  cells: (f: RollField) => string;
};

type HouseholdPlan = {
  key: string;
  villageName: string;
  villageId: number | null;
  head: RowPlan | null;
  members: RowPlan[];
  category: Exclude<Category, 'ineligible'> | null;
  startMonth: string | null;
  bank: { bankName: string; kind: AccountKind; accountNumber: string } | null;
  phone: string | null;
  address: string;
};

type Analysis = {
  amountFlags: number;
  amountCheckNote: string | null;
  rows: RowPlan[];
  households: HouseholdPlan[];
  newVillages: RollNewVillage[];
  errorCount: number;
  warningCount: number;
  okCount: number;
};

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;

/** Codes for villages the roll names but the office has not registered: the division code and a free number. */
function newVillageCodes(ctx: Ctx): () => string {
  const prefix = (getOfficeSettings(ctx)?.divisionCode ?? '000000000').padEnd(9, '0').slice(0, 9);
  const taken = new Set(listVillages(ctx.db).map((v) => v.code));
  let seq = 900;
  return () => {
    while (taken.has(`${prefix}${String(seq).padStart(3, '0')}`)) seq++;
    const code = `${prefix}${String(seq++).padStart(3, '0')}`;
    taken.add(code);
    return code;
  };
}

function analyse(ctx: Ctx, sheet: RollSheet, mapping: RollMapping): Analysis {
  const onDate = today(ctx.clock);
  const find = personFinder(ctx.db);
  const villages = new Map<string, { id: number; name: string }>();
  for (const v of listVillages(ctx.db)) {
    villages.set(villageKey(v.name), v);
    villages.set(v.code, v);
  }
  const colOf = (f: RollField) => (mapping[f] === null ? null : columnLetter(mapping[f]));
  const seen = new Map<string, number>();
  const rows: RowPlan[] = [];
  let lastHeadKey: string | null = null;

  for (const r of sheet.rows) {
    const cell = (f: RollField) => (mapping[f] === null ? '' : (r.cells[mapping[f]] ?? '').trim());
    if (ROLL_FIELDS.every((f) => cell(f) === '')) continue;
    const problems: RollProblem[] = [];
    const at = (f: RollField) => (mapping[f] === null ? null : columnLetter(mapping[f]));
    const err = (f: RollField | null, message: string) => problems.push({ level: 'error', field: f, column: f && at(f), message });
    const warn = (f: RollField | null, message: string) => problems.push({ level: 'warning', field: f, column: f && at(f), message });

    const name = cell('name');
    if (name === '') err('name', '姓名为空');
    const villageText = cell('village');
    if (villageText === '') err('village', '村/社区为空');

    let idNumber = cell('idNumber');
    let idOk = false;
    if (mapping.idNumber !== null && r.lossy.includes(mapping.idNumber)) {
      err('idNumber', '身份证号码被 Excel 存成了数字，末几位已丢失；请将该列设为「文本」格式后重新填写');
    } else if (idNumber === '') err('idNumber', '身份证号码为空');
    else {
      const parsed = parseIdNumber(idNumber, onDate);
      if (!parsed.ok) err('idNumber', `身份证号码「${idNumber}」${parsed.error}`);
      else {
        idNumber = parsed.value.idNumber;
        idOk = true;
        if (parsed.value.warning) warn('idNumber', parsed.value.warning);
        const first = seen.get(idNumber);
        if (first !== undefined) {
          err('idNumber', `与第${first}行的身份证号码重复`);
          idOk = false;
        } else seen.set(idNumber, r.rowNumber);
        const registered = idOk ? find(idNumber) : null;
        if (registered) {
          const h = getHouseholdRow(ctx.db, registered.householdId);
          err('idNumber', `此人已登记在「${h ? `${h.village_name} ${h.head_name ?? ''}户` : '其他家庭'}」，不能再导入为另一户的成员；请在家庭档案中核对`);
          idOk = false;
        }
      }
    }

    const rel = parseRollRelation(cell('relation'));
    const relation = rel.ok ? (rel.value as Relation) : null;
    if (!rel.ok) err('relation', rel.error);
    const cls = parseRollClass(cell('personClass'));
    if (!cls.ok) err('personClass', cls.error);
    const amt = parseRollAmount(cell('amount'));
    if (!amt.ok) err('amount', amt.error);
    const personClass = cls.ok ? cls.value : null;
    const amount = amt.ok ? amt.value : null;
    if (cls.ok && amt.ok) {
      if (personClass !== null && amount === null) err('amount', '填写了人员类别，缺少月保障金');
      else if (personClass !== null && amount === 0) err('amount', '保障对象的月保障金须大于0');
      else if (personClass === null && amount !== null && amount > 0) err('personClass', '填写了月保障金，缺少人员类别（A、B 或 C）');
    }

    let person: PersonFields | null = null;
    if (name !== '' && idOk && relation) {
      const p = personInputSchema.safeParse({ name, idNumber, relation });
      if (p.success) person = p.data;
      else err('name', p.error.issues.map((i) => i.message).join('；'));
    }

    // Which household: a head starts one (village + name); a member joins its 户主姓名's, or the head above it.
    const vKey = villageKey(villageText);
    const headName = cell('headName');
    let householdKey: string | null = null;
    if (relation === '户主') {
      if (headName !== '' && headName !== name) err('headName', `户主一行的户主姓名「${headName}」与姓名「${name}」不一致`);
      householdKey = `${vKey}\0${name}`;
      lastHeadKey = householdKey;
    } else if (relation) {
      householdKey = headName !== '' ? `${vKey}\0${headName}` : lastHeadKey;
      if (householdKey === null) err('headName', '不知道此人属于哪一户：请填写「户主姓名」');
    }
    rows.push({ rowNumber: r.rowNumber, villageText, name, idNumber, idOk, relation, personClass, amount, person, householdKey, problems, cells: cell });
  }

  // Households, and the facts the roll gives per household (read from the head's row).
  const byKey = new Map<string, HouseholdPlan>();
  const nextCode = newVillageCodes(ctx);
  const planned = new Map<string, RollNewVillage>();
  for (const row of rows) {
    if (row.householdKey === null) continue;
    let h = byKey.get(row.householdKey);
    if (!h) {
      const known = villages.get(villageKey(row.villageText)) ?? villages.get(row.villageText) ?? null;
      h = { key: row.householdKey, villageName: known?.name ?? row.villageText, villageId: known?.id ?? null, head: null, members: [], category: null, startMonth: null, bank: null, phone: null, address: '' };
      byKey.set(row.householdKey, h);
    }
    if (row.relation === '户主') {
      if (h.head) row.problems.push({ level: 'error', field: 'name', column: colOf('name'), message: `与第${h.head.rowNumber}行同为「${h.villageName}」的户主「${row.name}」：同村同名的两户请在「户主姓名」后加以区分` });
      else h.head = row;
    } else h.members.push(row);
  }
  for (const h of byKey.values()) {
    const head = h.head;
    if (!head) {
      for (const m of h.members) m.problems.push({ level: 'error', field: 'headName', column: colOf('headName'), message: `找不到户主「${m.cells('headName')}」的一行（与户主关系为「户主」）` });
      continue;
    }
    const err = (f: RollField, message: string) => head.problems.push({ level: 'error', field: f, column: colOf(f), message });
    const warn = (f: RollField, message: string) => head.problems.push({ level: 'warning', field: f, column: colOf(f), message });
    const cat = parseRollCategory(head.cells('category'));
    if (cat.ok) h.category = cat.value;
    else err('category', cat.error);
    const month = parseRollMonth(head.cells('startMonth'));
    if (!month.ok) err('startMonth', month.error);
    else if (isStartMonthTooLate(month.value, onDate)) err('startMonth', `享受起始年月 ${month.value} 晚于下月`);
    else h.startMonth = month.value;
    for (const m of h.members) {
      const mc = m.cells('category');
      if (mc !== '' && cat.ok) {
        const other = parseRollCategory(mc);
        if (other.ok && other.value !== cat.value) m.problems.push({ level: 'warning', field: 'category', column: colOf('category'), message: `保障类别与户主一行不一致，以户主一行（${CATEGORY_LABELS[cat.value]}）为准` });
      }
    }
    const account = head.cells('accountNumber');
    if (account !== '') {
      const bankName = head.cells('bankName');
      const card = validateAccountNumber(account, 'card');
      const passbook = card.ok ? card : validateAccountNumber(account, 'passbook');
      if (bankName === '') err('bankName', '填写了银行账号，缺少开户行');
      else if (!passbook.ok) err('accountNumber', card.ok ? passbook.error : card.error);
      else {
        if (!card.ok) warn('accountNumber', `不是有效的银行卡号（${card.error}），按存折/其他账户导入`);
        h.bank = { bankName, kind: card.ok ? 'card' : 'passbook', accountNumber: passbook.value };
      }
    }
    const phone = head.cells('phone').replace(/\s+/g, '');
    if (phone !== '') {
      if (PHONE.test(phone)) h.phone = phone;
      else warn('phone', `联系电话「${phone}」格式不正确，未导入`);
    }
    h.address = head.cells('address').slice(0, 100) || h.villageName;
    if (![head, ...h.members].some((m) => m.personClass !== null)) err('personClass', '本户没有填写人员类别的成员：至少一人须为保障对象（A、B 或 C 类）');
    if (h.villageId === null && h.villageName !== '') {
      const key = villageKey(h.villageName);
      const v = planned.get(key);
      if (v) v.households++;
      else {
        planned.set(key, { name: h.villageName, code: nextCode(), kind: /社区|居委会/.test(h.villageName) ? 'community' : 'village', households: 1 });
        warn('village', `村（社区）「${h.villageName}」尚未登记，导入时将新建`);
      }
    }
  }

  // Amounts against the policy in force (warnings: allowed with a reason at commit).
  const policies = policyState(ctx).versions.map((v) => v.policy);
  const policy = policies.length ? policyInForce(policies, onDate) : undefined;
  let amountFlags = 0;
  if (policy) {
    for (const h of byKey.values()) {
      if (!h.head || !h.category) continue;
      const covered = [h.head, ...h.members].filter((m) => m.personClass !== null && m.amount !== null);
      const problems = rollAmountProblems(h.category, covered.map((m) => ({ name: m.name, personClass: m.personClass!, amount: m.amount! })), policy);
      if (problems.length === 0) continue;
      amountFlags++;
      h.head.problems.push({ level: 'warning', field: 'amount', column: colOf('amount'), message: `${problems.join('；')}。可按原金额导入，须写明理由` });
    }
  }
  const amountCheckNote = policy ? null : '低保政策参数尚未确认，未按政策核对月保障金';

  let errorCount = 0;
  let warningCount = 0;
  for (const r of rows) {
    if (r.problems.some((p) => p.level === 'error')) errorCount++;
    else if (r.problems.length) warningCount++;
  }
  return { amountFlags, amountCheckNote, rows, households: [...byKey.values()].filter((h) => h.head), newVillages: [...planned.values()], errorCount, warningCount, okCount: rows.length - errorCount - warningCount };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const coveredOf = (h: HouseholdPlan) => [h.head!, ...h.members].filter((m) => m.personClass !== null);
const totalOf = (h: HouseholdPlan) => round2(coveredOf(h).reduce((s, m) => s + (m.amount ?? 0), 0));

export async function rollPreview(ctx: Ctx, input: PreviewInput): Promise<RollPreview> {
  const { sha256, sheet } = await readFile(input);
  checkMapping(input.mapping, sheet.headers);
  const a = analyse(ctx, sheet, input.mapping);
  const existing = findRollImport(ctx.db, sha256);
  const householdOf = new Map<RowPlan, HouseholdPlan>();
  for (const h of a.households) for (const m of [h.head!, ...h.members]) householdOf.set(m, h);
  const withProblems = a.rows.filter((r) => r.problems.length > 0);
  const clean = a.rows.filter((r) => r.problems.length === 0);
  const shown = [...withProblems, ...clean.slice(0, Math.max(0, PREVIEW_ROW_LIMIT - withProblems.length))].sort((x, y) => x.rowNumber - y.rowNumber);
  const rows: RollPreviewRow[] = shown.map((r) => {
    const h = householdOf.get(r);
    const isError = r.problems.some((p) => p.level === 'error');
    const parts = [
      h?.category && r.relation === '户主' ? CATEGORY_LABELS[h.category] : null,
      r.personClass ? `${r.personClass}类 ${(r.amount ?? 0).toFixed(2)} 元` : '非保障对象',
      h?.startMonth && r.relation === '户主' ? `自 ${h.startMonth}` : null,
    ];
    return {
      rowNumber: r.rowNumber,
      village: r.villageText,
      // An ID the clerk must correct is shown as written; a sound one masked (spec §9).
      idNumber: r.idOk ? maskIdNumber(r.idNumber) : r.idNumber,
      name: r.name,
      relation: r.relation ?? r.cells('relation'),
      value: parts.filter(Boolean).join(' · '),
      household: h ? `${h.villageName} ${h.head!.name}户` : null,
      status: isError ? 'error' : r.problems.length ? 'warning' : 'ok',
      problems: r.problems,
    };
  });
  return {
    sha256,
    fileName: input.fileName,
    rowCount: a.rows.length,
    okCount: a.okCount,
    warningCount: a.warningCount,
    errorCount: a.errorCount,
    households: a.households.length,
    persons: a.households.reduce((s, h) => s + 1 + h.members.length, 0),
    covered: a.households.reduce((s, h) => s + coveredOf(h).length, 0),
    monthlyTotal: round2(a.households.reduce((s, h) => s + totalOf(h), 0)),
    bankAccounts: a.households.filter((h) => h.bank).length,
    amountFlags: a.amountFlags,
    amountCheckNote: a.amountCheckNote,
    newVillages: a.newVillages,
    existingImport: existing ? toView(existing) : null,
    rows,
    rowsTruncated: rows.length < a.rows.length,
  };
}

// ---------------------------------------------------------------- committing

function refuseErrors(a: Analysis): void {
  if (a.errorCount === 0) return;
  const first = a.rows.find((r) => r.problems.some((p) => p.level === 'error'))!;
  const p = first.problems.find((x) => x.level === 'error')!;
  throw new AppError('VALIDATION', `花名册中有 ${a.errorCount} 行错误（如第${first.rowNumber}行${p.column ? ` ${p.column}列` : ''}：${p.message}），未导入任何数据。请改正后重新上传`);
}

export async function rollCommit(ctx: Ctx, input: PreviewInput): Promise<RollImportResult> {
  const { sha256, sheet } = await readFile(input);
  const existing = findRollImport(ctx.db, sha256);
  if (existing) return { import: toView(existing), alreadyImported: true };
  checkMapping(input.mapping, sheet.headers);
  // A roll of 10,000 households writes more pages in one transaction than SQLite's default 2 MB page cache holds;
  // spilling them mid-transaction made the commit grow faster than the roll. The cache is given back afterwards.
  const cacheSize = ctx.db.pragma('cache_size', { simple: true }) as number;
  ctx.db.pragma('cache_size = -262144');
  try {
    return commitInTransaction(ctx, input, sha256, sheet);
  } finally {
    ctx.db.pragma(`cache_size = ${cacheSize}`);
  }
}

function commitInTransaction(ctx: Ctx, input: PreviewInput, sha256: string, sheet: RollSheet): RollImportResult {
  return ctx.db.transaction(() => {
    // Checked inside the transaction: nothing can be registered between the check and the write.
    const again = findRollImport(ctx.db, sha256);
    if (again) return { import: toView(again), alreadyImported: true };
    const a = analyse(ctx, sheet, input.mapping);
    refuseErrors(a);
    const amountReason = input.amountReason?.trim() || null;
    if (a.amountFlags > 0 && (!amountReason || amountReason.length < 5)) {
      const message = `有 ${a.amountFlags} 户的月保障金与现行政策测算不一致，请写明按原金额导入的理由（至少5个字）`;
      throw new AppError('VALIDATION', message, [{ path: 'amountReason', message }]);
    }
    if (a.households.length === 0) throw new AppError('VALIDATION', '花名册中没有可导入的家庭');
    const at = nowIso(ctx.clock);
    const onDate = today(ctx.clock);
    const source = `「${input.fileName}」`;

    const villageIds = new Map<string, number>();
    for (const v of a.newVillages) villageIds.set(villageKey(v.name), villageCreate(ctx, { name: v.name, code: v.code, kind: v.kind, groups: [] }).id);
    const villageOf = (h: HouseholdPlan) => h.villageId ?? villageIds.get(villageKey(h.villageName))!;

    // Every imported decision hangs on one meeting of the year's standing campaign, the import itself.
    let campaignId = 0;
    for (const id of new Set(a.households.map(villageOf))) campaignId = standingCampaign(ctx, id);
    const meetingId = insertMeeting(ctx.db, {
      campaignId,
      kind: 'approval',
      villageId: null,
      heldOn: onDate,
      place: '存量数据导入',
      members: [],
      note: `${ROLL_IMPORT_MARK}：${source}，${ctx.actor.name}导入`,
      createdAt: at,
      createdBy: ctx.actor.name,
    });

    let persons = 0;
    let monthlyTotal = 0;
    for (const h of a.households) {
      const head = h.head!;
      const villageId = villageOf(h);
      const household = householdCreateWithMembers(ctx, {
        villageId,
        groupName: null,
        address: h.address,
        phone: h.phone,
        note: `${ROLL_IMPORT_MARK}：${source}第${head.rowNumber}行`,
        head: head.person!,
        members: h.members.map((m) => m.person!),
      });
      const created = household;
      persons += household.members.length;
      const personIdOf = new Map(household.members.map((m) => [m.idNumber, m]));
      const lines = coveredOf(h).map((m) => {
        const p = personIdOf.get(m.idNumber)!;
        return { personId: p.id, name: p.name, class: m.personClass!, proposed: m.amount!, decided: m.amount! };
      });
      const total = totalOf(h);
      monthlyTotal += total;
      const caseId = insertCase(ctx.db, { campaignId, householdId: created.id, villageId, kind: 'recipient-review', state: 'approved' }, at);
      insertCaseEvent(ctx.db, {
        caseId,
        action: 'roll-import',
        fromState: null,
        toState: 'approved',
        actor: ctx.actor.name,
        actorRole: ctx.actor.role,
        at,
        note: `${ROLL_IMPORT_MARK}：月保障金 ${total} 元，自 ${h.startMonth} 起享受（${source}第${head.rowNumber}行）`,
        data: { sha256, rowNumber: head.rowNumber },
      });
      // The snapshot an approval freezes, with the roll's own figures: no engine proposal, no review meeting.
      const snapshot = {
        source: ROLL_IMPORT_MARK,
        import: { fileName: input.fileName, sha256, rowNumbers: [head, ...h.members].map((m) => m.rowNumber) },
        // Kept with each decision whose amounts the policy in force would not give (the warning said which).
        amountReason: head.problems.some((p) => p.field === 'amount' && p.level === 'warning') ? amountReason : null,
        determination: {
          id: null,
          evaluationDate: onDate,
          policyVersion: null,
          members: household.members.map((m) => ({ personId: m.id, name: m.name, idNumber: m.idNumber })),
          result: { category: h.category! },
        },
        review: null,
        meeting: { id: meetingId, heldOn: onDate, place: '存量数据导入', members: [] },
        monthlyTotal: total,
        lines,
        paymentStart: h.startMonth!,
      };
      const approvalId = insertApproval(ctx.db, {
        caseId,
        householdId: created.id,
        meetingId,
        decision: 'approve',
        reason: ROLL_IMPORT_MARK,
        monthlyTotal: total,
        paymentStart: h.startMonth!,
        snapshot,
        decidedAt: at,
        decidedBy: ctx.actor.name,
      });
      setHouseholdStatus(ctx.db, created.id, 'recipient', at);
      if (h.bank) {
        // Checked in the preview (validateAccountNumber); written as bank-account-save writes it, with its audit row.
        const account = { holderPersonId: household.headPersonId!, holderName: household.headName ?? head.name, ...h.bank };
        putBankAccount(ctx.db, { householdId: created.id, ...account, updatedAt: at, updatedBy: ctx.actor.name });
        audit(ctx, 'bank-account-save', 'household', created.id, null, account);
      }
      audit(ctx, 'roll-commit', 'household', created.id, null, {
        mark: ROLL_IMPORT_MARK,
        fileName: input.fileName,
        rowNumber: head.rowNumber,
        approvalId,
        category: h.category,
        classes: lines.map((l) => l.class).join(''),
        monthlyTotal: total,
        paymentStart: h.startMonth,
      });
    }

    const id = insertRollImport(ctx.db, {
      fileName: input.fileName,
      sha256,
      meetingId,
      rowCount: a.rows.length,
      households: a.households.length,
      persons,
      villagesCreated: a.newVillages.length,
      monthlyTotal: round2(monthlyTotal),
      mapping: input.mapping,
      importedAt: at,
      importedBy: ctx.actor.name,
    });
    const row = findRollImport(ctx.db, sha256)!;
    audit(ctx, 'roll-commit', 'roll_import', id, null, toView(row));
    syncRoster(ctx);
    return { import: toView(row), alreadyImported: false };
  })();
}

export const rollImportList = (ctx: Ctx): RollImportView[] => listRollImports(ctx.db).map(toView);

export async function rollTemplate(): Promise<{ fileName: string; base64: string }> {
  return { fileName: '存量花名册导入模板.xlsx', base64: (await rollTemplateWorkbook()).toString('base64') };
}
