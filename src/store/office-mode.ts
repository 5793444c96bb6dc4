import type { OfficeMode } from '../contract/command';
import type { Db } from './db';

export type OfficeModeRow = { mode: OfficeMode; countyName: string | null; chosenAt: string; chosenBy: string };

/** The office's kind as chosen at first start (migration 017); null while nothing has been chosen. */
export function getOfficeMode(db: Db): OfficeModeRow | null {
  const r = db.prepare('SELECT mode, county_name, chosen_at, chosen_by FROM office_mode WHERE id = 1').get() as
    | { mode: OfficeMode; county_name: string | null; chosen_at: string; chosen_by: string }
    | undefined;
  return r ? { mode: r.mode, countyName: r.county_name, chosenAt: r.chosen_at, chosenBy: r.chosen_by } : null;
}

/**
 * The mode commands run in. A database without a choice is a township's: every office before issue 15 was one, and
 * the township's own set-ups (seed-demo, tests acting as the local administrator) never ask.
 */
export const effectiveMode = (db: Db): OfficeMode => getOfficeMode(db)?.mode ?? 'township';

/** Fixed once: the trigger refuses any later change. */
export function setOfficeMode(db: Db, row: OfficeModeRow): void {
  db.prepare('INSERT INTO office_mode (id, mode, county_name, chosen_at, chosen_by) VALUES (1, ?, ?, ?, ?)').run(row.mode, row.countyName, row.chosenAt, row.chosenBy);
}
