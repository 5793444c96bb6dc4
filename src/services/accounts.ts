import { AppError, type Actor, type LoginResult, type SessionInfo, type UserView } from '../contract';
import type { Role } from '../domain/workflow';
import { countUsers, getUser, getUserByName, insertUser, listUsers, setPassword, updateUser, type UserRow } from '../store/users';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { setupBlockedReason } from './data-dir';
import { nowIso, type Ctx } from './context';
import { hashPassword, verifyPassword } from './passwords';
import { getOfficeSettings } from './settings';

const DEFAULT_IDLE_LOCK_MINUTES = 15;

export function idleLockMinutes(ctx: Ctx): number {
  return getOfficeSettings(ctx)?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
}

function toView(ctx: Ctx, u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    villageId: u.villageId,
    villageName: u.villageId === null ? null : (getVillage(ctx.db, u.villageId)?.name ?? null),
    active: u.active,
  };
}

export const actorOf = (u: UserRow): Actor => ({ id: u.id, name: u.displayName, role: u.role, villageId: u.villageId });

function startSession(ctx: Ctx, u: UserRow): LoginResult {
  return { token: ctx.session.store.create(actorOf(u)), user: toView(ctx, u) };
}

export function sessionStatus(ctx: Ctx): SessionInfo {
  const minutes = idleLockMinutes(ctx);
  const found = ctx.session.store.lookup(ctx.session.token, minutes);
  const user = found.status === 'invalid' || found.actor.id === null ? null : getUser(ctx.db, found.actor.id);
  const noAccounts = countUsers(ctx.db) === 0;
  const blocked = noAccounts ? setupBlockedReason(ctx.dataDir) : null;
  return {
    needsSetup: noAccounts && blocked === null,
    setupBlocked: blocked,
    user: user ? toView(ctx, user) : null,
    locked: found.status === 'locked',
    idleLockMinutes: minutes,
  };
}

/** First start: the first account is the administrator. Refused once any account exists. */
export function accountSetup(ctx: Ctx, input: { username: string; displayName: string; password: string }): LoginResult {
  const blocked = setupBlockedReason(ctx.dataDir);
  if (blocked) throw new AppError('CONFLICT', blocked);
  const hash = hashPassword(input.password);
  const user = ctx.db.transaction(() => {
    if (countUsers(ctx.db) > 0) throw new AppError('CONFLICT', '已有账户，请使用已有账户登录');
    const id = insertUser(ctx.db, { username: input.username, displayName: input.displayName, role: 'admin', villageId: null, passwordHash: hash }, nowIso(ctx.clock));
    const u = getUser(ctx.db, id)!;
    audit({ ...ctx, actor: actorOf(u) }, 'account-setup', 'user', id, null, { username: u.username, role: u.role });
    return u;
  })();
  return startSession(ctx, user);
}

const BAD_LOGIN = '用户名或密码不正确';

export function sessionLogin(ctx: Ctx, input: { username: string; password: string }): LoginResult {
  const u = getUserByName(ctx.db, input.username);
  // Verify even for an unknown name so that timing does not reveal which accounts exist.
  const ok = verifyPassword(input.password, u?.passwordHash ?? hashPassword('x'));
  if (!u || !ok) throw new AppError('FORBIDDEN', BAD_LOGIN);
  if (!u.active) throw new AppError('FORBIDDEN', '该账户已停用，请联系管理员');
  ctx.db.transaction(() => audit({ ...ctx, actor: actorOf(u) }, 'session-login', 'user', u.id, null, null))();
  return startSession(ctx, u);
}

export function sessionUnlock(ctx: Ctx, input: { password: string }): { ok: true } {
  const found = ctx.session.store.lookup(ctx.session.token, idleLockMinutes(ctx));
  if (found.status === 'invalid' || found.actor.id === null) throw new AppError('FORBIDDEN', '登录已失效，请重新登录');
  const u = getUser(ctx.db, found.actor.id);
  if (!u || !u.active || !verifyPassword(input.password, u.passwordHash)) throw new AppError('FORBIDDEN', '密码不正确');
  ctx.session.store.unlock(ctx.session.token!);
  return { ok: true };
}

