// `npm run bench -- crash`: kill -9 a restore at each of its steps (scripts/crash-restore.ts) and count the offices
// that came back whole — entirely the old one, or entirely the restored one, with no leftovers.
import { performance } from 'node:perf_hooks';
import { runCrashMatrix } from './crash-restore';

export async function benchCrash(): Promise<void> {
  const t0 = performance.now();
  const { runs, kills, intact } = await runCrashMatrix((line) => console.log(line));
  const seconds = (performance.now() - t0) / 1000;
  const control = runs.find((r) => !r.killed);
  console.log(`对照（未终止）：${control?.intact ? '恢复完成，数据完整' : '异常'}`);
  console.log(`${kills} kills, ${intact} intact offices（用时 ${seconds.toFixed(1)} s）`);
  if (intact !== kills || !control?.intact) process.exitCode = 1;
}
