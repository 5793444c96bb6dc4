import { Progress, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, CommandOutput, ProgressCommand } from '../../../src/contract';
import { call, request } from '../api';

/** How often the page asks how far the command is: often enough to move smoothly, rarely enough to cost nothing. */
const POLL_MS = 400;

export type RunningProgress = { percent: number; stage: string | null };

function newProgressId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs a long command (one of PROGRESS_COMMANDS) and follows it with `progress-get` while it runs, so the page
 * shows a percentage instead of a spinner (issue 13). `progress` is null when nothing runs.
 */
export function useProgressCall(): {
  progress: RunningProgress | null;
  run: <K extends ProgressCommand>(command: K, input: CommandInput<K>) => Promise<CommandOutput<K>>;
} {
  const [progress, setProgress] = useState<RunningProgress | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <K extends ProgressCommand>(command: K, input: CommandInput<K>): Promise<CommandOutput<K>> => {
    const progressId = newProgressId();
    let done = false;
    setProgress({ percent: 0, stage: null });
    const poll = async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (done) break;
        const r = await call('progress-get', { progressId });
        if (!done && mounted.current && r.ok && r.value.state === 'running') setProgress({ percent: r.value.percent, stage: r.value.stage });
      }
    };
    void poll();
    try {
      return await request(command, input, progressId);
    } finally {
      done = true;
      if (mounted.current) setProgress(null);
    }
  }, []);
  return { progress, run };
}

/** The bar under a running operation's button: the percentage and what is being done. */
export function ProgressLine({ progress, label }: { progress: RunningProgress | null; label: string }) {
  if (!progress) return null;
  return (
    <div style={{ maxWidth: 480 }} role="status" aria-label={`${label}进度`}>
      <Progress percent={progress.percent} size="small" status="active" />
      <Typography.Text type="secondary">
        {label}：{progress.stage ?? '正在准备'}（{progress.percent}%）
      </Typography.Text>
    </div>
  );
}
