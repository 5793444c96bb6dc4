// The progress of long operations (issue 13; the contract side is src/contract/commands/progress.ts). A handler
// reports with `ctx.progress(fraction, stage)`; dispatch gives every call a reporter, a no-op unless the caller
// sent a progress id. The board is in memory: progress means nothing after a restart.
import type { progressCommands, ProgressView } from '../contract';
import type { Ctx } from './context';
import type { HandlersOf } from './dispatch';

/** Reports how far the running command is: `fraction` 0…1 of the whole, `stage` in the clerk's words. */
export type ProgressReporter = (fraction: number, stage?: string) => void;

export const noProgress: ProgressReporter = () => undefined;

type Entry = { percent: number; stage: string | null };

/** Enough for every user of an office at once; the oldest goes first if a page never finished (a crash). */
const MAX_ENTRIES = 200;

export class ProgressBoard {
  private readonly entries = new Map<string, Entry>();

  /** Whose progress this is: the login session, or (CLI, tests, benchmark) the acting user. */
  static owner(ctx: Pick<Ctx, 'session' | 'actor'>): string {
    return ctx.session.token !== null ? `s:${ctx.session.token}` : `a:${ctx.actor.id ?? 'local'}`;
  }

  /** Opens an entry for one run; the returned `end` forgets it. Percentages only grow. */
  begin(owner: string, progressId: string): { report: ProgressReporter; end: () => void } {
    const key = `${owner}\u0000${progressId}`;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry = { percent: 0, stage: null };
    this.entries.set(key, entry);
    return {
      report: (fraction, stage) => {
        const percent = Math.max(0, Math.min(99, Math.floor(fraction * 100)));
        if (percent > entry.percent) entry.percent = percent;
        if (stage !== undefined) entry.stage = stage;
      },
      end: () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    };
  }

  view(owner: string, progressId: string): ProgressView {
    const e = this.entries.get(`${owner}\u0000${progressId}`);
    return e ? { state: 'running', percent: e.percent, stage: e.stage } : { state: 'unknown', percent: 0, stage: null };
  }
}

/**
 * Splits one operation's 0…1 into consecutive parts with weights (e.g. snapshot 1, write 6, check 3): each part
 * reports its own 0…1 and the whole moves on smoothly.
 */
export function stages(report: ProgressReporter, weights: Record<string, number>): (part: string, label: string) => ProgressReporter {
  const total = Object.values(weights).reduce((s, w) => s + w, 0);
  const startOf = new Map<string, number>();
  let at = 0;
  for (const [k, w] of Object.entries(weights)) {
    startOf.set(k, at);
    at += w;
  }
  return (part, label) => {
    const start = startOf.get(part) ?? 0;
    const weight = weights[part] ?? 0;
    return (fraction) => report((start + weight * Math.max(0, Math.min(1, fraction))) / total, label);
  };
}

export const progressHandlers: HandlersOf<typeof progressCommands> = {
  'progress-get': (ctx, input) => ctx.progressBoard?.view(ProgressBoard.owner(ctx), input.progressId) ?? { state: 'unknown', percent: 0, stage: null },
};
