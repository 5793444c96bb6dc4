import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export class NewerDatabaseError extends Error {
  constructor(found: number, supported: number) {
    super(
      `数据库版本（${found}）高于本程序支持的版本（${supported}），可能由更新版本的程序创建。为保护数据，本程序不会打开或修改它，请升级程序后再试。`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/**
 * Opens (creating if needed) the case database and brings it to the current schema.
 * `migrations` is a parameter only so that tests can stop at an earlier version.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Db {
  const db = new Database(file);
  try {
    // Check the version before any pragma that writes (journal_mode): a newer database is left untouched.
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > migrations.length) throw new NewerDatabaseError(found, migrations.length);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerDatabaseError(current, migrations.length);
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      const step = migrations[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * A mark that changes whenever anything is written to the database: rows written through this connection (never
 * decreasing) and commits by any other connection (`data_version`, e.g. the command line on the same folder).
 * The same mark before and after a piece of work means nothing was written in between: an import checks its rows
 * in turns, between other users' requests, and writes only if the check still holds.
 */
export function writeMark(db: Db): string {
  const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const others = db.pragma('data_version', { simple: true }) as number;
  return `${own}:${others}`;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement kept per connection, for the writes and look-ups an import repeats thousands of times
 * (compiling the SQL again costs more than running it). Only for statements run with run/get/all, never iterated:
 * an iterating statement is busy and could not be run again from inside its loop.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
}
