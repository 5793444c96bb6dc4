import { commands, isVillageScoped, type CommandName, type OfficeMode, type UserView } from '../../src/contract';
import { ROLE_LABELS, type Role } from '../../src/domain/workflow';

/**
 * What the signed-in user may do, asked of the contract (roles and village scope), so that a screen never offers a
 * form that the core would refuse on save. The core checks again: this only hides and disables.
 * `villageId`: the village of the record the action would touch, when it is known.
 */
export function may(user: Pick<UserView, 'role' | 'villageId'>, command: CommandName, villageId?: number | null, mode: OfficeMode = 'township'): boolean {
  const def = commands[command];
  // A county bureau's office has no township pages and a township none of the county's (issue 15).
  if (!def.modes.includes(mode)) return false;
  if (def.isPublic) return true;
  if (!def.roles.includes(user.role)) return false;
  if (!isVillageScoped(user.role) || def.scope.type === 'office') return true;
  if (villageId === undefined) return true;
  return villageId !== null && villageId === user.villageId;
}

/** The page a county clerk starts on. */
export const COUNTY_HOME_HASH = '#/county-receive';

/** The page a user starts on after signing in (never the previous user's page). */
export const HOME_HASH = '#/workbench';

/** A county bureau's names for the same roles (it has no 村干部; issue 15). */
const COUNTY_ROLE_LABELS: Partial<Record<Role, string>> = { clerk: '县局经办', leader: '分管领导', admin: '管理员' };
export const roleLabel = (mode: OfficeMode, role: Role): string => (mode === 'county' ? (COUNTY_ROLE_LABELS[role] ?? ROLE_LABELS[role]) : ROLE_LABELS[role]);
