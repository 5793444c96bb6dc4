import type { filingCommands } from '../contract/commands/filing';
import { backupCreate, backupInspect, backupKeySheet, backupList, backupRestore, backupSettingsUpdate } from './backups';
import type { HandlersOf } from './dispatch';
import { filingDestinations, filingExport, filingHistory, filingVerify } from './filing';

/** 备案包, its verification, backups and restore (issues 7 and 11). */
export const filingHandlers: HandlersOf<typeof filingCommands> = {
  'filing-destinations': (ctx) => filingDestinations(ctx),
  'filing-export': filingExport,
  'filing-history': (ctx) => filingHistory(ctx),
  'filing-verify': filingVerify,
  'backup-list': (ctx) => backupList(ctx),
  'backup-create': backupCreate,
  'backup-settings-update': backupSettingsUpdate,
  'backup-inspect': backupInspect,
  'backup-restore': backupRestore,
  'backup-key-sheet': (ctx) => backupKeySheet(ctx),
};
