// 评议听证会记录 / 审核会议记录 / 审批会议记录 (plan 三(三)/(四)): who met, what was said, and the list
// decided, with room for every attendee's signature (责任可追溯).
import type { Content, DocDefinition } from '../doc-definition.js';
import {
  type Column,
  fieldGrid,
  formatChineseDate,
  FORM_SIZE,
  formatYuan,
  GRID_LAYOUT,
  gridTable,
  numberedList,
  officialDocument,
  sectionHeading,
  signatureLine,
  SMALL_SIZE,
  tableThenSignature,
  title,
} from '../layout.js';
import type { MeetingDecisionRow, MeetingKind, MeetingRecordData } from '../types.js';

export const MEETING_TITLES: Record<MeetingKind, string> = {
  hearing: '最低生活保障评议听证会记录',
  review: '最低生活保障审核会议记录',
  approval: '最低生活保障审批会议记录',
};

const RESULT_HEADINGS: Record<MeetingKind, string> = {
  hearing: '评议结果',
  review: '审核结果',
  approval: '审批结果',
};

const VILLAGE_COLUMN: Column<MeetingDecisionRow> = { header: '村（社区）', width: 46, cell: (row) => row.village };

/** What the last column holds: the hearing's votes, the review's engine figure and override, the panel's remarks. */
const REMARK_HEADINGS: Record<MeetingKind, string> = {
  hearing: '表决情况',
  review: '测算金额及调整理由',
  approval: '审批意见',
};

/**
 * 10.5 pt on portrait A4; the village column appears only on the township's cross-village list. 「C类1人」 (≈ 3.3 em,
 * 35 pt) and four-character results (「同意报批」, 「不予批准」) fit their columns whole.
 */
function decisionColumns(kind: MeetingKind, withVillage: boolean): Column<MeetingDecisionRow>[] {
  return [
    { header: '序号', width: 20, cell: (_row, index) => String(index + 1) },
    ...(withVillage ? [VILLAGE_COLUMN] : []),
    { header: '户主姓名', width: 44, cell: (row) => row.headName },
    // The hearing's list shows the household size the representatives judged; the decision meetings need the room
    // for the engine's figure, the override's reason or the panel's remark instead.
    ...(kind === 'hearing' ? [{ header: '家庭人口', width: 22, cell: (row: MeetingDecisionRow) => String(row.householdSize) }] : []),
    { header: '保障类别', width: 54, cell: (row) => row.category },
    { header: '人员类别', width: 44, cell: (row) => row.personClass },
    { header: '月保障金（元）', width: 42, cell: (row) => formatYuan(row.monthlyAmount), alignment: 'right' },
    { header: '结果', width: 44, cell: (row) => row.result },
    { header: REMARK_HEADINGS[kind], width: '*', cell: (row) => row.votes ?? '', alignment: kind === 'hearing' ? 'center' : 'left' },
  ];
}

/** A grid of empty boxes, one per attendee, four to a row, for their signatures. */
/**
 * One box per attendee, five to a row, each headed by whose it is (「李卫东（组长）」) in small type, so every member
 * signs their own box (责任可追溯); a 镇评审小组 of 9 takes two rows and the record stays on one page.
 */
function attendeeSignatureGrid(attendees: readonly { name: string; role: string }[]): Content {
  const perRow = 5;
  const body: Content[][] = [];
  for (let start = 0; start < Math.max(attendees.length, perRow); start += perRow) {
    body.push(
      Array.from({ length: perRow }, (_, k) => {
        const a = attendees[start + k];
        return a ? { text: `${a.name}（${a.role}）`, fontSize: 8, color: '#444444' } : ' ';
      }),
    );
  }
  return {
    table: { widths: Array.from({ length: perRow }, () => '*' as const), heights: 30, body },
    layout: GRID_LAYOUT,
  };
}

export function meetingRecord(data: MeetingRecordData): DocDefinition {
  const heading = MEETING_TITLES[data.kind];
  const attendees = data.attendees.map((person) => `${person.name}（${person.role}）`).join('、');
  return officialDocument({ title: `${data.village ?? data.township}${heading}`, issueDate: data.date, density: 'form' }, [
    title(heading),
    fieldGrid(
      [
        ['会议时间', `${formatChineseDate(data.date)}${data.time ?? ''}`],
        ['会议地点', data.place],
        ['主持人', data.host],
        ['记录人', data.recorder],
        ['单位', `${data.township}${data.village ?? ''}`],
        ['应到/实到', `${data.attendees.length + (data.absentees?.length ?? 0)}人/${data.attendees.length}人`],
        ['参会人员', attendees, 'wide'],
        ...(data.absentees && data.absentees.length > 0 ? [['缺席人员', data.absentees.join('、'), 'wide'] as const] : []),
      ],
      12,
    ),
    sectionHeading('会议内容'),
    numberedList(data.proceedings, FORM_SIZE),
    sectionHeading(`${RESULT_HEADINGS[data.kind]}（共${data.decisions.length}户）`),
    // The signatures never stand alone on a page: the last decided case goes with them (tableThenSignature).
    ...tableThenSignature(gridTable(decisionColumns(data.kind, data.village === undefined), data.decisions, { fontSize: 10.5, margin: [0, 0, 0, 6] }), {
      unbreakable: true,
      fontSize: SMALL_SIZE,
      stack: [
        { text: '参会人员签字：', margin: [0, 6, 0, 4] },
        attendeeSignatureGrid(data.attendees),
        {
          margin: [0, 12, 0, 0],
          columns: [
            { width: '*', stack: [signatureLine('主持人（签字）：', 90, SMALL_SIZE)] },
            { width: '*', stack: [signatureLine('记录人（签字）：', 90, SMALL_SIZE)] },
          ],
          columnGap: 16,
        },
      ],
    }),
  ]);
}
