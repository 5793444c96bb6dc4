import { migration001 } from './001-registry';
import { migration002 } from './002-policy-determinations';
import { migration003 } from './003-documents';
import { migration004 } from './004-accounts-campaigns';
import { migration005 } from './005-screening';
import { migration006 } from './006-application-verification';
import { migration007 } from './007-hearings-publicity';
import { migration008 } from './008-review-approval';
import { migration009 } from './009-roster';
import { migration010 } from './010-deadlines-spot-checks';
import { migration011 } from './011-payments';
import { migration012 } from './012-login-failures';
import { migration013 } from './013-office-key-audit-chain';
import { migration014 } from './014-screening-amounts';
import { migration015 } from './015-reassessment-facts';
import { migration016 } from './016-day-one';
import { migration017 } from './017-county';
import type { Migration } from './migration';

export type { Migration } from './migration';

/**
 * Ordered by number, immutable, statically imported. Index i holds the step that takes user_version i to i + 1.
 * Keep the array in file-number order.
 */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
];

export const SCHEMA_VERSION = migrations.length;
