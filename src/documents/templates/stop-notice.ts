// 《最低生活保障金停发通知书》: the written decision owed for every stop (plan 三(二)第五步, spec §9).
import type { DocDefinition } from '../doc-definition.js';
import {
  documentNumberLine,
  formatChineseDate,
  formatChineseMonth,
  formatYuan,
  issuerBlock,
  numberedList,
  officialDocument,
  paragraph,
  salutation,
  supervisionText,
  title,
} from '../layout.js';
import type { StopNoticeData } from '../types.js';

export const STOP_NOTICE_TITLE = '最低生活保障金停发通知书';

export function stopNotice(data: StopNoticeData): DocDefinition {
  return officialDocument({ title: `${STOP_NOTICE_TITLE}（${data.addressee}）`, issueDate: data.issueDate }, [
    title(STOP_NOTICE_TITLE),
    documentNumberLine(data.documentNumber),
    salutation(data.addressee),
    paragraph(
      `经家庭经济状况核对和入户调查复核，你户已不符合最低生活保障条件。本机关于${formatChineseDate(data.decisionDate)}决定，` +
        `自${formatChineseMonth(data.stopFromMonth)}起停发你户最低生活保障金（原月保障金${formatYuan(data.previousMonthlyAmount)}元）。理由如下：`,
    ),
    numberedList(data.reasons),
    paragraph(`依据：${data.legalBasis}`),
    paragraph(data.remedies),
    issuerBlock(data.issuer, data.issueDate, paragraph(supervisionText(data.supervisionPhones))),
  ]);
}
