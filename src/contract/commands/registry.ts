import { z } from 'zod';
import { command, everyOffice, ADMIN, ALL, OFFICE, byId } from '../command';
import { scope } from '../scope';
import { RELATIONS } from '../labels';
import {
  householdFieldsSchema,
  idSchema,
  pageSchema,
  personInputSchema,
  searchSchema,
  settingsSchema,
  villageFieldsSchema,
  type Settings, type StoredSettings, textString } from '../schemas';
import type { AuditChainStatus, AuditEntry, Household, OfficeKeyInfo, HouseholdSummary, Page, SearchHit, Village, WithWarnings } from '../types';

/** Office settings, villages, households, persons, search and the audit trail (issue: Foundation). */
export const registryCommands = {
  'settings-get': command<StoredSettings | null>()(z.object({}), ALL, scope.office),
  'settings-update': command<Settings>()(settingsSchema, ADMIN, scope.office),

  'village-list': command<Village[]>()(z.object({}), ALL, scope.office),
  'village-create': command<Village>()(villageFieldsSchema, OFFICE, scope.office),
  'village-update': command<Village>()(villageFieldsSchema.extend({ id: idSchema }), OFFICE, scope.office),
  'village-delete': command<{ id: number }>()(byId, OFFICE, scope.office),

  'household-list': command<Page<HouseholdSummary>>()(searchSchema, ALL, scope.filter()),
  'household-get': command<Household>()(byId, ALL, scope.household('id')),
  'household-create': command<WithWarnings<Household>>()(
    householdFieldsSchema.extend({ head: personInputSchema }),
    ALL,
    scope.village(),
  ),
  'household-update': command<Household>()(householdFieldsSchema.extend({ id: idSchema }), ALL, scope.refs(scope.ref('household', 'id'), scope.ref('village', 'villageId'))),
  'household-delete': command<{ id: number }>()(byId, OFFICE, scope.office),
  'household-set-head': command<Household>()(
    z.object({
      householdId: idSchema,
      personId: idSchema,
      formerHeadRelation: z.enum(RELATIONS, { error: '请选择原户主与新户主的关系' }),
    }),
    ALL,
    scope.refs(scope.ref('household', 'householdId'), scope.ref('person', 'personId')),
  ),

  'person-add': command<WithWarnings<Household>>()(
    z.strictObject({ householdId: idSchema, person: personInputSchema }),
    ALL,
    scope.household(),
  ),
  'person-update': command<WithWarnings<Household>>()(z.strictObject({ id: idSchema, person: personInputSchema }), ALL, scope.person('id')),
  /** A department flag (重病/重残) shown as unconfirmed beside the determination becomes the person's fact. */
  'person-flag-confirm': command<WithWarnings<Household>>()(
    z.object({ personId: idSchema, flag: z.enum(['serious-illness', 'severe-disability'], { error: '请选择要确认的标注' }) }),
    ALL,
    scope.person('personId'),
  ),
  'person-remove': command<Household>()(byId, ALL, scope.person('id')),

  'demo-load': command<{ villages: number; households: number; persons: number; cases: number; documents: number }>()(z.object({}), ADMIN, scope.office),

  search: command<Page<SearchHit>>()(searchSchema, ALL, scope.filter()),

  // The audit log and the office key are every office's, the county's too (issue 15).
  ...everyOffice({
  'audit-list': command<Page<AuditEntry>>()(
    pageSchema.extend({ entityType: textString().max(40).nullish(), entityId: idSchema.nullish() }),
    OFFICE,
    scope.office,
  ),
  /** The hash chain of the audit log (issue 11): checked at start; `recheck` walks it again now. */
  'audit-chain-status': command<AuditChainStatus>()(z.object({ recheck: z.boolean().optional() }), ADMIN, scope.office),
  /** The office key's fingerprint for 本镇设置 and the county's `--key`. */
  'office-key-get': command<OfficeKeyInfo>()(z.object({}), OFFICE, scope.office),
  } as const),
} as const;
