import type { z } from 'zod';
import type { Command } from './command';
import { accountCommands } from './commands/accounts';
import { approvalCommands } from './commands/approval';
import { campaignCommands } from './commands/campaigns';
import { supervisionCommands } from './commands/supervision';
import { caseStepCommands } from './commands/case-steps';
import { hearingCommands } from './commands/hearings';
import { reviewCommands } from './commands/review';
import { determinationCommands } from './commands/determination';
import { documentCommands } from './commands/documents';
import { registryCommands } from './commands/registry';
import { screeningCommands } from './commands/screening';
import { filingCommands } from './commands/filing';
import { rosterCommands } from './commands/roster';
import { paymentCommands } from './commands/payments';
import { rollImportCommands } from './commands/roll-import';
import { countyCommands } from './commands/county';
import { progressCommands } from './commands/progress';

export * from './result';
export * from './scope';
export * from './types';
export * from './labels';
export * from './schemas';
export * from './uploads';
export type * from './commands/determination';
export type * from './commands/accounts';
export type * from './commands/campaigns';
export type * from './commands/supervision';
export type * from './commands/approval';
export type * from './commands/review';
export * from './commands/documents';
export * from './commands/screening';
export * from './commands/case-steps';
export * from './commands/roster';
export * from './commands/hearings';
export * from './commands/filing';
export * from './commands/payments';
export * from './commands/roll-import';
export * from './commands/county';
export { OFFICE_MODES, OFFICE_MODE_LABELS, type OfficeMode } from './command';
export * from './commands/progress';

/**
 * THE contract: every command the renderer may send, in one map (architecture.md). Each feature keeps its
 * part in commands/<feature>.ts; this spread is the only place they meet.
 */
export const commands = {
  ...accountCommands,
  ...campaignCommands,
  ...supervisionCommands,
  ...approvalCommands,
  ...caseStepCommands,
  ...hearingCommands,
  ...reviewCommands,
  ...registryCommands,
  ...determinationCommands,
  ...documentCommands,
  ...screeningCommands,
  ...rosterCommands,
  ...filingCommands,
  ...paymentCommands,
  ...rollImportCommands,
  ...countyCommands,
  ...progressCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = Commands[K] extends Command<z.ZodType, infer O> ? O : never;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
