import type { Village, VillageKind } from '../contract';
import type { Db } from './db';

type Row = { id: number; name: string; code: string; kind: VillageKind; groups_json: string; household_count: number };

const SELECT = `SELECT v.id, v.name, v.code, v.kind, v.groups_json,
  (SELECT count(*) FROM households h WHERE h.village_id = v.id) AS household_count FROM villages v`;

const toVillage = (r: Row): Village => ({
  id: r.id,
  name: r.name,
  code: r.code,
  kind: r.kind,
  groups: JSON.parse(r.groups_json) as string[],
  householdCount: r.household_count,
});

export function listVillages(db: Db): Village[] {
  return (db.prepare(`${SELECT} ORDER BY v.code, v.id`).all() as Row[]).map(toVillage);
}

export function getVillage(db: Db, id: number): Village | null {
  const r = db.prepare(`${SELECT} WHERE v.id = ?`).get(id) as Row | undefined;
  return r ? toVillage(r) : null;
}

export function findVillageByNameOrCode(db: Db, name: string, code: string): { id: number; name: string; code: string }[] {
  return db.prepare('SELECT id, name, code FROM villages WHERE name = ? OR code = ?').all(name, code) as {
    id: number;
    name: string;
    code: string;
  }[];
}

export type VillageWrite = { name: string; code: string; kind: VillageKind; groups: string[] };

export function insertVillage(db: Db, v: VillageWrite, at: string): number {
  const info = db
    .prepare('INSERT INTO villages (name, code, kind, groups_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(v.name, v.code, v.kind, JSON.stringify(v.groups), at, at);
  return Number(info.lastInsertRowid);
}

export function updateVillage(db: Db, id: number, v: VillageWrite, at: string): void {
  db.prepare('UPDATE villages SET name = ?, code = ?, kind = ?, groups_json = ?, updated_at = ? WHERE id = ?').run(
    v.name,
    v.code,
    v.kind,
    JSON.stringify(v.groups),
    at,
    id,
  );
}

export function deleteVillage(db: Db, id: number): void {
  db.prepare('DELETE FROM villages WHERE id = ?').run(id);
}

export function groupsInUse(db: Db, villageId: number): string[] {
  return (
    db
      .prepare('SELECT DISTINCT group_name AS g FROM households WHERE village_id = ? AND group_name IS NOT NULL')
      .all(villageId) as { g: string }[]
  ).map((r) => r.g);
}
