// 申请声明书 (plan 三(二)第二步): the applicant's signed statement that the declared facts are true.
import type { DocDefinition } from '../doc-definition.js';
import { blankDate, fieldGrid, formatChineseDate, officialDocument, paragraph, sectionHeading, signatureLine, title } from '../layout.js';
import type { DeclarationData } from '../types.js';

export const DECLARATION_TITLE = '最低生活保障申请声明书';

export function declaration(data: DeclarationData): DocDefinition {
  return officialDocument({ title: `${DECLARATION_TITLE}（${data.applicantName}）`, issueDate: data.signDate }, [
    title(DECLARATION_TITLE),
    fieldGrid(
      [
        ['申请人', data.applicantName],
        ['家庭人口', `${data.householdSize}人`],
        ['身份证号码', data.applicantIdNumber, 'wide'],
        ['村（社区）', `${data.township}${data.village}`, 'wide'],
        ['家庭住址', data.address, 'wide'],
      ],
      14,
    ),
    sectionHeading('申请理由'),
    paragraph(data.hardship),
    sectionHeading('声明'),
    paragraph(
      '本人郑重声明：本人申请最低生活保障所提供的家庭人口、收入、财产及其他有关情况和材料真实、完整，无虚报、隐瞒、伪造。' +
        '本人同意接受入户调查、邻里访问、家庭经济状况核对和民主评议，同意按规定公示户主姓名、家庭人口、保障类别和保障金额。',
    ),
    // The signature never stands alone on a page (issue 12): it travels with the paragraph it signs.
    {
      unbreakable: true,
      stack: [
        paragraph('享受最低生活保障期间，家庭人口、收入、财产状况发生变化的，本人将及时向村（社区）民委员会或镇人民政府报告。如有虚报、隐瞒、伪造，本人愿意退还多领的保障金，并承担相应的法律责任。'),
        {
          margin: [0, 16, 0, 0],
          columns: [
            { width: '*', text: '' },
            {
              width: 'auto',
              stack: [signatureLine('申请人（签字、按手印）：', 110), { text: data.signDate ? formatChineseDate(data.signDate) : blankDate(), alignment: 'right', margin: [0, 8, 0, 0] }],
            },
          ],
        },
      ],
    },
  ]);
}
