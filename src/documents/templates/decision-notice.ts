// The shared body of the written decisions owed for every refusal and every stop (spec §9): title, 文号,
// addressee, the decision, its reasons (worded by src/domain/notice-wording.ts), legal basis, remedies, issuer, and
// the contacts and supervision numbers as the 附注. Only the opening sentence differs between the two notices.
import type { Content, DocDefinition } from '../doc-definition.js';
import {
  BODY_LINE_PITCH,
  BODY_SIZE,
  estimateWidth,
  issuerBlock,
  NOTO_LINE_EM,
  numberedList,
  officialDocument,
  paragraph,
  PORTRAIT_TEXT_WIDTH,
  salutation,
  SMALL_SIZE,
  supervisionText,
  title,
} from '../layout.js';
import type { DenialNoticeData } from '../types.js';

type DecisionFacts = Pick<DenialNoticeData, 'addressee' | 'documentNumber' | 'reasons' | 'legalBasis' | 'remedies' | 'issuer' | 'issueDate' | 'contacts' | 'supervisionPhones'>;

/**
 * The standing texts under the reasons — legal basis, remedies, 附注 — in 4号 (14 pt) on a 22 pt pitch: the same
 * on every notice, they must not push the decision and its reasons, which stay in 3号, onto a second page. With them
 * in 3号 a one-reason notice already needed 25 of the page's 22 lines (issue 12). 21 pt is 1.5 times the 4号 size.
 */
const NOTE_SIZE = SMALL_SIZE;
const NOTE_PITCH = 21;
const NOTE_STYLE = { fontSize: NOTE_SIZE, lineHeight: NOTE_PITCH / (NOTE_SIZE * NOTO_LINE_EM), leadingIndent: NOTE_SIZE * 2 };

/** Reason lines the page holds in 3号 beside everything else; more are set in 4号 so that they still fit. */
export const BODY_REASON_LINES = 5;

/** Printed lines of the numbered reasons at `fontSize` (hanging under the number, as numberedList lays them). */
export function reasonLineCount(reasons: readonly string[], fontSize: number): number {
  const width = PORTRAIT_TEXT_WIDTH - (fontSize * 2.5 + 2);
  return reasons.reduce((sum, r) => sum + Math.max(1, Math.ceil(estimateWidth(r, fontSize) / width)), 0);
}

function reasonList(reasons: readonly string[]): Content {
  if (reasonLineCount(reasons, BODY_SIZE) <= BODY_REASON_LINES) return numberedList(reasons);
  return { stack: [numberedList(reasons, NOTE_SIZE)], lineHeight: NOTE_STYLE.lineHeight };
}

/**
 * 附注 (GB/T 9704 §7.3.6): under the date, indented two characters, in parentheses. It carries the numbers a family
 * needs — the issuer's, the review body's, the two supervision lines — without pushing the decision off its page.
 */
function annotation(data: DecisionFacts): Content {
  const c = data.contacts;
  return {
    text: `（联系电话：${data.issuer} ${c.issuerPhone}；行政复议：${c.reviewBody} ${c.reviewBodyPhone}。${supervisionText(data.supervisionPhones)}）`,
    ...NOTE_STYLE,
    margin: [0, NOTE_PITCH * 0.25, 0, 0],
  };
}

export function decisionNotice(noticeTitle: string, data: DecisionFacts, opening: string): DocDefinition {
  return officialDocument({ title: `${noticeTitle}（${data.addressee}）`, issueDate: data.issueDate }, [
    title(noticeTitle),
    data.documentNumber ? { text: data.documentNumber, alignment: 'center', margin: [0, 0, 0, BODY_LINE_PITCH * 0.25] } : [],
    salutation(data.addressee),
    paragraph(opening),
    reasonList(data.reasons),
    { text: `依据：${data.legalBasis}`, ...NOTE_STYLE, margin: [0, NOTE_PITCH * 0.25, 0, 0] },
    // GB/T 9704 §7.3.5.3: the signature and date never stand alone on a page; they keep the last paragraph (the
    // remedies) and the 附注 with them.
    // The seal's top may stand within one line of the text above (GB/T 9704 §7.3.5.1), so one line is left.
    issuerBlock(data.issuer, data.issueDate, { text: data.remedies, ...NOTE_STYLE }, annotation(data), BODY_LINE_PITCH * 0.75),
  ]);
}
