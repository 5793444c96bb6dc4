// 摸排 (plan 三(二)第一步, spec §8): the department lists the office imports, how their columns are recognised
// and how a cell's text becomes a focus flag. Pure: no I/O.
import type { DisabilityType } from '../contract/labels';
import { parseIdNumber } from './id-number';

export type ScreeningSource = 'poverty' | 'medical' | 'disability';

export const SCREENING_SOURCES: readonly ScreeningSource[] = ['poverty', 'medical', 'disability'];

export const SCREENING_SOURCE_LABELS: Record<ScreeningSource, string> = {
  poverty: '扶贫部门',
  medical: '医保部门',
  disability: '残联',
};

/** What each department's list is, in the plan's words. */
export const SCREENING_SOURCE_HINTS: Record<ScreeningSource, string> = {
  poverty: '防止返贫监测对象（脱贫不稳定户、边缘易致贫户、突发严重困难户）或未脱贫户、已脱贫A类户、重点关注户名单',
  medical: '2019年度以来的重病对象名单（含病种、认定日期，可含年度医疗总费用、个人自付金额）',
  disability: '残疾人名单（残疾类别、残疾等级，或20位残疾人证号）',
};

export type ScreeningFlag = 'unlifted' | 'lifted-a' | 'watch' | 'monitored' | 'serious-illness' | 'severe-disability' | 'disability';

export const SCREENING_FLAG_LABELS: Record<ScreeningFlag, string> = {
  unlifted: '未脱贫户',
  'lifted-a': '已脱贫A类户',
  watch: '重点关注户',
  monitored: '防返贫监测对象',
  'serious-illness': '重病对象',
  'severe-disability': '重残对象',
  disability: '残疾人',
};

/** Flags that put a household on the focus list (spec §8); an ordinary disability is recorded, not a focus. */
export const FOCUS_FLAGS: readonly ScreeningFlag[] = ['unlifted', 'lifted-a', 'watch', 'monitored', 'serious-illness', 'severe-disability'];
export const isFocusFlag = (f: ScreeningFlag): boolean => FOCUS_FLAGS.includes(f);

export const IMPORT_FIELDS = [
  'idNumber',
  'disabilityCard',
  'name',
  'village',
  'flag',
  'riskType',
  'riskEliminated',
  'diagnosis',
  'diagnosisDate',
  'totalCost',
  'selfPaid',
  'disabilityType',
  'disabilityLevel',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  idNumber: '身份证号码',
  disabilityCard: '残疾人证号',
  name: '姓名',
  village: '村（社区）',
  flag: '类别',
  riskType: '风险类型',
  riskEliminated: '风险是否消除',
  diagnosis: '病种/诊断',
  diagnosisDate: '认定日期',
  totalCost: '年度医疗总费用',
  selfPaid: '个人自付金额',
  disabilityType: '残疾类别',
  disabilityLevel: '残疾等级',
};

/**
 * The fields a list of this source can carry, and which it cannot do without: each entry of `required` is a set
 * of alternatives, one of which must be mapped (a 残联 list may carry only the 20-digit 残疾人证号, which holds the
 * ID number, the type and the level).
 */
export const SOURCE_FIELDS: Record<ScreeningSource, { fields: readonly ImportField[]; required: readonly (readonly ImportField[])[] }> = {
  poverty: { fields: ['idNumber', 'name', 'village', 'flag', 'riskType', 'riskEliminated'], required: [['idNumber'], ['flag']] },
  medical: { fields: ['idNumber', 'name', 'village', 'diagnosis', 'diagnosisDate', 'totalCost', 'selfPaid'], required: [['idNumber']] },
  disability: {
    fields: ['idNumber', 'disabilityCard', 'name', 'village', 'disabilityType', 'disabilityLevel'],
    required: [
      ['idNumber', 'disabilityCard'],
      ['disabilityType', 'disabilityCard'],
      ['disabilityLevel', 'disabilityCard'],
    ],
  },
};

/** Column index (0-based, in the header row) per field; null = not in the file. */
export type ColumnMapping = Partial<Record<ImportField, number | null>>;

