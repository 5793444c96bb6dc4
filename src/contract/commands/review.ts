import { z } from 'zod';
import type { CaseState, Phase } from '../../domain/workflow';
import { ALL, command, stepRoles } from '../command';
import { scope } from '../scope';
import { idSchema, textString } from '../schemas';
import type { CaseDetail } from './campaigns';

export type WorkbenchCell = { phase: Phase['key']; done: number; pending: number; overdue: boolean; pendingStates: CaseState[] };
export type WorkbenchRow = { villageId: number; villageName: string; total: number; byState: Partial<Record<CaseState, number>>; cells: WorkbenchCell[] };
export type Workbench = { campaignId: number; campaignName: string; today: string; phases: Phase[]; rows: WorkbenchRow[] };

/** 初审结果名单 of a village as a PDF made on request (not registered), with the size of each list. */
export type PreliminaryOutcomesSheet = { fileName: string; base64: string; counts: { inclusion: number; exit: number; notQualified: number } };

export const reviewCommands = {
  'case-preliminary-decide': command<CaseDetail>()(
    z.object({
      caseId: idSchema,
      committeeAgrees: z.boolean({ error: '请选择村两委意见' }),
      reason: textString().trim().max(500, '理由不能超过500个字').nullish(),
    }),
    stepRoles('preliminary-decide'),
    scope.case(),
  ),
  'case-confirm-exit': command<CaseDetail>()(
    z.object({ caseId: idSchema, stopReason: textString().trim().max(500, '停发原因不能超过500个字').default('') }),
    stepRoles('confirm-exit'),
    scope.office,
  ),
  'case-confirm-denial': command<CaseDetail>()(z.object({ caseId: idSchema }), stepRoles('confirm-denial'), scope.office),
  'preliminary-outcomes-pdf': command<PreliminaryOutcomesSheet>()(z.object({ campaignId: idSchema, villageId: idSchema }), ALL, scope.village()),
  workbench: command<Workbench>()(z.object({ campaignId: idSchema, villageId: idSchema.nullish().transform((v) => v ?? null) }), ALL, scope.filter()),
} as const;
