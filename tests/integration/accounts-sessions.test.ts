import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginResult, SessionInfo, UserView, Village } from '../../src/contract';
import { openApp, type App } from '../../src/services/app';
import { hashPassword, verifyPassword } from '../../src/services/passwords';
import { ok } from '../helpers/temp-app';

let dir: string;
let app: App;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dibao-acc-'));
  now = Date.parse('2026-11-28T08:00:00Z');
  app = openApp({ dataDir: dir, clock: () => new Date(now) });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'secret123';

async function setup(): Promise<string> {
  const r = ok<LoginResult>(await app.handle('account-setup', { username: 'admin', displayName: '管理员', password: PASSWORD }, null));
  return r.token;
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified in constant form', async () => {
    const h = await hashPassword(PASSWORD);
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD)).not.toBe(h);
    expect(await verifyPassword(PASSWORD, h)).toBe(true);
    expect(await verifyPassword('secret124', h)).toBe(false);
  });
});

describe('first start and login', () => {
  it('asks for setup, refuses everything else without a session, and allows setup only once', async () => {
    expect(ok<SessionInfo>(await app.handle('session-status', {}, null))).toMatchObject({ needsSetup: true, user: null });
    expect(await app.handle('village-list', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const token = await setup();
    expect(ok<SessionInfo>(await app.handle('session-status', {}, token))).toMatchObject({ needsSetup: false, user: { username: 'admin', role: 'admin' } });
    expect((await app.handle('village-list', {}, token)).ok).toBe(true);
    const again = await app.handle('account-setup', { username: 'evil', displayName: 'x', password: PASSWORD }, null);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a weak password and a wrong one with the same message for unknown users', async () => {
    const weak = await app.handle('account-setup', { username: 'admin', displayName: '管理员', password: 'short' }, null);
    expect(!weak.ok && weak.error.fields?.[0]?.path).toBe('password');
    await setup();
    const wrong = await app.handle('session-login', { username: 'admin', password: 'nope12345' }, null);
    const unknown = await app.handle('session-login', { username: 'ghost', password: 'nope12345' }, null);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '用户名或密码不正确' } });
  });

  it('locks an idle session until the password is given, and logout ends it', async () => {
    const token = await setup();
    now += 16 * 60_000; // default lock after 15 minutes
    expect(await app.handle('village-list', {}, token)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await app.handle('session-unlock', { password: 'wrong1234' }, token)).toMatchObject({ ok: false });
    ok(await app.handle('session-unlock', { password: PASSWORD }, token));
    expect((await app.handle('village-list', {}, token)).ok).toBe(true);
    ok(await app.handle('session-logout', {}, token));
    expect(await app.handle('village-list', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('roles', () => {
  it('scopes cadres to a village, keeps one admin, and ends sessions of a deactivated user', async () => {
    const admin = await setup();
    const v = ok<Village>(await app.handle('village-create', { name: '东山村', code: '100201' }, admin));
    const noVillage = await app.handle('user-create', { username: 'cadre1', password: PASSWORD, displayName: '村干部', role: 'cadre' }, admin);
    expect(!noVillage.ok && noVillage.error.fields?.[0]?.path).toBe('villageId');
    const cadre = ok<UserView>(
      await app.handle('user-create', { username: 'cadre1', password: PASSWORD, displayName: '村干部', role: 'cadre', villageId: v.id }, admin),
    );
    const cadreToken = ok<LoginResult>(await app.handle('session-login', { username: 'cadre1', password: PASSWORD }, null)).token;
    expect(await app.handle('user-list', {}, cadreToken)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.handle('settings-update', {}, cadreToken)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const adminView = ok<UserView[]>(await app.handle('user-list', {}, admin)).find((u) => u.username === 'admin')!;
    const demote = await app.handle('user-update', { id: adminView.id, displayName: '管理员', role: 'clerk', active: true }, admin);
    expect(demote).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    ok(await app.handle('user-update', { id: cadre.id, displayName: '村干部', role: 'cadre', villageId: v.id, active: false }, admin));
    expect(await app.handle('village-list', {}, cadreToken)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const relogin = await app.handle('session-login', { username: 'cadre1', password: PASSWORD }, null);
    expect(relogin).toMatchObject({ ok: false, error: { message: '该账户已停用，请联系管理员' } });
  });

  it('records who logged in and who changed an account in the audit log', async () => {
    await setup();
    const rows = app.db.prepare('SELECT actor, command FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([{ actor: '管理员', command: 'account-setup' }]);
  });
});
