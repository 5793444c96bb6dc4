import { z } from 'zod';
import { idSchema } from './schemas';
import type { Role } from './types';

/** A command: its input schema, the output type (phantom) and the roles allowed to run it. */
export type Command<I extends z.ZodType, O> = {
  input: I;
  roles: readonly Role[];
  /** Runs without a logged-in session (login, first-run setup, status). */
  isPublic?: boolean;
  readonly __output?: O;
};

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[]): Command<I, O> => ({ input, roles });

export const publicCommand =
  <O>() =>
  <I extends z.ZodType>(input: I): Command<I, O> => ({ input, roles: [], isPublic: true });

export const ALL: readonly Role[] = ['cadre', 'clerk', 'leader', 'admin'];
export const OFFICE: readonly Role[] = ['clerk', 'leader', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

export const byId = z.object({ id: idSchema });
