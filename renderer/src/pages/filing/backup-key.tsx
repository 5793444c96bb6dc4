import { KeyOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import {
  BACKUP_KIND_LABELS,
  RECOVERY_KEY_DIGITS,
  normalizeRecoveryKey,
  type BackupHeaderView,
  type BackupKeyState,
  type BackupSummary,
} from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { formatSize } from './package-report';

const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

const PROTECTION_LABELS: Record<NonNullable<BackupKeyState['protection']>, string> = {
  file: '本机文件（仅当前系统用户可读，不在备份文件夹内）',
  'safe-storage': '由操作系统钥匙串加密保存',
};

/** The sheet is shown and printed, never offered as a download: the key must not end up as a file on the PC. */
function KeySheetModal({ pdf, onClose }: { pdf: { url: string; keyId: string }; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal
      open
      width={980}
      style={{ top: 24 }}
      title={`恢复密钥单（密钥编号 ${pdf.keyId}）`}
      onCancel={onClose}
      footer={
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => (frame.current?.contentWindow?.focus(), frame.current?.contentWindow?.print())}>
            打印
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message="打印后请妥善保管于保险柜，不要保存、拍照或复印本页。关闭此窗口后，密钥不会留在本页面。"
      />
      <iframe ref={frame} title="恢复密钥单" src={pdf.url} style={{ width: '100%', height: '66vh', border: 0 }} />
    </Modal>
  );
}

/** The office backup key on the backup page: its id, how it is kept, whether its sheet was printed. */
export function BackupKeyPanel({ state, isAdmin, onPrinted }: { state: BackupKeyState; isAdmin: boolean; onPrinted: () => Promise<void> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [pdf, setPdf] = useState<{ url: string; keyId: string } | null>(null);
  const print = async () => {
    setBusy(true);
    try {
      const sheet = await request('backup-key-sheet', {});
      const binary = atob(sheet.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      setPdf({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), keyId: sheet.keyId });
      await onPrinted();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    if (pdf) URL.revokeObjectURL(pdf.url);
    setPdf(null);
  };
  const printed = state.sheetPrintedAt !== null;
  return (
    <div style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1} bordered labelStyle={{ whiteSpace: 'nowrap', width: 120 }} title={<><KeyOutlined /> 备份加密密钥</>}>
        <Descriptions.Item label="密钥编号">
          <Typography.Text code>{state.keyId ?? '（尚未生成）'}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="保存方式">{state.protection ? PROTECTION_LABELS[state.protection] : '—'}</Descriptions.Item>
        <Descriptions.Item label="恢复密钥单">
          {printed ? `已于 ${formatTime(state.sheetPrintedAt!)} 由 ${state.sheetPrintedBy} 打印` : <Typography.Text type="danger">尚未打印</Typography.Text>}
          {isAdmin && (
            <Button size="small" style={{ marginLeft: 12 }} icon={<PrinterOutlined />} loading={busy} onClick={() => void print()}>
              {printed ? '重新打印恢复密钥单' : '打印恢复密钥单'}
            </Button>
          )}
        </Descriptions.Item>
      </Descriptions>
      {!printed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message="尚未打印恢复密钥单"
          description={
            isAdmin
              ? '所有备份都用上面的密钥加密。电脑损坏或换新电脑时，必须输入恢复密钥才能恢复备份。请现在打印一次，签字后妥善保管于保险柜。'
              : '所有备份都用本机密钥加密。换新电脑时必须输入恢复密钥才能恢复备份，请提醒管理员打印恢复密钥单并妥善保管。'
          }
        />
      )}
      {pdf && <KeySheetModal pdf={pdf} onClose={close} />}
    </div>
  );
}

/**
 * A backup this PC has no key for (made on another PC): what it says about itself, not yet checked, and the
 * field for the 80 digits of the 恢复密钥 sheet.
 */
export function RecoveryKeyModal({
  header,
  notice,
  onVerified,
  onClose,
}: {
  header: BackupHeaderView;
  notice: string;
  onVerified: (summary: BackupSummary, recoveryKey: string) => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const digits = normalizeRecoveryKey(typed);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await request('backup-inspect', { path: header.path, recoveryKey: typed });
      if (r.state === 'verified') onVerified(r.summary, typed);
      else setError(r.message);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="输入恢复密钥"
      onCancel={onClose}
      okText="核验备份"
      cancelText="取消"
      okButtonProps={{ icon: <SafetyCertificateOutlined />, disabled: digits.length !== RECOVERY_KEY_DIGITS, loading: busy }}
      onOk={() => void check()}
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={notice} />
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} labelStyle={{ whiteSpace: 'nowrap', width: 96 }}>
        <Descriptions.Item label="备份时间">
          {formatTime(header.createdAt)}（{BACKUP_KIND_LABELS[header.kind]}）
        </Descriptions.Item>
        <Descriptions.Item label="乡镇">{header.officeName ?? '（未设置）'}</Descriptions.Item>
        <Descriptions.Item label="内容">
          家庭 {header.counts.households} 户，人员 {header.counts.persons} 人，案件 {header.counts.cases} 件（输入密钥并核验后才能确认）
        </Descriptions.Item>
        <Descriptions.Item label="密钥编号">
          <Typography.Text code>{header.keyId}</Typography.Text>（应与恢复密钥单上的编号一致）
        </Descriptions.Item>
        <Descriptions.Item label="文件">
          {header.path}（{formatSize(header.size)}）
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginBottom: 8 }}>请对照恢复密钥单，按行从左到右输入 80 位数字（空格和横线可以不输入）：</Typography.Paragraph>
      <Input.TextArea
        aria-label="恢复密钥"
        rows={3}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder="例如：1234 5678 9012 3456 …"
        style={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1 }}
        autoComplete="off"
        spellCheck={false}
      />
      <Typography.Text type={digits.length === RECOVERY_KEY_DIGITS ? 'success' : 'secondary'}>
        已输入 {digits.replace(/\D/g, '').length} / {RECOVERY_KEY_DIGITS} 位数字
      </Typography.Text>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} />}
    </Modal>
  );
}
