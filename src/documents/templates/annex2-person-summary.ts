// 附件2 人员信息汇总表 (plan 三(二)第二步): internal form sent to the county for the economic check, so
// full ID numbers are printed; it is never posted, and every page says so.
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
  laborCapacityCell,
  officialDocument,
  signatureRow,
  tableThenSignature,
  title,
} from '../layout.js';
import type { PersonSummaryData, PersonSummaryRow } from '../types.js';

export const PERSON_SUMMARY_TITLE = '低保对象人员信息汇总表';

/** 五号: fourteen columns with a full ID number on landscape A4. */
export const PERSON_SUMMARY_SIZE = 10.5;


// 「有劳动能力」 fits its column whole (it wrapped in every row before, so only 7 rows fitted a page).
// Widths are content widths at 10.5 pt (pdfmake adds the 3 + 3 pt padding): 「有劳动能力」 52.5 pt, 「现有低保户」 52.5 pt,
// 「肢体残疾二级」 63 pt, an 18-digit ID ≈ 109 pt (Noto's digits are 0.575 em); the supporters take what is left. The household's head leads its
// lines (relation 「户主」), so no separate 户主姓名 column is needed.
const COLUMNS: Column<PersonSummaryRow>[] = [
  { header: '序号', width: 18, cell: (_row, index) => String(index + 1) },
  { header: '姓名', width: 66, cell: (row) => row.name },
  { header: '与户主关系', width: 32, cell: (row) => row.relation },
  { header: '性别', width: 20, cell: (row) => row.sex },
  { header: '身份证号码', width: 112, cell: (row) => row.idNumber },
  { header: '家庭人口', width: 22, cell: (row) => String(row.householdSize) },
  { header: '健康状况', width: 22, cell: (row) => row.health },
  { header: '残疾类别\n及等级', width: 64, cell: (row) => row.disability },
  { header: '劳动能力', width: 54, cell: (row) => laborCapacityCell(row.laborCapacity) },
  { header: '人员类别', width: 22, cell: (row) => row.personClass },
  { header: '月收入（元）', width: 36, cell: (row) => formatYuan(row.monthlyIncome), alignment: 'right' },
  { header: '申请类型', width: 54, cell: (row) => row.applicationType },
  { header: '法定赡养（抚养、扶养）人', width: '*', cell: (row) => row.supporters ?? '', alignment: 'left' },
];

export function personSummary(data: PersonSummaryData): DocDefinition {
  const table = gridTable(COLUMNS, data.rows, { fontSize: PERSON_SUMMARY_SIZE });
  const signature = signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '分片村干部', '村党组织书记']);
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
    ...tableThenSignature(table, signature),
  ]);
}
