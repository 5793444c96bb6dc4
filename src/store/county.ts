// The county bureau's received data (issue 15, migration 017). Everything here is append-only: triggers refuse any
// UPDATE or DELETE of received rows, a re-pin is a new pin row, a newer package is a new package row.
import type { CountyCaseLine, CountyFigures } from '../contract';
import type { CountyData } from '../exchange/county-data';
import type { Db } from './db';

export type TownshipRow = { id: number; name: string; firstReceivedAt: string };
export type PinRow = { id: number; townshipId: number; fingerprint: string; pinnedAt: string; pinnedBy: string; how: 'first' | 'repin'; reason: string | null };
/** A package as received: what was written (PackageWrite, less the stored texts), with its township's name. */
export type CountyPackageRow = Omit<PackageWrite, 'manifestJson' | 'signatureJson' | 'dataSha256'> & {
  id: number;
  township: string;
  /** A newer package of the same township and scope exists: kept, not counted. */
  superseded: boolean;
};

export function getTownshipByName(db: Db, name: string): TownshipRow | null {
  const r = db.prepare('SELECT id, name, first_received_at FROM county_townships WHERE name = ?').get(name) as
    | { id: number; name: string; first_received_at: string }
    | undefined;
  return r ? { id: r.id, name: r.name, firstReceivedAt: r.first_received_at } : null;
}

export function getTownship(db: Db, id: number): TownshipRow | null {
  const r = db.prepare('SELECT id, name, first_received_at FROM county_townships WHERE id = ?').get(id) as
    | { id: number; name: string; first_received_at: string }
    | undefined;
  return r ? { id: r.id, name: r.name, firstReceivedAt: r.first_received_at } : null;
}

export function insertTownship(db: Db, name: string, at: string): number {
  return Number(db.prepare('INSERT INTO county_townships (name, first_received_at) VALUES (?, ?)').run(name, at).lastInsertRowid);
}

const pinOf = (r: { id: number; township_id: number; fingerprint: string; pinned_at: string; pinned_by: string; how: 'first' | 'repin'; reason: string | null }): PinRow => ({
  id: r.id,
  townshipId: r.township_id,
  fingerprint: r.fingerprint,
  pinnedAt: r.pinned_at,
  pinnedBy: r.pinned_by,
  how: r.how,
  reason: r.reason,
});

/** The key a township's packages must be signed by now: its latest pin. */
export function currentPin(db: Db, townshipId: number): PinRow | null {
  const r = db.prepare('SELECT * FROM county_key_pins WHERE township_id = ? ORDER BY id DESC LIMIT 1').get(townshipId) as Parameters<typeof pinOf>[0] | undefined;
  return r ? pinOf(r) : null;
}

export function listPins(db: Db, townshipId: number): PinRow[] {
  return (db.prepare('SELECT * FROM county_key_pins WHERE township_id = ? ORDER BY id').all(townshipId) as Parameters<typeof pinOf>[0][]).map(pinOf);
}

