import { describe, expect, it } from 'vitest';
import { dateOrderProblem } from '../../src/domain/date-order';
import { defaultPhases, phasesFrom } from '../../src/domain/workflow';

describe('a new campaign proposes its phases from the day it is set up (issue 16)', () => {
  it('keeps the plan’s lengths and order, across a month and a year end', () => {
    const days = (p: { start: string; end: string }) => (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000 + 1;
    expect(phasesFrom('2026-03-03')).toEqual(defaultPhases(2026));
    const late = phasesFrom('2026-12-20');
    expect(late.map(days)).toEqual([2, 12, 12, 14]);
    expect(late[0]).toMatchObject({ key: 'publicity', start: '2026-12-20', end: '2026-12-21' });
    expect(late[3]).toMatchObject({ key: 'approval', start: '2027-01-15', end: '2027-01-28' });
    late.forEach((p, i) => i > 0 && expect(late[i - 1]!.end < p.start).toBe(true));
  });
});

describe('dateOrderProblem', () => {
  it('names both dates, refuses the future, and accepts the same day', () => {
    const visit = { label: '入户调查日期', date: '2026-11-26' };
    expect(dateOrderProblem({ label: '会议日期', date: '2026-11-20' }, [visit], '2026-11-30')).toBe('会议日期（2026-11-20）不能早于入户调查日期（2026-11-26）');
    expect(dateOrderProblem({ label: '会议日期', date: '2026-12-01' }, [visit], '2026-11-30')).toBe('会议日期（2026-12-01）不能晚于今天（2026-11-30）');
    expect(dateOrderProblem({ label: '会议日期', date: '2026-11-26' }, [visit, null], '2026-11-30')).toBeNull();
  });
});
