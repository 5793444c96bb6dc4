import { z } from 'zod';
import { ALL, command, everyOffice } from '../command';
import { scope } from '../scope';

// Progress of a long operation (issue 13): a backup, a restore, a roster export can take seconds at county scale,
// and the clerk sees a percentage, not a spinner. The page makes up a progress id, sends it beside the command
// (not inside its input: any command's input schema stays as it is — the browser host carries it in the
// `X-Dibao-Progress` header, Electron's IPC in the payload, `App.call` as an argument) and polls `progress-get`
// with it while the command runs. The core keeps the percentage per login session and progress id, so a user
// sees only her own operations' progress, and forgets it when the command ends.

/** Made by the page for one run of a command: letters, digits, `-` and `_`, 8 to 64 characters. */
export const progressIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '进度编号格式不正确' });

/** `running`: the command runs and reports; `unknown`: not started yet, already finished, or not this user's. */
export type ProgressView = { state: 'running' | 'unknown'; percent: number; stage: string | null };

/**
 * The commands that report progress; the page shows a progress bar for these (renderer/src/components/use-progress-call.ts).
 * Each is one that can take over 2 s at 100,000 persons (scripts/bench-scale.ts).
 */
export const PROGRESS_COMMANDS = [
  'backup-create',
  'backup-restore',
  'payment-export',
  'roster-export',
  'filing-export',
] as const;
export type ProgressCommand = (typeof PROGRESS_COMMANDS)[number];

// In both kinds of office (a county backs up and restores too).
export const progressCommands = everyOffice({
  // Office-wide on purpose: it reads nothing of the office, only the caller's own operation's percentage.
  'progress-get': command<ProgressView>()(z.object({ progressId: progressIdSchema }), ALL, scope.office),
} as const);