export function insertPin(db: Db, p: Omit<PinRow, 'id'>): number {
  return Number(
    db
      .prepare('INSERT INTO county_key_pins (township_id, fingerprint, pinned_at, pinned_by, how, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.townshipId, p.fingerprint, p.pinnedAt, p.pinnedBy, p.how, p.reason).lastInsertRowid,
  );
}

export function listTownships(db: Db): TownshipRow[] {
  return (db.prepare('SELECT id, name, first_received_at FROM county_townships ORDER BY name').all() as { id: number; name: string; first_received_at: string }[]).map((r) => ({
    id: r.id,
    name: r.name,
    firstReceivedAt: r.first_received_at,
  }));
}

/** A package is current unless a later one of the same township and scope was received (ties: the later row). */
export const CURRENT_PACKAGE = `NOT EXISTS (SELECT 1 FROM county_packages q WHERE q.township_id = p.township_id AND q.scope_key = p.scope_key
  AND (q.created_at > p.created_at OR (q.created_at = p.created_at AND q.id > p.id)))`;

type PackageRaw = {
  id: number;
  township_id: number;
  township: string;
  name: string;
  manifest_sha256: string;
  fingerprint: string;
  created_at: string;
  received_at: string;
  received_by: string;
  scope_key: string;
  campaign_name: string;
  round_year: number;
  villages_json: string;
  date_from: string | null;
  date_to: string | null;
  counts_json: string;
  source_path: string;
  is_current: number;
};

const packageOf = (r: PackageRaw): CountyPackageRow => ({
  id: r.id,
  townshipId: r.township_id,
  township: r.township,
  name: r.name,
  manifestSha256: r.manifest_sha256,
  fingerprint: r.fingerprint,
  createdAt: r.created_at,
  receivedAt: r.received_at,
  receivedBy: r.received_by,
  scopeKey: r.scope_key,
  campaignName: r.campaign_name,
  roundYear: r.round_year,
  villages: JSON.parse(r.villages_json) as string[],
  dateFrom: r.date_from,
  dateTo: r.date_to,
  counts: JSON.parse(r.counts_json) as Record<string, number>,
  sourcePath: r.source_path,
  superseded: r.is_current === 0,
});

const PACKAGE_SELECT = `SELECT p.id, p.township_id, t.name AS township, p.name, p.manifest_sha256, p.fingerprint, p.created_at, p.received_at,
  p.received_by, p.scope_key, p.campaign_name, p.round_year, p.villages_json, p.date_from, p.date_to, p.counts_json, p.source_path,
  (${CURRENT_PACKAGE}) AS is_current
  FROM county_packages p JOIN county_townships t ON t.id = p.township_id`;

export function listPackages(db: Db, townshipId: number | null): CountyPackageRow[] {
  const rows =
    townshipId === null
      ? (db.prepare(`${PACKAGE_SELECT} ORDER BY t.name, p.created_at DESC, p.id DESC`).all() as PackageRaw[])
      : (db.prepare(`${PACKAGE_SELECT} WHERE p.township_id = ? ORDER BY p.created_at DESC, p.id DESC`).all(townshipId) as PackageRaw[]);
  return rows.map(packageOf);
}

export function getPackageBySha(db: Db, manifestSha256: string): CountyPackageRow | null {
  const r = db.prepare(`${PACKAGE_SELECT} WHERE p.manifest_sha256 = ?`).get(manifestSha256) as PackageRaw | undefined;
  return r ? packageOf(r) : null;
}

/** The newest package of a township and scope (the one counted), if any. */
export function latestInScope(db: Db, townshipId: number, scopeKey: string): CountyPackageRow | null {
  const r = db.prepare(`${PACKAGE_SELECT} WHERE p.township_id = ? AND p.scope_key = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 1`).get(townshipId, scopeKey) as
    | PackageRaw
    | undefined;
  return r ? packageOf(r) : null;
}

export type PackageWrite = {
  townshipId: number;
  name: string;
  manifestSha256: string;
  fingerprint: string;
  createdAt: string;
  receivedAt: string;
  receivedBy: string;
  scopeKey: string;
  campaignName: string;
  roundYear: number;
  villages: string[];
  dateFrom: string | null;
  dateTo: string | null;
  counts: Record<string, number>;
  sourcePath: string;
  manifestJson: string;
  signatureJson: string;
  dataSha256: string;
};

/** The package row and every row of its county.json, with prepared statements (3,000 persons in a few ms). */
export function insertPackage(db: Db, p: PackageWrite, data: CountyData): number {
  const packageId = Number(
    db
      .prepare(
        `INSERT INTO county_packages (township_id, name, manifest_sha256, fingerprint, created_at, received_at, received_by, scope_key,
           campaign_name, round_year, villages_json, date_from, date_to, counts_json, source_path, manifest_json, signature_json, data_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.townshipId, p.name, p.manifestSha256, p.fingerprint, p.createdAt, p.receivedAt, p.receivedBy, p.scopeKey, p.campaignName, p.roundYear,
        JSON.stringify(p.villages), p.dateFrom, p.dateTo, JSON.stringify(p.counts), p.sourcePath, p.manifestJson, p.signatureJson, p.dataSha256,
      ).lastInsertRowid,
  );
  const household = db.prepare(
    'INSERT INTO county_households (package_id, household_ref, village, head_name, category, classes, monthly_total, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const person = db.prepare('INSERT INTO county_persons (package_id, household_id, name, id_number, class, amount) VALUES (?, ?, ?, ?, ?, ?)');
  for (const h of data.roster) {
    const hid = Number(household.run(packageId, h.householdRef, h.village, h.headName, h.category, h.classes, h.monthlyTotal, h.size).lastInsertRowid);
    for (const m of h.members) person.run(packageId, hid, m.name, m.idNumber, m.class, m.amount);
  }
  const outcome = db.prepare(
    'INSERT INTO county_outcomes (package_id, kind, case_ref, village, head_name, name, id_number, decided_on, monthly_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const o of data.outcomes) {
    // A decision without a person (a household with no ID on file) still counts as a decision.
    const persons = o.persons.length ? o.persons : [{ name: o.headName, idNumber: '' }];
    for (const [i, x] of persons.entries()) outcome.run(packageId, o.kind, o.caseRef, o.village, o.headName, x.name, x.idNumber, o.decidedOn, i === 0 ? o.monthlyTotal : 0);
  }
  const kase = db.prepare(
    `INSERT INTO county_cases (package_id, case_ref, village, head_name, kind, state, staff_relative, staff_relative_of, full_visit, started_on, due_on, concluded_on, overdue)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of data.cases) {
    kase.run(
      packageId, c.caseRef, c.village, c.headName, c.kind, c.state, c.staffRelative ? 1 : 0, c.staffRelativeOf,
      c.fullVisit === null ? null : c.fullVisit ? 1 : 0, c.startedOn, c.dueOn, c.concludedOn, c.overdue ? 1 : 0,
    );
  }
  return packageId;
}

// ---------------------------------------------------------------- summary

/** One township's figures; the county adds the persons covered twice (交叉比对) to each row. */
export type TownshipFigures = Omit<CountyFigures, 'duplicates'> & { townshipId: number };

/** The current packages as a CTE `cur(id, township_id)`: computed once per query, not once per row. */
const CUR = `cur AS (SELECT p.id, p.township_id FROM county_packages p WHERE ${CURRENT_PACKAGE})`;

/** Per township, over its current packages only. */
export function townshipFigures(db: Db): TownshipFigures[] {
  const out = new Map<number, TownshipFigures>();
  const get = (id: number) => {
    let f = out.get(id);
    if (!f) {
      f = { townshipId: id, households: 0, persons: 0, monthlyTotal: 0, byCategory: {}, byClass: {}, approvals: 0, refusals: 0, exits: 0, cases: 0, overdue: 0, relatives: 0, relativesFullVisit: 0 };
      out.set(id, f);
    }
    return f;
  };
  for (const r of db
    .prepare(
      `WITH ${CUR} SELECT c.township_id AS t, h.category, count(*) AS households, sum(h.monthly_total) AS total
       FROM county_households h JOIN cur c ON c.id = h.package_id GROUP BY c.township_id, h.category`,
    )
    .all() as { t: number; category: string; households: number; total: number }[]) {
    const f = get(r.t);
    f.households += r.households;
    f.monthlyTotal += r.total;
    f.byCategory[r.category] = { households: r.households, persons: 0, monthlyTotal: Math.round(r.total * 100) / 100 };
  }
  for (const r of db
    .prepare(
      `WITH ${CUR} SELECT c.township_id AS t, h.category, x.class, count(*) AS n
       FROM county_persons x JOIN cur c ON c.id = x.package_id JOIN county_households h ON h.id = x.household_id
       GROUP BY c.township_id, h.category, x.class`,
    )
    .all() as { t: number; category: string; class: string; n: number }[]) {
    const f = get(r.t);
    f.persons += r.n;
    f.byClass[r.class] = (f.byClass[r.class] ?? 0) + r.n;
    const cat = f.byCategory[r.category];
    if (cat) cat.persons += r.n;
  }
  for (const r of db
    .prepare(
      `WITH ${CUR} SELECT c.township_id AS t, o.kind, count(DISTINCT o.case_ref) AS n
       FROM county_outcomes o JOIN cur c ON c.id = o.package_id GROUP BY o.package_id, o.kind`,
    )
    .all() as { t: number; kind: 'approve' | 'deny' | 'exit'; n: number }[]) {
    const f = get(r.t);
    if (r.kind === 'approve') f.approvals += r.n;
    else if (r.kind === 'deny') f.refusals += r.n;
    else f.exits += r.n;
  }
  for (const r of db
    .prepare(
      `WITH ${CUR} SELECT c.township_id AS t, count(*) AS cases, sum(k.overdue) AS overdue, sum(k.staff_relative) AS relatives,
         sum(CASE WHEN k.staff_relative = 1 AND k.full_visit = 1 THEN 1 ELSE 0 END) AS full
       FROM county_cases k JOIN cur c ON c.id = k.package_id GROUP BY c.township_id`,
    )
    .all() as { t: number; cases: number; overdue: number; relatives: number; full: number }[]) {
    const f = get(r.t);
    f.cases = r.cases;
    f.overdue = r.overdue;
    f.relatives = r.relatives;
    f.relativesFullVisit = r.full;
  }
  for (const f of out.values()) f.monthlyTotal = Math.round(f.monthlyTotal * 100) / 100;
  return [...out.values()];
}

/** 近亲属备案 cases, or cases past the statutory time, of the current packages. */
export function caseLines(db: Db, which: 'relatives' | 'overdue'): CountyCaseLine[] {
  const rows = db
    .prepare(
      `SELECT t.name AS township, p.name AS package_name, c.case_ref, c.village, c.head_name, c.state, c.staff_relative_of, c.full_visit,
         c.started_on, c.due_on, c.concluded_on
       FROM county_cases c JOIN county_packages p ON p.id = c.package_id JOIN county_townships t ON t.id = p.township_id
       WHERE ${CURRENT_PACKAGE} AND ${which === 'relatives' ? 'c.staff_relative = 1' : 'c.overdue = 1'}
       ORDER BY t.name, c.village, c.case_ref`,
    )
    .all() as {
    township: string;
    package_name: string;
    case_ref: number;
    village: string;
    head_name: string;
    state: string;
    staff_relative_of: string | null;
    full_visit: number | null;
    started_on: string;
    due_on: string;
    concluded_on: string | null;
  }[];
  return rows.map((r) => ({
    township: r.township,
    packageName: r.package_name,
    caseRef: r.case_ref,
    village: r.village,
    headName: r.head_name,
    state: r.state,
    staffRelativeOf: r.staff_relative_of,
    fullVisit: r.full_visit === null ? null : r.full_visit === 1,
    startedOn: r.started_on,
    dueOn: r.due_on,
    concludedOn: r.concluded_on,
  }));
}

// ---------------------------------------------------------------- cross-checks

export type CoveredSource = {
  idNumber: string;
  name: string;
  townshipId: number;
  township: string;
  packageName: string;
  village: string;
  headName: string;
  householdRef: number;
  householdId: number;
  packageCreatedAt: string;
};

const COVERED_SELECT = `SELECT x.id_number, x.name, p.township_id, t.name AS township, p.name AS package_name, h.village, h.head_name, h.household_ref,
  h.id AS household_id, p.created_at
  FROM county_persons x JOIN county_households h ON h.id = x.household_id JOIN county_packages p ON p.id = x.package_id
  JOIN county_townships t ON t.id = p.township_id`;

type CoveredRaw = {
  id_number: string;
  name: string;
  township_id: number;
  township: string;
  package_name: string;
  village: string;
  head_name: string;
  household_ref: number;
  household_id: number;
  created_at: string;
};
const coveredOf = (r: CoveredRaw): CoveredSource => ({
  idNumber: r.id_number,
  name: r.name,
  townshipId: r.township_id,
  township: r.township,
  packageName: r.package_name,
  village: r.village,
  headName: r.head_name,
  householdRef: r.household_ref,
  householdId: r.household_id,
  packageCreatedAt: r.created_at,
});

/** Covered persons whose ID number is on more than one household line of the current packages. */
export function coveredMoreThanOnce(db: Db): CoveredSource[] {
  return (
    db
      .prepare(
        `WITH ${CUR}, covered AS (SELECT x.id_number, x.household_id FROM county_persons x JOIN cur c ON c.id = x.package_id),
         dup AS (SELECT id_number FROM covered GROUP BY id_number HAVING count(DISTINCT household_id) > 1)
         ${COVERED_SELECT} WHERE x.id_number IN (SELECT id_number FROM dup) AND p.id IN (SELECT id FROM cur) ORDER BY x.id_number, t.name, h.household_ref`,
      )
      .all() as CoveredRaw[]
  ).map(coveredOf);
}

/**
 * Covered persons of the current packages whose ID number might state an impossible birth date or an age above 110:
 * a cheap pre-selection in SQL (a date SQLite does not read back unchanged, one after the package's day, one 110 or
 * more years before it, or a 15-digit number); the domain's checkBirth decides each.
 */
export function birthSuspects(db: Db): CoveredSource[] {
  const b = `substr(x.id_number, 7, 4) || '-' || substr(x.id_number, 11, 2) || '-' || substr(x.id_number, 13, 2)`;
  return (
    db
      .prepare(
        `WITH ${CUR} ${COVERED_SELECT} WHERE p.id IN (SELECT id FROM cur) AND (length(x.id_number) <> 18 OR date(${b}) IS NULL OR date(${b}) <> ${b}
           OR ${b} > substr(p.created_at, 1, 10) OR ${b} <= date(substr(p.created_at, 1, 10), '-110 years'))`,
      )
      .all() as CoveredRaw[]
  ).map(coveredOf);
}

export type OutcomeSource = {
  kind: 'approve' | 'exit';
  idNumber: string;
  name: string;
  townshipId: number;
  township: string;
  packageName: string;
  roundYear: number;
  caseRef: number;
  village: string;
  headName: string;
  decidedOn: string | null;
};

/** Persons in one township's approvals and another's exits of the same round year. */
export function approvedAndExited(db: Db): OutcomeSource[] {
  return (
    db
      .prepare(
        `WITH ${CUR.replace('cur AS', 'curp AS')}, cur AS (SELECT o.*, p.township_id, p.round_year FROM county_outcomes o JOIN county_packages p ON p.id = o.package_id
                      WHERE o.kind IN ('approve','exit') AND o.id_number <> '' AND p.id IN (SELECT id FROM curp)),
         hit AS (SELECT DISTINCT a.id_number, a.round_year FROM cur a JOIN cur e ON e.id_number = a.id_number AND e.round_year = a.round_year
                 AND a.kind = 'approve' AND e.kind = 'exit' AND a.township_id <> e.township_id)
         SELECT c.kind, c.id_number, c.name, c.township_id, t.name AS township, p.name AS package_name, c.round_year, c.case_ref, c.village,
           c.head_name, c.decided_on
         FROM cur c JOIN hit ON hit.id_number = c.id_number AND hit.round_year = c.round_year
         JOIN county_packages p ON p.id = c.package_id JOIN county_townships t ON t.id = c.township_id
         ORDER BY c.id_number, c.kind, t.name`,
      )
      .all() as {
      kind: 'approve' | 'exit';
      id_number: string;
      name: string;
      township_id: number;
      township: string;
      package_name: string;
      round_year: number;
      case_ref: number;
      village: string;
      head_name: string;
      decided_on: string | null;
    }[]
  ).map((r) => ({
    kind: r.kind,
    idNumber: r.id_number,
    name: r.name,
    townshipId: r.township_id,
    township: r.township,
    packageName: r.package_name,
    roundYear: r.round_year,
    caseRef: r.case_ref,
    village: r.village,
    headName: r.head_name,
    decidedOn: r.decided_on,
  }));
}
