import type { AuditEntry } from '../contract';
import { insertChained } from './audit-chain';
import type { Db } from './db';

export type AuditRecord = {
  at: string;
  actor: string;
  actorRole: string;
  command: string;
  entityType: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
};

/**
 * Appends one row at the end of the hash chain. Reading the head and inserting must not be split by another
 * connection's append (the CLI beside a running app): alone, it takes the write lock first (IMMEDIATE); inside a
 * caller's transaction, that transaction already decides.
 */
export function appendAudit(db: Db, r: AuditRecord): void {
  const append = () =>
    insertChained(db, {
      at: r.at,
      actor: r.actor,
      actor_role: r.actorRole,
      command: r.command,
      entity_type: r.entityType,
      entity_id: r.entityId,
      before_json: r.before === undefined ? null : JSON.stringify(r.before),
      after_json: r.after === undefined ? null : JSON.stringify(r.after),
    });
  if (db.inTransaction) append();
  else db.transaction(append).immediate();
}

type Row = {
  id: number;
  at: string;
  actor: string;
  command: string;
  entity_type: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
};

export function listAudit(
  db: Db,
  filter: { entityType?: string | null; entityId?: number | null },
  page: number,
  pageSize: number,
): { items: AuditEntry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.entityType === 'household' && filter.entityId) {
    // A household's history includes the documents issued for it (notices, forms, corrections).
    where.push(`((entity_type = 'household' AND entity_id = ?) OR (entity_type = 'document' AND entity_id IN (SELECT id FROM documents WHERE household_id = ?)))`);
    params.push(filter.entityId, filter.entityId);
  } else if (filter.entityType) {
    where.push('entity_type = ?');
    params.push(filter.entityType);
  }
  if (filter.entityId && filter.entityType !== 'household') {
    where.push('entity_id = ?');
    params.push(filter.entityId);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${w} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...params, pageSize, (page - 1) * pageSize) as Row[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      command: r.command,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json === null ? null : JSON.parse(r.before_json),
      after: r.after_json === null ? null : JSON.parse(r.after_json),
    })),
  };
}

/** The latest rows of one command (newest first), e.g. the filing packages made on this PC. */
export function latestAuditOf(db: Db, command: string, limit: number): { id: number; at: string; actor: string; entityId: number | null; after: unknown }[] {
  const rows = db.prepare('SELECT id, at, actor, entity_id, after_json FROM audit_log WHERE command = ? ORDER BY id DESC LIMIT ?').all(command, limit) as Pick<
    Row,
    'id' | 'at' | 'actor' | 'entity_id' | 'after_json'
  >[];
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, entityId: r.entity_id, after: r.after_json === null ? null : JSON.parse(r.after_json) }));
}
