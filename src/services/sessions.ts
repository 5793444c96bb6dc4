import { randomBytes } from 'node:crypto';
import type { Actor } from '../contract';

type Session = { actor: Actor; createdAt: number; lastSeen: number; locked: boolean };

export type SessionLookup =
  | { status: 'ok'; actor: Actor }
  | { status: 'locked'; actor: Actor }
  | { status: 'invalid' };

/** However active, a session ends after this long: a login is not forever (a shared office PC). */
export const SESSION_LIFETIME_HOURS = 12;

/**
 * Login sessions of this process (the browser host or Electron's main process). Nothing is persisted: a restart
 * means logging in again. A session idle for longer than the lock time is locked until the password is given.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly now: () => number = () => Date.now()) {}

  create(actor: Actor): string {
    const token = randomBytes(24).toString('base64url');
    const now = this.now();
    this.sessions.set(token, { actor, createdAt: now, lastSeen: now, locked: false });
    return token;
  }

  /** Resolves a token for a command: an active session's idle clock restarts. */
  lookup(token: string | null | undefined, idleLockMinutes: number): SessionLookup {
    return this.resolve(token, idleLockMinutes, true);
  }

  /** Resolves a token without counting as activity (the status poll of an idle screen must not keep it awake). */
  peek(token: string | null | undefined, idleLockMinutes: number): SessionLookup {
    return this.resolve(token, idleLockMinutes, false);
  }

  private resolve(token: string | null | undefined, idleLockMinutes: number, touch: boolean): SessionLookup {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || !token) return { status: 'invalid' };
    const now = this.now();
    if (now - s.createdAt > SESSION_LIFETIME_HOURS * 3_600_000) {
      this.sessions.delete(token);
      return { status: 'invalid' };
    }
    if (s.locked || now - s.lastSeen > idleLockMinutes * 60_000) {
      s.locked = true;
      return { status: 'locked', actor: s.actor };
    }
    if (touch) s.lastSeen = now;
    return { status: 'ok', actor: s.actor };
  }

  lock(token: string): void {
    const s = this.sessions.get(token);
    if (s) s.locked = true;
  }

  unlock(token: string): void {
    const s = this.sessions.get(token);
    if (s) {
      s.locked = false;
      s.lastSeen = this.now();
    }
  }

  destroy(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session (after a restore replaced the accounts). */
  clear(): void {
    this.sessions.clear();
  }

  /** Ends every session of a user (deactivated, role changed, password changed or reset), except `keep`. */
  destroyUser(userId: number, keep: string | null = null): void {
    for (const [token, s] of this.sessions) if (s.actor.id === userId && token !== keep) this.sessions.delete(token);
  }
}
