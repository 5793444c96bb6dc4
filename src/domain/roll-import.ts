// 存量数据导入 (issue 14): the office's existing roll — the provincial system's export or its own 花名册 — read
// row by row. Pure rules: which column is which, and what a cell means. The service checks rows against the registry.
import { poorMemberAmount } from './amounts';
import type { Category } from './determination-types';
import { toNumber, ratio } from './exact';
import { singleCoverAmountOf, type PersonClass, type Policy } from './policy';

export const ROLL_FIELDS = [
  'village',
  'headName',
  'name',
  'idNumber',
  'relation',
  'category',
  'personClass',
  'amount',
  'startMonth',
  'bankName',
  'accountNumber',
  'phone',
  'address',
] as const;
export type RollField = (typeof ROLL_FIELDS)[number];
export type RollMapping = Record<RollField, number | null>;

export const ROLL_FIELD_LABELS: Record<RollField, string> = {
  village: '村/社区',
  headName: '户主姓名',
  name: '姓名',
  idNumber: '身份证号码',
  relation: '与户主关系',
  category: '保障类别',
  personClass: '人员类别',
  amount: '月保障金',
  startMonth: '享受起始年月',
  bankName: '开户行',
  accountNumber: '银行账号',
  phone: '联系电话',
  address: '家庭住址',
};

/** Without these a roll cannot become recipients; the others may be missing (filled in later by hand). */
export const ROLL_REQUIRED: readonly RollField[] = ['village', 'name', 'idNumber', 'category', 'personClass', 'amount', 'startMonth'];

/** The template workbook's example row (a fictitious person: division code 990101 does not exist). */
export const ROLL_EXAMPLE: Record<RollField, string> = {
  village: '东山村',
  headName: '张建国',
  name: '张建国',
  idNumber: '990101195003070017',
  relation: '户主',
  category: '困难',
  personClass: 'A',
  amount: '620',
  startMonth: '2021-03',
  bankName: '清河农商银行',
  accountNumber: '6299990000000000012',
  phone: '13900001234',
  address: '东山村第一村民小组8号',
};

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(][^）)]*[）)]/g, (m) => (/社区/.test(m) ? m : ''));

const PATTERNS: Record<RollField, RegExp[]> = {
  idNumber: [/^(公民)?身份(证)?号(码)?$/, /身份证|公民身份号码|证件号/],
  headName: [/^户主(姓名)?$/, /户主姓名|户主/],
  relation: [/^(与户主关系|与户主的关系|关系|家庭关系)$/, /关系/],
  name: [/^(姓名|成员姓名|人员姓名|保障对象姓名|家庭成员姓名)$/, /姓名/],
  village: [/^(村|村名|所在村|村委会|村居|社区|村（社区）|村\(社区\)|村\/社区|村社区|行政村)$/, /^(所在|所属)?(村|社区|村委会|居委会|行政村)/],
  category: [/^(保障类别|低保类别|家庭类别|户类别|类别)$/, /保障类|家庭类|户类/],
  personClass: [/^(人员类别|分类|人员分类|类型)$/, /人员类|人员分|分类/],
  amount: [/^(月保障金|保障金|月低保金|低保金|月补助金额|保障金额|月发放金额)(（元）|\(元\))?$/, /保障金|低保金|补助金|发放金额|金额/],
  startMonth: [/^(享受起始年月|起始年月|享受年月|纳入年月|开始享受时间|保障起始时间)$/, /起始|开始|纳入时间|享受时间/],
  bankName: [/^(开户行|开户银行|银行名称|发放银行)$/, /开户行|开户银行|银行名/],
  accountNumber: [/^(银行账号|银行卡号|账号|卡号|存折号|社保卡号)$/, /账号|卡号|存折/],
  phone: [/^(联系电话|电话|手机|手机号码|联系方式)$/, /电话|手机|联系方式/],
  address: [/^(家庭住址|住址|地址|现住址|家庭地址)$/, /住址|地址/],
};

