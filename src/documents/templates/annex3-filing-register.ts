// 附件3 备案登记表 (plan 三(二)第二步). Close relatives of village-committee members or civil-affairs
// staff must be declared and filed separately and visited in full (spec §9): the official's name, post and the
// relation each have a column, and so has the full home visit. Full ID numbers: internal on every page.
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
import type { FilingRegisterData, FilingRow } from '../types.js';

export const FILING_REGISTER_TITLE = '最低生活保障对象备案登记表';

const FILING_SIZE = 10.5;

const visitCell = (row: FilingRow): string => (row.fullHomeVisit === null ? '未调查' : row.fullHomeVisit ? '是' : '否');

// Content widths at 10.5 pt: 「低收入家庭」 and 「现有低保户」 52.5 pt, 「村委会委员」 52.5 pt, an 18-digit ID ≈ 109 pt.
const COLUMNS: Column<FilingRow>[] = [
  { header: '序号', width: 18, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 54, cell: (row) => row.headName },
  { header: '户主身份证号码', width: 112, cell: (row) => row.headIdNumber },
  { header: '家庭人口', width: 22, cell: (row) => String(row.householdSize) },
  { header: '保障类别', width: 54, cell: (row) => row.category },
  { header: '人员类别', width: '*', cell: (row) => row.personClass },
  { header: '月保障金（元）', width: 36, cell: (row) => formatYuan(row.monthlyAmount), alignment: 'right' },
  { header: '是否近亲属', width: 24, cell: (row) => (row.isStaffRelative ? '是' : '否') },
  { header: '工作人员\n姓名', width: 44, cell: (row) => row.officialName ?? '' },
  { header: '工作人员\n职务', width: 56, cell: (row) => row.officialPost ?? '' },
  { header: '与申请\n人关系', width: 32, cell: (row) => row.relation ?? '' },
  { header: '是否全面入户调查', width: 34, cell: visitCell },
  { header: '备注', width: 54, cell: (row) => row.note ?? '' },
];

export function filingRegister(data: FilingRegisterData): DocDefinition {
  const relatives = data.rows.filter((row) => row.isStaffRelative).length;
  const table = gridTable(COLUMNS, data.rows, { fontSize: FILING_SIZE });
  const signature = signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '分片村干部', '村党组织书记']);
  return officialDocument({ title: `${data.village}${FILING_REGISTER_TITLE}`, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    annexLabel('附件3'),
    title(FILING_REGISTER_TITLE),
    factLine(
      [
        ['填报单位', `${data.township}${data.village}`],
        ['填表日期', formatChineseDate(data.fillDate)],
        ['其中近亲属备案', `${relatives}户`],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    ...tableThenSignature(table, signature),
  ]);
}
