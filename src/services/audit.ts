import { appendAudit, listAudit } from '../store/audit';
import type { Ctx } from './context';
import { nowIso } from './context';

/** Records who did what to which entity, with the previous and the new value (责任可追溯, plan 四(三)). */
export function audit(
  ctx: Ctx,
  command: string,
  entityType: string,
  entityId: number | null,
  before: unknown,
  after: unknown,
): void {
  appendAudit(ctx.db, {
    at: nowIso(ctx.clock),
    actor: ctx.actor.name,
    actorRole: ctx.actor.role,
    command,
    entityType,
    entityId,
    before: before ?? null,
    after: after ?? null,
  });
}

export function auditList(
  ctx: Ctx,
  input: { page: number; pageSize: number; entityType?: string | null | undefined; entityId?: number | null | undefined },
) {
  const r = listAudit(ctx.db, { entityType: input.entityType ?? null, entityId: input.entityId ?? null }, input.page, input.pageSize);
  return { ...r, page: input.page, pageSize: input.pageSize };
}