export function sessionLock(ctx: Ctx): { ok: true } {
  if (ctx.session.token) ctx.session.store.lock(ctx.session.token);
  return { ok: true };
}

export function sessionLogout(ctx: Ctx): { ok: true } {
  if (ctx.session.token) ctx.session.store.destroy(ctx.session.token);
  return { ok: true };
}

export function passwordChange(ctx: Ctx, input: { oldPassword: string; newPassword: string }): { ok: true } {
  const u = ctx.actor.id === null ? null : getUser(ctx.db, ctx.actor.id);
  if (!u) throw new AppError('FORBIDDEN', '本机管理员账户不能在此修改密码');
  if (!verifyPassword(input.oldPassword, u.passwordHash)) {
    throw new AppError('VALIDATION', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
  }
  const hash = hashPassword(input.newPassword);
  ctx.db.transaction(() => {
    setPassword(ctx.db, u.id, hash, nowIso(ctx.clock));
    audit(ctx, 'password-change', 'user', u.id, null, null);
  })();
  return { ok: true };
}

export const userList = (ctx: Ctx): UserView[] => listUsers(ctx.db).map((u) => toView(ctx, u));

function checkVillage(ctx: Ctx, role: Role, villageId: number | null): number | null {
  if (role !== 'cadre') return null;
  if (villageId === null || !getVillage(ctx.db, villageId)) {
    throw new AppError('VALIDATION', '村干部须指定所属村（社区）', [{ path: 'villageId', message: '请选择村（社区）' }]);
  }
  return villageId;
}

export function userCreate(
  ctx: Ctx,
  input: { username: string; password: string; displayName: string; role: Role; villageId: number | null },
): UserView {
  const hash = hashPassword(input.password);
  return ctx.db.transaction(() => {
    if (getUserByName(ctx.db, input.username)) {
      throw new AppError('CONFLICT', `用户名「${input.username}」已存在`, [{ path: 'username', message: '用户名已存在' }]);
    }
    const villageId = checkVillage(ctx, input.role, input.villageId);
    const id = insertUser(ctx.db, { username: input.username, displayName: input.displayName, role: input.role, villageId, passwordHash: hash }, nowIso(ctx.clock));
    const view = toView(ctx, getUser(ctx.db, id)!);
    audit(ctx, 'user-create', 'user', id, null, view);
    return view;
  })();
}

export function userUpdate(
  ctx: Ctx,
  input: { id: number; displayName: string; role: Role; villageId: number | null; active: boolean },
): UserView {
  return ctx.db.transaction(() => {
    const before = getUser(ctx.db, input.id);
    if (!before) throw new AppError('NOT_FOUND', '找不到该账户');
    if (before.role === 'admin' && (input.role !== 'admin' || !input.active)) {
      const otherAdmins = listUsers(ctx.db).filter((u) => u.role === 'admin' && u.active && u.id !== before.id);
      if (otherAdmins.length === 0) throw new AppError('CONFLICT', '至少须保留一个启用的管理员账户');
    }
    const villageId = checkVillage(ctx, input.role, input.villageId);
    updateUser(ctx.db, input.id, { displayName: input.displayName, role: input.role, villageId, active: input.active }, nowIso(ctx.clock));
    const after = toView(ctx, getUser(ctx.db, input.id)!);
    audit(ctx, 'user-update', 'user', input.id, toView(ctx, before), after);
    // A changed role or a deactivation takes effect at once: existing sessions end.
    ctx.session.store.destroyUser(input.id);
    return after;
  })();
}

export function userResetPassword(ctx: Ctx, input: { id: number; password: string }): { ok: true } {
  const hash = hashPassword(input.password);
  ctx.db.transaction(() => {
    if (!getUser(ctx.db, input.id)) throw new AppError('NOT_FOUND', '找不到该账户');
    setPassword(ctx.db, input.id, hash, nowIso(ctx.clock));
    audit(ctx, 'user-reset-password', 'user', input.id, null, null);
  })();
  ctx.session.store.destroyUser(input.id);
  return { ok: true };
}
