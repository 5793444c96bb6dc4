// The roll of some villages as a 备案包's county.json carries it (issue 15): the same rows, in the same order, as
// the 低保花名册 (src/store/roster.ts listRoster) of the recipient households, with only the fields county.json
// writes. The 花名册's own query also reads each household's open case, its decision's source and its 渐退 figures
// for the screen — at county scale most of the 备案包's roll time (issue 13), for fields the county never sees.
import type { RosterMemberLine } from './roster';
import type { Db } from './db';

export type CountyRollRow = {
  householdId: number;
  villageName: string;
  headName: string | null;
  size: number;
  category: string;
  classes: string;
  monthlyTotal: number;
  lines: RosterMemberLine[];
};

/** The recipient households' roster lines of `villageIds`, in the 花名册's village order. */
export function countyRoll(db: Db, villageIds: readonly number[]): CountyRollRow[] {
  const rows = db
    .prepare(
      `SELECT h.id AS householdId, v.name AS villageName,
         (SELECT name FROM persons p WHERE p.id = h.head_person_id) AS headName,
         (SELECT count(*) FROM persons p WHERE p.household_id = h.id) AS size,
         e.category, e.classes, e.monthly_total AS monthlyTotal, e.lines_json AS linesJson
       FROM households h JOIN roster_entries e ON e.household_id = h.id JOIN villages v ON v.id = h.village_id
         -- As the 花名册 joins it: an open 渐退 per household (kept, so that the rows are the 花名册's rows).
         LEFT JOIN gradual_exits ge ON ge.household_id = h.id AND ge.ended_at IS NULL
       WHERE h.status = 'recipient' AND h.village_id IN (SELECT value FROM json_each(?))
       ORDER BY h.village_id, h.group_name, h.id`,
    )
    .all(JSON.stringify(villageIds)) as (Omit<CountyRollRow, 'lines'> & { linesJson: string })[];
  return rows.map(({ linesJson, ...r }) => ({ ...r, lines: JSON.parse(linesJson) as RosterMemberLine[] }));
}
