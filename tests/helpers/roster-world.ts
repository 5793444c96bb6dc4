// The demo office with a clock the test can move (渐退期 ends months later), and the steps of a change case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, CaseDetail, DecisionMeetingView, Household, RosterLine, RosterPage } from '../../src/contract';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { ok } from './temp-app';

export const clerk: Actor = { id: 2, name: '民政所经办员', role: 'clerk', villageId: null };
export const leader: Actor = { id: 3, name: '分管领导', role: 'leader', villageId: null };
export const admin: Actor = { id: 1, name: '系统管理员', role: 'admin', villageId: null };
export const cadreOf = (villageId: number): Actor => ({ id: 4, name: '东山村干部', role: 'cadre', villageId });

export type World = App & { dir: string; setNow: (iso: string) => void; dispose: () => void };

export function rosterWorld(now = '2026-03-20T08:00:00Z'): World {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-roster-'));
  let current = new Date(now);
  const app = openApp({ dataDir: dir, clock: () => current });
  seedDemo(app.ctx(), { cycle: false });
  return {
    ...app,
    dir,
    setNow: (iso) => {
      current = new Date(iso);
    },
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function roster(w: World, input: Record<string, unknown> = {}, actor: Actor = clerk): Promise<RosterPage> {
  return ok<RosterPage>(await w.call('roster-list', { page: 1, pageSize: 200, ...input }, actor));
}

export async function lineOf(w: World, householdId: number): Promise<RosterLine | undefined> {
  return (await roster(w)).items.find((l) => l.householdId === householdId);
}

/** A demo recipient of category 困难家庭 (whole household covered). */
export async function poorRecipient(w: World, skip = 0): Promise<RosterLine> {
  const lines = (await roster(w)).items.filter((l) => l.category === 'poor');
  return lines[skip]!;
}

/** A 困难家庭 recipient whose members earn something (so that a lower verified income means 增发). */
export async function earningPoorRecipient(w: World): Promise<RosterLine> {
  for (const l of (await roster(w)).items.filter((x) => x.category === 'poor')) {
    const h = ok<Household>(await w.call('household-get', { id: l.householdId }, clerk));
    if (h.members.some((m) => m.monthlyIncome > 0)) return l;
  }
  throw new Error('no earning poor recipient in the demo');
}

/** 核对 with the given member incomes, 入户调查 signed, then 初审 agreeing with the engine. */
export async function investigate(w: World, caseId: number, householdId: number, incomeOf: (i: number) => number, extra: { compliant?: boolean } = {}): Promise<CaseDetail> {
  const h = ok<Household>(await w.call('household-get', { id: householdId }, clerk));
  ok(
    await w.call(
      'case-verification-record',
      {
        caseId,
        incomes: h.members.map((m, i) => ({ personId: m.id, monthlyIncome: incomeOf(i) })),
        assets: { vehicles: '', realEstate: '自建房一处', deposits: '', business: '', other: '' },
        compliant: extra.compliant ?? true,
      },
      clerk,
    ),
  );
  ok(await w.call('case-record-verification', { caseId }, clerk));
  ok(
    await w.call(
      'case-home-visit-save',
      { caseId, visitDate: '2026-03-20', investigators: ['刘调查', '陈调查'], familyMemberPresent: h.headName, membersSeen: h.members.map((m) => m.id) },
      clerk,
    ),
  );
  ok(await w.call('case-record-home-visit', { caseId, note: null }, clerk));
  return ok<CaseDetail>(await w.call('case-preliminary-decide', { caseId, committeeAgrees: true }, clerk));
}

export async function meeting(w: World, campaignId: number, kind: 'review' | 'approval', villageId: number | null): Promise<DecisionMeetingView> {
  const members =
    kind === 'approval'
      ? [{ name: '镇长甲', title: '组长' }, { name: '副镇长乙', title: '副组长' }, { name: '纪委丙', title: '纪检' }]
      : [{ name: '书记甲', title: '村两委' }, { name: '主任乙', title: '村两委' }, { name: '镇干丙', title: '包村干部' }];
  return ok<DecisionMeetingView>(await w.call('meeting-create', { campaignId, kind, villageId, heldOn: '2026-03-20', place: '村委会会议室', members }, clerk));
}

/** Review meeting takes the engine's figures, then the township panel approves. */
export async function decideAndApprove(w: World, c: CaseDetail): Promise<CaseDetail> {
  const rm = await meeting(w, c.campaignId, 'review', c.villageId);
  ok(await w.call('case-review-decide', { caseId: c.id, meetingId: rm.id }, clerk));
  const am = await meeting(w, c.campaignId, 'approval', null);
  return ok<CaseDetail>(await w.call('case-approve', { caseId: c.id, meetingId: am.id }, leader));
}
