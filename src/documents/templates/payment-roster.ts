// 低保金发放花名册 (issue 7): one month's payment for the township or a village, as printed for signature and
// handed to finance with the bank file. It carries full ID and account numbers, so every page says it is internal
// (spec §9: public lists never show them).
import type { Content, ContentObject, DocDefinition } from '../doc-definition.js';
import type { TextMeasure } from '../render.js';
import {
  LANDSCAPE_MARGINS,
  LANDSCAPE_TEXT_WIDTH,
  SMALL_SIZE,
  type Column,
  factLine,
  formatChineseDate,
  formatChineseMonth,
  gridTable,
  mm,
  officialDocument,
  signatureRow,
  title,
} from '../layout.js';

export const PAYMENT_ROSTER_TITLE = '最低生活保障金发放花名册';
export const PAYMENT_INTERNAL_MARK = '内部资料，严禁公开张贴';

export type PaymentRosterPdfRow = {
  seq: number;
  village: string;
  headName: string;
  idNumber: string;
  /** "张三（A）、李四（B）" */
  members: string;
  accountNumber: string;
  bankName: string;
  amount: number;
};

export type PaymentRosterData = {
  township: string;
  month: string;
  scope: string;
  batchLabel: string;
  fillDate: string;
  preparedBy: string;
  /** 「补发」 for a retry file's roster. */
  kind?: string;
  rows: readonly PaymentRosterPdfRow[];
  byVillage: readonly { villageName: string; households: number; persons: number; amount: number }[];
  byClass: readonly { class: string; persons: number; amount: number }[];
  totals: { households: number; persons: number; amount: number };
  excluded: readonly { village: string; headName: string; amount: number; problem: string }[];
};

// 五号 (10.5 pt), as on the approved list: a full ID number and a 19-digit card number must each fit on one line.
const LIST_SIZE = 10.5;

const COLUMNS: Column<PaymentRosterPdfRow>[] = [
  { header: '序号', width: 24, cell: (r) => String(r.seq) },
  { header: '村（社区）', width: 56, cell: (r) => r.village },
  { header: '户主姓名', width: 44, cell: (r) => r.headName },
  { header: '身份证号码', width: 112, cell: (r) => r.idNumber },
  { header: '保障对象及类别', width: '*', cell: (r) => r.members, alignment: 'left' },
  { header: '银行账号', width: 122, cell: (r) => r.accountNumber },
  { header: '开户行', width: 70, cell: (r) => r.bankName },
  { header: '金额（元）', width: 58, cell: (r) => r.amount.toFixed(2), alignment: 'right' },
];

const money = (v: number) => v.toFixed(2);

// GRID_LAYOUT's cell padding (3 pt each side) and rule width.
const CELL_PADDING = 6;
const RULE = 0.6;
const STAR_WIDTH =
  LANDSCAPE_TEXT_WIDTH - COLUMNS.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 0), 0) - COLUMNS.length * CELL_PADDING - (COLUMNS.length + 1) * RULE;

/**
 * The sum of the font's advance widths (textMeasure) is what pdfmake's shaped width comes to for these texts (CJK,
 * digits, full-width brackets: nothing kerns), so it decides as pdfmake would; 0.1 pt is left for rounding. A 19-digit
 * card number fills its 122 pt column to within 0.2 pt, so a percentage margin would wrap every one of them.
 */
type Fits = (text: string, width: number) => boolean;
const fitsWith = (measure: TextMeasure, fontSize: number): Fits => (text, width) => measure(text, fontSize) + 0.1 <= width;

const MEMBERS = COLUMNS.findIndex((c) => c.width === '*');

/** Whole 「、」-separated entries per line within `width`; null when one entry alone is too wide (left to pdfmake). */
function packEntries(text: string, fits: Fits, width: number): string[] | null {
  const entries = text.split('、').map((e, i, all) => (i < all.length - 1 ? `${e}、` : e));
  const lines: string[] = [];
  let line = '';
  for (const entry of entries) {
    if (!fits(entry, width)) return null;
    if (line !== '' && !fits(line + entry, width)) {
      lines.push(line);
      line = '';
    }
    line += entry;
  }
  lines.push(line);
  return lines;
}

/**
 * Marks the cells that certainly fit on one line as `noWrap`. pdfmake otherwise splits every cell into words (each
 * CJK character is one) and measures, lays out and draws each piece separately; at 8,000 rows that was most of the
 * roster's time (issue 13). A cell that fits is drawn at the same place either way; one that might not still wraps.
 */
function singleLineCells(table: ContentObject, fits: Fits): ContentObject {
  // pdfmake's fixed widths are content widths (padding and rules come on top); '*' takes what is left.
  const widths = COLUMNS.map((c) => (typeof c.width === 'number' ? c.width : STAR_WIDTH));
  const body = (table as { table: { body: Content[][] } }).table.body;
  for (let r = 1; r < body.length; r++) {
    const row = body[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] as { text: string; noWrap?: boolean; stack?: Content[] };
      if (fits(cell.text, widths[c]!)) cell.noWrap = true;
      else if (c === MEMBERS) {
        // A long member list: one line per group of whole entries (「张三（A）、」 never split), each drawn whole.
        const lines = packEntries(cell.text, fits, widths[c]!);
        if (lines) row[c] = { stack: lines.map((text) => ({ text, noWrap: true })), alignment: 'left' };
      }
    }
  }
  return table;
}

