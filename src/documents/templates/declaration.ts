// 申请声明书 (plan 三(二)第二步): the applicant's signed statement that the declared facts are true.
import type { DocDefinition } from '../doc-definition.js';
import { blankDate, BODY_SIZE, fieldGrid, formatChineseDate, officialDocument, paragraph, ruledLines, sectionHeading, signatureLine, SMALL_SIZE, title } from '../layout.js';
import type { DeclarationData } from '../types.js';

export const DECLARATION_TITLE = '最低生活保障申请声明书';

/** 4号 on a 25 pt pitch: a form the applicant reads and signs, on one page with room to write (issue 12). */
const STATEMENT_STYLE = { fontSize: SMALL_SIZE, lineHeight: 1.25 } as const;

export function declaration(data: DeclarationData): DocDefinition {
  // Blank hardship (nothing prefilled) gets ruled lines to write on rather than invisible blank text lines.
  const blank = data.hardship.replace(/[\s\u3000]/g, '') === '';
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
    blank ? ruledLines(4, 28) : { ...paragraph(data.hardship), ...STATEMENT_STYLE },
    sectionHeading('声明'),
    { ...STATEMENT_STYLE, ...paragraph(
      '本人郑重声明：本人申请最低生活保障所提供的家庭人口、收入、财产及其他有关情况和材料真实、完整，无虚报、隐瞒、伪造。' +
        '本人同意接受入户调查、邻里访问、家庭经济状况核对和民主评议，同意按规定公示户主姓名、家庭人口、保障类别和保障金额。',
    ) },
    // GB/T 9704 §7.3.5.3 as for notices: the signature travels with the last paragraph, never alone on page 2.
    {
      unbreakable: true,
      ...STATEMENT_STYLE,
      stack: [
        paragraph('享受最低生活保障期间，家庭人口、收入、财产状况发生变化的，本人将及时向村（社区）民委员会或镇人民政府报告。如有虚报、隐瞒、伪造，本人愿意退还多领的保障金，并承担相应的法律责任。'),
        {
          margin: [0, 12, 0, 0],
          columns: [
            { width: '*', text: '' },
            {
              width: 'auto',
              fontSize: BODY_SIZE,
              stack: [signatureLine('申请人（签字、按手印）：', 110), { text: data.signDate ? formatChineseDate(data.signDate) : blankDate(), alignment: 'right', margin: [0, 6, 0, 0] }],
            },
          ],
        },
      ],
    },
  ]);
}
