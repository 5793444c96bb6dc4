import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DocumentView } from '../../../../src/contract';
import { request } from '../../api';
import { DocumentPreview } from '../documents/document-preview';
import { errorMessage } from '../../components/form-rules';
import type { StepPanelProps } from './step-panels';

/** 拟清退: the township verifies and stops payment with a written notice (plan 三(二)第五步). */
export function ProposedExitPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ stopReason: string }>();
  const may = detail.allowedActions.includes('confirm-exit');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon message={`村两委初审：拟清退${detail.committeeReason ? `（${detail.committeeReason}）` : ''}`} />
      <Form form={form} layout="vertical" disabled={!may} initialValues={{ stopReason: detail.committeeReason ?? '' }}>
        <Form.Item label="停发原因（印在停发通知书上，测算依据随后列出）" name="stopReason">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Popconfirm
          title="确认清退并出具停发通知书？"
          description="该户将从下月起停发低保金，此操作会登记文书编号并记入办理记录。"
          okText="确认清退"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={!may}
          onConfirm={async () => {
            try {
              onChanged(await request('case-confirm-exit', { caseId: detail.id, stopReason: form.getFieldValue('stopReason') ?? '' }));
              message.success('已清退，停发通知书已出具');
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Button danger type="primary">
            镇核实：清退并出具停发通知书
          </Button>
        </Popconfirm>
      </Form>
      {!may && <Typography.Text type="secondary">须由民政所经办或审批领导核实清退。</Typography.Text>}
    </Space>
  );
}

/** 不符合条件: the township confirms and issues the 不予批准通知书; the case joins 附件4. */
export function NotQualifiedPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const may = detail.allowedActions.includes('confirm-denial');
  return (
    <Space direction="vertical">
      <Alert type="info" showIcon message="初审认定不符合低保条件。镇核实后出具《最低生活保障待遇不予批准通知书》，并列入不符合低保对象登记表（附件4）。" />
      <Popconfirm
        title="确认不予批准并出具通知书？"
        okText="确认"
        cancelText="取消"
        disabled={!may}
        onConfirm={async () => {
          try {
            onChanged(await request('case-confirm-denial', { caseId: detail.id }));
            message.success('不予批准通知书已出具');
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Button type="primary" disabled={!may}>
          镇核实：出具不予批准通知书
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The documents the case's own steps issued (the notice that decided it, the 公示 sheet, …), newest first. */
const caseDocumentIds = (detail: StepPanelProps['detail']): number[] => {
  const ids = detail.events.flatMap((e) => {
    const id = (e.data as { documentId?: unknown } | null)?.documentId;
    return typeof id === 'number' ? [id] : [];
  });
  return [...new Set(ids.reverse())];
};

/** Closed cases: the written decision itself, one click away (not only the whole 文书 list). */
export function ConcludedPanel({ detail }: StepPanelProps) {
  const { message } = App.useApp();
  const last = detail.events[detail.events.length - 1];
  const [docs, setDocs] = useState<DocumentView[]>([]);
  const [open, setOpen] = useState<DocumentView | null>(null);
  useEffect(() => {
    void Promise.all(caseDocumentIds(detail).map((id) => request('document-get', { id }))).then(setDocs, (err: unknown) => message.error(errorMessage(err)));
  }, [detail, message]);
  return (
    <Space direction="vertical">
      <Typography.Text>{last?.note ?? '本案件已办结。'}</Typography.Text>
      {docs.map((d) => (
        <Button key={d.id} icon={<FilePdfOutlined />} onClick={() => setOpen(d)}>
          查看、打印《{d.title}》{d.documentNumber ? ` ${d.documentNumber}` : ''}
        </Button>
      ))}
      <a href="#/documents">全部文书</a>
      <DocumentPreview document={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
