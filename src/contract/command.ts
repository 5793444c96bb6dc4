import { z } from 'zod';
import { idSchema } from './schemas';
import { TRANSITIONS, type CaseAction } from '../domain/workflow';
import type { Scope } from './scope';
import type { Role } from './types';

/** A command: its input schema, the output type (phantom), the roles allowed to run it and its village scope. */
export type Command<I extends z.ZodType, O> = {
  input: I;
  roles: readonly Role[];
  /** What the command touches and where its village comes from; enforced by `dispatch` (scope.ts). */
  scope: Scope;
  /** Runs without a logged-in session (login, first-run setup, status). */
  isPublic?: boolean;
  readonly __output?: O;
};

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[], scope: Scope): Command<I, O> => ({ input, roles, scope });

export const publicCommand =
  <O>() =>
  <I extends z.ZodType>(input: I): Command<I, O> => ({ input, roles: [], scope: { type: 'office' }, isPublic: true });

export const ALL: readonly Role[] = ['cadre', 'clerk', 'leader', 'admin'];
export const OFFICE: readonly Role[] = ['clerk', 'leader', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

export const byId = z.object({ id: idSchema });

/** A command that takes (or prepares) a case step may be run by exactly the roles the workflow gives that step. */
export const stepRoles = (action: CaseAction): readonly Role[] => TRANSITIONS[action].roles;
