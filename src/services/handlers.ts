import { personFlagConfirm } from './department-flags';
import { preliminaryOutcomesPdf } from './preliminary-outcomes';
import { auditList } from './audit';
import type { Handlers, HandlersOf } from './dispatch';
import { documentHandlers } from './document-handlers';
import { screeningHandlers } from './screening-handlers';
import { rollImportHandlers } from './roll-import-handlers';
import { caseStepHandlers } from './case-step-handlers';
import { hearingHandlers } from './hearing-handlers';
import type { registryCommands } from '../contract/commands/registry';
import type { determinationCommands } from '../contract/commands/determination';
import type { accountCommands } from '../contract/commands/accounts';
import type { campaignCommands } from '../contract/commands/campaigns';
import type { supervisionCommands } from '../contract/commands/supervision';
import {
  clockSettings,
  clockSettingsUpdate,
  deadlineList,
  progressReportFile,
  spotCheckDraw,
  spotCheckList,
  spotCheckRecord,
} from './supervision';
import type { approvalCommands } from '../contract/commands/approval';
import { caseApprove, caseDecision, caseDeny, caseReviewDecide, meetingCreate, meetingList } from './approval';
import type { reviewCommands } from '../contract/commands/review';
import { caseConfirmDenial, caseConfirmExit, casePreliminaryDecide } from './preliminary';
import { workbench } from './workbench';
import { rosterHandlers } from './roster-handlers';
import { filingHandlers } from './filing-handlers';
import { paymentHandlers } from './payment-handlers';
import { countyHandlers } from './county/handlers';
import { progressHandlers } from './progress';
import {
  campaignCreate,
  campaignGet,
  campaignList,
  campaignReviewRecipients,
  campaignUpdate,
  caseGet,
  caseList,
  caseOpen,
  caseReturn,
  caseScreen,
} from './cases';
import {
  accountSetup,
  passwordChange,
  sessionLock,
  sessionLogin,
  sessionLogout,
  sessionStatus,
  sessionUnlock,
  userCreate,
  userList,
  userResetPassword,
  userUnlock,
  userUpdate,
} from './accounts';
import {
  determinationList,
  determinationSave,
  householdEvaluate,
  householdFactsUpdate,
  policyAdd,
  policyState,
  reevaluationExport,
  reevaluationPreview,
} from './determinations';
import {
  householdCreate,
  householdDelete,
  householdGet,
  householdList,
  householdSetHead,
  householdUpdate,
  personAdd,
  personRemove,
  personSearch,
  personUpdate,
} from './households';
import { seedDemoAsync } from './demo';
import { auditChainStatus, officeKeyGet } from './provenance';
import { getOfficeSettings, updateOfficeSettings } from './settings';
import { villageCreate, villageDelete, villageList, villageUpdate } from './villages';

const registryHandlers: HandlersOf<typeof registryCommands> = {
  'settings-get': (ctx) => getOfficeSettings(ctx),
  'settings-update': updateOfficeSettings,
  'village-list': (ctx) => villageList(ctx),
  'village-create': villageCreate,
  'village-update': villageUpdate,
  'village-delete': villageDelete,
  'household-list': householdList,
  'household-get': householdGet,
  'household-create': householdCreate,
  'household-update': householdUpdate,
  'household-delete': householdDelete,
  'household-set-head': householdSetHead,
  'person-add': personAdd,
  'person-update': personUpdate,
  'person-flag-confirm': personFlagConfirm,
  'person-remove': personRemove,
  'demo-load': async (ctx) => {
    const { villages, households, persons, cycle } = await seedDemoAsync(ctx);
    return { villages, households, persons, cases: cycle.caseCount, documents: cycle.documents };
  },
  search: personSearch,
  'audit-list': auditList,
  'audit-chain-status': auditChainStatus,
  'office-key-get': (ctx) => officeKeyGet(ctx),
};

/**
 * Command name → service function. The contract map and this map are checked against each other by type:
 * a command without a handler, or a handler of the wrong shape, does not compile.
 */
const determinationHandlers: HandlersOf<typeof determinationCommands> = {
  'policy-list': (ctx) => policyState(ctx),
  'policy-add': policyAdd,
  'household-facts-update': householdFactsUpdate,
  'household-evaluate': householdEvaluate,
  'determination-save': determinationSave,
  'determination-list': determinationList,
  'reevaluation-preview': reevaluationPreview,
  'reevaluation-export': reevaluationExport,
};

const accountHandlers: HandlersOf<typeof accountCommands> = {
  'session-status': (ctx) => sessionStatus(ctx),
  'account-setup': accountSetup,
  'session-login': sessionLogin,
  'session-unlock': sessionUnlock,
  'session-lock': (ctx) => sessionLock(ctx),
  'session-logout': (ctx) => sessionLogout(ctx),
  'password-change': passwordChange,
  'user-list': (ctx) => userList(ctx),
  'user-create': userCreate,
  'user-update': userUpdate,
  'user-reset-password': userResetPassword,
  'user-unlock': userUnlock,
};

const campaignHandlers: HandlersOf<typeof campaignCommands> = {
  'campaign-list': (ctx) => campaignList(ctx),
  'campaign-get': campaignGet,
  'campaign-create': campaignCreate,
  'campaign-update': campaignUpdate,
  'campaign-review-recipients': campaignReviewRecipients,
  'case-open': caseOpen,
  'case-list': caseList,
  'case-get': caseGet,
  'case-screen': caseScreen,
  'case-return': caseReturn,
};

const reviewHandlers: HandlersOf<typeof reviewCommands> = {
  'preliminary-outcomes-pdf': preliminaryOutcomesPdf,
  'case-preliminary-decide': casePreliminaryDecide,
  'case-confirm-exit': caseConfirmExit,
  'case-confirm-denial': caseConfirmDenial,
  workbench,
};

const approvalHandlers: HandlersOf<typeof approvalCommands> = {
  'meeting-create': meetingCreate,
  'meeting-list': meetingList,
  'case-review-decide': caseReviewDecide,
  'case-approve': caseApprove,
  'case-deny': caseDeny,
  'case-decision': caseDecision,
};

const supervisionHandlers: HandlersOf<typeof supervisionCommands> = {
  'clock-settings-get': (ctx) => clockSettings(ctx),
  'clock-settings-update': clockSettingsUpdate,
  'deadline-list': deadlineList,
  'progress-report': progressReportFile,
  'spot-check-draw': spotCheckDraw,
  'spot-check-list': spotCheckList,
  'spot-check-record': spotCheckRecord,
};

export const handlers: Handlers = {
  ...supervisionHandlers,
  ...approvalHandlers,
  ...reviewHandlers,
  ...campaignHandlers,
  ...caseStepHandlers,
  ...hearingHandlers,
  ...accountHandlers,
  ...registryHandlers,
  ...determinationHandlers,
  ...documentHandlers,
  ...screeningHandlers,
  ...rosterHandlers,
  ...filingHandlers,
  ...paymentHandlers,
  ...rollImportHandlers,
  ...countyHandlers,
  ...progressHandlers,
};
