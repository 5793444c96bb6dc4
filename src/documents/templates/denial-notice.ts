// 《最低生活保障待遇不予批准通知书》: the written refusal owed for every denied application (spec §9).
import type { DocDefinition } from '../doc-definition.js';
import { formatChineseDate } from '../layout.js';
import { decisionNotice } from './decision-notice.js';
import type { DenialNoticeData } from '../types.js';

export const DENIAL_NOTICE_TITLE = '最低生活保障待遇不予批准通知书';

export function denialNotice(data: DenialNoticeData): DocDefinition {
  const subject = data.reviewOfRecipient
    ? `你户自${formatChineseDate(data.applicationDate)}起接受的最低生活保障资格复核`
    : `你（户）于${formatChineseDate(data.applicationDate)}提出的最低生活保障申请`;
  return decisionNotice(
    DENIAL_NOTICE_TITLE,
    data,
    // Two lines of 3号: the steps it went through are in the reasons; the page must keep room for five of them.
    `${subject}，本机关于${formatChineseDate(data.decisionDate)}决定不予批准，理由如下：`,
  );
}
