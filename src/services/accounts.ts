import { AppError, type Actor, type LoginResult, type SessionInfo, type UserView } from '../contract';
import type { Role } from '../domain/workflow';
import { isFullLock, loginBlockedUntil } from '../domain/login-throttle';
import { clearLoginFailures, countUsers, getLoginFailure, getUser, getUserByName, insertUser, listUsers, recordLoginFailure, setPassword, updateUser, type UserRow } from '../store/users';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { setupBlockedReason } from './data-dir';
import { nowIso, type Ctx } from './context';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { getOfficeSettings } from './settings';
import { getOfficeMode, setOfficeMode } from '../store/office-mode';

const DEFAULT_IDLE_LOCK_MINUTES = 15;

export function idleLockMinutes(ctx: Ctx): number {
  return getOfficeSettings(ctx)?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
}

/** Until when logins of `username` are refused after wrong passwords (null: not blocked now). */
function blockedUntil(ctx: Ctx, username: string): Date | null {
  const f = getLoginFailure(ctx.db, username);
  const until = f ? loginBlockedUntil(f.failures, new Date(f.lastFailureAt)) : null;
  return until && until > ctx.clock() ? until : null;
}

function toView(ctx: Ctx, u: UserRow): UserView {
  return {
    lockedUntil: blockedUntil(ctx, u.username)?.toISOString() ?? null,
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

/** Asking whether one is logged in is not activity: the idle clock keeps running. */
export function sessionStatus(ctx: Ctx): SessionInfo {
  const minutes = idleLockMinutes(ctx);
  const found = ctx.session.store.peek(ctx.session.token, minutes);
  const user = found.status === 'invalid' || found.actor.id === null ? null : getUser(ctx.db, found.actor.id);
  const noAccounts = countUsers(ctx.db) === 0;
  const blocked = noAccounts ? setupBlockedReason(ctx.dataDir) : null;
  return {
    needsSetup: noAccounts && blocked === null,
    setupBlocked: blocked,
    user: user ? toView(ctx, user) : null,
    locked: found.status === 'locked',
    idleLockMinutes: minutes,
    mode: getOfficeMode(ctx.db)?.mode ?? (noAccounts ? null : 'township'),
    countyName: getOfficeMode(ctx.db)?.countyName ?? null,
  };
}

/**
 * First start: the first account is the administrator, and the office says what it is (乡镇民政所 or 县民政局,
 * issue 15). Refused once any account exists.
 */
export async function accountSetup(
  ctx: Ctx,
  input: { username: string; displayName: string; password: string; mode: 'township' | 'county'; countyName: string | null },
): Promise<LoginResult> {
  const blocked = setupBlockedReason(ctx.dataDir);
  if (blocked) throw new AppError('CONFLICT', blocked);
  if (countUsers(ctx.db) > 0) throw new AppError('CONFLICT', '已有账户，请使用已有账户登录');
  const hash = await hashPassword(input.password);
  const user = ctx.db.transaction(() => {
    if (countUsers(ctx.db) > 0) throw new AppError('CONFLICT', '已有账户，请使用已有账户登录');
    const id = insertUser(ctx.db, { username: input.username, displayName: input.displayName, role: 'admin', villageId: null, passwordHash: hash }, nowIso(ctx.clock));
    const u = getUser(ctx.db, id)!;
    const existing = getOfficeMode(ctx.db);
    if (existing && existing.mode !== input.mode) throw new AppError('CONFLICT', '本数据目录已选定单位类型，不能更改');
    if (!existing) setOfficeMode(ctx.db, { mode: input.mode, countyName: input.mode === 'county' ? input.countyName : null, chosenAt: nowIso(ctx.clock), chosenBy: u.displayName });
    audit({ ...ctx, actor: actorOf(u) }, 'account-setup', 'user', id, null, { username: u.username, role: u.role, mode: input.mode });
    return u;
  })();
  return startSession(ctx, user);
}

const BAD_LOGIN = '用户名或密码不正确';

const pad = (n: number) => String(n).padStart(2, '0');
/** Office (local) time of day, with the date when it is not today. */
function clockTime(ctx: Ctx, d: Date): string {
  const t = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const now = ctx.clock();
  return d.toDateString() === now.toDateString() ? t : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${t}`;
}

function blockedMessage(ctx: Ctx, username: string, until: Date): string {
  const f = getLoginFailure(ctx.db, username);
  return f && isFullLock(f.failures)
    ? `密码连续输错${f.failures}次，账户已锁定至 ${clockTime(ctx, until)}，届时可再试；如需立即使用，请管理员在「账户管理」中解锁`
    : `密码连续输错次数过多，请于 ${clockTime(ctx, until)} 后再试`;
}

/**
 * Every name, known or not, costs exactly one scrypt derivation and counts its wrong passwords the same way, so
 * neither the time nor the answer tells which accounts exist. While a name waits, no password is checked.
 */
export async function sessionLogin(ctx: Ctx, input: { username: string; password: string }): Promise<LoginResult> {
  const waitUntil = blockedUntil(ctx, input.username);
  if (waitUntil) throw new AppError('FORBIDDEN', blockedMessage(ctx, input.username, waitUntil));
  const u = getUserByName(ctx.db, input.username);
  const ok = await verifyPassword(input.password, u?.passwordHash ?? (await decoyHash()));
  if (!u || !ok) {
    const at = ctx.clock();
    ctx.db.transaction(() => recordLoginFailure(ctx.db, input.username, at.toISOString(), new Date(at.getTime() - 86_400_000).toISOString()))();
    const until = blockedUntil(ctx, input.username);
    throw new AppError('FORBIDDEN', until ? `${BAD_LOGIN}。${blockedMessage(ctx, input.username, until)}` : BAD_LOGIN);
  }
  if (!u.active) throw new AppError('FORBIDDEN', '该账户已停用，请联系管理员');
  ctx.db.transaction(() => {
    clearLoginFailures(ctx.db, u.username);
    audit({ ...ctx, actor: actorOf(u) }, 'session-login', 'user', u.id, null, null);
  })();
  return startSession(ctx, u);
}

/** The administrator lifts a sign-in lock at once (the user phoned, the password was reset…). */
export function userUnlock(ctx: Ctx, input: { id: number }): UserView {
  return ctx.db.transaction(() => {
    const u = getUser(ctx.db, input.id);
    if (!u) throw new AppError('NOT_FOUND', '找不到该账户');
    const before = getLoginFailure(ctx.db, u.username);
    clearLoginFailures(ctx.db, u.username);
    audit(ctx, 'user-unlock', 'user', u.id, before ? { failures: before.failures, lastFailureAt: before.lastFailureAt } : null, { failures: 0 });
    return toView(ctx, u);
  })();
}

export async function sessionUnlock(ctx: Ctx, input: { password: string }): Promise<{ ok: true }> {
  const found = ctx.session.store.peek(ctx.session.token, idleLockMinutes(ctx));
  if (found.status === 'invalid' || found.actor.id === null) throw new AppError('FORBIDDEN', '登录已失效，请重新登录');
  const u = getUser(ctx.db, found.actor.id);
  if (!u || !u.active || !(await verifyPassword(input.password, u.passwordHash))) throw new AppError('FORBIDDEN', '密码不正确');
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

/** A changed password ends the user's other sessions (someone else may have been using the old one). */
export async function passwordChange(ctx: Ctx, input: { oldPassword: string; newPassword: string }): Promise<{ ok: true }> {
  const u = ctx.actor.id === null ? null : getUser(ctx.db, ctx.actor.id);
  if (!u) throw new AppError('FORBIDDEN', '本机管理员账户不能在此修改密码');
  if (!(await verifyPassword(input.oldPassword, u.passwordHash))) {
    throw new AppError('VALIDATION', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
  }
  const hash = await hashPassword(input.newPassword);
  ctx.db.transaction(() => {
    setPassword(ctx.db, u.id, hash, nowIso(ctx.clock));
    audit(ctx, 'password-change', 'user', u.id, null, null);
  })();
  ctx.session.store.destroyUser(u.id, ctx.session.token);
  return { ok: true };
}

export const userList = (ctx: Ctx): UserView[] => listUsers(ctx.db).map((u) => toView(ctx, u));

function checkVillage(ctx: Ctx, role: Role, villageId: number | null): number | null {
  if (role !== 'cadre') return null;
  if (getOfficeMode(ctx.db)?.mode === 'county') throw new AppError('VALIDATION', '县民政局不设村干部账户', [{ path: 'role', message: '县民政局不设村干部账户' }]);
  if (villageId === null || !getVillage(ctx.db, villageId)) {
    throw new AppError('VALIDATION', '村干部须指定所属村（社区）', [{ path: 'villageId', message: '请选择村（社区）' }]);
  }
  return villageId;
}

export async function userCreate(
  ctx: Ctx,
  input: { username: string; password: string; displayName: string; role: Role; villageId: number | null },
): Promise<UserView> {
  return insertAccount(ctx, input, await hashPassword(input.password));
}

/** Creates an account with an already derived hash (the demo seeds several with one). */
export function insertAccount(
  ctx: Ctx,
  input: { username: string; displayName: string; role: Role; villageId: number | null },
  hash: string,
): UserView {
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

/** A reset ends every session of the user and lifts a sign-in lock: the new password is the one that counts. */
export async function userResetPassword(ctx: Ctx, input: { id: number; password: string }): Promise<{ ok: true }> {
  const hash = await hashPassword(input.password);
  ctx.db.transaction(() => {
    const u = getUser(ctx.db, input.id);
    if (!u) throw new AppError('NOT_FOUND', '找不到该账户');
    setPassword(ctx.db, input.id, hash, nowIso(ctx.clock));
    clearLoginFailures(ctx.db, u.username);
    audit(ctx, 'user-reset-password', 'user', input.id, null, null);
  })();
  ctx.session.store.destroyUser(input.id);
  return { ok: true };
}
