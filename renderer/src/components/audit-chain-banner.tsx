import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import type { AuditChainStatus } from '../../../src/contract';
import { request } from '../api';
import type { Route } from '../router';

/**
 * The audit log's hash chain is walked when the program starts; a break means someone changed the database
 * around the program. Only the administrator can act on it (verify-audit, restore), so only she sees it.
 */
export function AuditChainBanner({ route, isAdmin }: { route: Route; isAdmin: boolean }) {
  const [status, setStatus] = useState<AuditChainStatus | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    if (!isAdmin) return;
    void request('audit-chain-status', {}).then(setStatus, () => undefined);
  }, [route, isAdmin]);
  if (!isAdmin || !status || status.ok) return null;
  const recheck = async () => {
    setChecking(true);
    try {
      setStatus(await request('audit-chain-status', { recheck: true }));
    } catch {
      // The banner stays as it was.
    } finally {
      setChecking(false);
    }
  };
  return (
    <Alert
      banner
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="audit-chain-banner"
      message={`审计日志哈希链断裂：${status.broken?.message ?? '记录不完整'}。`}
      description={`数据库文件可能被人绕过本程序改动过（第 ${status.broken?.id ?? '?'} 条起的操作记录不能证明未被改动）。请勿删除数据目录，联系县民政局，并用命令 dibao verify-audit 核对；必要时从改动前的备份恢复。共 ${status.rows} 条，检查于 ${new Date(status.checkedAt).toLocaleString('zh-CN', { hour12: false })}。`}
      action={
        <Button size="small" danger loading={checking} onClick={() => void recheck()}>
          重新检查
        </Button>
      }
    />
  );
}

