import { z } from 'zod';
import { ROLL_FIELDS, type RollField, type RollMapping } from '../../domain/roll-import';
import { command } from '../command';
import { scope } from '../scope';
import { textString } from '../schemas';
import { sheetNameSchema, uploadBase64Schema } from '../uploads';
import { IMPORTERS } from './screening';

export type RollProblem = { level: 'error' | 'warning'; field: RollField | null; column: string | null; message: string };

export type RollUploadInfo = {
  sha256: string;
  fileName: string;
  sheets: string[];
  sheetName: string;
  headerRowNumber: number;
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
  mapping: RollMapping;
  existingImport: RollImportView | null;
};

export type RollPreviewRow = {
  rowNumber: number;
  village: string;
  /** Masked unless the row has an ID problem the clerk must see to correct. */
  idNumber: string;
  name: string;
  relation: string;
  /** "困难家庭 · A类 620.00 元 · 自 2021-03". */
  value: string;
  /** "东山村 张建国户". */
  household: string | null;
  status: 'ok' | 'warning' | 'error';
  problems: RollProblem[];
};

export type RollNewVillage = { name: string; code: string; kind: 'village' | 'community'; households: number };

export type RollPreview = {
  sha256: string;
  fileName: string;
  rowCount: number;
  okCount: number;
  warningCount: number;
  errorCount: number;
  households: number;
  persons: number;
  covered: number;
  monthlyTotal: number;
  bankAccounts: number;
  /** Households whose amounts differ from what the policy in force gives for their category and classes. */
  amountFlags: number;
  /** Why amounts were not checked (no policy in force yet), or null. */
  amountCheckNote: string | null;
  newVillages: RollNewVillage[];
  existingImport: RollImportView | null;
  rows: RollPreviewRow[];
  rowsTruncated: boolean;
};

export type RollImportView = {
  id: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  households: number;
  persons: number;
  villagesCreated: number;
  monthlyTotal: number;
  importedAt: string;
  importedBy: string;
};

export type RollImportResult = { import: RollImportView; alreadyImported: boolean };

const column = z.number().int().min(0).max(500).nullable();
export const rollMappingSchema = z.object(Object.fromEntries(ROLL_FIELDS.map((f) => [f, column])) as Record<RollField, typeof column>);

export const rollFileSchema = z.object({
  fileName: textString().trim().min(1, '缺少文件名').max(200),
  base64: uploadBase64Schema('请选择存量花名册文件'),
  sheetName: sheetNameSchema,
});

export const rollPreviewSchema = rollFileSchema.extend({
  mapping: rollMappingSchema,
  /** Why amounts the engine disagrees with are imported as the roll has them (required when there are any). */
  amountReason: textString()
    .trim()
    .max(200, '理由不超过200字')
    .nullish()
    .transform((v) => v || null),
});

/** The existing roll is brought in by the township office or the administrator, never by a village. */
export const rollImportCommands = {
  'roll-upload': command<RollUploadInfo>()(rollFileSchema, IMPORTERS, scope.office),
  'roll-preview': command<RollPreview>()(rollPreviewSchema, IMPORTERS, scope.office),
  'roll-commit': command<RollImportResult>()(rollPreviewSchema, IMPORTERS, scope.office),
  'roll-import-list': command<RollImportView[]>()(z.object({}), IMPORTERS, scope.office),
  'roll-template': command<{ fileName: string; base64: string }>()(z.object({}), IMPORTERS, scope.office),
} as const;
