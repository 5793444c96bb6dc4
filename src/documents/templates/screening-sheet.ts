// 《重点对象摸排表》 (plan 三(二)第一步): filled per cadre's area, signed by that cadre and reported to
// the village. Blank rows leave room for households found during the walk.
import type { DocDefinition } from '../doc-definition.js';
import { type Column, factLine, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, formatChineseDate, gridTable, officialDocument, signatureRow, title } from '../layout.js';
import type { ScreeningRow, ScreeningSheetData } from '../types.js';

export const SCREENING_SHEET_TITLE = '重点对象摸排表';

const COLUMNS: Column<ScreeningRow>[] = [
  { header: '序号', width: 26, cell: (_row, index) => String(index + 1) },
  { header: '户主姓名', width: 60, cell: (row) => row.headName },
  { header: '家庭人口', width: 26, cell: (row) => String(row.householdSize) },
  { header: '重点类型', width: 110, cell: (row) => row.focusTypes.join('、') },
  { header: '家庭主要困难情况', width: '*', cell: (row) => row.situation, alignment: 'left' },
  { header: '是否现有低保户', width: 50, cell: (row) => (row.isCurrentRecipient ? '是' : '否') },
  { header: '摸排意见', width: 60, cell: (row) => row.proposal },
  { header: '备注', width: 70, cell: (row) => row.note ?? '' },
];

export function screeningSheet(data: ScreeningSheetData): DocDefinition {
  return officialDocument({ title: `${data.village}${data.area}${SCREENING_SHEET_TITLE}`, issueDate: data.fillDate, orientation: 'landscape', density: 'form' }, [
    title(SCREENING_SHEET_TITLE),
    factLine(
      [
        ['村（社区）', `${data.township}${data.village}`],
        ['片区', data.area],
        ['摸排干部', data.cadreName],
        ['填表日期', formatChineseDate(data.fillDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    gridTable(COLUMNS, data.rows, { blankRows: data.blankRows ?? 0 }),
    {
      text: '重点类型：未脱贫户、已脱贫A类户、非建档立卡重点关注户、重病对象、重残对象、完全丧失劳动能力且无稳定收入等。摸排意见：拟申请、拟退出、维持。',
      fontSize: 11,
    },
    signatureRow(['分片村干部（签字）', '村党组织书记（签字）'], 14, 120),
  ]);
}
