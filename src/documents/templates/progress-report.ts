// 工作完成进度表 (plan 四(三) "各村（社区）要在每个工作阶段上报工作完成进度"): per village and phase, done and
// pending cases, for the township's supervision group and the county.
import type { DocDefinition } from '../doc-definition.js';
import { LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, type Column, factLine, formatChineseDate, gridTable, officialDocument, signatureRow, title } from '../layout.js';

export const PROGRESS_REPORT_TITLE = '低保专项治理工作完成进度表';

export type ProgressRow = {
  village: string;
  total: number;
  /** Per phase label: "已完成 n／待办 m（逾期）". */
  phases: string[];
  states: string;
};

export type ProgressReportData = {
  township: string;
  campaign: string;
  reportDate: string;
  phaseHeaders: string[];
  rows: ProgressRow[];
  preparedBy: string | null;
};

export function progressReport(data: ProgressReportData): DocDefinition {
  const columns: Column<ProgressRow>[] = [
    { header: '序号', width: 26, cell: (_r, i) => String(i + 1) },
    { header: '村（社区）', width: 70, cell: (r) => r.village },
    { header: '案件数', width: 40, cell: (r) => String(r.total) },
    ...data.phaseHeaders.map((h, i): Column<ProgressRow> => ({ header: h, width: 110, cell: (r) => r.phases[i] ?? '' })),
    { header: '各阶段案件分布', width: '*', cell: (r) => r.states, alignment: 'left' },
  ];
  return officialDocument({ title: PROGRESS_REPORT_TITLE, issueDate: data.reportDate, orientation: 'landscape', density: 'form' }, [
    title(PROGRESS_REPORT_TITLE),
    factLine(
      [
        ['填报单位', data.township],
        ['专项治理', data.campaign],
        ['截至日期', formatChineseDate(data.reportDate)],
      ],
      SMALL_SIZE,
      LANDSCAPE_TEXT_WIDTH,
    ),
    gridTable(columns, data.rows),
    signatureRow([`填表人${data.preparedBy ? `（${data.preparedBy}）` : ''}`, '民政所负责人', '分管领导']),
  ]);
}
