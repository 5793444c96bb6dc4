// Applying a new policy version to the roster (the 政策调整测算 preview made real): per household, a determination
// saved under the version and a roster adjustment (old → new, effective month), each audited. A household that
// would no longer qualify is NOT stopped here: a stop needs an investigation and a written notice (plan 三(二)
// 第五步), so it is listed for a change case instead.
//
// The engine runs on the FROZEN input of the household's current decision, not on today's household record: a
// policy change re-prices the decided circumstances; changed circumstances go through a change case.
import { AppError, type PolicyApplyOutcome, type PolicyApplyResult, type SavedDetermination } from '../contract';
import { tryDetermine } from '../domain/determination';
import type { Policy } from '../domain/policy';
import { adjustmentEffectiveMonth } from '../domain/roster';
import { getDetermination, insertDetermination } from '../store/determinations';
import { getHouseholdRow } from '../store/households';
import { insertAdjustment, rosterDeterminationId, type RosterMemberLine } from '../store/roster';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { policyByVersion } from './determinations';
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
  const sourceId = rosterDeterminationId(ctx.db, householdId);
  const source = sourceId === null ? null : (getDetermination(ctx.db, sourceId) as unknown as SavedDetermination | null);
  if (!source) return { ...base, status: 'problem', oldTotal: line.monthlyTotal, newTotal: null, effectiveMonth: null, message: '找不到花名册金额所依据的测算结果' };
  const r = tryDetermine(source.snapshot.input, policy, date);
  if (!r.ok) {
    return { ...base, status: 'problem', oldTotal: line.monthlyTotal, newTotal: null, effectiveMonth: null, message: r.issues.map((i) => i.message).join('；') };
  }
  const result = r.value;
  if (result.category === 'ineligible') {
    return {
      ...base,
      status: 'ineligible',
      oldTotal: line.monthlyTotal,
      newTotal: 0,
      effectiveMonth: null,
      message: '按新政策测算不再符合条件：未自动停发，请开启动态调整案件核实后再作决定',
    };
  }
  const lines: RosterMemberLine[] = result.covered.map((c) => {
    const m = source.snapshot.members[c.index]!;
    return { personId: m.personId, name: m.name, idNumber: m.idNumber, class: c.class, amount: c.amount };
  });
  if (key(lines) === key(line.members)) {
    return { ...base, status: 'unchanged', oldTotal: line.monthlyTotal, newTotal: line.monthlyTotal, effectiveMonth: null, message: null };
  }
  const saved = saveRepriced(ctx, source, policy, date, result);
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

/** A determination under the new version from the decision's frozen input (facts and members as decided). */
function saveRepriced(ctx: Ctx, source: SavedDetermination, policy: Policy, date: string, result: SavedDetermination['snapshot']['result']): { id: number } {
  const id = insertDetermination(ctx.db, {
    householdId: source.householdId,
    evaluationDate: date,
    policyVersion: policy.version,
    category: result.category,
    monthlyTotal: result.monthlyTotal,
    snapshot: { ...source.snapshot, result, policy, repricedFrom: source.id },
    createdAt: nowIso(ctx.clock),
    createdBy: ctx.actor.name,
  });
  audit(ctx, 'determination-save', 'household', source.householdId, null, {
    determinationId: id,
    category: result.category,
    monthlyTotal: result.monthlyTotal,
    policyVersion: policy.version,
    repricedFrom: source.id,
  });
  return { id };
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
