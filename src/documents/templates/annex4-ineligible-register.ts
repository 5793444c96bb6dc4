// 附件4 不符合低保对象登记表 (plan 三(二)第五步): refused applicants, filed with the county together
// with the refusal notices issued to them.
import type { DocDefinition } from '../doc-definition.js';
import { annexLabel, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, gridTable, officialDocument, signatureRow, title } from '../layout.js';
import type { IneligibleRegisterData, IneligibleRow } from '../types.js';

export const INELIGIBLE_REGISTER_TITLE = '不符合低保对象登记表';

// 五号 (10.5 pt) on landscape A4, widths that keep common values on one line (issue 12): an 18-digit ID (104 pt),
// a 7-character name, a date of 「2026年12月26日」 (78 pt); the notice's 文号 and date share one cell, two lines.
const LIST_SIZE = 10.5;
const COLUMNS: Column<IneligibleRow>[] = [
  { header: '序号', width: 20, cell: (_row, index) => String(index + 1) },
  { header: '村（社区）', width: 48, cell: (row) => row.village },
  { header: '户主姓名', width: 76, cell: (row) => row.headName },
  { header: '户主身份证号码', width: 108, cell: (row) => row.headIdNumber },
  { header: '家庭人口', width: 24, cell: (row) => String(row.householdSize) },
  { header: '月人均收入（元）', width: 46, cell: (row) => (row.perCapitaIncome === null ? '' : row.perCapitaIncome.toFixed(2)), alignment: 'right' },
  { header: '申请日期', width: 80, cell: (row) => formatChineseDate(row.applicationDate) },
  { header: '不符合条件的原因', width: '*', cell: (row) => [row.reason, row.note].filter(Boolean).join('；'), alignment: 'left' },
  {
    header: '不予批准通知书文号及日期',
    width: 132,
    cell: (row) => [row.noticeNumber ?? '', row.noticeDate ? formatChineseDate(row.noticeDate) : ''].filter(Boolean).join('\n'),
  },
];

export function ineligibleRegister(data: IneligibleRegisterData): DocDefinition {
  return officialDocument({ title: `${data.village}${INELIGIBLE_REGISTER_TITLE}`, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    annexLabel('附件4'),
    title(INELIGIBLE_REGISTER_TITLE),
    factLine(
      [
        ['填报单位', `${data.township}${data.village}`],
        ['填表日期', formatChineseDate(data.fillDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE }),
    signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '村党组织书记', '镇民政所审核']),
  ]);
}
