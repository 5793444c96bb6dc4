// The office's working-day calendar: the packaged statutory holidays (chinese-days) overridden by the dates the
// office entered for a year the package does not know yet (admin, 办公日历).
import type { CalendarOverrideView } from '../contract/commands/hearings';
import { AppError } from '../contract';
import { makeCalendar, type WorkCalendar } from '../domain/calendar';
import { deleteCalendarOverride, listCalendarOverrides, putCalendarOverride } from '../store/hearings';
import { audit } from './audit';
import { nowIso, type Ctx } from './context';

export function officeCalendar(ctx: Ctx): WorkCalendar {
  return makeCalendar(listCalendarOverrides(ctx.db));
}

export const calendarOverrideList = (ctx: Ctx, input: { year?: number | null | undefined }): CalendarOverrideView[] =>
  listCalendarOverrides(ctx.db, input.year ?? null);

export function calendarOverrideSet(ctx: Ctx, input: { date: string; kind: 'holiday' | 'workday'; note: string | null }): CalendarOverrideView[] {
  return ctx.db.transaction(() => {
    const before = listCalendarOverrides(ctx.db).find((o) => o.date === input.date) ?? null;
    putCalendarOverride(ctx.db, { ...input, createdAt: nowIso(ctx.clock), createdBy: ctx.actor.name });
    audit(ctx, 'calendar-override-set', 'calendar', null, before, input);
    return listCalendarOverrides(ctx.db, Number(input.date.slice(0, 4)));
  })();
}

export function calendarOverrideRemove(ctx: Ctx, input: { date: string }): CalendarOverrideView[] {
  return ctx.db.transaction(() => {
    const before = listCalendarOverrides(ctx.db).find((o) => o.date === input.date) ?? null;
    if (!deleteCalendarOverride(ctx.db, input.date)) throw new AppError('NOT_FOUND', `${input.date} 没有本所设置的日历调整`);
    audit(ctx, 'calendar-override-remove', 'calendar', null, before, null);
    return listCalendarOverrides(ctx.db, Number(input.date.slice(0, 4)));
  })();
}