/** Every field of the mapping, null where the list has no such column. */
export function fullMapping(m: ColumnMapping): Required<ColumnMapping> {
  const out = {} as Required<ColumnMapping>;
  for (const f of IMPORT_FIELDS) out[f] = m[f] ?? null;
  return out;
}

/** The required columns not mapped: one message per missing set of alternatives, on its first field. */
export function missingColumns(source: ScreeningSource, mapping: ColumnMapping, addUnknown: boolean): { field: ImportField; message: string }[] {
  const out: { field: ImportField; message: string }[] = [];
  for (const group of SOURCE_FIELDS[source].required) {
    if (group.some((f) => (mapping[f] ?? null) !== null)) continue;
    out.push({ field: group[0]!, message: `请指定${group.map((f) => `「${IMPORT_FIELD_LABELS[f]}」列`).join('或')}` });
  }
  if (addUnknown) {
    for (const f of ['name', 'village'] as const) {
      if ((mapping[f] ?? null) === null) out.push({ field: f, message: `新建家庭需要「${IMPORT_FIELD_LABELS[f]}」列` });
    }
  }
  return out;
}

/** Whether a field is one the clerk must map (alone, or as one of its alternatives). */
export function isRequiredField(source: ScreeningSource, field: ImportField): boolean {
  return SOURCE_FIELDS[source].required.some((g) => g.includes(field));
}

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, (m) => (/社区/.test(m) ? m : ''));

/** Header patterns, most specific first: an exact "姓名" beats "户主姓名". */
const PATTERNS: Record<ImportField, RegExp[]> = {
  idNumber: [/^(公民)?身份(证)?号(码)?$/, /身份证|公民身份号码|证件号/],
  disabilityCard: [/^(残疾人证|残疾证)(号|号码|编号)$/, /残疾人?证/],
  name: [/^(姓名|名字|成员姓名|人员姓名|患者姓名|残疾人姓名|监测对象姓名)$/, /姓名/],
  village: [/^(村|村名|所在村|村委会|村居|社区|村（社区）|村\(社区\)|行政村|村别)$/, /^(所在|所属)?(村|社区|村委会|居委会|行政村)/, /村委会|行政村|村（社区）/],
  flag: [/^(类别|户类型|户类别|人员类别|户属性|帮扶类型|监测对象类别|监测类别|监测对象类型)$/, /户类型|户属性|户类别|帮扶类|监测类|监测对象类|类别/],
  riskType: [/^(风险类型|返贫风险类型|致贫风险类型|风险类别)$/, /风险类|致贫风险|返贫风险|致贫原因|返贫原因/],
  riskEliminated: [/^(风险是否消除|是否消除风险|风险消除|是否已消除风险)$/, /消除/],
  diagnosis: [/^(病种|疾病名称|诊断|诊断结果|病名|重病病种)$/, /病种|疾病|诊断|病名/],
  diagnosisDate: [/^(认定日期|确诊日期|诊断日期|认定时间|确诊时间)$/, /日期|时间/],
  totalCost: [/^(年度)?(医疗)?(总费用|费用总额|医疗费用)(合计)?$/, /总费用|费用总额|医疗费用合计/],
  selfPaid: [/^(个人负担金额|个人自付金额|个人自付|个人负担|自付金额|自付费用|个人自负金额)$/, /个人负担|个人自付|自付|自负/],
  disabilityType: [/^(残疾类别|残疾类型|残疾种类)$/, /残疾类|残疾种/],
  disabilityLevel: [/^(残疾等级|等级|残疾级别)$/, /等级|级别/],
};

