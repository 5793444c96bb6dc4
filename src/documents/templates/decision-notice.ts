// The shared body of the written decisions owed for every refusal and every stop (spec §9): title, 文号,
// addressee, the decision, its reasons (the determination's rule trace), legal basis, remedies, issuer, and the
// supervision numbers. Only the opening sentence differs between the two notices.
import type { DocDefinition } from '../doc-definition.js';
import { documentNumberLine, issuerBlock, numberedList, officialDocument, paragraph, salutation, supervisionText, title } from '../layout.js';
import type { DenialNoticeData } from '../types.js';

type DecisionFacts = Pick<DenialNoticeData, 'addressee' | 'documentNumber' | 'reasons' | 'legalBasis' | 'remedies' | 'issuer' | 'issueDate' | 'supervisionPhones'>;

export function decisionNotice(noticeTitle: string, data: DecisionFacts, opening: string): DocDefinition {
  return officialDocument({ title: `${noticeTitle}（${data.addressee}）`, issueDate: data.issueDate }, [
    title(noticeTitle),
    documentNumberLine(data.documentNumber),
    salutation(data.addressee),
    paragraph(opening),
    numberedList(data.reasons),
    paragraph(`依据：${data.legalBasis}`),
    paragraph(data.remedies),
    issuerBlock(data.issuer, data.issueDate, paragraph(supervisionText(data.supervisionPhones))),
  ]);
}
