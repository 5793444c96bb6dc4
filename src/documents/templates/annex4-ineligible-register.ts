// 附件4 不符合低保对象登记表 (plan 三(二)第五步): refused applicants, filed with the county together
// with the refusal notices issued to them. Full ID numbers: internal on every page.
import type { DocDefinition } from '../doc-definition.js';
import {
  annexLabel,
  LANDSCAPE_TEXT_WIDTH,
  SMALL_SIZE,
  type Column,
  factLine,
  formatChineseDate,
  formatYuan,
  gridTable,
  officialDocument,
  signatureRow,
  tableThenSignature,
  title,
} from '../layout.js';
import type { IneligibleRegisterData, IneligibleRow } from '../types.js';

export const INELIGIBLE_REGISTER_TITLE = '不符合低保对象登记表';

const INELIGIBLE_SIZE = 10.5;

// Content widths at 10.5 pt: 「2026年12月31日」 is 4 CJK + 8 digits ≈ 74 pt, so dates get 78 pt and never wrap;
// a 文号 such as 「东山民低不批〔2026〕12号」 fits 130 pt, with the notice's date on the line under it: the grounds
// (an asset finding runs to 80 characters) keep the width a separate date column would take.
const COLUMNS: Column<IneligibleRow>[] = [
  { header: '序号', width: 18, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 54, cell: (row) => row.headName },
  { header: '户主身份证号码', width: 112, cell: (row) => row.headIdNumber },
  { header: '家庭人口', width: 22, cell: (row) => String(row.householdSize) },
  { header: '申请日期', width: 78, cell: (row) => formatChineseDate(row.applicationDate) },
  { header: '月人均收入（元）', width: 44, cell: (row) => (row.perCapitaIncome === null ? '' : formatYuan(row.perCapitaIncome)), alignment: 'right' },
  { header: '不符合条件的原因', width: '*', cell: (row) => row.reason, alignment: 'left' },
  {
    header: '不予批准通知书\n文号及日期',
    width: 130,
    cell: (row) => [row.noticeNumber ?? '', row.noticeDate ? formatChineseDate(row.noticeDate) : ''].filter(Boolean).join('\n'),
  },
];

export function ineligibleRegister(data: IneligibleRegisterData): DocDefinition {
  const table = gridTable(COLUMNS, data.rows, { fontSize: INELIGIBLE_SIZE });
  const signature = signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '村党组织书记', '镇民政所审核']);
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
    ...tableThenSignature(table, signature),
  ]);
}
