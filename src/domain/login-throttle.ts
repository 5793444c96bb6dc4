// Sign-in protection: after a few wrong passwords an account (or an unknown name: the answer must not reveal which
// names exist) waits, longer each time, then is locked for a quarter of an hour. An administrator can unlock it.

export const FREE_LOGIN_ATTEMPTS = 4;
/** Waits after the 5th and 6th consecutive wrong password; from the 7th on, the account is locked. */
export const LOGIN_DELAYS_SECONDS: readonly number[] = [30, 120];
export const LOGIN_LOCK_MINUTES = 15;

/** Until when a name with `failures` consecutive wrong passwords, the last at `lastFailureAt`, must wait (or null). */
export function loginBlockedUntil(failures: number, lastFailureAt: Date): Date | null {
  if (failures <= FREE_LOGIN_ATTEMPTS) return null;
  const step = failures - FREE_LOGIN_ATTEMPTS - 1;
  const seconds = step < LOGIN_DELAYS_SECONDS.length ? LOGIN_DELAYS_SECONDS[step]! : LOGIN_LOCK_MINUTES * 60;
  return new Date(lastFailureAt.getTime() + seconds * 1000);
}

/** Whether the wait after `failures` wrong passwords is the full lock rather than a short delay. */
export const isFullLock = (failures: number): boolean => failures - FREE_LOGIN_ATTEMPTS - 1 >= LOGIN_DELAYS_SECONDS.length;
