// The township's side of the county view (issue 15): county.json of a filing package, built from the same data the
// township works with — the roster lines (花名册) of the package's villages, the round's frozen decisions, and each
// case's statutory clock and 近亲属 declaration — so the county's figures are the township's own lists, summed.
import { CONCLUDED_STATES, type CaseState } from '../domain/workflow';
import { COUNTY_DATA_FORMAT, type CountyData } from '../exchange/county-data';
import { lastActionTimes } from '../store/campaigns';
import { applicationsOfCampaign, getHomeVisit } from '../store/case-files';
import { countyRoll } from '../store/county-roll';
import { listRoster } from '../store/roster';
import { caseMembers } from './case-step-access';
import { today, type Ctx } from './context';
import type { gatherFiling } from './filing';
import { officeCalendar } from './office-calendar';
import { syncRoster } from './roster';
import { clockSettings } from './supervision';

type Gathered = ReturnType<typeof gatherFiling>;

const localDate = (instant: string): string => {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const EXIT_STATES: readonly CaseState[] = ['stopped', 'gradual-exit'];

export function buildCountyData(ctx: Ctx, township: string, g: Gathered): CountyData {
  syncRoster(ctx);
  const all = { villageId: null, personClass: null, dueBy: null, gradualExitOnly: false, householdIds: null };
  const roster = countyRoll(ctx.db, g.villageIds);
  // A stopped household keeps its last roster line: who was on the roll until the stop.
  const exitHouseholds = g.bundles.filter((b) => EXIT_STATES.includes(b.row.state)).map((b) => b.row.householdId);
  const lastLines = new Map(
    (exitHouseholds.length ? listRoster(ctx.db, { ...all, householdIds: exitHouseholds, includeStopped: true }, 'village', 10_000_000, 0) : []).map((r) => [r.householdId, r]),
  );

  const outcomes: CountyData['outcomes'] = [];
  for (const b of g.bundles) {
    const head = b.row.headName ?? '（未设户主）';
    const base = { caseRef: b.row.id, village: b.row.villageName, headName: head };
    const a = b.approval;
    if (a?.decision === 'approve' && b.row.state !== 'stopped' && b.row.state !== 'gradual-exit') {
      const snap = (a.snapshot ?? {}) as { determination?: { members?: { personId: number; idNumber: string }[] }; lines?: { personId: number; name: string }[] };
      const ids = new Map((snap.determination?.members ?? []).map((m) => [m.personId, m.idNumber]));
      const persons = (snap.lines ?? []).map((l) => ({ name: l.name, idNumber: ids.get(l.personId) ?? '' })).filter((p) => p.idNumber);
      outcomes.push({ kind: 'approve', ...base, decidedOn: localDate(a.decidedAt), monthlyTotal: a.monthlyTotal, persons });
    } else if (b.row.state === 'denied') {
      const members = b.determination?.snapshot.members ?? [];
      const first = members[0];
      outcomes.push({
        kind: 'deny',
        ...base,
        decidedOn: a?.decision === 'deny' ? localDate(a.decidedAt) : localDate(b.row.updatedAt),
        monthlyTotal: 0,
        persons: first ? [{ name: first.name, idNumber: first.idNumber }] : [],
      });
    } else if (EXIT_STATES.includes(b.row.state)) {
      const last = lastLines.get(b.row.householdId);
      outcomes.push({
        kind: 'exit',
        ...base,
        decidedOn: localDate(b.row.updatedAt),
        monthlyTotal: last?.monthlyTotal ?? 0,
        persons: (last?.lines ?? []).map((l) => ({ name: l.name, idNumber: l.idNumber })).filter((p) => p.idNumber),
      });
    }
  }

  // 办结时限 (statutory processing time) from the accepted application, as 督办 counts it; a concluded case is late
  // when it concluded after the due day, an open one when today is past it.
  const clocks = clockSettings(ctx);
  const cal = officeCalendar(ctx);
  const now = today(ctx.clock);
  const times = lastActionTimes(ctx.db, g.campaign.id, ['submit-application', 'open']);
  const dueOf = new Map<string, string>();
  const applications = applicationsOfCampaign(ctx.db, g.campaign.id);
  const cases: CountyData['cases'] = g.bundles.map((b) => {
    const t = times.get(b.row.id) ?? {};
    const startedOn = localDate(t['submit-application'] ?? t.open ?? b.row.createdAt);
    let dueOn = dueOf.get(startedOn);
    if (dueOn === undefined) dueOf.set(startedOn, (dueOn = cal.addDays(startedOn, clocks.processingWorkingDays, 'working')));
    const concluded = CONCLUDED_STATES.includes(b.row.state) || b.row.state === 'gradual-exit';
    const concludedOn = concluded ? (b.approval ? localDate(b.approval.decidedAt) : localDate(b.row.updatedAt)) : null;
    const application = applications.get(b.row.id) ?? null;
    const staffRelative = application?.isStaffRelative ?? false;
    let fullVisit: boolean | null = null;
    if (staffRelative) {
      const visit = getHomeVisit(ctx.db, b.row.id)?.data as { membersSeen?: number[] } | undefined;
      if (visit) {
        const seen = new Set(visit.membersSeen ?? []);
        fullVisit = caseMembers(ctx, b.row.householdId).every((m) => seen.has(m.personId));
      }
    }
    return {
      caseRef: b.row.id,
      village: b.row.villageName,
      headName: b.row.headName ?? '（未设户主）',
      kind: b.row.kind,
      state: b.row.state,
      staffRelative,
      // 「职务 姓名」 as the package always carried it (the application records the post apart since migration 18).
      staffRelativeOf: staffRelative ? [application?.staffRelativePost, application?.staffRelativeOf].filter(Boolean).join('') || null : null,
      fullVisit,
      startedOn,
      dueOn,
      concludedOn,
      overdue: (concludedOn ?? now) > dueOn,
    };
  });

  return {
    format: COUNTY_DATA_FORMAT,
    version: 1,
    township,
    round: { campaignName: g.campaign.name, year: g.campaign.year },
    roster: roster.filter((r) => r.lines.length > 0).map((r) => ({
      householdRef: r.householdId,
      village: r.villageName,
      headName: r.headName ?? '（未设户主）',
      category: r.category,
      classes: r.classes,
      monthlyTotal: r.monthlyTotal,
      size: Math.max(1, r.size),
      members: r.lines.map((l) => ({ name: l.name, idNumber: l.idNumber, class: l.class, amount: l.amount })),
    })),
    outcomes,
    cases,
  };
}
