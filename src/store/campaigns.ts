import type { CaseKind, CaseState, Phase, ScreeningResult } from '../domain/workflow';
import { cachedStatement, type Db } from './db';

export type CampaignRow = { id: number; name: string; year: number; phases: Phase[]; villageIds: number[]; createdAt: string; createdBy: string };

export function insertCampaign(db: Db, c: Omit<CampaignRow, 'id'>): number {
  const id = Number(
    db
      .prepare('INSERT INTO campaigns (name, year, phases_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(c.name, c.year, JSON.stringify(c.phases), c.createdAt, c.createdBy).lastInsertRowid,
  );
  setCampaignVillages(db, id, c.villageIds);
  return id;
}

export function updateCampaign(db: Db, id: number, c: Pick<CampaignRow, 'name' | 'phases' | 'villageIds'>): void {
  db.prepare('UPDATE campaigns SET name = ?, phases_json = ? WHERE id = ?').run(c.name, JSON.stringify(c.phases), id);
  setCampaignVillages(db, id, c.villageIds);
}

function setCampaignVillages(db: Db, id: number, villageIds: number[]): void {
  db.prepare('DELETE FROM campaign_villages WHERE campaign_id = ?').run(id);
  const ins = db.prepare('INSERT INTO campaign_villages (campaign_id, village_id) VALUES (?, ?)');
  for (const v of villageIds) ins.run(id, v);
}

type Raw = { id: number; name: string; year: number; phases_json: string; created_at: string; created_by: string };

function toCampaign(db: Db, r: Raw): CampaignRow {
  const villageIds = (db.prepare('SELECT village_id AS v FROM campaign_villages WHERE campaign_id = ? ORDER BY village_id').all(r.id) as { v: number }[]).map(
    (x) => x.v,
  );
  return { id: r.id, name: r.name, year: r.year, phases: JSON.parse(r.phases_json) as Phase[], villageIds, createdAt: r.created_at, createdBy: r.created_by };
}

export function listCampaigns(db: Db): CampaignRow[] {
  return (db.prepare('SELECT * FROM campaigns ORDER BY id DESC').all() as Raw[]).map((r) => toCampaign(db, r));
}

export function getCampaign(db: Db, id: number): CampaignRow | null {
  const r = db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as Raw | undefined;
  return r ? toCampaign(db, r) : null;
}

export type CaseRow = {
  id: number;
  campaignId: number;
  householdId: number;
  villageId: number;
  kind: CaseKind;
  state: CaseState;
  screeningResult: ScreeningResult | null;
  screeningNote: string | null;
  committeeAgrees: boolean | null;
  committeeReason: string | null;
  determinationId: number | null;
  createdAt: string;
  updatedAt: string;
  headName: string | null;
  villageName: string;
  groupName: string | null;
  size: number;
};

const CASE_SELECT = `SELECT c.*, v.name AS village_name, h.group_name,
  (SELECT name FROM persons p WHERE p.id = h.head_person_id) AS head_name,
  (SELECT count(*) FROM persons p WHERE p.household_id = h.id) AS size
  FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = c.village_id`;

type CaseRaw = {
  id: number;
  campaign_id: number;
  household_id: number;
  village_id: number;
  kind: CaseKind;
  state: CaseState;
  screening_result: ScreeningResult | null;
  screening_note: string | null;
  committee_agrees: number | null;
  committee_reason: string | null;
  determination_id: number | null;
  created_at: string;
  updated_at: string;
  head_name: string | null;
  village_name: string;
  group_name: string | null;
  size: number;
};

const toCase = (r: CaseRaw): CaseRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  householdId: r.household_id,
  villageId: r.village_id,
  kind: r.kind,
  state: r.state,
  screeningResult: r.screening_result,
  screeningNote: r.screening_note,
  committeeAgrees: r.committee_agrees === null ? null : r.committee_agrees === 1,
  committeeReason: r.committee_reason,
  determinationId: r.determination_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  headName: r.head_name,
  villageName: r.village_name,
  groupName: r.group_name,
  size: r.size,
});

export function getCase(db: Db, id: number): CaseRow | null {
  const r = db.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(id) as CaseRaw | undefined;
  return r ? toCase(r) : null;
}

export function findCase(db: Db, campaignId: number, householdId: number): CaseRow | null {
  const r = db.prepare(`${CASE_SELECT} WHERE c.campaign_id = ? AND c.household_id = ?`).get(campaignId, householdId) as CaseRaw | undefined;
  return r ? toCase(r) : null;
}

export function listCases(
  db: Db,
  f: { campaignId: number; villageId?: number | null; states?: readonly CaseState[] | null; householdId?: number | null },
): CaseRow[] {
  const where = ['c.campaign_id = ?'];
  const params: (number | string)[] = [f.campaignId];
  if (f.villageId) {
    where.push('c.village_id = ?');
    params.push(f.villageId);
  }
  if (f.householdId) {
    where.push('c.household_id = ?');
    params.push(f.householdId);
  }
  if (f.states?.length) {
    where.push(`c.state IN (${f.states.map(() => '?').join(', ')})`);
    params.push(...f.states);
  }
  return (db.prepare(`${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.village_id, c.id`).all(...params) as CaseRaw[]).map(toCase);
}

export function casesOfHousehold(db: Db, householdId: number): CaseRow[] {
  return (db.prepare(`${CASE_SELECT} WHERE c.household_id = ? ORDER BY c.id DESC`).all(householdId) as CaseRaw[]).map(toCase);
}

