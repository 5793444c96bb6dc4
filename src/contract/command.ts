import { z } from 'zod';
import { idSchema } from './schemas';
import { TRANSITIONS, type CaseAction } from '../domain/workflow';
import type { Scope } from './scope';
import type { Role } from './types';

/**
 * Which office a database is (issue 15): a township's 民政所 (the case desk) or a county's 民政局 (receives and
 * compares the townships' filing packages). Chosen at first start, stored in the database (office_mode).
 */
export type OfficeMode = 'township' | 'county';
export const OFFICE_MODES: readonly OfficeMode[] = ['township', 'county'];
export const OFFICE_MODE_LABELS: Record<OfficeMode, string> = { township: '乡镇民政所', county: '县民政局' };

/** A command: its input schema, the output type (phantom), the roles allowed to run it and its village scope. */
export type Command<I extends z.ZodType, O> = {
  input: I;
  roles: readonly Role[];
  /** What the command touches and where its village comes from; enforced by `dispatch` (scope.ts). */
  scope: Scope;
  /** Runs without a logged-in session (login, first-run setup, status). */
  isPublic?: boolean;
  /**
   * The offices that have this command (issue 15): dispatch refuses it in any other, before roles and scope, so a
   * county database never runs a township step and a township never receives packages. Declared by the builder:
   * `command` is the township's, `countyCommand` the county's, `everyOffice(...)` both (accounts, backups, audit).
   */
  modes: readonly OfficeMode[];
  readonly __output?: O;
};

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[], scope: Scope): Command<I, O> => ({ input, roles, scope, modes: ['township'] });

/** A command of the county bureau's desk only. */
export const countyCommand =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[], scope: Scope): Command<I, O> => ({ input, roles, scope, modes: ['county'] });

/** Sign-in and first start exist in both kinds of office. */
export const publicCommand =
  <O>() =>
  <I extends z.ZodType>(input: I): Command<I, O> => ({ input, roles: [], scope: { type: 'office' }, isPublic: true, modes: OFFICE_MODES });

/** Marks commands every office has (accounts, backups, the audit log): the same code serves township and county. */
export function everyOffice<M extends Record<string, Command<z.ZodType, unknown>>>(map: M): M {
  return Object.fromEntries(Object.entries(map).map(([k, c]) => [k, { ...c, modes: OFFICE_MODES }])) as M;
}

export const ALL: readonly Role[] = ['cadre', 'clerk', 'leader', 'admin'];
export const OFFICE: readonly Role[] = ['clerk', 'leader', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

export const byId = z.object({ id: idSchema });

/** A command that takes (or prepares) a case step may be run by exactly the roles the workflow gives that step. */
export const stepRoles = (action: CaseAction): readonly Role[] => TRANSITIONS[action].roles;
