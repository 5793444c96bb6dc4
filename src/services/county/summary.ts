// 县级汇总 (issue 15): per township and for the county, over each township's current packages — households and
// persons covered by category and class, the monthly amount, this round's approvals, refusals and exits, cases
// past the statutory time, and the 近亲属备案 cases with whether each had a full home visit.
import type { CountyFigures, CountySummary } from '../../contract';
import { getOfficeMode } from '../../store/office-mode';
import { caseLines, coveredMoreThanOnce, listPackages, listTownships, townshipFigures } from '../../store/county';
import { nowIso, type Ctx } from '../context';

const round2 = (v: number) => Math.round(v * 100) / 100;

export const emptyFigures = (): CountyFigures => ({
  households: 0,
  persons: 0,
  monthlyTotal: 0,
  byCategory: {},
  byClass: {},
  approvals: 0,
  refusals: 0,
  exits: 0,
  cases: 0,
  overdue: 0,
  relatives: 0,
  relativesFullVisit: 0,
  duplicates: 0,
});

function add(total: CountyFigures, f: CountyFigures): void {
  total.households += f.households;
  total.persons += f.persons;
  total.monthlyTotal = round2(total.monthlyTotal + f.monthlyTotal);
  for (const [k, v] of Object.entries(f.byCategory)) {
    const t = (total.byCategory[k] ??= { households: 0, persons: 0, monthlyTotal: 0 });
    t.households += v.households;
    t.persons += v.persons;
    t.monthlyTotal = round2(t.monthlyTotal + v.monthlyTotal);
  }
  for (const [k, v] of Object.entries(f.byClass)) total.byClass[k] = (total.byClass[k] ?? 0) + v;
  total.approvals += f.approvals;
  total.refusals += f.refusals;
  total.exits += f.exits;
  total.cases += f.cases;
  total.overdue += f.overdue;
  total.relatives += f.relatives;
  total.relativesFullVisit += f.relativesFullVisit;
  total.duplicates += f.duplicates;
}

export function countySummary(ctx: Ctx): CountySummary {
  const figures = new Map(townshipFigures(ctx.db).map((f) => [f.townshipId, { ...f, duplicates: 0 }]));
  // A person covered twice counts once in each township where they are on the roll.
  const seen = new Set<string>();
  for (const d of coveredMoreThanOnce(ctx.db)) {
    const key = `${d.townshipId}|${d.idNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = figures.get(d.townshipId);
    if (f) f.duplicates++;
  }
  const current = listPackages(ctx.db, null).filter((p) => !p.superseded);
  const total = emptyFigures();
  const rows = listTownships(ctx.db).map((t) => {
    const { townshipId: _id, ...f } = figures.get(t.id) ?? { ...emptyFigures(), townshipId: t.id };
    add(total, f);
    const mine = current.filter((p) => p.townshipId === t.id);
    return { ...f, townshipId: t.id, township: t.name, packages: mine.length, latestPackageAt: mine.map((p) => p.createdAt).sort().at(-1) ?? null };
  });
  return {
    countyName: getOfficeMode(ctx.db)?.countyName ?? '县民政局',
    generatedAt: nowIso(ctx.clock),
    rows,
    total,
    relatives: caseLines(ctx.db, 'relatives'),
    overdue: caseLines(ctx.db, 'overdue'),
  };
}
