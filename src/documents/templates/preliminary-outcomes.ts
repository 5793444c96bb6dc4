// 初审结果名单 (plan 三(二)第五步 "村两委…进行初审，提出拟纳入、拟清退和不符合条件的对象名单"): per village, the three
// lists the committee's 初审 produced, for the village meeting and the file. A working list printed on request,
// not a registered official document.
import type { Content, DocDefinition } from '../doc-definition.js';
import { LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, formatYuan, gridTable, officialDocument, sectionHeading, signatureRow, title } from '../layout.js';

export const PRELIMINARY_OUTCOMES_TITLE = '初审结果名单';

export type PreliminaryOutcomeRow = {
  headName: string;
  groupName: string | null;
  householdSize: number;
  kind: string;
  category: string;
  monthlyTotal: number | null;
  decidedOn: string;
  committee: string;
};

export type PreliminaryOutcomesData = {
  township: string;
  campaign: string;
  village: string;
  printedOn: string;
  printedBy: string;
  sections: { heading: string; rows: PreliminaryOutcomeRow[] }[];
};

const COLUMNS: Column<PreliminaryOutcomeRow>[] = [
  { header: '序号', width: 26, cell: (_r, i) => String(i + 1) },
  { header: '户主姓名', width: 60, cell: (r) => r.headName },
  { header: '村民小组', width: 84, cell: (r) => r.groupName ?? '' },
  { header: '家庭人口', width: 34, cell: (r) => String(r.householdSize) },
  { header: '类型', width: 60, cell: (r) => r.kind },
  { header: '测算结果', width: 70, cell: (r) => r.category },
  { header: '月保障金（元）', width: 64, cell: (r) => (r.monthlyTotal === null ? '' : formatYuan(r.monthlyTotal)), alignment: 'right' },
  { header: '初审日期', width: 84, cell: (r) => formatChineseDate(r.decidedOn) },
  { header: '村两委意见', width: '*', cell: (r) => r.committee, alignment: 'left' },
];

export function preliminaryOutcomes(data: PreliminaryOutcomesData): DocDefinition {
  return officialDocument({ title: `${data.village}${PRELIMINARY_OUTCOMES_TITLE}`, issueDate: data.printedOn, orientation: 'landscape', density: 'form' }, [
    title(PRELIMINARY_OUTCOMES_TITLE),
    factLine(
      [
        ['专项治理', data.campaign],
        ['村（社区）', `${data.township}${data.village}`],
        ['打印日期', formatChineseDate(data.printedOn)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    ...data.sections.flatMap((s): Content[] => [
      sectionHeading(`${s.heading}（${s.rows.length} 户）`),
      s.rows.length ? gridTable(COLUMNS, s.rows) : { text: '（无）', fontSize: SMALL_SIZE, margin: [0, 2, 0, 6] },
    ]),
    signatureRow([`打印人（${data.printedBy}）`, '村党组织书记', '村委会主任', '包村镇干部'], SMALL_SIZE, 64),
  ]);
}
