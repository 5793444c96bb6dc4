import { CloudDownloadOutlined, HistoryOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  BACKUP_KIND_LABELS,
  LEGACY_BACKUP_WARNING,
  type BackupHeaderView,
  type BackupItem,
  type BackupKind,
  type BackupState,
  type BackupSummary,
} from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { ProgressLine, useProgressCall } from '../../components/use-progress-call';
import { BackupKeyPanel, RecoveryKeyModal } from './backup-key';
import { formatSize } from './package-report';

const KIND_COLORS: Record<BackupKind, string> = { auto: 'blue', manual: 'green', 'pre-restore': 'orange' };
const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function RestoreModal({ summary, recoveryKey, onClose }: { summary: BackupSummary; recoveryKey: string | null; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const { progress, run } = useProgressCall();
  const restore = async () => {
    setBusy(true);
    try {
      const r = await run('backup-restore', { path: summary.path, confirm: '恢复', recoveryKey });
      onClose();
      modal.success({
        title: '恢复完成',
        content: (
          <>
            {[`已恢复 ${formatTime(r.restored.createdAt)} 的备份。原有数据已先备份为：${r.safetyBackup.fileName}。所有用户需要重新登录。`, ...r.notes].map((line) => (
              <Typography.Paragraph key={line}>{line}</Typography.Paragraph>
            ))}
          </>
        ),
        okText: '重新登录',
        onOk: () => window.location.reload(),
      });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="从备份恢复"
      onCancel={onClose}
      okText="恢复"
      okButtonProps={{ danger: true, disabled: typed !== '恢复', loading: busy }}
      cancelText="取消"
      onOk={() => void restore()}
      width={640}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="恢复会用备份中的数据替换现有的全部数据（数据库、文书和附件）"
        description="替换前，程序会先把现有数据自动备份（「恢复前备份」），如有需要可以再恢复回来。备份文件已完整核验。"
      />
      {summary.protection === 'legacy-plain' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message="未加密的旧备份" description={LEGACY_BACKUP_WARNING} />
      )}
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} labelStyle={{ whiteSpace: 'nowrap', width: 96 }}>
        <Descriptions.Item label="备份时间">
          {formatTime(summary.createdAt)}（{BACKUP_KIND_LABELS[summary.kind]}）
        </Descriptions.Item>
        <Descriptions.Item label="乡镇">{summary.officeName ?? '（未设置）'}</Descriptions.Item>
        <Descriptions.Item label="数据版本">
          数据库版本 {summary.schemaVersion}（本程序 {summary.currentSchemaVersion}），程序版本 {summary.appVersion}
        </Descriptions.Item>
        <Descriptions.Item label="内容">
          家庭 {summary.counts.households} 户，人员 {summary.counts.persons} 人，案件 {summary.counts.cases} 件，文书 {summary.counts.documents} 份，附件 {summary.counts.attachments} 个
        </Descriptions.Item>
        <Descriptions.Item label="加密">
          {summary.protection === 'encrypted'
            ? `AES-256-GCM，密钥编号 ${summary.keyId}（${summary.keySource === 'recovery-key' ? '用输入的恢复密钥打开，恢复后设为本机密钥' : '本机密钥'}），已逐段核验`
            : '未加密（旧版本程序制作）'}
        </Descriptions.Item>
        <Descriptions.Item label="文件">
          {summary.path}（{formatSize(summary.size)}）
        </Descriptions.Item>
        <Descriptions.Item label="签名">
          {summary.signature.status === 'valid' ? (
            <>
              <Tag color="green">签名有效</Tag>
              {summary.signature.isThisOffice ? <Tag color="blue">本所当前密钥</Tag> : null}
              <Typography.Text code style={{ fontSize: 12 }}>
                {summary.signature.fingerprintGrouped}
              </Typography.Text>
            </>
          ) : (
            <Tag color="orange">无签名（旧版程序制作）</Tag>
          )}
        </Descriptions.Item>
        {summary.auditChain && (
          <Descriptions.Item label="审计日志">
            共 {summary.auditChain.rows} 条，
            {summary.auditChain.ok ? '哈希链完整' : <Typography.Text type="danger">哈希链断裂于第 {summary.auditChain.brokenAt} 条</Typography.Text>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {summary.warnings.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="恢复前请注意"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {summary.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
          data-testid="restore-warnings"
        />
      )}
      <Typography.Paragraph>
        确认恢复，请在下面输入 <Typography.Text strong>恢复</Typography.Text> 二字：
      </Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="请输入：恢复" aria-label="输入恢复以确认" />
      <div style={{ marginTop: 12 }}>
        <ProgressLine progress={progress} label="恢复" />
      </div>
    </Modal>
  );
}

export function BackupTab({ isAdmin, mayBackup }: { isAdmin: boolean; mayBackup: boolean }) {
  const { message } = App.useApp();
  const [state, setState] = useState<BackupState | null>(null);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('');
  const [restorePath, setRestorePath] = useState('');
  const [inspecting, setInspecting] = useState(false);
  const [summary, setSummary] = useState<{ summary: BackupSummary; recoveryKey: string | null } | null>(null);
  const [needsKey, setNeedsKey] = useState<{ header: BackupHeaderView; message: string } | null>(null);
  const [keep, setKeep] = useState<{ keepDaily: number; keepMonthly: number } | null>(null);

  const reload = useCallback(async () => {
    try {
      const s = await request('backup-list', {});
      setState(s);
      setKeep(s.settings);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [message]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const { progress, run } = useProgressCall();
  const backup = async (destination: string | null) => {
    setBusy(true);
    try {
      const item = await run('backup-create', { destination });
      message.success(`已备份并核验：${item.fileName}（${formatSize(item.size)}）`);
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const inspect = async (path: string) => {
    setInspecting(true);
    try {
      const r = await request('backup-inspect', { path });
      if (r.state === 'verified') setSummary({ summary: r.summary, recoveryKey: null });
      else setNeedsKey({ header: r.header, message: r.message });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setInspecting(false);
    }
  };

  const saveKeep = async () => {
    if (!keep) return;
    try {
      await request('backup-settings-update', keep);
      message.success('已保存保留份数');
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        每个备份是一个加密文件（AES-256-GCM），包含数据库快照、已出具的文书和附件，写入后会读回核验。程序启动时和每天自动备份到
        <Typography.Text code>{state?.dir ?? '…'}</Typography.Text>，自动备份保留最近 {state?.settings.keepDaily ?? 7} 天的每日备份和最近{' '}
        {state?.settings.keepMonthly ?? 12} 个月的每月备份；手动备份不会被自动删除。
      </Typography.Paragraph>
      {state && <BackupKeyPanel state={state.key} isAdmin={isAdmin} onPrinted={reload} />}
      {!mayBackup && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="备份文件含全镇的身份证号码和银行账号，手动备份须由管理员操作；程序每天自动备份到数据目录。" />
      )}
      {mayBackup && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void backup(null)}>
            立即备份
          </Button>
          <Space.Compact>
            <Input style={{ width: 360 }} placeholder="或备份到其他文件夹（如 U 盘）的路径" value={target} onChange={(e) => setTarget(e.target.value)} aria-label="备份到文件夹" />
            <Button icon={<CloudDownloadOutlined />} loading={busy} disabled={!target.trim()} onClick={() => void backup(target.trim())}>
              备份到此文件夹
            </Button>
          </Space.Compact>
        </Space>
      )}
      {progress && (
        <div style={{ marginBottom: 16 }}>
          <ProgressLine progress={progress} label="备份" />
        </div>
      )}
      <Table<BackupItem>
        size="small"
        rowKey="path"
        loading={!state}
        dataSource={state?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '备份时间', dataIndex: 'createdAt', width: 190, render: (v: string) => formatTime(v) },
          { title: '类型', dataIndex: 'kind', width: 110, render: (k: BackupKind) => <Tag color={KIND_COLORS[k]}>{BACKUP_KIND_LABELS[k]}</Tag> },
          { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => formatSize(n) },
          { title: '文件', dataIndex: 'fileName' },
          ...(isAdmin
            ? [
                {
                  title: '操作',
                  width: 100,
                  render: (_: unknown, r: BackupItem) => (
                    <Button size="small" icon={<HistoryOutlined />} onClick={() => void inspect(r.path)} loading={inspecting}>
                      恢复…
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {isAdmin ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            从其他备份文件恢复
          </Typography.Title>
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input placeholder="备份文件路径，如 U 盘上的 低保备份-….bak" value={restorePath} onChange={(e) => setRestorePath(e.target.value)} aria-label="备份文件路径" />
            <Button loading={inspecting} disabled={!restorePath.trim()} onClick={() => void inspect(restorePath.trim())}>
              查看备份内容
            </Button>
          </Space.Compact>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            自动备份保留份数
          </Typography.Title>
          {keep && (
            <Space wrap>
              <span>每日备份保留</span>
              <InputNumber min={1} max={365} value={keep.keepDaily} onChange={(v) => setKeep({ ...keep, keepDaily: v ?? 7 })} aria-label="每日备份保留天数" />
              <span>天，每月备份保留</span>
              <InputNumber min={0} max={120} value={keep.keepMonthly} onChange={(v) => setKeep({ ...keep, keepMonthly: v ?? 12 })} aria-label="每月备份保留月数" />
              <span>个月</span>
              <Button onClick={() => void saveKeep()}>保存</Button>
            </Space>
          )}
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          从备份恢复须由管理员操作。
        </Typography.Paragraph>
      )}
      {needsKey && (
        <RecoveryKeyModal
          header={needsKey.header}
          notice={needsKey.message}
          onClose={() => setNeedsKey(null)}
          onVerified={(s, recoveryKey) => {
            setNeedsKey(null);
            setSummary({ summary: s, recoveryKey });
          }}
        />
      )}
      {summary && <RestoreModal summary={summary.summary} recoveryKey={summary.recoveryKey} onClose={() => setSummary(null)} />}
    </>
  );
}
