// 审批通过名单 of a filing package (备案包, issue 7): the households the township panel approved in the scope,
// with the decided monthly amounts and payment start. Internal: filed with the county, never posted.
import type { DocDefinition } from '../doc-definition.js';
import { LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, formatChineseMonth, formatYuan, gridTable, officialDocument, signatureRow, tableThenSignature, title } from '../layout.js';

export const APPROVED_LIST_TITLE = '最低生活保障审批通过名单';

export type ApprovedListPdfRow = {
  village: string;
  headName: string;
  headIdNumber: string;
  householdSize: number;
  coveredCount: number;
  personClass: string;
  monthlyTotal: number;
  paymentStart: string;
  decidedOn: string;
};

export type ApprovedListData = {
  township: string;
  campaign: string;
  scope: string;
  fillDate: string;
  preparedBy: string;
  rows: readonly ApprovedListPdfRow[];
};

// 五号 (10.5 pt): ten columns with a full ID number do not fit a landscape line at 小4号 without wrapping.
const LIST_SIZE = 10.5;

const COLUMNS: Column<ApprovedListPdfRow>[] = [
  { header: '序号', width: 24, cell: (_r, i) => String(i + 1) },
  { header: '村（社区）', width: 62, cell: (r) => r.village },
  { header: '户主姓名', width: 48, cell: (r) => r.headName },
  { header: '户主身份证号码', width: 112, cell: (r) => r.headIdNumber },
  { header: '家庭人口', width: 28, cell: (r) => String(r.householdSize) },
  { header: '保障人数', width: 28, cell: (r) => String(r.coveredCount) },
  { header: '人员类别', width: '*', cell: (r) => r.personClass },
  { header: '月保障金（元）', width: 50, cell: (r) => formatYuan(r.monthlyTotal), alignment: 'right' },
  { header: '起始发放月份', width: 66, cell: (r) => formatChineseMonth(r.paymentStart) },
  { header: '审批日期', width: 90, cell: (r) => formatChineseDate(r.decidedOn) },
];

export function approvedList(data: ApprovedListData): DocDefinition {
  const persons = data.rows.reduce((s, r) => s + r.coveredCount, 0);
  const total = Math.round(data.rows.reduce((s, r) => s + r.monthlyTotal, 0) * 100) / 100;
  return officialDocument({ title: APPROVED_LIST_TITLE, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    title(APPROVED_LIST_TITLE),
    factLine(
      [
        ['填报单位', data.township],
        ['专项治理', data.campaign],
        ['填表日期', formatChineseDate(data.fillDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    factLine([['范围', data.scope]], SMALL_SIZE, LANDSCAPE_TEXT_WIDTH),
    // The totals and signatures never stand alone on a last page (tableThenSignature).
    ...tableThenSignature(gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE }), {
      unbreakable: true,
      stack: [
        { text: `合计：${data.rows.length}户，保障${persons}人，月保障金${formatYuan(total)}元。`, fontSize: SMALL_SIZE, margin: [0, 2, 0, 0] },
        { text: '本名单含完整身份证号码，仅供备案，不得张贴公示。', fontSize: SMALL_SIZE - 2, margin: [0, 2, 0, 0] },
        signatureRow([`填表人（${data.preparedBy}）`, '民政所负责人', '分管领导']),
      ],
    }),
  ]);
}
