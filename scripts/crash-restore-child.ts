// The restore the crash test kills: `node --import tsx scripts/crash-restore-child.ts DATA_DIR BACKUP_FILE`, run
// with DIBAO_TEST_CRASH_AT=<step> so that the process SIGKILLs itself at that step (src/exchange/crash-points.ts).
// Exit 0: the restore ran to its end (the step was never reached); 3: the restore was refused.
import { openApp } from '../src/services/app';

const [dataDir, backup] = process.argv.slice(2);
if (!dataDir || !backup) {
  console.error('用法：crash-restore-child.ts DATA_DIR BACKUP_FILE');
  process.exit(2);
}
const app = openApp({ dataDir, clock: () => new Date('2026-03-21T08:00:00Z') });
const r = await app.call('backup-restore', { path: backup, confirm: '恢复' }, { id: 1, name: '管理员', role: 'admin', villageId: null });
app.close();
if (!r.ok) {
  console.error(r.error.message);
  process.exit(3);
}
