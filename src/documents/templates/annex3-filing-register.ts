// 附件3 备案登记表 (plan 三(二)第二步). Close relatives of village-committee members or civil-affairs
// staff must be declared and filed separately (spec §9), hence the explicit 近亲属 columns.
import type { DocDefinition } from '../doc-definition.js';
import { annexLabel, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, formatYuan, gridTable, officialDocument, signatureRow, title } from '../layout.js';
import type { FilingRegisterData, FilingRow } from '../types.js';

export const FILING_REGISTER_TITLE = '最低生活保障对象备案登记表';

// 五号 (10.5 pt) on landscape A4 (issue 12): the head's ID number on one line, 「因病支出型家庭」 on one line; the
// sheet is one village's, so no village column.
const LIST_SIZE = 10.5;
const COLUMNS: Column<FilingRow>[] = [
  { header: '序号', width: 20, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 64, cell: (row) => row.headName },
  { header: '户主身份证号码', width: 108, cell: (row) => row.headIdNumber },
  { header: '家庭人口', width: 24, cell: (row) => String(row.householdSize) },
  { header: '保障类别', width: 76, cell: (row) => row.category },
  { header: '人员类别', width: 72, cell: (row) => row.personClass },
  { header: '月保障金（元）', width: 44, cell: (row) => formatYuan(row.monthlyAmount), alignment: 'right' },
  { header: '是否近亲属', width: 40, cell: (row) => (row.isStaffRelative ? '是' : '否') },
  // 近亲属 of a village-committee member or civil-affairs staff (spec §9).
  { header: '近亲属关系说明', width: '*', cell: (row) => row.staffRelation ?? '', alignment: 'left' },
  { header: '入户调查', width: 56, cell: (row) => row.homeVisit },
  { header: '备注', width: 54, cell: (row) => row.note ?? '' },
];

export function filingRegister(data: FilingRegisterData): DocDefinition {
  const relatives = data.rows.filter((row) => row.isStaffRelative).length;
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
    gridTable(COLUMNS, data.rows, { fontSize: LIST_SIZE }),
    signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '分片村干部', '村党组织书记']),
  ]);
}
