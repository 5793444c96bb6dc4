// 附件2 人员信息汇总表 (plan 三(二)第二步): internal form sent to the county for the economic check, so
// full ID numbers are printed; it is never posted.
import type { DocDefinition } from '../doc-definition.js';
import { annexLabel, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, formatYuan, gridTable, officialDocument, sectionHeading, signatureRow, title } from '../layout.js';
import type { PersonSummaryData, PersonSummaryRow, SupporterLine } from '../types.js';

export const PERSON_SUMMARY_TITLE = '低保对象人员信息汇总表';

// 五号 (10.5 pt) on landscape A4 (issue 12): an 18-digit ID (104 pt) and 「有劳动能力」 on one line, a name of up to
// 6 characters on one line (7 with a middle dot where the column allows); disability, class and income apart.
const LIST_SIZE = 10.5;
const COLUMNS: Column<PersonSummaryRow>[] = [
  { header: '序号', width: 20, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 64, cell: (row) => row.headName },
  { header: '姓名', width: 64, cell: (row) => row.name },
  { header: '与户主关系', width: 32, cell: (row) => row.relation },
  { header: '性别', width: 20, cell: (row) => row.sex },
  { header: '身份证号码', width: 108, cell: (row) => row.idNumber },
  { header: '家庭人口', width: 24, cell: (row) => String(row.householdSize) },
  { header: '健康状况', width: 24, cell: (row) => row.health },
  { header: '残疾类别等级', width: '*', cell: (row) => row.disability },
  { header: '劳动能力', width: 56, cell: (row) => row.laborCapacity },
  { header: '人员类别', width: 24, cell: (row) => row.personClass },
  { header: '月收入（元）', width: 40, cell: (row) => formatYuan(row.monthlyIncome), alignment: 'right' },
  { header: '申请类型', width: 54, cell: (row) => row.applicationType },
];

const SUPPORTER_COLUMNS: Column<SupporterLine>[] = [
  { header: '序号', width: 20, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 64, cell: (row) => row.headName },
  { header: '赡养（抚养、扶养）人姓名', width: 76, cell: (row) => row.name },
  { header: '与被赡养人关系', width: 64, cell: (row) => row.relation },
  { header: '身份证号码', width: 108, cell: (row) => row.idNumber },
  { header: '月收入（元）', width: 48, cell: (row) => formatYuan(row.monthlyIncome), alignment: 'right' },
  { header: '实际履行赡养（扶养）情况', width: '*', cell: (row) => row.supportProvided ?? '', alignment: 'left' },
];

export function personSummary(data: PersonSummaryData): DocDefinition {
  const supporters = data.supporters ?? [];
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
    gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE }),
    // The supporters travel with the signatures: the members' list above keeps a row with them on their page.
    signatureRow(
      [`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '分片村干部', '村党组织书记'],
      SMALL_SIZE,
      96,
      supporters.length > 0 ? [sectionHeading('法定赡养（抚养、扶养）义务人'), gridTable(SUPPORTER_COLUMNS, supporters, { fontSize: LIST_SIZE })] : [],
    ),
  ]);
}
