// 附件4 不符合低保对象登记表 (plan 三(二)第五步): refused applicants, filed with the county together
// with the refusal notices issued to them.
import type { DocDefinition } from '../doc-definition.js';
import { annexLabel, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, gridTable, officialDocument, signatureRow, title } from '../layout.js';
import type { IneligibleRegisterData, IneligibleRow } from '../types.js';

export const INELIGIBLE_REGISTER_TITLE = '不符合低保对象登记表';

const COLUMNS: Column<IneligibleRow>[] = [
  { header: '序号', width: 26, cell: (_row, index) => String(index + 1) },
  { header: '村（社区）', width: 60, cell: (row) => row.village },
  { header: '户主姓名', width: 56, cell: (row) => row.headName },
  { header: '家庭人口', width: 26, cell: (row) => String(row.householdSize) },
  { header: '申请日期', width: 84, cell: (row) => formatChineseDate(row.applicationDate) },
  { header: '不符合条件的原因', width: '*', cell: (row) => row.reason, alignment: 'left' },
  { header: '不予批准通知书文号', width: 120, cell: (row) => row.noticeNumber ?? '' },
  { header: '通知日期', width: 84, cell: (row) => (row.noticeDate ? formatChineseDate(row.noticeDate) : '') },
  { header: '备注', width: 50, cell: (row) => row.note ?? '' },
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
    gridTable(COLUMNS, data.rows),
    signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '村党组织书记', '镇民政所审核']),
  ]);
}
