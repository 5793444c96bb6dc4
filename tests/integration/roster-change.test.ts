import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, ChangeCasePreview, Household } from '../../src/contract';
import { ok } from '../helpers/temp-app';
import { admin, cadreOf, clerk, decideAndApprove, earningPoorRecipient, investigate, leader, lineOf, poorRecipient, roster, rosterWorld, type World } from '../helpers/roster-world';

let w: World;
beforeEach(() => {
  w = rosterWorld();
});
afterEach(() => w.dispose());

const documents = (householdId: number, kind: string) =>
  (w.db.prepare('SELECT count(*) AS n FROM documents WHERE household_id = ? AND kind = ?').get(householdId, kind) as { n: number }).n;
const statusOf = (householdId: number) => (w.db.prepare('SELECT status FROM households WHERE id = ?').get(householdId) as { status: string }).status;

describe('动态调整 (change of circumstances)', () => {
  it('opens in the standing campaign of the year at the investigation, with a reason; one open case per household', async () => {
    const line = await poorRecipient(w);
    expect(await w.call('roster-change-open', { householdId: line.householdId, reason: '' }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '新增重病' }, clerk));
    expect(c).toMatchObject({ kind: 'change', state: 'verification', campaignName: '2026年低保动态管理' });
    expect(c.events[0]).toMatchObject({ action: 'open', note: '新增重病' });
    expect(await w.call('roster-change-open', { householdId: line.householdId, reason: '收入增加' }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The same standing campaign holds the next household's change case.
    const other = await poorRecipient(w, 1);
    const c2 = ok<CaseDetail>(await w.call('roster-change-open', { householdId: other.householdId, reason: '家庭成员就业' }, clerk));
    expect(c2.campaignId).toBe(c.campaignId);
    // A cadre opens cases in their own village only; a household not on the roll has no change case.
    const foreign = (await roster(w)).items.find((l) => l.villageId !== line.villageId && !l.openCase)!;
    expect(await w.call('roster-change-open', { householdId: foreign.householdId, reason: '收入增加' }, cadreOf(line.villageId))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const notOnRoll = w.db.prepare("SELECT id FROM households WHERE status <> 'recipient' LIMIT 1").get() as { id: number };
    expect(await w.call('roster-change-open', { householdId: notOnRoll.id, reason: '收入增加' }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
  });

  it('增发: lower verified income → 初审 straight to the review meeting → approval with the new amount on the roster', async () => {
    const line = await earningPoorRecipient(w);
    const before = line.monthlyTotal;
    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '家庭成员失业，收入减少' }, clerk));
    const pre = await investigate(w, c.id, line.householdId, () => 0);
    expect(pre.state).toBe('review');
    // Until the decision the roster keeps the approved figures.
    expect((await lineOf(w, line.householdId))!.monthlyTotal).toBe(before);
    const approved = await decideAndApprove(w, pre);
    expect(approved.state).toBe('approved');
    const after = (await lineOf(w, line.householdId))!;
    expect(after.source).toBe('approval');
    expect(after.monthlyTotal).toBeGreaterThan(before);
    expect(after.paymentStart).toBe('2026-04');
    const preview = ok<ChangeCasePreview>(await w.call('roster-change-get', { caseId: c.id }, clerk));
    expect(preview).toMatchObject({ direction: '增发', rosterTotalAtOpen: before, decidedTotal: after.monthlyTotal, reason: '家庭成员失业，收入减少' });
  });

  it('停发: income above the standard → proposed exit → stop notice in the same step, off the roster', async () => {
    const line = await poorRecipient(w);
    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '家庭成员就业' }, clerk));
    const pre = await investigate(w, c.id, line.householdId, () => 5000);
    expect(pre.state).toBe('proposed-exit');
    // 渐退期 is off by default: granting it is refused.
    expect(await w.call('roster-grant-gradual-exit', { caseId: c.id, reason: '家庭成员刚就业，收入尚不稳定' }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    const stopped = ok<CaseDetail>(await w.call('case-confirm-exit', { caseId: c.id, stopReason: '家庭成员就业，家庭人均收入超过低保标准' }, clerk));
    expect(stopped.state).toBe('stopped');
    expect(statusOf(line.householdId)).toBe('stopped');
    expect(documents(line.householdId, 'stop-notice')).toBe(1);
    expect(await lineOf(w, line.householdId)).toBeUndefined();
  });
});

