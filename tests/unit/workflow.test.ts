import { describe, expect, it } from 'vitest';
import {
  CASE_STATE_LABELS,
  TRANSITIONS,
  afterScreening,
  defaultPhases,
  phasesFrom,
  homeVisitProblems,
  mayTransition,
  preliminaryOutcome,
  previousState,
  type CaseAction,
  type CaseState,
} from '../../src/domain/workflow';

const clerk = { role: 'clerk' as const, villageId: null };
const cadreOf = (villageId: number) => ({ role: 'cadre' as const, villageId });

describe('mayTransition', () => {
  it('allows each action only from its states, for its roles', () => {
    for (const [action, t] of Object.entries(TRANSITIONS) as [CaseAction, (typeof TRANSITIONS)[CaseAction]][]) {
      for (const state of Object.keys(CASE_STATE_LABELS) as CaseState[]) {
        const actor = t.roles.includes('clerk') ? clerk : { role: t.roles[0]!, villageId: 1 };
        expect(mayTransition(action, state, 1, actor).ok, `${action} from ${state}`).toBe(t.from.includes(state));
      }
    }
  });

  it('explains a wrong state and a wrong role in Chinese', () => {
    expect(mayTransition('submit-application', 'screening', 1, clerk)).toEqual({
      ok: false,
      message: '案件当前处于「摸排」阶段，不能「提交申请材料」（须在「申请」阶段）',
    });
    expect(mayTransition('record-verification', 'verification', 1, cadreOf(1))).toMatchObject({ ok: false, message: expect.stringContaining('民政所经办') });
    expect(mayTransition('confirm-exit', 'proposed-exit', 1, { role: 'cadre', villageId: 1 }).ok).toBe(false);
  });

  it('scopes a cadre to their own village', () => {
    expect(mayTransition('screen', 'screening', 1, cadreOf(1)).ok).toBe(true);
    expect(mayTransition('screen', 'screening', 2, cadreOf(1))).toEqual({ ok: false, message: '村干部只能办理本村（社区）的案件' });
  });
});

describe('outcomes', () => {
  it('screening 无需 closes the case, anything else goes on to the application', () => {
    expect(afterScreening('none')).toBe('closed');
    expect(afterScreening('apply')).toBe('application');
    expect(afterScreening('exit')).toBe('application');
  });

  it('preliminary review: eligible → 拟纳入; ineligible recipient → 拟清退; ineligible applicant → 不符合', () => {
    expect(preliminaryOutcome('new-application', true)).toBe('proposed-inclusion');
    expect(preliminaryOutcome('recipient-review', true)).toBe('proposed-inclusion');
    expect(preliminaryOutcome('recipient-review', false)).toBe('proposed-exit');
    expect(preliminaryOutcome('new-application', false)).toBe('not-qualified');
  });

  it('returns one step back, and not from a concluded state', () => {
    expect(previousState('verification')).toBe('application');
    expect(previousState('proposed-exit')).toBe('preliminary-review');
    expect(previousState('stopped')).toBeNull();
  });

  it('home visit needs two different investigators, the family member present and the date', () => {
    expect(homeVisitProblems({ investigators: ['张', '张'], familyMemberPresent: '', visitDate: null })).toEqual([
      '入户调查须至少两名调查人员签字',
      '须由在场的家庭成员签字确认',
      '请填写调查日期',
    ]);
    expect(homeVisitProblems({ investigators: ['张', '李'], familyMemberPresent: '王', visitDate: '2026-03-10' })).toEqual([]);
  });

  it('uses the plan dates as default phases', () => {
    expect(defaultPhases(2020).map((p) => `${p.label} ${p.start}～${p.end}`)).toEqual([
      '宣传发动 2020-03-03～2020-03-04',
      '申请核对 2020-03-05～2020-03-16',
      '听证审核 2020-03-17～2020-03-28',
      '审批公示 2020-03-29～2020-04-11',
    ]);
  });

  it('proposes the plan’s phase lengths from a given day, across the year end', () => {
    expect(phasesFrom('2026-12-20').map((p) => `${p.label} ${p.start}～${p.end}`)).toEqual([
      '宣传发动 2026-12-20～2026-12-21',
      '申请核对 2026-12-22～2027-01-02',
      '听证审核 2027-01-03～2027-01-14',
      '审批公示 2027-01-15～2027-01-28',
    ]);
  });
});
