import type { rollImportCommands } from '../contract/commands/roll-import';
import type { HandlersOf } from './dispatch';
import { rollCommit, rollImportList, rollPreview, rollTemplate, rollUpload } from './roll-import';

/** 存量数据导入 (issue 14). */
export const rollImportHandlers: HandlersOf<typeof rollImportCommands> = {
  'roll-upload': rollUpload,
  'roll-preview': rollPreview,
  'roll-commit': rollCommit,
  'roll-import-list': rollImportList,
  'roll-template': rollTemplate,
};
