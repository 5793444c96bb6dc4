import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Household, PolicyApplyResult, PolicyState } from '../../src/contract';
import { personFieldsOf } from '../../src/contract';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { ok } from '../helpers/temp-app';
import { admin, cadreOf, clerk, lineOf, roster, rosterWorld, type World } from '../helpers/roster-world';

let w: World;
beforeEach(() => {
  w = rosterWorld();
});
afterEach(() => w.dispose());

const { version: _v, ...plan } = DEFAULT_POLICY;

async function addVersion(standard: number, effectiveFrom: string): Promise<string> {
  const state = ok<PolicyState>(await w.call('policy-add', { ...plan, label: `${effectiveFrom.slice(0, 4)}年新标准`, effectiveFrom, standard, singleCoverAmount: standard }, admin));
  return state.versions.find((v) => v.policy.standard === standard)!.policy.version;
}

const count = (sql: string) => (w.db.prepare(sql).get() as { n: number }).n;

describe('applying a new policy version to the roster', () => {
  it('saves a determination and an adjustment per changed household, audited, effective from the later of the policy month and next month', async () => {
    const version = await addVersion(650, '2026-05-01');
    const ids = (await roster(w)).items.map((l) => l.householdId);
    const before = new Map((await roster(w)).items.map((l) => [l.householdId, l.monthlyTotal]));
    expect(await w.call('roster-apply-policy', { policyVersion: version, householdIds: ids }, cadreOf(1))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const r = ok<PolicyApplyResult>(await w.call('roster-apply-policy', { policyVersion: version, householdIds: ids }, clerk));
    const applied = r.outcomes.filter((o) => o.status === 'applied');
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((o) => o.effectiveMonth === '2026-05' && o.oldTotal === before.get(o.householdId))).toBe(true);
    expect(count('SELECT count(*) AS n FROM roster_adjustments')).toBe(applied.length);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE command = 'roster-apply-policy'")).toBe(applied.length);
    expect(count(`SELECT count(*) AS n FROM determinations WHERE policy_version = '${version}'`)).toBe(applied.length);
    const one = applied[0]!;
    expect(await lineOf(w, one.householdId)).toMatchObject({ source: 'adjustment', monthlyTotal: one.newTotal, paymentStart: '2026-05', lastReview: '2026-03-20' });
    expect(() => w.db.prepare('UPDATE roster_adjustments SET new_total = 0').run()).toThrow(/不可修改/);

    // Applying the same version again changes nothing.
    const again = ok<PolicyApplyResult>(await w.call('roster-apply-policy', { policyVersion: version, householdIds: ids }, clerk));
    expect(again.outcomes.filter((o) => o.status === 'applied')).toEqual([]);
    expect(count('SELECT count(*) AS n FROM roster_adjustments')).toBe(applied.length);
  });

  it('re-prices the decided circumstances, not an unreviewed edit of the household', async () => {
    const version = await addVersion(650, '2026-05-01');
    const line = (await roster(w)).items.find((l) => l.category === 'poor')!;
    const h = ok<Household>(await w.call('household-get', { id: line.householdId }, clerk));
    const head = h.members[0]!;
    ok(await w.call('person-update', { id: head.id, person: { ...personFieldsOf(head), note: null, monthlyIncome: 9000 } }, clerk));
    const r = ok<PolicyApplyResult>(await w.call('roster-apply-policy', { policyVersion: version, householdIds: [line.householdId] }, clerk));
    expect(r.outcomes[0]).toMatchObject({ status: 'applied', oldTotal: line.monthlyTotal });
    expect(r.outcomes[0]!.newTotal).toBeGreaterThan(line.monthlyTotal);
  });

  it('lists households that would no longer qualify for a change case and stops no one', async () => {
    const version = await addVersion(200, '2026-01-01');
    const recipients = count("SELECT count(*) AS n FROM households WHERE status = 'recipient'");
    const ids = (await roster(w)).items.map((l) => l.householdId);
    const r = ok<PolicyApplyResult>(await w.call('roster-apply-policy', { policyVersion: version, householdIds: ids }, clerk));
    const ineligible = r.outcomes.filter((o) => o.status === 'ineligible');
    expect(ineligible.length).toBeGreaterThan(0);
    expect(ineligible[0]!.message).toContain('未自动停发');
    expect(count("SELECT count(*) AS n FROM households WHERE status = 'recipient'")).toBe(recipients);
    expect(count('SELECT count(*) AS n FROM documents')).toBe(0);
    // Their roster line is untouched; the effective month is next month when the policy is already in force.
    expect((await lineOf(w, ineligible[0]!.householdId))!.source).toBe('determination');
    const applied = r.outcomes.find((o) => o.status === 'applied');
    if (applied) expect(applied.effectiveMonth).toBe('2026-04');
  });
});
