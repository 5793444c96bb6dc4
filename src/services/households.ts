import { AppError, type Household, type PersonFields, type WithWarnings } from '../contract';
import { parseIdNumber } from '../domain/id-number';
import { nameKeys } from '../domain/name-keys';
import {
  deleteHousehold,
  getHouseholdRow,
  insertHousehold,
  setHead,
  touchHousehold,
  updateHousehold,
  type HouseholdWrite,
} from '../store/households';
import {
  deletePerson,
  findByIdNumber,
  getPerson,
  insertPerson,
  listMembers,
  setRelation,
  updatePerson,
  type PersonWrite,
} from '../store/persons';
import { searchHouseholds, searchPersons } from '../store/search';
import { countDeterminations } from '../store/determinations';
import { countHouseholdDocuments } from '../store/documents';
import { classifyQuery } from '../domain/name-keys';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { requireVillage } from './villages';

export function requireHousehold(ctx: Ctx, id: number): Household {
  const row = getHouseholdRow(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', '找不到该家庭，可能已被删除');
  return {
    id: row.id,
    villageId: row.village_id,
    villageName: row.village_name,
    groupName: row.group_name,
    address: row.address,
    headName: row.head_name,
    size: row.size,
    status: row.status,
    phone: row.phone,
    note: row.note,
    headPersonId: row.head_person_id,
    members: listMembers(ctx.db, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkGroup(ctx: Ctx, h: HouseholdWrite): void {
  const village = requireVillage(ctx, h.villageId);
  if (h.groupName !== null && !village.groups.includes(h.groupName)) {
    throw new AppError('VALIDATION', `「${village.name}」没有名为「${h.groupName}」的村民小组`, [
      { path: 'groupName', message: '村民小组不存在' },
    ]);
  }
}

/**
 * Validates the ID number against today's date, normalises it, and refuses a number already registered to
 * another person: one person belongs to one household, and the message names that household.
 */
function toPersonWrite(
  ctx: Ctx,
  p: PersonFields,
  path: string,
  selfId: number | null,
  warnings: string[],
): PersonWrite {
  const parsed = parseIdNumber(p.idNumber, today(ctx.clock));
  if (!parsed.ok) throw new AppError('VALIDATION', `身份证号码：${parsed.error}`, [{ path: `${path}.idNumber`, message: parsed.error }]);
  if (parsed.value.warning) warnings.push(parsed.value.warning);
  const holder = findByIdNumber(ctx.db, parsed.value.idNumber);
  if (holder && holder.personId !== selfId) {
    const msg = `该身份证号码已登记为「${holder.villageName}」${holder.headName ?? ''}户（${holder.address}）的成员「${holder.name}」，一人只能属于一个家庭`;
    throw new AppError('CONFLICT', msg, [{ path: `${path}.idNumber`, message: msg }]);
  }
  const keys = nameKeys(p.name);
  return {
    ...p,
    idNumber: parsed.value.idNumber,
    sex: parsed.value.sex,
    birthDate: parsed.value.birthDate,
    initials: keys.initials,
    pinyin: keys.pinyin,
  };
}

export function householdGet(ctx: Ctx, input: { id: number }): Household {
  return requireHousehold(ctx, input.id);
}

export function householdList(
  ctx: Ctx,
  input: { query: string; villageId: number | null; page: number; pageSize: number },
) {
  const { kind, term } = classifyQuery(input.query);
  const r = searchHouseholds(ctx.db, { kind, term: normaliseTerm(kind, term, ctx), ...input });
  return { ...r, page: input.page, pageSize: input.pageSize };
}

export function personSearch(ctx: Ctx, input: { query: string; villageId: number | null; page: number; pageSize: number }) {
  const { kind, term } = classifyQuery(input.query);
  const r = searchPersons(ctx.db, { kind, term: normaliseTerm(kind, term, ctx), ...input });
  return { ...r, page: input.page, pageSize: input.pageSize };
}

/** A 15-digit legacy number typed into search finds the converted 18-digit record. */
function normaliseTerm(kind: string, term: string, ctx: Ctx): string {
  if (kind !== 'idFull') return term;
  const parsed = parseIdNumber(term, today(ctx.clock));
  return parsed.ok ? parsed.value.idNumber : term;
}

export function householdCreate(
  ctx: Ctx,
  input: HouseholdWrite & { head: PersonFields },
): WithWarnings<Household> {
  return ctx.db.transaction(() => {
    checkGroup(ctx, input);
    const warnings: string[] = [];
    const at = nowIso(ctx.clock);
    const head = toPersonWrite(ctx, { ...input.head, relation: '户主' }, 'head', null, warnings);
    const id = insertHousehold(ctx.db, input, at);
    const headId = insertPerson(ctx.db, id, head, at);
    setHead(ctx.db, id, headId, at);
    const created = requireHousehold(ctx, id);
    audit(ctx, 'household-create', 'household', id, null, created);
    return { ...created, warnings };
  })();
}

/**
 * A household with all its members at once (存量数据导入): the same checks as household-create and person-add, one
 * audit row holding the whole household. Runs in the caller's transaction.
 */
export function householdCreateWithMembers(ctx: Ctx, input: HouseholdWrite & { head: PersonFields; members: PersonFields[] }): Household {
  return ctx.db.transaction(() => {
    checkGroup(ctx, input);
    const warnings: string[] = [];
    const at = nowIso(ctx.clock);
    const id = insertHousehold(ctx.db, input, at);
    const headId = insertPerson(ctx.db, id, toPersonWrite(ctx, { ...input.head, relation: '户主' }, 'head', null, warnings), at);
    setHead(ctx.db, id, headId, at);
    for (const [i, m] of input.members.entries()) {
      if (m.relation === '户主') throw new AppError('VALIDATION', '一户只能有一位户主', [{ path: `members.${i}.relation`, message: '本户已有户主' }]);
      insertPerson(ctx.db, id, toPersonWrite(ctx, m, `members.${i}`, null, warnings), at);
    }
    const created = requireHousehold(ctx, id);
    audit(ctx, 'household-create', 'household', id, null, created);
    return created;
  })();
}

export function householdUpdate(ctx: Ctx, input: HouseholdWrite & { id: number }): Household {
  return ctx.db.transaction(() => {
    const before = requireHousehold(ctx, input.id);
    checkGroup(ctx, input);
    updateHousehold(ctx.db, input.id, input, nowIso(ctx.clock));
    const after = requireHousehold(ctx, input.id);
    audit(ctx, 'household-update', 'household', input.id, withoutMembers(before), withoutMembers(after));
    return after;
  })();
}

export function householdDelete(ctx: Ctx, input: { id: number }): { id: number } {
  return ctx.db.transaction(() => {
    const before = requireHousehold(ctx, input.id);
    if (before.status === 'recipient' || before.status === 'applicant') {
      throw new AppError('WORKFLOW', '在保或申请中的家庭不能删除，请先办理停保或终止申请');
    }
    if (countHouseholdDocuments(ctx.db, before.id) > 0) throw new AppError('WORKFLOW', '该户已出具过文书，档案须留存备查，不能删除');
    if (countDeterminations(ctx.db, before.id) > 0) {
      throw new AppError('WORKFLOW', '该户已有保存的测算结果，档案须留存备查，不能删除');
    }
    deleteHousehold(ctx.db, input.id);
    audit(ctx, 'household-delete', 'household', input.id, before, null);
    return { id: input.id };
  })();
}

const withoutMembers = ({ members: _m, ...rest }: Household) => rest;

export function personAdd(ctx: Ctx, input: { householdId: number; person: PersonFields }): WithWarnings<Household> {
  return ctx.db.transaction(() => {
    const household = requireHousehold(ctx, input.householdId);
    if (input.person.relation === '户主') {
      throw new AppError('VALIDATION', `本户已有户主（${household.headName ?? ''}），新成员请选择其与户主的关系`, [
        { path: 'person.relation', message: '本户已有户主' },
      ]);
    }
    const warnings: string[] = [];
    const at = nowIso(ctx.clock);
    const id = insertPerson(ctx.db, household.id, toPersonWrite(ctx, input.person, 'person', null, warnings), at);
    touchHousehold(ctx.db, household.id, at);
    audit(ctx, 'person-add', 'household', household.id, null, getPerson(ctx.db, id));
    return { ...requireHousehold(ctx, household.id), warnings };
  })();
}

export function personUpdate(ctx: Ctx, input: { id: number; person: PersonFields }): WithWarnings<Household> {
  return ctx.db.transaction(() => {
    const before = requirePerson(ctx, input.id);
    const household = requireHousehold(ctx, before.householdId);
    const isHead = household.headPersonId === before.id;
    if (isHead !== (input.person.relation === '户主')) {
      throw new AppError(
        'VALIDATION',
        isHead ? '户主的关系不能直接修改，请先将其他成员「设为户主」' : '本户已有户主，如需更换户主请使用「设为户主」',
        [{ path: 'person.relation', message: '户主关系不能在此修改' }],
      );
    }
    const warnings: string[] = [];
    const at = nowIso(ctx.clock);
    updatePerson(ctx.db, before.id, toPersonWrite(ctx, input.person, 'person', before.id, warnings), at);
    touchHousehold(ctx.db, household.id, at);
    audit(ctx, 'person-update', 'household', household.id, before, getPerson(ctx.db, before.id));
    return { ...requireHousehold(ctx, household.id), warnings };
  })();
}

export function personRemove(ctx: Ctx, input: { id: number }): Household {
  return ctx.db.transaction(() => {
    const before = requirePerson(ctx, input.id);
    const household = requireHousehold(ctx, before.householdId);
    if (household.headPersonId === before.id) {
      throw new AppError(
        'VALIDATION',
        household.members.length > 1
          ? '不能移除户主，请先将其他成员「设为户主」'
          : '户内只剩户主一人，不能移除；如需注销整户，请删除该家庭',
      );
    }
    deletePerson(ctx.db, before.id);
    touchHousehold(ctx.db, household.id, nowIso(ctx.clock));
    audit(ctx, 'person-remove', 'household', household.id, before, null);
    return requireHousehold(ctx, household.id);
  })();
}

export function householdSetHead(
  ctx: Ctx,
  input: { householdId: number; personId: number; formerHeadRelation: PersonFields['relation'] },
): Household {
  return ctx.db.transaction(() => {
    const before = requireHousehold(ctx, input.householdId);
    const next = before.members.find((m) => m.id === input.personId);
    if (!next) throw new AppError('VALIDATION', '该成员不属于本户', [{ path: 'personId', message: '不是本户成员' }]);
    if (input.formerHeadRelation === '户主') {
      throw new AppError('VALIDATION', '请选择原户主与新户主的关系', [{ path: 'formerHeadRelation', message: '请选择关系' }]);
    }
    const at = nowIso(ctx.clock);
    const former = before.members.find((m) => m.id === before.headPersonId);
    if (former && former.id !== next.id) {
      setRelation(ctx.db, former.id, input.formerHeadRelation, at);
    }
    setRelation(ctx.db, next.id, '户主', at);
    setHead(ctx.db, before.id, next.id, at);
    const after = requireHousehold(ctx, before.id);
    audit(ctx, 'household-set-head', 'household', before.id, { headPersonId: before.headPersonId, headName: before.headName }, {
      headPersonId: after.headPersonId,
      headName: after.headName,
    });
    return after;
  })();
}

function requirePerson(ctx: Ctx, id: number) {
  const p = getPerson(ctx.db, id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该成员，可能已被移除');
  return p;
}
