import type { caseStepCommands } from '../contract/commands/case-steps';
import type { HandlersOf } from './dispatch';
import {
  caseApplicationGet,
  caseApplicationUpdate,
  caseMaterialSet,
  caseSubmitApplication,
  caseSupporterAdd,
  caseSupporterRemove,
  materialItems,
  materialsSettingsUpdate,
} from './application';
import { caseAnnexIssue } from './application-annexes';
import { caseAttachmentGet, caseAttachmentList, caseAttachmentUpload } from './attachments';
import { caseHomeVisitGet, caseHomeVisitSave, caseRecordHomeVisit } from './home-visit';
import {
  caseRecordVerification,
  caseVerificationGet,
  caseVerificationRecord,
  verificationExport,
  verificationBatchAdvance,
  verificationImportCommit,
  verificationImportPreview,
} from './verification';

/** 申请, 核对, 入户调查 of a case, and its scanned attachments. */
export const caseStepHandlers: HandlersOf<typeof caseStepCommands> = {
  'materials-settings-get': (ctx, input) => materialItems(ctx, input.checklist),
  'materials-settings-update': materialsSettingsUpdate,
  'case-application-get': caseApplicationGet,
  'case-material-set': caseMaterialSet,
  'case-application-update': caseApplicationUpdate,
  'case-supporter-add': caseSupporterAdd,
  'case-supporter-remove': caseSupporterRemove,
  'case-submit-application': caseSubmitApplication,
  'case-annex-issue': caseAnnexIssue,
  'case-verification-get': caseVerificationGet,
  'case-verification-record': caseVerificationRecord,
  'case-record-verification': caseRecordVerification,
  'verification-export': verificationExport,
  'verification-import-preview': verificationImportPreview,
  'verification-import-commit': verificationImportCommit,
  'verification-batch-advance': verificationBatchAdvance,
  'case-home-visit-get': caseHomeVisitGet,
  'case-home-visit-save': caseHomeVisitSave,
  'case-record-home-visit': caseRecordHomeVisit,
  'case-attachment-upload': caseAttachmentUpload,
  'case-attachment-list': caseAttachmentList,
  'case-attachment-get': caseAttachmentGet,
};
