import type { EntityKind } from '../contract/scope';
import type { Db } from './db';

// The village of each kind of record a command can name (contract/scope.ts). `undefined`: no such record;
// `null`: a township-level record (e.g. the 镇评审小组 meeting).
const VILLAGE_OF: Record<EntityKind, string> = {
  village: 'SELECT id AS v FROM villages WHERE id = ?',
  household: 'SELECT village_id AS v FROM households WHERE id = ?',
  person: 'SELECT h.village_id AS v FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
  case: 'SELECT village_id AS v FROM cases WHERE id = ?',
  document: 'SELECT village_id AS v FROM documents WHERE id = ?',
  attachment: 'SELECT c.village_id AS v FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?',
  supporter: 'SELECT c.village_id AS v FROM case_supporters s JOIN cases c ON c.id = s.case_id WHERE s.id = ?',
  'publicity-batch': 'SELECT village_id AS v FROM publicity_batches WHERE id = ?',
  objection: 'SELECT c.village_id AS v FROM publicity_objections o JOIN cases c ON c.id = o.case_id WHERE o.id = ?',
  meeting: 'SELECT village_id AS v FROM decision_meetings WHERE id = ?',
};

export function villageOf(db: Db, kind: EntityKind, id: number): number | null | undefined {
  const row = db.prepare(VILLAGE_OF[kind]).get(id) as { v: number | null } | undefined;
  return row ? row.v : undefined;
}
