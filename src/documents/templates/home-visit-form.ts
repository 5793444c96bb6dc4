// 入户调查表 (plan 三(二)第四步): prefilled with the household, blank ruled lines for what the visitors
// find, and signature lines for at least two investigators and the family member present (spec §9).
import type { Content, DocDefinition } from '../doc-definition.js';
import {
  blankDate,
  type Column,
  factLine,
  fieldGrid,
  formatChineseDate,
  formatYuan,
  gridTable,
  mm,
  officialDocument,
  ruledLines,
  sectionHeading,
  signatureLine,
  SMALL_SIZE,
  title,
} from '../layout.js';
import type { HomeVisitData, MemberLine } from '../types.js';

export const HOME_VISIT_TITLE = '最低生活保障入户调查表';

/** Two investigators is the legal minimum; more names simply add lines. */
const MIN_INVESTIGATORS = 2;

const SECTIONS = [
  '一、家庭收入情况（工资、务工、经营、种养殖、赡养费、转移性收入等）',
  '二、家庭财产情况（住房、车辆、存款、有价证券、大型农机具等）',
  '三、家庭成员健康、残疾及劳动能力情况',
  '四、调查人员意见',
] as const;

// 11 pt on portrait A4: the 18-digit ID needs 108 pt and must stay on one line.
export const MEMBER_COLUMNS: Column<MemberLine>[] = [
  { header: '姓名', width: 40, cell: (row) => row.name },
  { header: '与户主关系', width: 34, cell: (row) => row.relation },
  { header: '性别', width: 22, cell: (row) => row.sex },
  { header: '身份证号码', width: 112, cell: (row) => row.idNumber },
  { header: '健康状况', width: '*', cell: (row) => row.health },
  { header: '劳动能力', width: 56, cell: (row) => row.laborCapacity },
  { header: '职业', width: 30, cell: (row) => row.occupation ?? '' },
  { header: '月收入（元）', width: 36, cell: (row) => (row.monthlyIncome === undefined ? '' : formatYuan(row.monthlyIncome)), alignment: 'right' },
];

export function homeVisitForm(data: HomeVisitData): DocDefinition {
  const lines = data.findingLines ?? 3;
  const investigators = [...(data.investigators ?? [])];
  while (investigators.length < MIN_INVESTIGATORS) investigators.push('');
  const sections: Content[] = SECTIONS.map((heading) => ({
    unbreakable: true,
    stack: [sectionHeading(heading), ruledLines(lines, mm(8))],
  }));
  // One line per signer, two per row: at least two investigators and the family member present (spec §9).
  const signers = [...investigators.map((_name, index) => `调查人员${index + 1}（签字）：`), '被调查家庭成员（签字）：'];
  const signatureRows: Content[] = [];
  for (let i = 0; i < signers.length; i += 2) {
    signatureRows.push({
      margin: [0, 10, 0, 0],
      // Two to a line in half the 版心 (213 pt): the longest label 「调查人员2（签字）：」 is 133 pt at 4号, so the blank
      // is 70 pt (80 ran 10 pt past the margin, issue 12).
      columns: signers.slice(i, i + 2).map((label) => ({ width: '*', stack: [signatureLine(label, 70, SMALL_SIZE)] })),
      columnGap: 16,
    });
  }
  const signatures: Content = {
    unbreakable: true,
    margin: [0, 8, 0, 0],
    stack: [
      ...signatureRows,
      { margin: [0, 10, 0, 0], fontSize: SMALL_SIZE, text: `调查日期：${data.visitDate ? formatChineseDate(data.visitDate) : blankDate()}` },
    ],
  };
  return officialDocument({ title: `${HOME_VISIT_TITLE}（${data.headName}）`, issueDate: data.visitDate, density: 'form' }, [
    title(HOME_VISIT_TITLE),
    factLine([
      ['乡镇', data.township],
      ['村（社区）', data.village],
    ]),
    // 调查类型 in the grid: 「复核（现有低保户）」 wrapped on the fact line (issue 12).
    fieldGrid([
      ['户主姓名', data.headName],
      ['联系电话', data.phone ?? ''],
      ['家庭人口', `${data.members.length}人`],
      ['调查类型', data.visitType],
      ['家庭住址', data.address, 'wide'],
      ['调查人员', investigators.filter((name) => name !== '').join('、'), 'wide'],
    ]),
    sectionHeading('家庭成员情况'),
    gridTable(MEMBER_COLUMNS, data.members, { fontSize: 11, margin: [0, 0, 0, 4] }),
    ...sections,
    signatures,
  ]);
}