describe('渐退期 (gradual exit)', () => {
  it('is granted for income above the standard, shown on the roster, and stops the household once, in its end month', async () => {
    ok(await w.call('roster-settings-update', { intervals: { A: 12, B: 12, C: 6 }, gradualExitMonths: 3 }, admin));
    const line = await poorRecipient(w);
    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '家庭成员就业' }, clerk));
    await investigate(w, c.id, line.householdId, () => 5000);
    expect(await w.call('roster-grant-gradual-exit', { caseId: c.id, reason: '短' }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await w.call('roster-grant-gradual-exit', { caseId: c.id, reason: '长子外出务工，收入尚不稳定' }, cadreOf(line.villageId))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const granted = ok<CaseDetail>(await w.call('roster-grant-gradual-exit', { caseId: c.id, reason: '长子外出务工，收入尚不稳定' }, clerk));
    expect(granted.state).toBe('gradual-exit');
    const onRoster = (await roster(w, { view: 'gradual-exit' })).items;
    expect(onRoster.map((l) => l.householdId)).toEqual([line.householdId]);
    expect(onRoster[0]!.gradualExit).toMatchObject({ endMonth: '2026-06', months: 3, reason: '长子外出务工，收入尚不稳定', grantedBy: clerk.name });
    expect(onRoster[0]!.monthlyTotal).toBe(line.monthlyTotal); // paid at the current amount meanwhile
    const audit = w.db.prepare("SELECT actor FROM audit_log WHERE command = 'roster-grant-gradual-exit' AND entity_id = ?").all(line.householdId);
    expect(audit).toEqual([{ actor: clerk.name }]);

    // Before the end month nothing happens.
    w.setNow('2026-05-31T08:00:00Z');
    expect(ok<{ stopped: unknown[] }>(await w.call('roster-process-exits', {}, clerk)).stopped).toEqual([]);
    expect(statusOf(line.householdId)).toBe('recipient');

    // In the end month: stopped with a notice, exactly once.
    w.setNow('2026-06-02T08:00:00Z');
    const first = ok<{ stopped: { householdId: number }[] }>(await w.call('roster-process-exits', {}, clerk));
    expect(first.stopped.map((s) => s.householdId)).toEqual([line.householdId]);
    expect(statusOf(line.householdId)).toBe('stopped');
    expect(documents(line.householdId, 'stop-notice')).toBe(1);
    const doc = w.db.prepare("SELECT snapshot_json AS s FROM documents WHERE kind = 'stop-notice' AND household_id = ?").get(line.householdId) as { s: string };
    expect(JSON.parse(doc.s)).toMatchObject({ stopFromMonth: '2026-07' });
    expect(JSON.parse(doc.s).reasons[0]).toContain('渐退期于2026-06届满');
    const again = ok<{ stopped: unknown[] }>(await w.call('roster-process-exits', {}, clerk));
    expect(again.stopped).toEqual([]);
    expect(documents(line.householdId, 'stop-notice')).toBe(1);
    expect(ok<CaseDetail>(await w.call('case-get', { id: c.id }, clerk)).state).toBe('stopped');
  });

  it('is not for a family whose assets do not comply', async () => {
    ok(await w.call('roster-settings-update', { intervals: { A: 12, B: 12, C: 6 }, gradualExitMonths: 6 }, admin));
    const line = await poorRecipient(w);
    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '核对发现新购车辆' }, clerk));
    const pre = await investigate(w, c.id, line.householdId, () => 0, { compliant: false });
    expect(pre.state).toBe('proposed-exit');
    const r = await w.call('roster-grant-gradual-exit', { caseId: c.id, reason: '家庭成员刚就业，收入不稳定' }, leader);
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('财产') } });
    const h = ok<Household>(await w.call('household-get', { id: line.householdId }, clerk));
    expect(h.status).toBe('recipient');
  });
});
