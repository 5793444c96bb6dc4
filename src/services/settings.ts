import type { Settings, StoredSettings } from '../contract';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import type { Ctx } from './context';

const KEY = 'office';

/** As stored: an office set up before issue 12 lacks the issuing-authority fields added then (see requireOffice). */
export function getOfficeSettings(ctx: Ctx): StoredSettings | null {
  const raw = getSetting(ctx.db, KEY);
  return raw === null ? null : (JSON.parse(raw) as StoredSettings);
}

export function updateOfficeSettings(ctx: Ctx, input: Settings): Settings {
  return ctx.db.transaction(() => {
    const before = getOfficeSettings(ctx);
    putSetting(ctx.db, KEY, JSON.stringify(input));
    audit(ctx, 'settings-update', 'settings', null, before, input);
    return input;
  })();
}
