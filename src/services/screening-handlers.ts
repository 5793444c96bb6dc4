import type { screeningCommands } from '../contract/commands/screening';
import type { HandlersOf } from './dispatch';
import { screeningBatchDiff, screeningBatchList, screeningCommit, screeningPreview, screeningSheetIssue, screeningUpload } from './screening';
import { focusList, openFocusCases, proposals } from './screening-focus';

/** 摸排 (issue 5): department lists, focus list, proposed lists, 重点对象摸排表. */
export const screeningHandlers: HandlersOf<typeof screeningCommands> = {
  'screening-upload': screeningUpload,
  'screening-preview': screeningPreview,
  'screening-commit': screeningCommit,
  'screening-batch-list': screeningBatchList,
  'screening-batch-diff': screeningBatchDiff,
  'screening-focus-list': focusList,
  'screening-open-cases': openFocusCases,
  'screening-proposals': proposals,
  'screening-sheet-issue': screeningSheetIssue,
};
