// 摸排 (plan 三(二)第一步, spec §8): the department lists the office imports, how their columns are recognised
// and how a cell's text becomes a focus flag. Pure: no I/O.
import type { DisabilityType } from '../contract/labels';

export type ScreeningSource = 'poverty' | 'medical' | 'disability';

export const SCREENING_SOURCES: readonly ScreeningSource[] = ['poverty', 'medical', 'disability'];

export const SCREENING_SOURCE_LABELS: Record<ScreeningSource, string> = {
  poverty: '扶贫部门',
  medical: '医保部门',
  disability: '残联',
};

/** What each department's list is, in the plan's words. */
export const SCREENING_SOURCE_HINTS: Record<ScreeningSource, string> = {
  poverty: '未脱贫户、已脱贫A类户、非建档立卡重点关注户名单',
  medical: '2019年度以来的重病对象名单（含病种、认定日期）',
  disability: '残疾人名单（残疾类别、残疾等级）',
};

export type ScreeningFlag = 'unlifted' | 'lifted-a' | 'watch' | 'serious-illness' | 'severe-disability' | 'disability';

export const SCREENING_FLAG_LABELS: Record<ScreeningFlag, string> = {
  unlifted: '未脱贫户',
  'lifted-a': '已脱贫A类户',
  watch: '重点关注户',
  'serious-illness': '重病对象',
  'severe-disability': '重残对象',
  disability: '残疾人',
};

/** Flags that put a household on the focus list (spec §8); an ordinary disability is recorded, not a focus. */
export const FOCUS_FLAGS: readonly ScreeningFlag[] = ['unlifted', 'lifted-a', 'watch', 'serious-illness', 'severe-disability'];
export const isFocusFlag = (f: ScreeningFlag): boolean => FOCUS_FLAGS.includes(f);

export type ImportField = 'idNumber' | 'name' | 'village' | 'flag' | 'diagnosis' | 'diagnosisDate' | 'disabilityType' | 'disabilityLevel';

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  idNumber: '身份证号码',
  name: '姓名',
  village: '村（社区）',
  flag: '类别',
  diagnosis: '病种/诊断',
  diagnosisDate: '认定日期',
  disabilityType: '残疾类别',
  disabilityLevel: '残疾等级',
};

/** The fields a list of this source can carry, and which of them the import cannot do without. */
export const SOURCE_FIELDS: Record<ScreeningSource, { fields: readonly ImportField[]; required: readonly ImportField[] }> = {
  poverty: { fields: ['idNumber', 'name', 'village', 'flag'], required: ['idNumber', 'flag'] },
  medical: { fields: ['idNumber', 'name', 'village', 'diagnosis', 'diagnosisDate'], required: ['idNumber'] },
  disability: { fields: ['idNumber', 'name', 'village', 'disabilityType', 'disabilityLevel'], required: ['idNumber', 'disabilityType', 'disabilityLevel'] },
};

/** Column index (0-based, in the header row) per field; null = not in the file. */
export type ColumnMapping = Partial<Record<ImportField, number | null>>;

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, (m) => (/社区/.test(m) ? m : ''));

/** Header patterns, most specific first: an exact "姓名" beats "户主姓名". */
const PATTERNS: Record<ImportField, RegExp[]> = {
  idNumber: [/^(公民)?身份(证)?号(码)?$/, /身份证|公民身份号码|证件号/],
  name: [/^(姓名|名字|成员姓名|人员姓名|患者姓名|残疾人姓名)$/, /姓名/],
  village: [/^(村|村名|所在村|村委会|村居|社区|村（社区）|村\(社区\)|行政村|村别)$/, /^(所在|所属)?(村|社区|村委会|居委会|行政村)/, /村委会|行政村|村（社区）/],
  flag: [/^(类别|户类型|户类别|人员类别|户属性|帮扶类型)$/, /户类型|户属性|户类别|帮扶类|监测类|类别/],
  diagnosis: [/^(病种|疾病名称|诊断|诊断结果|病名|重病病种)$/, /病种|疾病|诊断|病名/],
  diagnosisDate: [/^(认定日期|确诊日期|诊断日期|认定时间|确诊时间)$/, /日期|时间/],
  disabilityType: [/^(残疾类别|残疾类型|残疾种类)$/, /残疾类|残疾种/],
  disabilityLevel: [/^(残疾等级|等级|残疾级别)$/, /等级|级别/],
};

/** A first guess at the mapping from the header texts; the clerk adjusts it. Each column is used once. */
export function guessMapping(headers: readonly string[], source: ScreeningSource): ColumnMapping {
  const cells = headers.map((h) => norm(h ?? ''));
  const used = new Set<number>();
  const out: ColumnMapping = {};
  // Specific fields first so that "残疾类别" is not taken as the poverty "类别".
  const order: ImportField[] = ['idNumber', 'disabilityType', 'disabilityLevel', 'diagnosisDate', 'diagnosis', 'name', 'village', 'flag'];
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

/** The row that holds the headers: the first of the top rows naming an ID column (title rows may come first). */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const i = rows.slice(0, 10).findIndex((r) => r.some((c) => /身份证|公民身份号码|证件号/.test(norm(c))));
  return i >= 0 ? i : 0;
}

export type Interpreted<T> = { ok: true; value: T } | { ok: false; error: string } | { ok: 'skip'; warning: string };

/** 扶贫 list categories. B-class and other lifted households are not a focus of the plan: recorded as skipped. */
export function parsePovertyFlag(text: string): Interpreted<ScreeningFlag> {
  const t = text.replace(/\s+/g, '');
  if (t === '') return { ok: false, error: '类别为空' };
  if (t.includes('未脱贫')) return { ok: true, value: 'unlifted' };
  if (/脱贫.*A类|A类.*脱贫|^A类/i.test(t)) return { ok: true, value: 'lifted-a' };
  if (t.includes('关注')) return { ok: true, value: 'watch' };
  if (t.includes('脱贫')) return { ok: 'skip', warning: `类别「${text}」不属于重点排查对象（未脱贫户、已脱贫A类户、重点关注户），本行不计入` };
  return { ok: false, error: `类别「${text}」无法识别（应为未脱贫户、已脱贫A类户或重点关注户）` };
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
