import { migration001 } from './001-registry';

/** Ordered, immutable, statically imported. Index i holds the SQL that takes user_version i to i + 1. */
export const migrations: readonly string[] = [migration001];

export const SCHEMA_VERSION = migrations.length;
