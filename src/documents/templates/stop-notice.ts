// 《最低生活保障金停发通知书》: the written decision owed for every stop (plan 三(二)第五步, spec §9).
import type { DocDefinition } from '../doc-definition.js';
import { formatChineseDate, formatChineseMonth, formatYuan } from '../layout.js';
import { decisionNotice } from './decision-notice.js';
import type { StopNoticeData } from '../types.js';

export const STOP_NOTICE_TITLE = '最低生活保障金停发通知书';

export function stopNotice(data: StopNoticeData): DocDefinition {
  // Two lines of 3号, and no claim of its own: whether a determination found the family ineligible is what the
  // reasons say (a stop decided against an eligible determination must not read 「已不符合」, issue 12).
  return decisionNotice(
    STOP_NOTICE_TITLE,
    data,
    `本机关于${formatChineseDate(data.decisionDate)}决定，自${formatChineseMonth(data.stopFromMonth)}起停发你户最低生活保障金` +
      `（每月${formatYuan(data.previousMonthlyAmount)}元），理由如下：`,
  );
}
