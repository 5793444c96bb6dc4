import { DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, type AttachmentView } from '../../../../src/contract';
import { CASE_STATE_LABELS } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';

const toBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取该文件'));
    reader.readAsDataURL(file);
  });

const sizeLabel = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Scanned papers of a case: upload (PNG/JPEG/PDF, checked again by the core), preview, download. */
export function CaseAttachments({ caseId, canUpload }: { caseId: number; canUpload: boolean }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<AttachmentView[]>([]);
  const [preview, setPreview] = useState<{ a: AttachmentView; url: string } | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await request('case-attachment-list', { caseId }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [caseId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const fetchFile = async (a: AttachmentView) => request('case-attachment-get', { id: a.id });
  const open = async (a: AttachmentView) => {
    try {
      const f = await fetchFile(a);
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      setPreview({ a, url: URL.createObjectURL(new Blob([bytes], { type: f.mime })) });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const close = () => {
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview(null);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canUpload && (
        <Upload
          accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
          showUploadList={false}
          multiple
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            try {
              if (f.size > ATTACHMENT_MAX_BYTES) throw new Error('附件不能超过10MB');
              await request('case-attachment-upload', { caseId, fileName: f.name, base64: await toBase64(f) });
              message.success(`已上传「${f.name}」`);
              onSuccess?.(null);
              await load();
            } catch (err) {
              message.error(errorMessage(err));
              onError?.(err as Error);
            }
          }}
        >
          <Button icon={<UploadOutlined />}>上传扫描件</Button>
        </Upload>
      )}
      <Typography.Text type="secondary">可上传 PNG、JPEG 图片或 PDF 文件，单个不超过 10MB；文件保存在本机数据目录并记录 SHA-256 校验值。</Typography.Text>
      <Table<AttachmentView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '暂无附件' }}
        columns={[
          { title: '文件名', dataIndex: 'fileName', ellipsis: true },
          { title: '上传阶段', dataIndex: 'step', width: 110, render: (s: AttachmentView['step']) => CASE_STATE_LABELS[s] },
          { title: '大小', dataIndex: 'size', width: 80, align: 'right', render: sizeLabel },
          { title: '上传人', dataIndex: 'uploadedBy', width: 110 },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 130, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: '校验值',
            dataIndex: 'sha256',
            width: 110,
            render: (v: string) => (
              <Typography.Text code title={v}>
                {v.slice(0, 8)}
              </Typography.Text>
            ),
          },
          {
            title: '操作',
            width: 150,
            render: (_v, a) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => void open(a)}>
                  预览
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={async () => {
                    try {
                      const f = await fetchFile(a);
                      downloadBase64(f.fileName, f.base64, f.mime);
                    } catch (err) {
                      message.error(errorMessage(err));
                    }
                  }}
                >
                  下载
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {preview && (
        <Modal open title={preview.a.fileName} width={900} footer={null} onCancel={close}>
          {preview.a.mime === 'application/pdf' ? (
            <iframe title="附件预览" src={preview.url} style={{ width: '100%', height: '70vh', border: 0 }} />
          ) : (
            <img alt={preview.a.fileName} src={preview.url} style={{ maxWidth: '100%', display: 'block', margin: '0 auto', imageRendering: 'auto' }} />
          )}
        </Modal>
      )}
    </Space>
  );
}
