// Department flags beside the determination (issue 16): a 残联 list marking a member 重残对象, or a medical list
// marking 重病, while the household's facts say otherwise, used to leave the rule trace saying 「家庭成员中无重病、
// 重残人员」 with nothing beside it. Such a flag is shown beside the trace as unconfirmed until the clerk confirms it
// (it then becomes the person's fact, with its source in the person's note and the audit) or corrects the list.
import { AppError, personFieldsOf, type Household, type UnconfirmedFlag } from '../contract';
import { FACT_FLAG_FACTS, isFactFlag, isFlagConfirmed, SCREENING_FLAG_LABELS, SCREENING_SOURCE_LABELS, type FactFlag } from '../domain/screening';
import { getPerson } from '../store/persons';
import { currentFlagsOfHousehold, getBatch } from '../store/screening';
import type { Ctx } from './context';
import { personUpdate, requireHousehold } from './households';

export function unconfirmedFlags(ctx: Ctx, household: Household): UnconfirmedFlag[] {
  return currentFlagsOfHousehold(ctx.db, household.id).flatMap((f) => {
    if (!isFactFlag(f.flag)) return [];
    const person = household.members.find((m) => m.id === f.personId);
    if (!person || isFlagConfirmed(f.flag, person)) return [];
    const batch = getBatch(ctx.db, f.batchId);
    return [
      {
        personId: person.id,
        personName: person.name,
        flag: f.flag,
        label: `${SCREENING_SOURCE_LABELS[f.source]}名单：${SCREENING_FLAG_LABELS[f.flag]}${f.detail ? `（${f.detail}）` : ''}`,
        fact: FACT_FLAG_FACTS[f.flag],
        fileName: batch?.fileName ?? '',
        importedAt: batch?.importedAt ?? '',
      },
    ];
  });
}

/**
 * 确认为事实: the flag becomes the person's fact (重病 / 重残（生活不能自理）), its source written into the person's
 * note; the person's change is audited like any edit. Only a flag that is on a current list and still unconfirmed.
 */
export function personFlagConfirm(ctx: Ctx, input: { personId: number; flag: FactFlag }) {
  return ctx.db.transaction(() => {
    const person = getPerson(ctx.db, input.personId);
    if (!person) throw new AppError('NOT_FOUND', '找不到该家庭成员');
    const household = requireHousehold(ctx, person.householdId);
    const flag = unconfirmedFlags(ctx, household).find((f) => f.personId === input.personId && f.flag === input.flag);
    if (!flag) throw new AppError('CONFLICT', '该成员没有待确认的部门名单标注（可能已确认，或名单已更新）');
    const m = household.members.find((x) => x.id === input.personId)!;
    const source = `${flag.fact}：据${flag.label.split('：')[0]}「${flag.fileName}」（${flag.importedAt.slice(0, 10)}导入）确认`;
    const note = [m.note, source].filter(Boolean).join('；').slice(0, 200);
    const fields = personFieldsOf(m);
    return personUpdate(ctx, {
      id: m.id,
      person: { ...fields, note, ...(input.flag === 'serious-illness' ? { seriousIllness: true } : { severeDisabilityNoSelfCare: true }) },
    });
  })();
}
