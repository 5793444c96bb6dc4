import { Button, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography, App } from 'antd';
import { useState } from 'react';
import { DOCUMENT_KIND_LABELS, type DocumentView, type Page } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { href } from '../../router';
import { DocumentPreview, formatIssuedAt } from './document-preview';

type Props = {
  data: Page<DocumentView> | null;
  loading: boolean;
  onPage: (page: number) => void;
  /** After a correction: reload, and show the new document. */
  onChanged: (issued: DocumentView | null) => void;
  showSubject?: boolean;
  /** The document to show in the preview (e.g. just issued); controlled by the parent. */
  preview: DocumentView | null;
  setPreview: (d: DocumentView | null) => void;
};

/** Registered documents, newest first, with preview, print/download (in the preview) and correction. */
export function DocumentTable({ data, loading, onPage, onChanged, showSubject = true, preview, setPreview }: Props) {
  const { message } = App.useApp();
  const [correcting, setCorrecting] = useState<DocumentView | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ stopReason: string }>();

  const openCorrect = async (d: DocumentView) => {
    if (d.kind === 'stop-notice') {
      try {
        const detail = await request('document-get', { id: d.id });
        form.setFieldsValue({ stopReason: detail.options.stopReason ?? '' });
      } catch (err) {
        message.error(errorMessage(err));
        return;
      }
    }
    setCorrecting(d);
  };

  const correct = async () => {
    if (!correcting) return;
    const values = correcting.kind === 'stop-notice' ? await form.validateFields() : null;
    setBusy(true);
    try {
      const issued = await request('document-correct', { id: correcting.id, options: values ? { stopReason: values.stopReason } : {} });
      message.success(`已出具更正文书${issued.documentNumber ? `「${issued.documentNumber}」` : ''}`);
      setCorrecting(null);
      onChanged(issued);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Table<DocumentView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '尚未出具文书' }}
        pagination={{ current: data?.page ?? 1, pageSize: data?.pageSize ?? 10, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false }}
        columns={[
          {
            title: '文号',
            dataIndex: 'documentNumber',
            width: 205,
            render: (v: string | null, d) => v ?? <Typography.Text type="secondary">{`${d.year}年第${d.seq}份`}</Typography.Text>,
          },
          { title: '文书', dataIndex: 'kind', width: 160, render: (k: DocumentView['kind']) => DOCUMENT_KIND_LABELS[k] },
          ...(showSubject
            ? [
                {
                  title: '对象',
                  dataIndex: 'subject',
                  render: (v: string, d: DocumentView) => (d.householdId ? <a href={href({ page: 'household', id: d.householdId })}>{v}</a> : v),
                },
              ]
            : []),
          { title: '出具人', dataIndex: 'issuedBy', width: 96 },
          { title: '出具时间', dataIndex: 'issuedAt', width: 135, render: (v: string) => formatIssuedAt(v) },
          {
            title: '状态',
            width: 76,
            render: (_, d) =>
              d.supersededById !== null ? (
                <Tooltip title={`已由 ${d.supersededByNumber ?? `登记号 ${d.supersededById}`} 更正`}>
                  <Tag color="orange">已更正</Tag>
                </Tooltip>
              ) : d.supersedesId !== null ? (
                <Tooltip title={`更正 ${d.supersedesNumber ?? `登记号 ${d.supersedesId}`}`}>
                  <Tag color="blue">更正件</Tag>
                </Tooltip>
              ) : (
                <Tag color="green">有效</Tag>
              ),
          },
          {
            title: '操作',
            width: 110,
            render: (_, d) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setPreview(d)}>
                  预览
                </Button>
                {d.supersededById === null && (
                  <Button size="small" type="link" onClick={() => void openCorrect(d)}>
                    更正
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={correcting !== null}
        title={correcting ? `更正${DOCUMENT_KIND_LABELS[correcting.kind]}` : ''}
        okText="出具更正文书"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void correct()}
        onCancel={() => setCorrecting(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          将按当前登记的数据重新出具一份新文书{correcting?.documentNumber ? '（新文号）' : ''}，登记为对
          {correcting?.documentNumber ? `「${correcting.documentNumber}」` : '原件'}的更正。原文书保留不变，仅供查阅。
        </Typography.Paragraph>
        {correcting?.kind === 'stop-notice' && (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item label="停发原因" name="stopReason" rules={[{ required: true, whitespace: true, message: '请填写停发原因' }]}>
              <Input.TextArea rows={3} showCount />
            </Form.Item>
          </Form>
        )}
      </Modal>
      <DocumentPreview document={preview} onClose={() => setPreview(null)} />
    </>
  );
}
