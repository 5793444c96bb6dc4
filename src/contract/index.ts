import { z } from 'zod';
import {
  householdFieldsSchema,
  idSchema,
  pageSchema,
  personInputSchema,
  searchSchema,
  settingsSchema,
  villageFieldsSchema,
} from './schemas';
import { RELATIONS } from './labels';
import type { AuditEntry, Household, HouseholdSummary, Page, Role, SearchHit, Village, WithWarnings } from './types';
import type { Settings } from './schemas';

export * from './result';
export * from './types';
export * from './labels';
export * from './schemas';

/** A command: its input schema, the output type (phantom) and the roles allowed to run it. */
type Command<I extends z.ZodType, O> = { input: I; roles: readonly Role[]; readonly __output?: O };

const command =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[]): Command<I, O> => ({ input, roles });

const ALL: readonly Role[] = ['cadre', 'clerk', 'leader', 'admin'];
const OFFICE: readonly Role[] = ['clerk', 'leader', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const byId = z.object({ id: idSchema });

/** THE contract: every command the renderer may send, in one map (architecture.md). */
export const commands = {
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
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = Commands[K] extends Command<z.ZodType, infer O> ? O : never;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
