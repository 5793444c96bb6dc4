import type Database from 'better-sqlite3';

/**
 * One step of the schema: SQL, or a function for a step that needs computation SQL cannot do (hashing the audit
 * chain, making the office key). Either runs inside the migration's transaction.
 */
export type Migration = string | ((db: Database.Database) => void);