/** First guess at the mapping; specific headers first so that 户主姓名 is not taken as 姓名. Each column used once. */
export function guessRollMapping(headers: readonly string[]): RollMapping {
  const cells = headers.map((h) => norm(h ?? ''));
  const used = new Set<number>();
  const out = Object.fromEntries(ROLL_FIELDS.map((f) => [f, null])) as RollMapping;
  const order: RollField[] = ['idNumber', 'headName', 'relation', 'accountNumber', 'bankName', 'personClass', 'category', 'amount', 'startMonth', 'phone', 'address', 'name', 'village'];
  for (const field of order) {
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

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** 保障类别: the roll writes 困难/低保, 低收入, 因病支出型 in many ways. */
export function parseRollCategory(text: string): Parsed<Exclude<Category, 'ineligible'>> {
  const t = text.replace(/\s+/g, '');
  if (t === '') return { ok: false, error: '保障类别为空' };
  if (/因病|支出型/.test(t)) return { ok: true, value: 'medical-expense' };
  if (/低收入|边缘/.test(t)) return { ok: true, value: 'low-income' };
  if (/困难|低保|城乡低保|农村低保|城市低保/.test(t)) return { ok: true, value: 'poor' };
  return { ok: false, error: `保障类别「${text}」无法识别（应为 困难、低收入 或 因病支出型）` };
}

/** 人员类别 A/B/C; an empty cell is a household member not covered. */
export function parseRollClass(text: string): Parsed<'A' | 'B' | 'C' | null> {
  const t = text.replace(/\s+/g, '').toUpperCase().replace(/类$/, '');
  if (t === '') return { ok: true, value: null };
  if (t === 'A' || t === 'B' || t === 'C') return { ok: true, value: t };
  return { ok: false, error: `人员类别「${text}」无法识别（应为 A、B 或 C）` };
}

/** 月保障金 in yuan, at most two decimals; empty is null. */
export function parseRollAmount(text: string): Parsed<number | null> {
  const t = text.replace(/[\s,，元]/g, '');
  if (t === '') return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, error: `月保障金「${text}」不是金额` };
  const v = Number(t);
  if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return { ok: false, error: `月保障金「${text}」最多保留两位小数` };
  if (v > 100_000) return { ok: false, error: `月保障金「${text}」过大` };
  return { ok: true, value: Math.round(v * 100) / 100 };
}

/** 享受起始年月: 2021-03, 2021/3, 2021年3月, 202103, or a full date (its month). */
export function parseRollMonth(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { ok: false, error: '享受起始年月为空' };
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]?\s*\d{1,2}\s*日?)?|(\d{2}))$/.exec(t);
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2] ?? m[3]) : NaN;
  if (!m || month < 1 || month > 12 || year < 1990) return { ok: false, error: `享受起始年月「${text}」无法识别（如 2021-03）` };
  return { ok: true, value: `${year}-${String(month).padStart(2, '0')}` };
}

const RELATION_WORDS: [RegExp, string][] = [
  [/^(户主|本人)$/, '户主'],
  [/^(配偶|妻子?|丈夫|夫|老伴)$/, '配偶'],
  [/^(子女|子|女|儿子|女儿|长子|次子|长女|次女|养子|养女|继子|继女)$/, '子女'],
  [/^(儿媳|媳妇)$/, '儿媳'],
  [/^女婿$/, '女婿'],
  [/^(父母|父亲|母亲|父|母|公公|婆婆|岳父|岳母)$/, '父母'],
  [/^(孙子女|孙子|孙女|外孙|外孙女|外孙子)$/, '孙子女'],
  [/^(兄弟姐妹|兄|弟|姐|妹|哥哥|弟弟|姐姐|妹妹)$/, '兄弟姐妹'],
  [/^(祖父母|祖父|祖母|爷爷|奶奶|外祖父|外祖母)$/, '祖父母'],
  [/^其他/, '其他'],
];

/** 与户主关系 in the registry's words; empty means the head (a roll with one row per household). */
export function parseRollRelation(text: string): Parsed<string> {
  const t = text.replace(/\s+/g, '');
  if (t === '') return { ok: true, value: '户主' };
  for (const [re, value] of RELATION_WORDS) if (re.test(t)) return { ok: true, value };
  return { ok: false, error: `与户主关系「${text}」无法识别（如 户主、配偶、子女、父母）` };
}

/** Payment starts no later than next month: a start month further ahead is a typing error. */
export function isStartMonthTooLate(month: string, today: string): boolean {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return month > next;
}

/**
 * What the engine says of an imported household's amounts from the facts a roll carries (category, classes; no
 * incomes): a 低收入 or 因病支出型 household has one covered person at the single-cover amount (方案二(三) "严格按照
 * 标准施保"); a 困难家庭 member gets at most the class amount of a member without any income. A roll amount outside
 * that is flagged: the clerk may still import it, with a written reason (the decision was the old system's).
 */
export function rollAmountProblems(
  category: Exclude<Category, 'ineligible'>,
  covered: readonly { name: string; personClass: PersonClass; amount: number }[],
  policy: Policy,
): string[] {
  if (category !== 'poor') {
    const single = singleCoverAmountOf(policy);
    const out: string[] = [];
    if (covered.length > 1) out.push(`低收入、因病支出型家庭按现行政策一户保一人，本户有 ${covered.length} 名保障对象`);
    for (const m of covered) if (m.amount !== single) out.push(`${m.name} 月保障金 ${m.amount} 元，现行政策按标准施保为 ${single} 元`);
    return out;
  }
  return covered.flatMap((m) => {
    const max = toNumber(poorMemberAmount(m.name, ratio(policy.standard), m.personClass, policy).amount);
    return m.amount > max ? [`${m.name}（${m.personClass}类）月保障金 ${m.amount} 元，超过现行政策下无收入时的 ${max} 元`] : [];
  });
}
