// Public surface of the documents room: templates (pure data → definition) and the one renderer.
export type { Content, DocDefinition } from './doc-definition.js';
export { renderPdf, resolveFonts, BUNDLED_BOLD, BUNDLED_REGULAR } from './render.js';
export type { FontFileOverride, RenderOptions, ResolvedFonts } from './render.js';
export { formatChineseDate, formatChineseMonth, formatYuan } from './layout.js';
export type * from './types.js';
export { denialNotice, DENIAL_NOTICE_TITLE } from './templates/denial-notice.js';
export { stopNotice, STOP_NOTICE_TITLE } from './templates/stop-notice.js';
export { publicNotice, publicNoticeTitle, toPublicRow } from './templates/public-notice.js';
export { personSummary, PERSON_SUMMARY_TITLE } from './templates/annex2-person-summary.js';
export { filingRegister, FILING_REGISTER_TITLE } from './templates/annex3-filing-register.js';
export { ineligibleRegister, INELIGIBLE_REGISTER_TITLE } from './templates/annex4-ineligible-register.js';
export { screeningSheet, SCREENING_SHEET_TITLE } from './templates/screening-sheet.js';
export { homeVisitForm, HOME_VISIT_TITLE } from './templates/home-visit-form.js';
export { authorization, AUTHORIZATION_TITLE } from './templates/authorization.js';
export { declaration, DECLARATION_TITLE } from './templates/declaration.js';
export { meetingRecord, MEETING_TITLES } from './templates/meeting-record.js';
export { recoveryKeySheet, RECOVERY_KEY_SHEET_TITLE } from './templates/recovery-key-sheet.js';
export { preliminaryOutcomes, PRELIMINARY_OUTCOMES_TITLE, type PreliminaryOutcomeRow, type PreliminaryOutcomesData } from './templates/preliminary-outcomes.js';
