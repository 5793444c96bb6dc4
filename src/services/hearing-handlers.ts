import type { hearingCommands } from '../contract/commands/hearings';
import type { HandlersOf } from './dispatch';
import { caseHearingInfo, hearingRecord, hearingSettings, hearingSettingsUpdate, hearingVillage } from './hearings';
import { calendarOverrideList, calendarOverrideRemove, calendarOverrideSet } from './office-calendar';
import { objectionAdd, objectionHandle, publicityClear, publicityPost, publicityWindow, reassessmentRequestCreate, reassessmentResult } from './publicity';

/** 评议听证, 公示 with objections, 残联 re-assessments and the office calendar (plan 三(三)). */
export const hearingHandlers: HandlersOf<typeof hearingCommands> = {
  'hearing-settings-get': (ctx) => hearingSettings(ctx),
  'hearing-settings-update': hearingSettingsUpdate,
  'hearing-village': hearingVillage,
  'hearing-record': hearingRecord,
  'case-hearing-info': caseHearingInfo,
  'publicity-window': publicityWindow,
  'publicity-post': publicityPost,
  'publicity-clear': publicityClear,
  'objection-add': objectionAdd,
  'objection-handle': objectionHandle,
  'reassessment-request': reassessmentRequestCreate,
  'reassessment-result': reassessmentResult,
  'calendar-override-list': calendarOverrideList,
  'calendar-override-set': calendarOverrideSet,
  'calendar-override-remove': calendarOverrideRemove,
};
