import { z } from 'zod';
import { ALL, ADMIN, OFFICE, command } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, pageSchema, textString } from '../schemas';
import type { Page } from '../types';

export type ClockSettings = {
  /** 不予批准/停发通知书 within this many working days of the decision [corroborated]. */
  noticeWorkingDays: number;
  /** Total processing time from the accepted application to the township decision. */
  processingWorkingDays: number;
};

export type DeadlineKind = 'notice' | 'processing';
export type DeadlineItem = {
  caseId: number;
  householdId: number;
  headName: string | null;
  villageName: string;
  kind: DeadlineKind;
  label: string;
  startedOn: string;
  dueOn: string;
  /** Working days left (negative = overdue by that many). */
  workingDaysLeft: number;
  overdue: boolean;
};

/** One page of the deadline list in due order, and the counts over the whole list (overdue, by kind). */
export type DeadlinePage = Page<DeadlineItem> & { counts: { overdue: number; notice: number; processing: number } };

export type SpotCheckItemView = {
  id: number;
  householdId: number;
  headName: string | null;
  villageName: string;
  checkedOn: string | null;
  checker: string | null;
  result: 'ok' | 'problem' | null;
  finding: string | null;
  recordedBy: string | null;
};
export type SpotCheckView = { id: number; campaignId: number; seed: number; perVillage: number; drawnAt: string; drawnBy: string; items: SpotCheckItemView[] };

export const clockSettingsSchema = z.object({
  noticeWorkingDays: z.number().int().min(1, '至少1个工作日').max(60, '不超过60个工作日'),
  processingWorkingDays: z.number().int().min(1, '至少1个工作日').max(365, '不超过365个工作日'),
});

export const supervisionCommands = {
  'clock-settings-get': command<ClockSettings>()(z.object({}), ALL, scope.office),
  'clock-settings-update': command<ClockSettings>()(clockSettingsSchema, ADMIN, scope.office),
  'deadline-list': command<DeadlinePage>()(
    pageSchema.extend({ campaignId: idSchema, villageId: idSchema.nullish().transform((v) => v ?? null) }),
    ALL,
    scope.filter(),
  ),
  'progress-report': command<{ fileName: string; base64: string; mime: string }>()(
    z.object({ campaignId: idSchema, format: z.enum(['pdf', 'xlsx']) }),
    OFFICE,
    scope.office,
  ),
  'spot-check-draw': command<SpotCheckView>()(
    z.object({
      campaignId: idSchema,
      perVillage: z.number().int().min(1, '每村至少抽查1户').max(50, '每村最多抽查50户'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).nullish(),
    }),
    OFFICE,
    scope.office,
  ),
  'spot-check-list': command<SpotCheckView[]>()(z.object({ campaignId: idSchema }), OFFICE, scope.office),
  'spot-check-record': command<SpotCheckView>()(
    z.object({
      itemId: idSchema,
      checkedOn: dateSchema('抽查日期'),
      checker: textString({ error: '请填写抽查人' }).trim().min(1, '请填写抽查人').max(40),
      result: z.enum(['ok', 'problem'], { error: '请选择抽查结论' }),
      finding: textString().trim().max(1000).nullish(),
    }),
    OFFICE,
    scope.office,
  ),
} as const;
