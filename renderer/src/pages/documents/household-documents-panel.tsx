import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  DOCUMENT_KIND_LABELS,
  type DocumentView,
  type Household,
  type HouseholdDocumentKind,
  type Page,
  type SavedDetermination,
} from '../../../../src/contract';
import { CATEGORY_LABELS } from '../../../../src/domain/determination-types';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { DocumentTable } from './document-table';

const FORMS: HouseholdDocumentKind[] = ['home-visit-form', 'authorization', 'declaration'];

/** Why the denial notice cannot be issued yet; mirrors the core's own check (the core decides). */
function denialBlocker(latest: SavedDetermination | undefined): string | null {
  if (!latest) return '该户还没有保存的测算结果：测算并保存、认定为「不符合条件」后才能出具';
  if (latest.category !== 'ineligible') return `最近一次保存的测算结果为「${CATEGORY_LABELS[latest.category]}」，不能出具不予批准通知书`;
  return null;
}

/** A household's issued documents, and buttons to issue its forms and notices. */
/** `version` changes when the household page saved something (e.g. a determination): reload then. */
export function HouseholdDocumentsPanel({ householdId, version = 0 }: { householdId: number; version?: number }) {
  const { message, modal } = App.useApp();
  const [household, setHousehold] = useState<Household | null>(null);
  const [latest, setLatest] = useState<SavedDetermination | undefined>(undefined);
  const [data, setData] = useState<Page<DocumentView> | null>(null);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<HouseholdDocumentKind | null>(null);
  const [preview, setPreview] = useState<DocumentView | null>(null);
  const [stopOpen, setStopOpen] = useState(false);
  const [stopForm] = Form.useForm<{ stopReason: string }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [h, saved, docs] = await Promise.all([
        request('household-get', { id: householdId }),
        request('determination-list', { householdId }),
        request('document-list', { householdId, page, pageSize: 10 }),
      ]);
      setHousehold(h);
      setLatest(saved[0]);
      setData(docs);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [householdId, page, message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const issue = async (kind: HouseholdDocumentKind, stopReason?: string) => {
    setBusy(kind);
    try {
      const d = await request('document-issue', { kind, householdId, ...(stopReason ? { options: { stopReason } } : {}) });
      message.success(`已出具${DOCUMENT_KIND_LABELS[kind]}${d.documentNumber ? `「${d.documentNumber}」` : ''}`);
      await load();
      setPreview(d);
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const confirmIssue = (kind: HouseholdDocumentKind) =>
    modal.confirm({
      title: `出具${DOCUMENT_KIND_LABELS[kind]}？`,
      content:
        kind === 'denial-notice'
          ? '将按最近一次保存的测算结果出具正式通知书，编入文号并存档，出具后不可修改（如有错误须出具更正文书）。'
          : '将以本户当前登记的信息预填并存档，之后可随时预览、打印。',
      okText: '出具',
      cancelText: '取消',
      onOk: () => issue(kind),
    });

  const blocker = denialBlocker(latest);
  const isRecipient = household?.status === 'recipient';

  return (
    <Card
      size="small"
      title={
        <Space>
          <FileTextOutlined />
          文书
        </Space>
      }
      extra={
        <Space wrap size={6}>
          {FORMS.map((kind) => (
            <Button key={kind} size="small" loading={busy === kind} onClick={() => confirmIssue(kind)}>
              {DOCUMENT_KIND_LABELS[kind]}
            </Button>
          ))}
          <Tooltip title={blocker}>
            <Button size="small" disabled={blocker !== null} loading={busy === 'denial-notice'} onClick={() => confirmIssue('denial-notice')}>
              {DOCUMENT_KIND_LABELS['denial-notice']}
            </Button>
          </Tooltip>
          {isRecipient && (
            <Button size="small" danger loading={busy === 'stop-notice'} onClick={() => setStopOpen(true)}>
              {DOCUMENT_KIND_LABELS['stop-notice']}
            </Button>
          )}
        </Space>
      }
    >
      <DocumentTable
        data={data}
        loading={loading}
        onPage={setPage}
        onChanged={(d) => {
          void load();
          setPreview(d);
        }}
        showSubject={false}
        preview={preview}
        setPreview={setPreview}
      />
      <Modal
        open={stopOpen}
        title="出具停发通知书"
        okText="下一步"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onCancel={() => setStopOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const { stopReason } = await stopForm.validateFields();
          modal.confirm({
            title: '确认停发？',
            content: `将向「${household?.headName ?? ''}」户出具停发通知书，编入文号并存档，出具后不可修改。`,
            okText: '出具',
            okButtonProps: { danger: true },
            cancelText: '返回',
            onOk: async () => {
              if (await issue('stop-notice', stopReason.trim())) setStopOpen(false);
            },
          });
        }}
      >
        <Typography.Paragraph type="secondary">
          通知书的理由为：下面填写的停发原因，加上最近一次保存的测算结果的各项认定理由。
        </Typography.Paragraph>
        <Form form={stopForm} layout="vertical" preserve={false}>
          <Form.Item label="停发原因" name="stopReason" rules={[{ required: true, whitespace: true, message: '请填写停发原因' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="如：经复核，家庭成员已稳定就业，家庭人均收入超过低保标准" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