/** A first guess at the mapping from the header texts; the clerk adjusts it. Each column is used once. */
export function guessMapping(headers: readonly string[], source: ScreeningSource): ColumnMapping {
  const cells = headers.map((h) => norm(h ?? ''));
  const used = new Set<number>();
  const out: ColumnMapping = {};
  // Specific fields first so that "残疾类别" is not taken as the poverty "类别", nor "个人自付金额" as a total.
  const order: ImportField[] = [
    'idNumber',
    'disabilityCard',
    'disabilityType',
    'disabilityLevel',
    'diagnosisDate',
    'diagnosis',
    'selfPaid',
    'totalCost',
    'riskEliminated',
    'riskType',
    'name',
    'village',
    'flag',
  ];
  for (const field of order) {
    if (!SOURCE_FIELDS[source].fields.includes(field)) continue;
    out[field] = null;
    for (const re of PATTERNS[field]) {
      const i = cells.findIndex((c, idx) => !used.has(idx) && c !== '' && re.test(c) && !(field === 'village' && /组/.test(c)));
      if (i >= 0) {
        out[field] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}

/** The row that holds the headers: the first of the top rows naming an ID or card column (title rows may come first). */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const i = rows.slice(0, 10).findIndex((r) => r.some((c) => /身份证|公民身份号码|证件号|残疾人?证/.test(norm(c))));
  return i >= 0 ? i : 0;
}

export type Interpreted<T> = { ok: true; value: T } | { ok: false; error: string } | { ok: 'skip'; warning: string };

// ---------------------------------------------------------------- 扶贫 / 乡村振兴 list categories

/**
 * What a category of the 扶贫 / 乡村振兴 list means for 摸排: one of the plan's 2020 focus flags, a 防止返贫监测对象
 * (a focus while its risk is not eliminated), or not a focus (e.g. 已脱贫B类户: recorded as skipped).
 */
export const POVERTY_CATEGORY_KINDS = ['unlifted', 'lifted-a', 'watch', 'monitored', 'not-target'] as const;
export type PovertyCategoryKind = (typeof POVERTY_CATEGORY_KINDS)[number];

export const POVERTY_CATEGORY_KIND_LABELS: Record<PovertyCategoryKind, string> = {
  unlifted: '重点排查：未脱贫户',
  'lifted-a': '重点排查：已脱贫A类户',
  watch: '重点排查：重点关注户',
  monitored: '重点排查：监测对象（风险未消除时）',
  'not-target': '不属于重点排查对象（记为不计入）',
};

/** A value the list's 类别 column may hold; `aliases` are other spellings departments use for it. */
export type PovertyCategory = { name: string; kind: PovertyCategoryKind; aliases: string[] };

/** The accepted values from a date on (an office setting: the lists change with the national policy). */
export type PovertyCategorySet = { effectiveFrom: string; categories: PovertyCategory[] };

/**
 * The values the office starts with: the plan's 2020 values (方案二(二)) and the three 防止返贫监测对象 categories
 * the 乡村振兴 lists carry since the monitoring mechanism replaced 建档立卡 (国开办发〔2020〕6号, 2021 guidance).
 */
export const DEFAULT_POVERTY_CATEGORIES: PovertyCategorySet = {
  effectiveFrom: '2020-01-01',
  categories: [
    { name: '未脱贫户', kind: 'unlifted', aliases: ['未脱贫', '未脱贫人口'] },
    { name: '已脱贫A类户', kind: 'lifted-a', aliases: ['已脱贫A类', '脱贫A类户', '已脱贫户A类', 'A类户'] },
    { name: '重点关注户', kind: 'watch', aliases: ['非建档立卡重点关注户', '重点关注'] },
    { name: '脱贫不稳定户', kind: 'monitored', aliases: ['脱贫不稳定'] },
    { name: '边缘易致贫户', kind: 'monitored', aliases: ['边缘易致贫', '边缘户'] },
    { name: '突发严重困难户', kind: 'monitored', aliases: ['突发严重困难'] },
    { name: '已脱贫B类户', kind: 'not-target', aliases: ['已脱贫B类', '脱贫B类户', 'B类户', '已脱贫户B类'] },
    { name: '已脱贫户', kind: 'not-target', aliases: ['脱贫户', '稳定脱贫户'] },
  ],
};

/** The set in force on `date`: the newest effective date not after it. */
export function categorySetOn<T extends PovertyCategorySet>(sets: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const s of sets) if (s.effectiveFrom <= date && (!best || s.effectiveFrom >= best.effectiveFrom)) best = s;
  return best;
}

const categoryKey = (s: string) => s.replace(/[\s（）()【】[\]]/g, '').toUpperCase();

/** The category a cell names: an exact name or alias first, else the longest name or alias the cell contains. */
export function matchPovertyCategory(set: PovertyCategorySet, text: string): PovertyCategory | null {
  const t = categoryKey(text);
  if (t === '') return null;
  let best: { c: PovertyCategory; len: number } | null = null;
  for (const c of set.categories) {
    for (const word of [c.name, ...c.aliases].map(categoryKey)) {
      if (word === '') continue;
      if (word === t) return c;
      if (t.includes(word) && (!best || word.length > best.len)) best = { c, len: word.length };
    }
  }
  return best?.c ?? null;
}

export type PovertyRow = { flag: ScreeningFlag; category: string };

/**
 * A row of the 扶贫 / 乡村振兴 list: its category per the office's set in force, and — for a 防止返贫监测对象 — whether
 * the risk is eliminated (then a warning, not a target: the household is no longer at risk of falling back).
 * `field` names the column a problem belongs to.
 */
export function parsePovertyRow(
  set: PovertyCategorySet,
  categoryText: string,
  riskEliminatedText: string,
): { result: Interpreted<PovertyRow>; field: 'flag' | 'riskEliminated' } {
  const onFlag = (result: Interpreted<PovertyRow>) => ({ result, field: 'flag' as const });
  const onRisk = (result: Interpreted<PovertyRow>) => ({ result, field: 'riskEliminated' as const });
  if (categoryText.trim() === '') return onFlag({ ok: false, error: '类别为空' });
  const c = matchPovertyCategory(set, categoryText);
  if (!c) {
    return onFlag({
      ok: false,
      error: `类别「${categoryText}」无法识别（${set.effectiveFrom}起本镇设置的类别为：${set.categories.map((x) => x.name).join('、')}）；如是新的类别，请在「本镇设置 → 名单类别」中增加`,
    });
  }
  if (c.kind === 'not-target') return onFlag({ ok: 'skip', warning: `类别「${categoryText}」不属于重点排查对象，本行不计入` });
  const eliminated = parseRiskEliminated(riskEliminatedText);
  if (eliminated.ok === false) return onRisk(eliminated);
  if (eliminated.ok === true && eliminated.value) {
    return onRisk({ ok: 'skip', warning: `${c.name}：风险已消除，不列入重点排查对象，本行不计入` });
  }
  return onFlag({ ok: true, value: { flag: c.kind, category: c.name } });
}

/** 风险是否消除: 是 / 否 as lists write it; empty means not eliminated. */
export function parseRiskEliminated(text: string): Interpreted<boolean> {
  const t = text.replace(/\s+/g, '');
  if (t === '' || /^(否|未消除|未|N|NO|0|×)$/i.test(t)) return { ok: true, value: false };
  if (/^(是|已消除|消除|Y|YES|1|√)$/i.test(t)) return { ok: true, value: true };
  return { ok: false, error: `风险是否消除「${text}」无法识别（应为“是”或“否”）` };
}

const DISABILITY_WORDS: [RegExp, DisabilityType][] = [
  [/多重/, 'multiple'],
  [/肢体/, 'physical'],
  [/视力|视觉|盲/, 'visual'],
  [/听力|聋/, 'hearing'],
  [/言语|语言/, 'speech'],
  [/智力/, 'intellectual'],
  [/精神/, 'mental'],
];

export function parseDisabilityType(text: string): Interpreted<DisabilityType> {
  const t = text.replace(/\s+/g, '');
  if (t === '') return { ok: false, error: '残疾类别为空' };
  const hit = DISABILITY_WORDS.find(([re]) => re.test(t));
  return hit ? { ok: true, value: hit[1] } : { ok: false, error: `残疾类别「${text}」无法识别（应为肢体、视力、听力、言语、智力、精神或多重残疾）` };
}

const LEVEL_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 壹: 1, 贰: 2, 叁: 3, 肆: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function parseDisabilityLevel(text: string): Interpreted<number> {
  const t = text.replace(/\s+/g, '');
  const m = /^(?:残疾)?([一二三四壹贰叁肆1-4])(?:级)?(?:残疾)?$/.exec(t);
  const level = m ? LEVEL_WORDS[m[1]!] : undefined;
  return level ? { ok: true, value: level } : { ok: false, error: `残疾等级「${text}」无效（应为一级至四级）` };
}

/** 重残 (spec §8): level 1–2, or level-3 mental or intellectual disability. */
export function isSevereDisability(type: DisabilityType, level: number): boolean {
  return level <= 2 || (level === 3 && (type === 'mental' || type === 'intellectual'));
}

/** 残疾人证 category digit (GB/T 26341-2010 order): 1 视力, 2 听力, 3 言语, 4 肢体, 5 智力, 6 精神, 7 多重. */
const CARD_TYPES: readonly DisabilityType[] = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'];

export type DisabilityCard = { idNumber: string; type: DisabilityType; level: number };

/**
 * The 20-digit 残疾人证号 (第二代残疾人证): the holder's 18-character ID number, then the category digit (1–7) and the
 * level digit (1–4, 一级 most severe). The embedded ID number is checked like any other (checksum, birth date).
 */
export function parseDisabilityCard(text: string, today: string): Interpreted<DisabilityCard> {
  const t = text.replace(/\s+/g, '').toUpperCase();
  if (t === '') return { ok: false, error: '残疾人证号为空' };
  if (t.length !== 20) return { ok: false, error: `残疾人证号「${text}」应为20位（18位身份证号码、1位残疾类别、1位残疾等级）` };
  if (!/^\d{17}[\dX]\d\d$/.test(t)) return { ok: false, error: `残疾人证号「${text}」格式不正确（前17位、后2位应为数字，第18位为数字或X）` };
  const id = parseIdNumber(t.slice(0, 18), today);
  if (!id.ok) return { ok: false, error: `残疾人证号「${text}」中的身份证号码${id.error}` };
  const type = CARD_TYPES[Number(t[18]) - 1];
  if (!type) return { ok: false, error: `残疾人证号「${text}」第19位残疾类别代码「${t[18]}」无效（应为1至7）` };
  const level = Number(t[19]);
  if (level < 1 || level > 4) return { ok: false, error: `残疾人证号「${text}」第20位残疾等级代码「${t[19]}」无效（应为1至4）` };
  return { ok: true, value: { idNumber: id.value.idNumber, type, level } };
}

/** An amount in yuan as 医保 lists write it: "12,345.60", "12345.6元". Empty is null; at most two decimals. */
export function parseListAmount(text: string): Interpreted<number | null> {
  const t = text.replace(/[\s,，]/g, '').replace(/元$/, '').replace(/^[¥￥]/, '');
  if (t === '') return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, error: `金额「${text}」不是有效的数字` };
  const v = Number(t);
  const cents = Math.round(v * 100);
  if (Math.abs(cents - v * 100) > 1e-6) return { ok: false, error: `金额「${text}」最多保留两位小数` };
  if (v > 100_000_000) return { ok: false, error: `金额「${text}」过大` };
  return { ok: true, value: cents / 100 };
}

