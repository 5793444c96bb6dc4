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

function introduction(data: PublicNoticeData): string {
  const window = `公示期为${formatChineseDate(data.postingStart)}至${formatChineseDate(data.postingEnd)}。`;
  const joining = data.direction === 'addition';
  switch (data.kind) {
    case 'evaluation':
      return `经入户调查、家庭经济状况核对和民主评议，${data.scope}以下家庭${joining ? '拟纳入' : '拟退出'}最低生活保障，现予公示，接受群众监督。${window}`;
    case 'approval':
      return `经审核、审批，${data.scope}以下家庭${joining ? '纳入' : '退出'}最低生活保障，现予公示，接受群众监督。${window}`;
    case 'long-term':
      return `根据最低生活保障信息公开的规定，现将${data.scope}最低生活保障${joining ? '' : '退出'}对象名单予以公示，接受社会监督。${window}`;
  }
}

export function publicNotice(data: PublicNoticeData): DocDefinition {
  const rows = data.rows.map(toPublicRow);
  const amountHeader = data.direction === 'addition' ? '月保障金（元）' : '原月保障金（元）';
  const columns: Column<PublicRow>[] = [
    { header: '序号', width: 30, cell: (_row, index) => String(index + 1) },
    { header: '村（社区）', width: 72, cell: (row) => row.village },
    { header: '户主姓名', width: 62, cell: (row) => row.headName },
    { header: '家庭人口', width: 50, cell: (row) => String(row.householdSize) },
    { header: '保障类别', width: 64, cell: (row) => row.category },
    { header: '人员类别', width: '*', cell: (row) => row.personClass },
    { header: amountHeader, width: 62, cell: (row) => formatYuan(row.monthlyAmount), alignment: 'right' },
  ];
  const persons = rows.reduce((sum, row) => sum + row.householdSize, 0);
  const total = rows.reduce((sum, row) => sum + row.monthlyAmount, 0);
  const heading = publicNoticeTitle(data.kind, data.direction);
  const content: Content[] = [
    title(heading),
    paragraph(introduction(data)),
    gridTable(columns, rows, { margin: [0, 6, 0, 4] }),
    { text: `合计：${rows.length}户${persons}人，${data.direction === 'addition' ? '' : '原'}月保障金合计${formatYuan(total)}元。`, fontSize: SMALL_SIZE },
    issuerBlock(
      data.issuer,
      data.issueDate,
      paragraph(`公示期间，对公示对象有异议的，可向村（社区）民委员会反映。${supervisionText(data.supervisionPhones)}`),
    ),
  ];
  return officialDocument({ title: `${data.scope}${heading}`, issueDate: data.issueDate }, content);
}

