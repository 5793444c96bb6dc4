// 低保金发放花名册 (issue 7): one month's payment for the township or a village, as printed for signature and
// handed to finance with the bank file. It carries full ID and account numbers, so every page says it is internal
// (spec §9: public lists never show them).
import type { Content, DocDefinition } from '../doc-definition.js';
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

export function paymentRoster(data: PaymentRosterData): DocDefinition {
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
    gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE }),
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
