import { randomBytes } from 'node:crypto';
import type { Actor } from '../contract';

type Session = { actor: Actor; lastSeen: number; locked: boolean };

export type SessionLookup =
  | { status: 'ok'; actor: Actor }
  | { status: 'locked'; actor: Actor }
  | { status: 'invalid' };

/**
 * Login sessions of this process (the browser host or Electron's main process). Nothing is persisted: a restart
 * means logging in again. A session idle for longer than the lock time is locked until the password is given.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly now: () => number = () => Date.now()) {}

  create(actor: Actor): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { actor, lastSeen: this.now(), locked: false });
    return token;
  }

  /** Resolves a token; an active session's idle clock restarts. */
  lookup(token: string | null | undefined, idleLockMinutes: number): SessionLookup {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s) return { status: 'invalid' };
    const now = this.now();
    if (s.locked || now - s.lastSeen > idleLockMinutes * 60_000) {
      s.locked = true;
      return { status: 'locked', actor: s.actor };
    }
    s.lastSeen = now;
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

  /** Ends every session of a user (deactivated, role changed, password reset). */
  destroyUser(userId: number): void {
    for (const [token, s] of this.sessions) if (s.actor.id === userId) this.sessions.delete(token);
  }
}
