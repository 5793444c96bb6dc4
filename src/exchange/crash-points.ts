// A test-only hook: the crash test (tests/integration/restore-crash.test.ts, `npm run bench -- crash`) runs a
// restore in a child process with DIBAO_TEST_CRASH_AT=<step>, and the process kills itself with SIGKILL at that
// step — as a power cut or `kill -9` would, without a chance to clean up. Unset in every real run, where
// `crashPoint` is a comparison and nothing else.

/** The steps at which a test may kill a restore (names used by the crash test). */
export type CrashStep =
  | 'staging'
  | 'backup-partial'
  | 'journal'
  | `rename-${number}`
  | 'reopen'
  | 'commit'
  | 'cleanup';

export function crashPoint(step: CrashStep): void {
  if (process.env.DIBAO_TEST_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}
