// 家庭经济状况核对授权书 (plan 三(二)第二、三步): every adult member signs so the county may query the
// economic-check platform; prefilled with the members, signed by hand.
import type { DocDefinition } from '../doc-definition.js';
import { blankDate, type Column, factLine, formatChineseDate, gridTable, officialDocument, paragraph, signatureLine, SMALL_SIZE, title } from '../layout.js';
import type { AuthorizationData, MemberLine } from '../types.js';

export const AUTHORIZATION_TITLE = '家庭经济状况核对授权书';

const COLUMNS: Column<MemberLine>[] = [
  { header: '序号', width: 28, cell: (_row, index) => String(index + 1) },
  // A name of 7 characters with its middle dot (欧阳·买买提江) on one line.
  { header: '姓名', width: 88, cell: (row) => row.name },
  { header: '与户主关系', width: 40, cell: (row) => row.relation },
  { header: '身份证号码', width: 130, cell: (row) => row.idNumber },
  { header: '本人签字（按手印）', width: '*', cell: () => '' },
];

export function authorization(data: AuthorizationData): DocDefinition {
  const table = gridTable(COLUMNS, data.members);
  // Tall rows: a signature and a fingerprint must fit in the last column.
  if (table.table) table.table.heights = (row: number) => (row === 0 ? 18 : 34);
  return officialDocument({ title: `${AUTHORIZATION_TITLE}（${data.headName}）`, issueDate: data.signDate }, [
    title(AUTHORIZATION_TITLE),
    factLine([
      ['乡镇', data.township],
      ['村（社区）', data.village],
      ['户主', data.headName],
    ]),
    paragraph(
      `本人及下列共同生活的家庭成员因申请最低生活保障，自愿授权${data.verifyingAuthority}及其委托的家庭经济状况核对机构，` +
        '依法向有关部门和金融机构查询、核对本人及家庭成员的户籍、车辆、房产、社会保险、工商登记、纳税、存款、有价证券、商业保险等家庭经济状况信息。',
    ),
    paragraph(
      '所查询的信息仅用于最低生活保障资格认定和复核，核对机构应依法保密。本授权自签字之日起至最低生活保障待遇终止之日止有效。' +
        (data.verifyingAuthorityPhone ? `咨询电话：${data.verifyingAuthority} ${data.verifyingAuthorityPhone}。` : ''),
    ),
    table,
    { text: '注：未成年人及无民事行为能力人由其监护人代为签字。', fontSize: SMALL_SIZE },
    {
      unbreakable: true,
      margin: [0, 18, 0, 0],
      columns: [
        { width: 'auto', stack: [signatureLine('授权人（户主）签字：', 120)] },
        { width: '*', text: data.signDate ? formatChineseDate(data.signDate) : blankDate(), alignment: 'right' },
      ],
    },
  ]);
}
