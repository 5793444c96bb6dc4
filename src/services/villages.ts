import { AppError, type Village } from '../contract';
import {
  deleteVillage,
  findVillageByNameOrCode,
  getVillage,
  groupsInUse,
  insertVillage,
  listVillages,
  updateVillage,
  type VillageWrite,
} from '../store/villages';
import { audit } from './audit';
import { nowIso, type Ctx } from './context';

function assertUnique(ctx: Ctx, v: VillageWrite, selfId: number | null): void {
  for (const other of findVillageByNameOrCode(ctx.db, v.name, v.code)) {
    if (other.id === selfId) continue;
    if (other.name === v.name) throw new AppError('CONFLICT', `已有名为「${v.name}」的村（社区）`, [{ path: 'name', message: '名称已存在' }]);
    throw new AppError('CONFLICT', `代码 ${v.code} 已被「${other.name}」使用`, [{ path: 'code', message: '代码已存在' }]);
  }
}

export function requireVillage(ctx: Ctx, id: number): Village {
  const v = getVillage(ctx.db, id);
  if (!v) throw new AppError('NOT_FOUND', '找不到该村（社区），可能已被删除', [{ path: 'villageId', message: '村（社区）不存在' }]);
  return v;
}

export const villageList = (ctx: Ctx): Village[] => listVillages(ctx.db);

export function villageCreate(ctx: Ctx, input: VillageWrite): Village {
  return ctx.db.transaction(() => {
    assertUnique(ctx, input, null);
    const id = insertVillage(ctx.db, input, nowIso(ctx.clock));
    const created = requireVillage(ctx, id);
    audit(ctx, 'village-create', 'village', id, null, created);
    return created;
  })();
}

export function villageUpdate(ctx: Ctx, input: VillageWrite & { id: number }): Village {
  return ctx.db.transaction(() => {
    const before = requireVillage(ctx, input.id);
    assertUnique(ctx, input, input.id);
    const removed = groupsInUse(ctx.db, input.id).filter((g) => !input.groups.includes(g));
    if (removed.length) {
      throw new AppError('CONFLICT', `村民小组「${removed.join('、')}」下还有登记的家庭，不能删除`, [
        { path: 'groups', message: '小组仍在使用' },
      ]);
    }
    updateVillage(ctx.db, input.id, input, nowIso(ctx.clock));
    const after = requireVillage(ctx, input.id);
    audit(ctx, 'village-update', 'village', input.id, before, after);
    return after;
  })();
}

export function villageDelete(ctx: Ctx, input: { id: number }): { id: number } {
  return ctx.db.transaction(() => {
    const before = requireVillage(ctx, input.id);
    if (before.householdCount > 0) {
      throw new AppError('CONFLICT', `「${before.name}」下还有 ${before.householdCount} 户家庭，不能删除`);
    }
    deleteVillage(ctx.db, input.id);
    audit(ctx, 'village-delete', 'village', input.id, before, null);
    return { id: input.id };
  })();
}