/** Dates as departments write them: 2019-05-03, 2019/5/3, 2019.5.3, 2019年5月3日, 20190503. */
export function parseListDate(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The plan's medical list covers serious illness "2019年度以来". */
export const MEDICAL_SINCE = '2019-01-01';

/** Village names as lists write them: "东山村村委会", "柳河社区居委会", "东山". */
export function villageKey(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/(村民委员会|居民委员会|村委会|居委会)$/, '')
    .replace(/(村|社区)$/, '');
}

/** Excel's column letters, for messages like "第12行 C列". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Department flags that bear on a fact the determination reads (方案二(一)2: 重病、重残 members of a low-income
 * household). A flag is confirmed once the person's fact says the same; until then it is shown beside the rule trace
 * as unconfirmed, so the list and the trace never silently disagree (issue 16).
 */
export const FACT_FLAGS = ['serious-illness', 'severe-disability'] as const;
export type FactFlag = (typeof FACT_FLAGS)[number];
export const isFactFlag = (f: ScreeningFlag): f is FactFlag => (FACT_FLAGS as readonly ScreeningFlag[]).includes(f);
/** The person's fact a flag stands for, as the household form names it. */
export const FACT_FLAG_FACTS: Record<FactFlag, string> = { 'serious-illness': '重病', 'severe-disability': '重残（生活不能自理）' };

export function isFlagConfirmed(flag: FactFlag, person: { seriousIllness: boolean; severeDisabilityNoSelfCare: boolean }): boolean {
  return flag === 'serious-illness' ? person.seriousIllness : person.severeDisabilityNoSelfCare;
}
