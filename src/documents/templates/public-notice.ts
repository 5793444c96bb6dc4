// 公示 sheets posted on village boards (plan 三(三)/(四)). Privacy by construction (spec §9): rows pass
// through toPublicRow, which copies only the allowed fields, so extra properties on the caller's
// objects (ID numbers, addresses, income…) cannot reach the page even if the types were bypassed.
import type { Content, DocDefinition } from '../doc-definition.js';
import {
  type Column,
  formatChineseDate,
  formatYuan,
  gridTable,
  issuerBlock,
  officialDocument,
  paragraph,
  sectionHeading,
  SMALL_SIZE,
  supervisionText,
  title,
} from '../layout.js';
import type { PublicNoticeData, PublicNoticeDirection, PublicNoticeKind, PublicRow } from '../types.js';

/** Whitelist copy of the only fields a public list may show. */
export function toPublicRow(source: Readonly<PublicRow>): PublicRow {
  return {
    village: String(source.village),
    headName: String(source.headName),
    householdSize: Number(source.householdSize),
    category: String(source.category),
    personClass: String(source.personClass),
    coveredPersons: Number(source.coveredPersons),
    monthlyAmount: Number(source.monthlyAmount),
  };
}

const TITLES: Record<PublicNoticeKind, Record<PublicNoticeDirection, string>> = {
  evaluation: { addition: '最低生活保障拟纳入对象评议结果公示', exit: '最低生活保障拟退出对象评议结果公示' },
  approval: { addition: '最低生活保障对象审批结果公示', exit: '最低生活保障退出对象审批结果公示' },
  'long-term': { addition: '最低生活保障对象长期公示', exit: '最低生活保障退出对象公示' },
};

export function publicNoticeTitle(kind: PublicNoticeKind, direction: PublicNoticeDirection): string {
  return TITLES[kind][direction];
}

function windowText(data: PublicNoticeData): string {
  if (!data.postingStart || !data.postingEnd) return '';
  return `公示期为${formatChineseDate(data.postingStart)}至${formatChineseDate(data.postingEnd)}。`;
}

function introduction(data: PublicNoticeData): string {
  const joining = data.direction === 'addition';
  switch (data.kind) {
    case 'evaluation':
      return `经入户调查、家庭经济状况核对和民主评议，${data.scope}以下家庭${joining ? '拟纳入' : '拟退出'}最低生活保障，现予公示，接受群众监督。${windowText(data)}`;
    case 'approval':
      return `经审核、审批${data.round ? `（${data.round}）` : ''}，${data.scope}本轮新增和退出最低生活保障的家庭如下，现予公示，接受群众监督。${windowText(data)}`;
    case 'long-term':
      // A standing list: no window (plan 三(四) keeps the roll posted while the households receive it).
      return `根据最低生活保障信息公开的规定，现将${data.scope}最低生活保障${joining ? '' : '退出'}对象名单予以长期公示，接受社会监督。`;
  }
}

function table(rows: readonly PublicRow[], amountHeader: string): Content {
  // Widths in 小4号 (12 pt) that keep common values on one line: a name of 7 characters (欧阳·买买提江), the longest
  // 保障类别 (因病支出型家庭), two classes (A类1人、C类2人). A sheet is one village's (its scope says which), so
  // the village needs no column of its own.
  const columns: Column<PublicRow>[] = [
    { header: '序号', width: 24, cell: (_row, index) => String(index + 1) },
    { header: '户主姓名', width: 86, cell: (row) => row.headName },
    { header: '家庭人口', width: 50, cell: (row) => String(row.householdSize) },
    { header: '保障类别', width: 86, cell: (row) => row.category },
    { header: '人员类别', width: '*', cell: (row) => row.personClass },
    { header: amountHeader, width: 60, cell: (row) => formatYuan(row.monthlyAmount), alignment: 'right' },
  ];
  return gridTable(columns, rows, { margin: [0, 4, 0, 4] });
}

/** 「合计：3户，保障5人，月保障金合计1806元。」 Persons are those covered, not the members of the households. */
function total(rows: readonly PublicRow[], formerly: boolean): Content {
  const persons = rows.reduce((sum, row) => sum + row.coveredPersons, 0);
  const amount = rows.reduce((sum, row) => sum + row.monthlyAmount, 0);
  return { text: `合计：${rows.length}户，保障${persons}人，${formerly ? '原' : ''}月保障金合计${formatYuan(amount)}元。`, fontSize: SMALL_SIZE };
}

function section(heading: string, rows: readonly PublicRow[], formerly: boolean): Content[] {
  if (rows.length === 0) return [sectionHeading(heading), { text: '本轮无。', fontSize: SMALL_SIZE }];
  return [sectionHeading(heading), table(rows, formerly ? '原月保障金（元）' : '月保障金（元）'), total(rows, formerly)];
}

export function publicNotice(data: PublicNoticeData): DocDefinition {
  const rows = data.rows.map(toPublicRow);
  const heading = publicNoticeTitle(data.kind, data.direction);
  const body: Content[] =
    data.kind === 'approval' && data.exits !== undefined
      ? [...section(`一、新增对象（${rows.length}户）`, rows, false), ...section(`二、退出（停发）对象（${data.exits.length}户）`, data.exits.map(toPublicRow), true)]
      : [table(rows, data.direction === 'addition' ? '月保障金（元）' : '原月保障金（元）'), total(rows, data.direction === 'exit')];
  const closing = data.kind === 'long-term' ? '公示期：长期公示。对公示对象有异议的，可向村（社区）民委员会反映。' : '公示期间，对公示对象有异议的，可向村（社区）民委员会反映。';
  const content: Content[] = [
    title(heading),
    paragraph(introduction(data)),
    ...body,
    issuerBlock(data.issuer, data.issueDate, paragraph(`${closing}${supervisionText(data.supervisionPhones)}`)),
  ];
  return officialDocument({ title: `${data.scope}${heading}`, issueDate: data.issueDate }, content);
}
