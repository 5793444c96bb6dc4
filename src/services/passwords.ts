import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt parameters: N = 2^15 keeps a login under ~100 ms on the office PC while making guessing costly.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** How many scrypt derivations ran (tests compare a known and an unknown user's login by this, not by time). */
export const scryptRuns = { count: 0 };

/** Off the event loop (libuv's thread pool): one login must not freeze the other users of the browser host. */
function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  scryptRuns.count++;
  return new Promise((ok, fail) => scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? fail(err) : ok(key))));
}

const format = (salt: Buffer, key: Buffer) => `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(salt, await derive(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM }));
}

/** Only for seeding the demo office from synchronous test set-ups; logins and account changes use `hashPassword`. */
export function hashPasswordBlocking(password: string): string {
  const salt = randomBytes(16);
  scryptRuns.count++;
  return format(salt, scryptSync(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM }));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of nothing anyone knows, with the same parameters as real ones: an unknown username is checked against it,
 * so that it costs exactly one derivation like a known one and the answer time does not reveal who exists.
 */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(24).toString('base64')));
