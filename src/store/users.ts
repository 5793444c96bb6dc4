import type { Role } from '../domain/workflow';
import type { Db } from './db';

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  villageId: number | null;
  passwordHash: string;
  active: boolean;
};

type Raw = {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  village_id: number | null;
  password_hash: string;
  active: number;
};

const toUser = (r: Raw): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  villageId: r.village_id,
  passwordHash: r.password_hash,
  active: r.active === 1,
});

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare('SELECT * FROM users ORDER BY id').all() as Raw[]).map(toUser);
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Raw | undefined;
  return r ? toUser(r) : null;
}

export function getUserByName(db: Db, username: string): UserRow | null {
  const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Raw | undefined;
  return r ? toUser(r) : null;
}

export function insertUser(db: Db, u: Omit<UserRow, 'id' | 'active'>, at: string): number {
  return Number(
    db
      .prepare(
        'INSERT INTO users (username, display_name, role, village_id, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(u.username, u.displayName, u.role, u.villageId, u.passwordHash, at, at).lastInsertRowid,
  );
}

export function updateUser(db: Db, id: number, u: Pick<UserRow, 'displayName' | 'role' | 'villageId' | 'active'>, at: string): void {
  db.prepare('UPDATE users SET display_name = ?, role = ?, village_id = ?, active = ?, updated_at = ? WHERE id = ?').run(
    u.displayName,
    u.role,
    u.villageId,
    +u.active,
    at,
    id,
  );
}

export function setPassword(db: Db, id: number, hash: string, at: string): void {
  db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, at, id);
}

export type LoginFailure = { username: string; failures: number; lastFailureAt: string };

export function getLoginFailure(db: Db, username: string): LoginFailure | null {
  const r = db.prepare('SELECT username, failures, last_failure_at AS lastFailureAt FROM login_failures WHERE username = ?').get(username);
  return (r as LoginFailure | undefined) ?? null;
}

/** Counts one more wrong password; rows of names untouched for a day are dropped (unknown names must not pile up). */
export function recordLoginFailure(db: Db, username: string, at: string, staleBefore: string): LoginFailure {
  db.prepare('DELETE FROM login_failures WHERE last_failure_at < ? AND username <> ?').run(staleBefore, username);
  db.prepare(
    `INSERT INTO login_failures (username, failures, last_failure_at) VALUES (?, 1, ?)
     ON CONFLICT (username) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at`,
  ).run(username, at);
  return getLoginFailure(db, username)!;
}

export function clearLoginFailures(db: Db, username: string): void {
  db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
}
