import { z } from 'zod';
import {
  AppError,
  commands,
  isCommandName,
  issueFields,
  type CommandName,
  type CommandOutput,
  type ParsedInput,
  type Result,
} from '../contract';
import type { Ctx } from './context';
import { handlers } from './handlers';
import { checkScope } from './scope-guard';
import { effectiveMode } from '../store/office-mode';

/** Handlers are synchronous, or async for work outside the database (rendering, files). Writes stay in one
 * synchronous transaction either way: an async handler prepares first, then writes. */
export type Handler<K extends CommandName> = (ctx: Ctx, input: ParsedInput<K>) => CommandOutput<K> | Promise<CommandOutput<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };
export type HandlersOf<M> = { [K in keyof M & CommandName]: Handler<K> };

/**
 * The one entry point of both shells (Electron IPC and the browser host): the input is `unknown`, it is parsed
 * with the contract's schema, the role and the village scope are checked (scope-guard.ts), and every outcome
 * becomes a result envelope.
 */
export async function dispatch(command: string, rawInput: unknown, ctx: Ctx): Promise<Result<unknown>> {
  if (!isCommandName(command)) {
    return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `未知的操作：${command}` } };
  }
  return run(command, rawInput, ctx);
}

async function run<K extends CommandName>(command: K, rawInput: unknown, ctx: Ctx): Promise<Result<CommandOutput<K>>> {
  const def = commands[command];
  // The office's kind first (issue 15): a county database runs no township step, a township receives no packages.
  const mode = effectiveMode(ctx.db);
  if (!def.modes.includes(mode)) {
    return {
      ok: false,
      error: { code: 'FORBIDDEN', message: mode === 'county' ? '本单位为县民政局，不办理乡镇民政所的业务' : '该功能仅供县民政局使用，本单位为乡镇民政所' },
    };
  }
  if (!('isPublic' in def && def.isPublic) && !def.roles.includes(ctx.actor.role)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' } };
  }
  const scoped = checkScope(ctx.db, def.scope, ctx.actor, rawInput ?? {});
  if (!scoped.ok) return { ok: false, error: scoped.error };
  const parsed = (def.input as z.ZodType).safeParse(scoped.input);
  if (!parsed.success) {
    const fields = issueFields(parsed.error.issues);
    return {
      ok: false,
      error: { code: 'VALIDATION', message: fields.map((f) => f.message).join('；'), fields },
    };
  }
  try {
    const handler = handlers[command] as Handler<K>;
    return { ok: true, value: await handler(ctx, parsed.data as ParsedInput<K>) };
  } catch (err) {
    if (err instanceof AppError) {
      return {
        ok: false,
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      };
    }
    // Never echo raw errors: they may carry personal data from SQL parameters.
    console.error(`[dispatch] ${command} failed: ${err instanceof Error ? err.name : 'error'}`);
    return { ok: false, error: { code: 'INTERNAL', message: '系统内部错误，操作未完成，数据未被修改' } };
  }
}
