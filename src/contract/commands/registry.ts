import { z } from 'zod';
import { command, ADMIN, ALL, OFFICE, byId } from '../command';
import { RELATIONS } from '../labels';
import {
  householdFieldsSchema,
  idSchema,
  pageSchema,
  personInputSchema,
  searchSchema,
  settingsSchema,
  villageFieldsSchema,
  type Settings,
} from '../schemas';
import type { AuditChainStatus, AuditEntry, Household, OfficeKeyInfo, HouseholdSummary, Page, SearchHit, Village, WithWarnings } from '../types';

/** Office settings, villages, households, persons, search and the audit trail (issue: Foundation). */
export const registryCommands = {
  'settings-get': command<Settings | null>()(z.object({}), ALL),
  'settings-update': command<Settings>()(settingsSchema, ADMIN),

  'village-list': command<Village[]>()(z.object({}), ALL),
  'village-create': command<Village>()(villageFieldsSchema, OFFICE),
  'village-update': command<Village>()(villageFieldsSchema.extend({ id: idSchema }), OFFICE),
  'village-delete': command<{ id: number }>()(byId, OFFICE),

  'household-list': command<Page<HouseholdSummary>>()(searchSchema, ALL),
  'household-get': command<Household>()(byId, ALL),
  'household-create': command<WithWarnings<Household>>()(
    householdFieldsSchema.extend({ head: personInputSchema }),
    ALL,
  ),
  'household-update': command<Household>()(householdFieldsSchema.extend({ id: idSchema }), ALL),
  'household-delete': command<{ id: number }>()(byId, OFFICE),
  'household-set-head': command<Household>()(
    z.object({
      householdId: idSchema,
      personId: idSchema,
      formerHeadRelation: z.enum(RELATIONS, { error: '请选择原户主与新户主的关系' }),
    }),
    ALL,
  ),

  'person-add': command<WithWarnings<Household>>()(
    z.object({ householdId: idSchema, person: personInputSchema }),
    ALL,
  ),
  'person-update': command<WithWarnings<Household>>()(z.object({ id: idSchema, person: personInputSchema }), ALL),
  'person-remove': command<Household>()(byId, ALL),

  'demo-load': command<{ villages: number; households: number; persons: number }>()(z.object({}), ADMIN),

  search: command<Page<SearchHit>>()(searchSchema, ALL),

  'audit-list': command<Page<AuditEntry>>()(
    pageSchema.extend({ entityType: z.string().max(40).nullish(), entityId: idSchema.nullish() }),
    OFFICE,
  ),
  /** The hash chain of the audit log (issue 11): checked at start; `recheck` walks it again now. */
  'audit-chain-status': command<AuditChainStatus>()(z.object({ recheck: z.boolean().optional() }), ADMIN),
  /** The office key's fingerprint for 本镇设置 and the county's `--key`. */
  'office-key-get': command<OfficeKeyInfo>()(z.object({}), OFFICE),
} as const;
