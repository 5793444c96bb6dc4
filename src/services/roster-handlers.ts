import type { rosterCommands } from '../contract/commands/roster';
import type { HandlersOf } from './dispatch';
import { rosterApplyPolicy } from './policy-apply';
import {
  rosterChangeGet,
  rosterChangeOpen,
  rosterExport,
  rosterGrantGradualExit,
  rosterHousehold,
  rosterList,
  rosterProcessExits,
  rosterSettingsGet,
  rosterSettingsUpdate,
} from './roster';

export const rosterHandlers: HandlersOf<typeof rosterCommands> = {
  'roster-list': rosterList,
  'roster-export': rosterExport,
  'roster-household': rosterHousehold,
  'roster-settings-get': (ctx) => rosterSettingsGet(ctx),
  'roster-settings-update': rosterSettingsUpdate,
  'roster-change-open': rosterChangeOpen,
  'roster-change-get': rosterChangeGet,
  'roster-grant-gradual-exit': rosterGrantGradualExit,
  'roster-process-exits': (ctx) => rosterProcessExits(ctx),
  'roster-apply-policy': rosterApplyPolicy,
};
