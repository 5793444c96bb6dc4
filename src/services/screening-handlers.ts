import type { screeningCommands } from '../contract/commands/screening';
import type { HandlersOf } from './dispatch';
import { screeningBatchDiff, screeningBatchList, screeningCommit, screeningPreview, screeningSheetIssue, screeningUpload } from './screening';
import { povertyCategoryList, povertyCategorySave } from './screening-categories';
import { focusList, openFocusCases, proposals } from './screening-focus';
import { medicalProposalAccept, medicalProposals } from './screening-medical';

/** 摸排 (issue 5): department lists, focus list, proposed lists, 重点对象摸排表. */
export const screeningHandlers: HandlersOf<typeof screeningCommands> = {
  'screening-upload': screeningUpload,
  'screening-preview': screeningPreview,
  'screening-commit': screeningCommit,
  'screening-batch-list': screeningBatchList,
  'screening-batch-diff': screeningBatchDiff,
  'screening-category-list': povertyCategoryList,
  'screening-category-save': povertyCategorySave,
  'screening-medical-proposals': medicalProposals,
  'screening-medical-accept': medicalProposalAccept,
  'screening-focus-list': focusList,
  'screening-open-cases': openFocusCases,
  'screening-proposals': proposals,
  'screening-sheet-issue': screeningSheetIssue,
};
