// The accepted 类别 values of the 扶贫 / 乡村振兴 list (issue 18): a dated office setting, not code. The lists a
// township receives changed after the plan was written (2020: 未脱贫户 …; now: 防止返贫监测对象 categories); when the
// county changes them again, the office adds a set with its effective date and the older lists keep reading.
import type { PovertyCategorySetView } from '../contract';
import { DEFAULT_POVERTY_CATEGORIES, categorySetOn, type PovertyCategorySet } from '../domain/screening';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';
import { DEFAULT_TEXT_AUTHOR } from './legal-texts';

const KEY = 'screening-poverty-categories';

type Stored = PovertyCategorySet & { createdAt: string; createdBy: string };

function stored(ctx: Ctx): Stored[] {
  const raw = getSetting(ctx.db, KEY);
  if (raw !== null) return JSON.parse(raw) as Stored[];
  return [{ ...DEFAULT_POVERTY_CATEGORIES, createdAt: '2020-01-01T00:00:00.000Z', createdBy: DEFAULT_TEXT_AUTHOR }];
}

function views(ctx: Ctx, sets: Stored[]): PovertyCategorySetView[] {
  const inForce = categorySetOn(sets, today(ctx.clock));
  return [...sets].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).map((s) => ({ ...s, inForce: s === inForce }));
}

export const povertyCategoryList = (ctx: Ctx): PovertyCategorySetView[] => views(ctx, stored(ctx));

/** The set the rows of a list imported on `date` are read with; null when every set starts later. */
export function povertyCategoriesOn(ctx: Ctx, date: string): PovertyCategorySetView | null {
  return povertyCategoryList(ctx).find((s) => s.effectiveFrom <= date) ?? null;
}

/**
 * Saves a set: a new effective date adds a version, the date of an existing one replaces it (a correction). Lists
 * imported earlier are not re-read: their rows were recorded as the department sent them.
 */
export function povertyCategorySave(ctx: Ctx, input: PovertyCategorySet): PovertyCategorySetView[] {
  return ctx.db.transaction(() => {
    const sets = stored(ctx);
    const before = sets.find((s) => s.effectiveFrom === input.effectiveFrom) ?? null;
    const next: Stored = {
      effectiveFrom: input.effectiveFrom,
      categories: input.categories.map((c) => ({ name: c.name, kind: c.kind, aliases: [...new Set(c.aliases)] })),
      createdAt: nowIso(ctx.clock),
      createdBy: ctx.actor.name,
    };
    const all = [...sets.filter((s) => s !== before), next];
    putSetting(ctx.db, KEY, JSON.stringify(all));
    audit(ctx, 'screening-category-save', 'settings', null, before, next);
    return views(ctx, all);
  })();
}
