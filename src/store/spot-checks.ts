import type { Db } from './db';

export type SpotCheckRow = { id: number; campaignId: number; seed: number; perVillage: number; drawnAt: string; drawnBy: string };
export type SpotCheckItemRow = {
  id: number;
  spotCheckId: number;
  householdId: number;
  villageId: number;
  checkedOn: string | null;
  checker: string | null;
  result: 'ok' | 'problem' | null;
  finding: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
};

export function insertSpotCheck(db: Db, c: Omit<SpotCheckRow, 'id'>, items: { householdId: number; villageId: number }[]): number {
  const id = Number(
    db
      .prepare('INSERT INTO spot_checks (campaign_id, seed, per_village, drawn_at, drawn_by) VALUES (?, ?, ?, ?, ?)')
      .run(c.campaignId, c.seed, c.perVillage, c.drawnAt, c.drawnBy).lastInsertRowid,
  );
  const ins = db.prepare('INSERT INTO spot_check_items (spot_check_id, household_id, village_id) VALUES (?, ?, ?)');
  for (const it of items) ins.run(id, it.householdId, it.villageId);
  return id;
}

export function listSpotChecks(db: Db, campaignId: number): SpotCheckRow[] {
  return (
    db.prepare('SELECT id, campaign_id AS campaignId, seed, per_village AS perVillage, drawn_at AS drawnAt, drawn_by AS drawnBy FROM spot_checks WHERE campaign_id = ? ORDER BY id DESC').all(campaignId) as SpotCheckRow[]
  );
}

export function getSpotCheck(db: Db, id: number): SpotCheckRow | null {
  return (
    (db.prepare('SELECT id, campaign_id AS campaignId, seed, per_village AS perVillage, drawn_at AS drawnAt, drawn_by AS drawnBy FROM spot_checks WHERE id = ?').get(id) as
      | SpotCheckRow
      | undefined) ?? null
  );
}

export function listSpotCheckItems(db: Db, spotCheckId: number): SpotCheckItemRow[] {
  return db
    .prepare(
      `SELECT id, spot_check_id AS spotCheckId, household_id AS householdId, village_id AS villageId, checked_on AS checkedOn, checker,
              result, finding, recorded_at AS recordedAt, recorded_by AS recordedBy
       FROM spot_check_items WHERE spot_check_id = ? ORDER BY village_id, household_id`,
    )
    .all(spotCheckId) as SpotCheckItemRow[];
}

export function recordSpotCheckItem(
  db: Db,
  id: number,
  r: { checkedOn: string; checker: string; result: 'ok' | 'problem'; finding: string | null; recordedAt: string; recordedBy: string },
): boolean {
  return (
    db
      .prepare('UPDATE spot_check_items SET checked_on = ?, checker = ?, result = ?, finding = ?, recorded_at = ?, recorded_by = ? WHERE id = ?')
      .run(r.checkedOn, r.checker, r.result, r.finding, r.recordedAt, r.recordedBy, id).changes > 0
  );
}

export function getSpotCheckItem(db: Db, id: number): SpotCheckItemRow | null {
  return (
    (db
      .prepare(
        `SELECT id, spot_check_id AS spotCheckId, household_id AS householdId, village_id AS villageId, checked_on AS checkedOn, checker,
                result, finding, recorded_at AS recordedAt, recorded_by AS recordedBy FROM spot_check_items WHERE id = ?`,
      )
      .get(id) as SpotCheckItemRow | undefined) ?? null
  );
}
