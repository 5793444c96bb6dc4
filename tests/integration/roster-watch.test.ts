import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/contract';
import { ok } from '../helpers/temp-app';
import { clerk, decideAndApprove, earningPoorRecipient, investigate, lineOf, roster, rosterWorld, type World } from '../helpers/roster-world';

// The roster lines are a cache of the decisions; opening the roster (or a payment preview) re-checks every
// recipient's sources only when something they are read from was written since the last check (issue 13).
let w: World;
let sourceReads = 0;
beforeEach(() => {
  w = rosterWorld();
  const prepare = w.db.prepare.bind(w.db);
  w.db.prepare = ((sql: string) => {
    if (/AS approvalId,[\s\S]*FROM households h LEFT JOIN roster_entries e/.test(sql)) sourceReads++;
    return prepare(sql);
  }) as typeof w.db.prepare;
});
afterEach(() => w.dispose());

const reads = async (run: () => Promise<unknown>): Promise<number> => {
  const before = sourceReads;
  await run();
  return sourceReads - before;
};

describe('roster cache check', () => {
  it('is skipped while nothing was written; an approval still refreshes the line', async () => {
    const line = await earningPoorRecipient(w);
    expect(await reads(() => roster(w))).toBe(0);
    expect(await reads(() => roster(w, { view: 'due' }))).toBe(0);
    expect(await reads(() => w.call('payment-preview', { month: '2026-04', villageId: null }, clerk))).toBe(0);

    const c = ok<CaseDetail>(await w.call('roster-change-open', { householdId: line.householdId, reason: '家庭成员失业，收入减少' }, clerk));
    // Opening a case writes to a watched table: the next open checks once, then nothing again.
    expect(await reads(() => roster(w))).toBe(1);
    expect(await reads(() => roster(w))).toBe(0);
    const pre = await investigate(w, c.id, line.householdId, () => 0);
    await decideAndApprove(w, pre);
    let after: Awaited<ReturnType<typeof lineOf>>;
    expect(await reads(async () => (after = await lineOf(w, line.householdId)))).toBe(1);
    expect(after!).toMatchObject({ source: 'approval', paymentStart: '2026-04' });
    expect(after!.monthlyTotal).toBeGreaterThan(line.monthlyTotal);
    expect(await reads(() => roster(w))).toBe(0);
  });

  it('sees a write committed by another connection on the same database', async () => {
    const line = (await roster(w)).items[0]!;
    const other = new Database(join(w.dir, 'dibao.sqlite'));
    try {
      other.prepare('DELETE FROM roster_entries WHERE household_id = ?').run(line.householdId);
    } finally {
      other.close();
    }
    let again: Awaited<ReturnType<typeof lineOf>>;
    expect(await reads(async () => (again = await lineOf(w, line.householdId)))).toBe(1);
    expect(again!).toEqual(line);
  });

  it('re-checks after a rolled-back write without losing count of later ones', async () => {
    const line = (await roster(w)).items[0]!;
    expect(() =>
      w.db.transaction(() => {
        w.db.prepare('DELETE FROM roster_entries WHERE household_id = ?').run(line.householdId);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect((await lineOf(w, line.householdId))!).toEqual(line);
    w.db.prepare('DELETE FROM roster_entries WHERE household_id = ?').run(line.householdId);
    expect(await reads(() => roster(w))).toBe(1);
    expect((await lineOf(w, line.householdId))!).toEqual(line);
  });
});
