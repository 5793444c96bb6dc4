// Making an office a county bureau outside the first-start page (issue 15): the command line's county-import on a
// fresh data folder, and the county demo. The choice is the same row account-setup writes, and as final.
import { AppError } from '../../contract';
import { countUsers } from '../../store/users';
import { getOfficeMode, setOfficeMode } from '../../store/office-mode';
import { listVillages } from '../../store/villages';
import { audit } from '../audit';
import { nowIso, type Ctx } from '../context';

/** Makes an empty office a county bureau; a county office stays one; a township office is refused. */
export function ensureCountyOffice(ctx: Ctx, countyName: string): 'created' | 'existing' {
  return ctx.db.transaction(() => {
    const mode = getOfficeMode(ctx.db);
    if (mode?.mode === 'county') return 'existing';
    if (mode?.mode === 'township' || countUsers(ctx.db) > 0 || listVillages(ctx.db).length > 0) {
      throw new AppError('FORBIDDEN', '该数据目录是乡镇民政所的数据，不能用作县民政局：请为县民政局另建数据目录');
    }
    setOfficeMode(ctx.db, { mode: 'county', countyName, chosenAt: nowIso(ctx.clock), chosenBy: ctx.actor.name });
    audit(ctx, 'office-mode-set', 'office', null, null, { mode: 'county', countyName });
    return 'created';
  })();
}
