// Issue 16: a 残联 list marks a member 重残对象 while the rule trace says 「家庭成员中无重病、重残人员」. The flag is shown
// beside the trace as unconfirmed until it is confirmed as the person's fact (with its source).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation, Household, ImportResult } from '../../src/contract';
import { ok } from '../helpers/temp-app';
import { cadreOf, clerk, ID, listXlsx, screeningWorld, type World } from '../helpers/screening-world';

let w: World;
beforeEach(async () => {
  w = await screeningWorld();
});
afterEach(() => w.app.dispose());

const importDisability = async () => {
  const base64 = await listXlsx(['姓名', '身份证号', '所在村', '残疾类别', '残疾等级'], [['张建国', ID.zhang, '东山村', '肢体', '一级']]);
  ok<ImportResult>(
    await w.app.call('screening-commit', { source: 'disability', fileName: '残联名单.xlsx', base64, mapping: { idNumber: 1, name: 0, village: 2, disabilityType: 3, disabilityLevel: 4 } }, clerk),
  );
};
const evaluation = async () => ok<Evaluation>(await w.app.call('household-evaluate', { householdId: w.households.zhang.id }, clerk));

describe('department flags beside the determination', () => {
  it('shows a 重残对象 flag the facts do not carry as unconfirmed, and confirming makes it the person’s fact with its source', async () => {
    expect((await evaluation()).unconfirmedFlags).toEqual([]);
    await importDisability();
    const before = await evaluation();
    const person = w.households.zhang.members[0]!;
    expect(before.unconfirmedFlags).toEqual([
      expect.objectContaining({ personId: person.id, personName: '张建国', flag: 'severe-disability', fact: '重残（生活不能自理）', fileName: '残联名单.xlsx' }),
    ]);
    expect(before.unconfirmedFlags[0]!.label).toMatch(/^残联名单：重残对象/);
    // Only for the flagged person and flag; a cadre of another village may not.
    expect(await w.app.call('person-flag-confirm', { personId: person.id, flag: 'serious-illness' }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await w.app.call('person-flag-confirm', { personId: person.id, flag: 'severe-disability' }, cadreOf(w.west.id))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const h = ok<Household>(await w.app.call('person-flag-confirm', { personId: person.id, flag: 'severe-disability' }, cadreOf(w.east.id)));
    expect(h.members[0]).toMatchObject({ severeDisabilityNoSelfCare: true, note: expect.stringContaining('重残（生活不能自理）：据残联名单「残联名单.xlsx」') });
    expect((await evaluation()).unconfirmedFlags).toEqual([]);
    expect(await w.app.call('person-flag-confirm', { personId: person.id, flag: 'severe-disability' }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
