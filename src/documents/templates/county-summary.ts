// 县级汇总表 (issue 15): the county bureau's summary of its townships' filing packages, A4 landscape, every page
// marked 内部资料 (it is the county's working paper: counts and amounts, and the 近亲属 cases by household head).
import type { Content, DocDefinition } from '../doc-definition.js';
import { LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, gridTable, mm, officialDocument, signatureRow, title } from '../layout.js';

export const COUNTY_SUMMARY_TITLE = '最低生活保障县级汇总表';
export const COUNTY_INTERNAL_MARK = '内部资料';

export type CountySummaryPdfRow = {
  township: string;
  households: number;
  persons: number;
  poor: number;
  lowIncome: number;
  medical: number;
  classA: number;
  classB: number;
  classC: number;
  monthlyTotal: number;
  approvals: number;
  refusals: number;
  exits: number;
  overdue: number;
  relatives: string;
  duplicates: number;
};

export type CountySummaryPdfData = {
  countyName: string;
  reportDate: string;
  packages: number;
  rows: CountySummaryPdfRow[];
  total: CountySummaryPdfRow;
  relatives: { township: string; village: string; headName: string; caseRef: number; staffRelativeOf: string; visit: string; state: string }[];
  overdue: { township: string; village: string; headName: string; caseRef: number; dueOn: string; concludedOn: string }[];
  preparedBy: string;
};

const LIST_SIZE = 10;
const n = (v: number) => String(v);
const money = (v: number) => v.toFixed(2);

const COLUMNS: Column<CountySummaryPdfRow>[] = [
  { header: '乡镇', width: '*', cell: (r) => r.township, alignment: 'left' },
  { header: '在保户数', width: 32, cell: (r) => n(r.households), alignment: 'right' },
  { header: '在保人数', width: 32, cell: (r) => n(r.persons), alignment: 'right' },
  { header: '困难家庭户数', width: 34, cell: (r) => n(r.poor), alignment: 'right' },
  { header: '低收入户数', width: 34, cell: (r) => n(r.lowIncome), alignment: 'right' },
  { header: '因病支出型户数', width: 34, cell: (r) => n(r.medical), alignment: 'right' },
  { header: 'A类人数', width: 28, cell: (r) => n(r.classA), alignment: 'right' },
  { header: 'B类人数', width: 28, cell: (r) => n(r.classB), alignment: 'right' },
  { header: 'C类人数', width: 28, cell: (r) => n(r.classC), alignment: 'right' },
  { header: '月保障金（元）', width: 56, cell: (r) => money(r.monthlyTotal), alignment: 'right' },
  { header: '本轮批准户数', width: 32, cell: (r) => n(r.approvals), alignment: 'right' },
  { header: '不予批准户数', width: 32, cell: (r) => n(r.refusals), alignment: 'right' },
  { header: '退出户数', width: 28, cell: (r) => n(r.exits), alignment: 'right' },
  { header: '超时限件数', width: 28, cell: (r) => n(r.overdue), alignment: 'right' },
  { header: '近亲属备案全面入户／件数', width: 44, cell: (r) => r.relatives },
  { header: '重复享受人数', width: 30, cell: (r) => n(r.duplicates), alignment: 'right' },
];

function internalHeader(): Content {
  return { text: COUNTY_INTERNAL_MARK, alignment: 'right', bold: true, fontSize: SMALL_SIZE - 2, margin: [0, mm(10), mm(26), 0] };
}

export function countySummaryDocument(data: CountySummaryPdfData): DocDefinition {
  const heading = `${data.countyName}${COUNTY_SUMMARY_TITLE}`;
  const content: Content[] = [
    title(heading),
    factLine(
      [
        ['汇总单位', data.countyName],
        ['乡镇数', `${data.rows.length}个`],
        ['计入备案包', `${data.packages}个`],
        ['制表日期', formatChineseDate(data.reportDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    gridTable(COLUMNS, [...data.rows, data.total], { fontSize: LIST_SIZE }),
  ];
  if (data.relatives.length) {
    content.push(
      { text: `近亲属备案案件（${data.relatives.length}件）`, bold: true, fontSize: SMALL_SIZE - 2, margin: [0, 8, 0, 2] },
      gridTable<CountySummaryPdfData['relatives'][number]>(
        [
          { header: '乡镇', width: 90, cell: (r) => r.township, alignment: 'left' },
          { header: '村（社区）', width: 80, cell: (r) => r.village, alignment: 'left' },
          { header: '户主', width: 60, cell: (r) => r.headName },
          { header: '案件号', width: 44, cell: (r) => n(r.caseRef) },
          { header: '近亲属关系', width: '*', cell: (r) => r.staffRelativeOf, alignment: 'left' },
          { header: '全面入户调查', width: 70, cell: (r) => r.visit },
          { header: '办理状态', width: 70, cell: (r) => r.state },
        ],
        data.relatives,
        { fontSize: LIST_SIZE },
      ),
    );
  }
  if (data.overdue.length) {
    content.push(
      { text: `超过办结时限的案件（${data.overdue.length}件）`, bold: true, fontSize: SMALL_SIZE - 2, margin: [0, 8, 0, 2] },
      gridTable<CountySummaryPdfData['overdue'][number]>(
        [
          { header: '乡镇', width: 110, cell: (r) => r.township, alignment: 'left' },
          { header: '村（社区）', width: '*', cell: (r) => r.village, alignment: 'left' },
          { header: '户主', width: 70, cell: (r) => r.headName },
          { header: '案件号', width: 50, cell: (r) => n(r.caseRef) },
          { header: '办结期限', width: 80, cell: (r) => r.dueOn },
          { header: '办结日期', width: 80, cell: (r) => r.concludedOn },
        ],
        data.overdue,
        { fontSize: LIST_SIZE },
      ),
    );
  }
  content.push(
    { text: `本表据各乡镇报送的已核验备案包汇总（同一乡镇同一范围以最新备案包为准），${COUNTY_INTERNAL_MARK}，不得公开张贴。`, fontSize: SMALL_SIZE - 3, margin: [0, 6, 0, 0] },
    signatureRow([`制表人（${data.preparedBy}）`, '审核人', '分管领导']),
  );
  const doc = officialDocument({ title: heading, issueDate: data.reportDate, orientation: 'landscape', density: 'form' }, content);
  return { ...doc, header: () => internalHeader() };
}
