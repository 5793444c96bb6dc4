import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginResult, Result, SessionInfo, UserView } from '../../src/contract';
import { openApp, type App } from '../../src/services/app';
import { scryptRuns } from '../../src/services/passwords';
import { ok } from '../helpers/temp-app';
import { OFFICE_SETTINGS } from '../helpers/office-settings';

let dir: string;
let app: App;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dibao-signin-'));
  now = new Date(2026, 10, 28, 8, 0, 0).getTime();
  app = openApp({ dataDir: dir, clock: () => new Date(now) });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'secret123';
const login = (username: string, password: string): Promise<Result<unknown>> => app.handle('session-login', { username, password }, null);
const message = (r: Result<unknown>) => (r.ok ? '' : r.error.message);

async function office(): Promise<{ admin: string; clerkId: number }> {
  const admin = ok<LoginResult>(await app.handle('account-setup', { username: 'admin', displayName: '管理员', password: PASSWORD }, null)).token;
  const clerk = ok<UserView>(await app.handle('user-create', { username: 'clerk', displayName: '经办员', role: 'clerk', password: PASSWORD }, admin));
  return { admin, clerkId: clerk.id };
}

describe('wrong passwords', () => {
  it('lets four pass freely, then makes the name wait longer each time, then locks it for 15 minutes', async () => {
    await office();
    for (let i = 0; i < 4; i++) expect(message(await login('clerk', 'wrong1234'))).toBe('用户名或密码不正确');
    // 5th wrong password: a 30-second wait, during which even the right password is not checked.
    expect(message(await login('clerk', 'wrong1234'))).toBe('用户名或密码不正确。密码连续输错次数过多，请于 08:00:30 后再试');
    expect(message(await login('clerk', PASSWORD))).toBe('密码连续输错次数过多，请于 08:00:30 后再试');
    now += 31_000;
    // 6th: two minutes.
    expect(message(await login('clerk', 'wrong1234'))).toContain('请于 08:02:31 后再试');
    now += 121_000;
    // 7th: the 15-minute lock, with the time it ends.
    expect(message(await login('clerk', 'wrong1234'))).toContain('密码连续输错7次，账户已锁定至 08:17:32');
    now += 14 * 60_000;
    expect(message(await login('clerk', PASSWORD))).toContain('账户已锁定至 08:17:32');
    now += 61_000;
    ok(await login('clerk', PASSWORD));
    // A success starts the count again.
    expect(message(await login('clerk', 'wrong1234'))).toBe('用户名或密码不正确');
  });

  it('treats an unknown name exactly like a known one: same answers, one scrypt derivation each', async () => {
    await office();
    const answers = async (username: string) => {
      const out: string[] = [];
      const runs: number[] = [];
      for (let i = 0; i < 6; i++) {
        const before = scryptRuns.count;
        out.push(message(await login(username, 'wrong1234')));
        runs.push(scryptRuns.count - before);
      }
      return { out, runs };
    };
    await login('warm-up', 'wrong1234'); // the decoy hash is derived once per process
    const known = await answers('clerk');
    now += 3_600_000;
    const unknown = await answers('ghost');
    const masked = (xs: string[]) => xs.map((x) => x.replace(/\d{2}:\d{2}:\d{2}/, 'HH:MM:SS'));
    expect(masked(unknown.out)).toEqual(masked(known.out));
    expect(unknown.runs).toEqual(known.runs);
    // One derivation per checked password; none while the name waits.
    expect(known.runs).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('can be lifted by the administrator, who sees until when the account is locked', async () => {
    const { clerkId } = await office();
    for (let i = 0; i < 7; i++) {
      await login('clerk', 'wrong1234');
      now += 200_000;
    }
    const admin = ok<LoginResult>(await login('admin', PASSWORD)).token;
    const locked = ok<UserView[]>(await app.handle('user-list', {}, admin)).find((u) => u.id === clerkId)!;
    expect(locked.lockedUntil).not.toBeNull();
    expect(message(await login('clerk', PASSWORD))).toContain('账户已锁定至');
    const unlocked = ok<UserView>(await app.handle('user-unlock', { id: clerkId }, admin));
    expect(unlocked.lockedUntil).toBeNull();
    ok(await login('clerk', PASSWORD));
    const audit = app.db.prepare("SELECT before_json FROM audit_log WHERE command = 'user-unlock'").get() as { before_json: string };
    expect(JSON.parse(audit.before_json)).toMatchObject({ failures: 7 });
  });

  it('is refused to a non-administrator', async () => {
    const { clerkId } = await office();
    const clerk = ok<LoginResult>(await login('clerk', PASSWORD)).token;
    expect(await app.handle('user-unlock', { id: clerkId }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('sessions', () => {
  it('end everywhere else when the password is changed, and everywhere when the administrator resets it', async () => {
    const { admin, clerkId } = await office();
    const desk = ok<LoginResult>(await login('clerk', PASSWORD)).token;
    const laptop = ok<LoginResult>(await login('clerk', PASSWORD)).token;
    ok(await app.handle('password-change', { oldPassword: PASSWORD, newPassword: 'another123' }, desk));
    expect((await app.handle('village-list', {}, desk)).ok).toBe(true);
    expect(await app.handle('village-list', {}, laptop)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    ok(await app.handle('user-reset-password', { id: clerkId, password: 'reset1234' }, admin));
    expect(await app.handle('village-list', {}, desk)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await app.handle('village-list', {}, admin)).ok).toBe(true);
  });

  it('end after 12 hours however active they are', async () => {
    const { admin } = await office();
    // Busy all day: a command every ten minutes, so the idle lock never comes.
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      now += 10 * 60_000;
      expect((await app.handle('village-list', {}, admin)).ok).toBe(true);
    }
    now += 10 * 60_000 + 1000;
    expect(await app.handle('village-list', {}, admin)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('are not kept awake by the status poll, and a new idle-lock time applies at once', async () => {
    const { admin } = await office();
    for (let i = 0; i < 16; i++) {
      now += 60_000;
      ok<SessionInfo>(await app.handle('session-status', {}, admin));
    }
    expect(ok<SessionInfo>(await app.handle('session-status', {}, admin)).locked).toBe(true);
    ok(await app.handle('session-unlock', { password: PASSWORD }, admin));
    ok(
      await app.handle(
        'settings-update',
        { ...OFFICE_SETTINGS, divisionCode: '990101', idleLockMinutes: 5 },
        admin,
      ),
    );
    expect(ok<SessionInfo>(await app.handle('session-status', {}, admin)).idleLockMinutes).toBe(5);
    now += 6 * 60_000;
    expect(await app.handle('village-list', {}, admin)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});
