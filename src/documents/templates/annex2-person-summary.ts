// 附件2 人员信息汇总表 (plan 三(二)第二步): internal form sent to the county for the economic check, so
// full ID numbers are printed; it is never posted.
import type { DocDefinition } from '../doc-definition.js';
import { annexLabel, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, formatYuan, gridTable, officialDocument, signatureRow, title } from '../layout.js';
import type { PersonSummaryData, PersonSummaryRow } from '../types.js';

export const PERSON_SUMMARY_TITLE = '低保对象人员信息汇总表';

// Widths fit 11 pt on landscape A4: an 18-digit ID needs 108 pt and must not wrap.
const COLUMNS: Column<PersonSummaryRow>[] = [
  { header: '序号', width: 22, cell: (_row, index) => String(index + 1) },
  { header: '村（社区）', width: 56, cell: (row) => row.village },
  { header: '户主姓名', width: 46, cell: (row) => row.headName },
  { header: '姓名', width: 40, cell: (row) => row.name },
  { header: '与户主关系', width: 34, cell: (row) => row.relation },
  { header: '性别', width: 24, cell: (row) => row.sex },
  { header: '身份证号码', width: 112, cell: (row) => row.idNumber },
  { header: '家庭人口', width: 24, cell: (row) => String(row.householdSize) },
  { header: '健康状况', width: '*', cell: (row) => row.health },
  { header: '劳动能力', width: 50, cell: (row) => row.laborCapacity },
  { header: '月收入（元）', width: 40, cell: (row) => formatYuan(row.monthlyIncome), alignment: 'right' },
  { header: '申请类型', width: 56, cell: (row) => row.applicationType },
  { header: '备注', width: 40, cell: (row) => row.note ?? '' },
];

export function personSummary(data: PersonSummaryData): DocDefinition {
  return officialDocument({ title: `${data.village}${PERSON_SUMMARY_TITLE}`, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    annexLabel('附件2'),
    title(PERSON_SUMMARY_TITLE),
    factLine(
      [
        ['填报单位', `${data.township}${data.village}`],
        ['填表日期', formatChineseDate(data.fillDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    gridTable(COLUMNS, data.rows, { fontSize: 11 }),
    signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '分片村干部', '村党组织书记']),
  ]);
}