function totalsTables(data: PaymentRosterData): Content {
  const byVillage = gridTable<PaymentRosterData['byVillage'][number]>(
    [
      { header: '村（社区）', width: '*', cell: (r) => r.villageName },
      { header: '户数', width: 40, cell: (r) => String(r.households) },
      { header: '人数', width: 40, cell: (r) => String(r.persons) },
      { header: '金额（元）', width: 70, cell: (r) => money(r.amount), alignment: 'right' },
    ],
    [...data.byVillage, { villageName: '合计', ...data.totals }],
    { fontSize: LIST_SIZE, margin: [0, 2, 0, 0] },
  );
  const byClass = gridTable<PaymentRosterData['byClass'][number]>(
    [
      { header: '保障类别', width: '*', cell: (r) => (r.class === '合计' ? r.class : `${r.class}类`) },
      { header: '人数', width: 40, cell: (r) => String(r.persons) },
      { header: '金额（元）', width: 70, cell: (r) => money(r.amount), alignment: 'right' },
    ],
    [...data.byClass, { class: '合计', persons: data.totals.persons, amount: data.totals.amount }],
    { fontSize: LIST_SIZE, margin: [0, 2, 0, 0] },
  );
  return {
    unbreakable: true,
    margin: [0, 6, 0, 0],
    columns: [
      { width: mm(110), stack: [{ text: '按村（社区）汇总', bold: true, fontSize: SMALL_SIZE - 2 }, byVillage] },
      { width: mm(80), stack: [{ text: '按保障类别汇总', bold: true, fontSize: SMALL_SIZE - 2 }, byClass] },
    ],
    columnGap: mm(12),
  };
}

function excludedList(data: PaymentRosterData): Content {
  if (data.excluded.length === 0) return [];
  return [
    { text: `未列入代发的家庭（${data.excluded.length}户，须补录银行账号后补发）`, bold: true, fontSize: SMALL_SIZE - 2, margin: [0, 8, 0, 0] },
    gridTable<PaymentRosterData['excluded'][number]>(
      [
        { header: '村（社区）', width: 70, cell: (r) => r.village },
        { header: '户主姓名', width: 60, cell: (r) => r.headName },
        { header: '应发金额（元）', width: 70, cell: (r) => money(r.amount), alignment: 'right' },
        { header: '原因', width: '*', cell: (r) => r.problem, alignment: 'left' },
      ],
      data.excluded,
      { fontSize: LIST_SIZE, margin: [0, 2, 0, 0] },
    ),
  ];
}

/** `measure` (textMeasure of the render's options) lets cells that surely fit be drawn whole; without it pdfmake wraps every cell. */
export function paymentRoster(data: PaymentRosterData, measure: TextMeasure | null = null): DocDefinition {
  const table = gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE });
  const heading = `${data.township}${formatChineseMonth(data.month)}${PAYMENT_ROSTER_TITLE}${data.kind ? `（${data.kind}）` : ''}`;
  const doc = officialDocument({ title: heading, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    title(heading),
    factLine(
      [
        ['发放范围', data.scope],
        ['发放月份', formatChineseMonth(data.month)],
        ['批次', data.batchLabel],
        ['制表日期', formatChineseDate(data.fillDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    measure ? singleLineCells(table, fitsWith(measure, LIST_SIZE)) : table,
    {
      text: `合计：${data.totals.households}户，保障${data.totals.persons}人，发放金额${money(data.totals.amount)}元。`,
      bold: true,
      fontSize: SMALL_SIZE - 2,
      margin: [0, 2, 0, 0],
    },
    totalsTables(data),
    excludedList(data),
    { text: `本花名册含完整身份证号码和银行账号，${PAYMENT_INTERNAL_MARK}，用后妥善保管。`, fontSize: SMALL_SIZE - 3, margin: [0, 6, 0, 0] },
    signatureRow(['制表人', '民政所负责人', '分管领导']),
  ]);
  const [left, , right] = LANDSCAPE_MARGINS;
  return {
    ...doc,
    header: () => ({
      margin: [left, mm(12), right, 0],
      columns: [
        { text: PAYMENT_INTERNAL_MARK, bold: true, fontSize: SMALL_SIZE - 3, color: '#b00000' },
        { text: `${formatChineseMonth(data.month)} · ${data.scope}`, alignment: 'right', fontSize: SMALL_SIZE - 3 },
      ],
    }),
    footer: (page, pages) => ({
      margin: [left, mm(8), right, 0],
      columns: [
        { text: PAYMENT_INTERNAL_MARK, fontSize: SMALL_SIZE - 3 },
        { text: `第 ${page} 页，共 ${pages} 页`, alignment: 'center', fontSize: SMALL_SIZE - 3 },
        { text: `制表人：${data.preparedBy}`, alignment: 'right', fontSize: SMALL_SIZE - 3 },
      ],
    }),
  };
}
