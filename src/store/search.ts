import type { HouseholdSummary, SearchHit } from '../contract';
import type { SearchKind } from '../domain/name-keys';
import type { Db } from './db';
import { HOUSEHOLD_SELECT, toSummary, type HouseholdRow } from './households';

export type SearchSpec = { kind: SearchKind; term: string; villageId: number | null; page: number; pageSize: number };

/** The smallest string greater than every string starting with `prefix` (UTF-8 binary order = code point order). */
function prefixUpper(prefix: string): string {
  const cps = [...prefix];
  const last = cps.pop()!;
  return cps.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/**
 * Index-backed conditions only: every kind is an equality or a prefix range on an indexed column, so a search
 * never scans the persons table (100,000 rows) in SQL or in JS.
 */
function personCondition(kind: SearchKind, term: string): { sql: string; params: string[]; order: string } {
  switch (kind) {
    case 'idFull':
      return { sql: 'p.id_number = ?', params: [term], order: 'p.id' };
    case 'idSuffix': {
      const rev = [...term].reverse().join('');
      return { sql: 'p.id_reversed >= ? AND p.id_reversed < ?', params: [rev, prefixUpper(rev)], order: 'p.id_reversed, p.id' };
    }
    case 'pinyin':
      return {
        sql: '((p.name_initials >= ? AND p.name_initials < ?) OR (p.name_pinyin >= ? AND p.name_pinyin < ?))',
        params: [term, prefixUpper(term), term, prefixUpper(term)],
        order: 'p.name_initials, p.id',
      };
    case 'name': {
      // The whole name from its start, or the given name alone (「文斌」 finds 张文斌): both prefix ranges on an index.
      const rev = [...term].reverse().join('');
      return {
        sql: '((p.name >= ? AND p.name < ?) OR (p.name_reversed >= ? AND p.name_reversed < ?))',
        params: [term, prefixUpper(term), rev, prefixUpper(rev)],
        order: 'p.name, p.id',
      };
    }
    case 'all':
      return { sql: '1', params: [], order: 'p.id DESC' };
  }
}

export function searchPersons(db: Db, s: SearchSpec): { items: SearchHit[]; total: number } {
  const c = personCondition(s.kind, s.term);
  const village = s.villageId === null ? '' : ' AND h.village_id = ?';
  const params: (string | number)[] = [...c.params, ...(s.villageId === null ? [] : [s.villageId])];
  const from = `FROM persons p JOIN households h ON h.id = p.household_id WHERE ${c.sql}${village}`;
  const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT p.id AS personId, p.name, p.id_number AS idNumber, p.sex, p.birth_date AS birthDate, p.relation,
              p.household_id AS householdId, v.name AS villageName, h.group_name AS groupName,
              (SELECT name FROM persons hp WHERE hp.id = h.head_person_id) AS headName
       FROM persons p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
       WHERE ${c.sql}${village} ORDER BY ${c.order} LIMIT ? OFFSET ?`,
    )
    .all(...params, s.pageSize, (s.page - 1) * s.pageSize) as SearchHit[];
  return { items, total };
}

export function searchHouseholds(db: Db, s: SearchSpec): { items: HouseholdSummary[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (s.kind !== 'all') {
    const c = personCondition(s.kind, s.term);
    where.push(`h.id IN (SELECT p.household_id FROM persons p WHERE ${c.sql})`);
    params.push(...c.params);
  }
  if (s.villageId !== null) {
    where.push('h.village_id = ?');
    params.push(s.villageId);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM households h ${w}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`${HOUSEHOLD_SELECT} ${w} ORDER BY h.id DESC LIMIT ? OFFSET ?`)
    .all(...params, s.pageSize, (s.page - 1) * s.pageSize) as HouseholdRow[];
  return { items: rows.map(toSummary), total };
}