export function insertCase(
  db: Db,
  c: { campaignId: number; householdId: number; villageId: number; kind: CaseKind; state: CaseState },
  at: string,
): number {
  return Number(
    cachedStatement(db, 'INSERT INTO cases (campaign_id, household_id, village_id, kind, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(c.campaignId, c.householdId, c.villageId, c.kind, c.state, at, at).lastInsertRowid,
  );
}

export type CasePatch = Partial<{
  state: CaseState;
  screeningResult: ScreeningResult | null;
  screeningNote: string | null;
  committeeAgrees: boolean | null;
  committeeReason: string | null;
  determinationId: number | null;
}>;

const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  state: 'state',
  screeningResult: 'screening_result',
  screeningNote: 'screening_note',
  committeeAgrees: 'committee_agrees',
  committeeReason: 'committee_reason',
  determinationId: 'determination_id',
};

export function patchCase(db: Db, id: number, patch: CasePatch, at: string): void {
  const keys = Object.keys(patch) as (keyof CasePatch)[];
  const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`);
  const values = keys.map((k) => {
    const v = patch[k];
    return typeof v === 'boolean' ? +v : (v ?? null);
  });
  db.prepare(`UPDATE cases SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...values, at, id);
}

export type CaseEvent = {
  id: number;
  caseId: number;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  actor: string;
  actorRole: string;
  at: string;
  note: string | null;
  data: unknown;
};

export function insertCaseEvent(db: Db, e: Omit<CaseEvent, 'id'>): void {
  cachedStatement(db, 
    'INSERT INTO case_events (case_id, action, from_state, to_state, actor, actor_role, at, note, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.caseId, e.action, e.fromState, e.toState, e.actor, e.actorRole, e.at, e.note, e.data === undefined ? null : JSON.stringify(e.data));
}

type CaseEventRaw = {
  id: number;
  case_id: number;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  actor: string;
  actor_role: string;
  at: string;
  note: string | null;
  data_json: string | null;
};

const toCaseEvent = (r: CaseEventRaw): CaseEvent => ({
  id: r.id,
  caseId: r.case_id,
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  actor: r.actor,
  actorRole: r.actor_role,
  at: r.at,
  note: r.note,
  data: r.data_json === null ? null : JSON.parse(r.data_json),
});

export function listCaseEvents(db: Db, caseId: number): CaseEvent[] {
  return (db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id').all(caseId) as CaseEventRaw[]).map(toCaseEvent);
}

/**
 * Every case's events of a campaign, oldest first, keyed by case: one query instead of one per case (the 备案包
 * at county scale read 8,000 cases' events one by one, issue 13). A case without events has no key.
 */
export function caseEventsOfCampaign(db: Db, campaignId: number): Map<number, CaseEvent[]> {
  const rows = db
    .prepare('SELECT e.* FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.campaign_id = ? ORDER BY e.case_id, e.id')
    .all(campaignId) as CaseEventRaw[];
  const out = new Map<number, CaseEvent[]>();
  for (const r of rows) {
    const list = out.get(r.case_id);
    if (list) list.push(toCaseEvent(r));
    else out.set(r.case_id, [toCaseEvent(r)]);
  }
  return out;
}

/** How many cases a campaign has (in one village): counted on the index, no case row loaded. */
export function countCases(db: Db, campaignId: number, villageId: number | null = null): number {
  return (db.prepare('SELECT count(*) AS n FROM cases WHERE campaign_id = ? AND (? IS NULL OR village_id = ?)').get(campaignId, villageId, villageId) as { n: number }).n;
}

/** Every campaign's case count in one query (the campaign list). */
export function caseCountsByCampaign(db: Db): Map<number, number> {
  const rows = db.prepare('SELECT campaign_id AS id, count(*) AS n FROM cases GROUP BY campaign_id').all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Per village and state, how many cases: the workbench's counts. */
export function caseCounts(db: Db, campaignId: number, villageId: number | null = null): { villageId: number; state: CaseState; n: number }[] {
  return db
    .prepare('SELECT village_id AS villageId, state, count(*) AS n FROM cases WHERE campaign_id = ? AND (? IS NULL OR village_id = ?) GROUP BY village_id, state')
    .all(campaignId, villageId, villageId) as { villageId: number; state: CaseState; n: number }[];
}

/** The latest time each case of a campaign took each of `actions` (for statutory clocks). */
export function lastActionTimes(db: Db, campaignId: number, actions: readonly string[]): Map<number, Record<string, string>> {
  const rows = db
    .prepare(
      `SELECT e.case_id AS caseId, e.action, max(e.at) AS at FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.campaign_id = ? AND e.action IN (${actions.map(() => '?').join(', ')}) GROUP BY e.case_id, e.action`,
    )
    .all(campaignId, ...actions) as { caseId: number; action: string; at: string }[];
  const out = new Map<number, Record<string, string>>();
  for (const r of rows) out.set(r.caseId, { ...out.get(r.caseId), [r.action]: r.at });
  return out;
}

/**
 * Stops confirmed in a campaign's cases of one village (镇核实清退, the end of a gradual exit), with the instant of
 * the step: the exits of an approval round that no approval meeting decided.
 */
export function stopEventsOfCampaign(db: Db, campaignId: number, villageId: number): { caseId: number; householdId: number; at: string }[] {
  return db
    .prepare(
      `SELECT e.case_id AS caseId, c.household_id AS householdId, e.at FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.campaign_id = ? AND c.village_id = ? AND e.action IN ('confirm-exit', 'end-gradual-exit') ORDER BY e.id`,
    )
    .all(campaignId, villageId) as { caseId: number; householdId: number; at: string }[];
}
