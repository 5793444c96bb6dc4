// Applying a new policy version to the roster (the 政策调整测算 preview made real): per household, a determination
// saved under the version and a roster adjustment (old → new, effective month), each audited. A household that
// would no longer qualify is NOT stopped here: a stop needs an investigation and a written notice (plan 三(二)
// 第五步), so it is listed for a change case instead.
import { AppError, type PolicyApplyOutcome, type PolicyApplyResult } from '../contract';
import { adjustmentEffectiveMonth } from '../domain/roster';
import { getHouseholdRow } from '../store/households';
import { insertAdjustment, type RosterMemberLine } from '../store/roster';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { householdEvaluate, policyByVersion, saveDeterminationUnder } from './determinations';
import { rosterLineOf, syncRoster } from './roster';

const round2 = (v: number) => Math.round(v * 100) / 100;
const key = (lines: readonly { personId: number; class: string; amount: number }[]) =>
  JSON.stringify([...lines].sort((a, b) => a.personId - b.personId).map((l) => [l.personId, l.class, l.amount]));

function applyOne(ctx: Ctx, householdId: number, policyVersion: string): PolicyApplyOutcome {
  const policy = policyByVersion(ctx, policyVersion);
  const now = today(ctx.clock);
  const date = policy.effectiveFrom > now ? policy.effectiveFrom : now;
  const h = getHouseholdRow(ctx.db, householdId);
  if (!h) throw new AppError('NOT_FOUND', '找不到该家庭');
  const base = { householdId, headName: h.head_name, villageName: h.village_name };
  const line = h.status === 'recipient' ? rosterLineOf(ctx, householdId) : null;
  if (!line) return { ...base, status: 'problem', oldTotal: 0, newTotal: null, effectiveMonth: null, message: '不是在保户，不在花名册上' };
  const ev = householdEvaluate(ctx, { householdId, policyVersion, evaluationDate: date });
  if (!ev.result) {
    return { ...base, status: 'problem', oldTotal: line.monthlyTotal, newTotal: null, effectiveMonth: null, message: ev.issues.map((i) => i.message).join('；') };
  }
  if (ev.result.category === 'ineligible') {
    return {
      ...base,
      status: 'ineligible',
      oldTotal: line.monthlyTotal,
      newTotal: 0,
      effectiveMonth: null,
      message: '按新政策测算不再符合条件：未自动停发，请开启动态调整案件核实后再作决定',
    };
  }
  const newLines: RosterMemberLine[] = ev.result.covered.map((c) => {
    const m = ev.members[c.index]!;
    const idNumber = line.members.find((x) => x.personId === m.personId)?.idNumber ?? '';
    return { personId: m.personId, name: m.name, idNumber, class: c.class, amount: c.amount };
  });
  if (key(newLines) === key(line.members)) {
    return { ...base, status: 'unchanged', oldTotal: line.monthlyTotal, newTotal: line.monthlyTotal, effectiveMonth: null, message: null };
  }
  const saved = saveDeterminationUnder(ctx, householdId, policy, date);
  // The saved snapshot carries every member's ID number; take them from there (a member may be newly covered).
  const ids = new Map(saved.snapshot.members.map((m) => [m.personId, m.idNumber]));
  const lines = newLines.map((l) => ({ ...l, idNumber: ids.get(l.personId) ?? l.idNumber }));
  const effectiveMonth = adjustmentEffectiveMonth(policy.effectiveFrom, now);
  const newTotal = round2(lines.reduce((s, l) => s + l.amount, 0));
  const adjustmentId = insertAdjustment(ctx.db, {
    householdId,
    determinationId: saved.id,
    policyVersion: policy.version,
    oldTotal: line.monthlyTotal,
    newTotal,
    oldLines: line.members,
    newLines: lines,
    effectiveMonth,
    appliedAt: nowIso(ctx.clock),
    appliedBy: ctx.actor.name,
  });
  const brief = (ls: RosterMemberLine[]) => ls.map((l) => ({ name: l.name, class: l.class, amount: l.amount }));
  audit(
    ctx,
    'roster-apply-policy',
    'household',
    householdId,
    { monthlyTotal: line.monthlyTotal, lines: brief(line.members), source: line.source },
    { monthlyTotal: newTotal, lines: brief(lines), policyVersion: policy.version, effectiveMonth, determinationId: saved.id, adjustmentId },
  );
  syncRoster(ctx, householdId);
  return { ...base, status: 'applied', oldTotal: line.monthlyTotal, newTotal, effectiveMonth, message: null };
}

/** One batch (the page sends the selection in chunks and shows progress); each household in its own savepoint. */
export function rosterApplyPolicy(ctx: Ctx, input: { policyVersion: string; householdIds: number[] }): PolicyApplyResult {
  policyByVersion(ctx, input.policyVersion);
  return ctx.db.transaction(() => {
    const outcomes: PolicyApplyOutcome[] = [];
    for (const id of new Set(input.householdIds)) {
      try {
        outcomes.push(ctx.db.transaction(() => applyOne(ctx, id, input.policyVersion))());
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const h = getHouseholdRow(ctx.db, id);
        outcomes.push({ householdId: id, headName: h?.head_name ?? null, villageName: h?.village_name ?? '', status: 'problem', oldTotal: 0, newTotal: null, effectiveMonth: null, message: err.message });
      }
    }
    return { policyVersion: input.policyVersion, outcomes };
  })();
}
