import type { documentCommands } from '../contract/commands/documents';
import type { HandlersOf } from './dispatch';
import { documentSettingsState, documentSettingsUpdate } from './document-settings';
import { documentCorrect, documentGet, documentIssue, documentList, documentPdf } from './documents';
import { legalTextAdd, legalTextList } from './legal-texts';

/** Issued documents, dated legal texts and document settings (issue 4). */
export const documentHandlers: HandlersOf<typeof documentCommands> = {
  'document-issue': documentIssue,
  'document-correct': documentCorrect,
  'document-list': documentList,
  'document-get': documentGet,
  'document-pdf': documentPdf,
  'legal-text-list': (ctx) => legalTextList(ctx),
  'legal-text-add': legalTextAdd,
  'document-settings-get': (ctx) => documentSettingsState(ctx),
  'document-settings-update': documentSettingsUpdate,
};
