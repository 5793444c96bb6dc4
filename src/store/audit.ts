import type { AuditEntry } from '../contract';
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

export function appendAudit(db: Db, r: AuditRecord): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, actor_role, command, entity_type, entity_id, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.at,
    r.actor,
    r.actorRole,
    r.command,
    r.entityType,
    r.entityId,
    r.before === undefined ? null : JSON.stringify(r.before),
    r.after === undefined ? null : JSON.stringify(r.after),
  );
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
