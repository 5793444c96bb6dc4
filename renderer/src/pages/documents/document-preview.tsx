import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_KIND_LABELS, type DocumentView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/** The stored bytes (checked against their SHA-256 by the core) as a blob: URL the iframe may show. */
export async function documentBlobUrl(id: number): Promise<{ url: string; fileName: string }> {
  const pdf = await request('document-pdf', { id });
  const binary = atob(pdf.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), fileName: pdf.fileName };
}

export const shortSha = (sha: string) => `${sha.slice(0, 8)}…${sha.slice(-4)}`;

export function formatIssuedAt(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** Preview in the app, print through the PDF viewer's own print (Electron and browser alike), save a copy. */
export function DocumentPreview({ document, onClose }: { document: DocumentView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [pdf, setPdf] = useState<{ url: string; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (!document) return undefined;
    let url: string | null = null;
    let live = true;
    setPdf(null);
    setError(null);
    documentBlobUrl(document.id).then(
      (r) => {
        url = r.url;
        if (live) setPdf(r);
        else URL.revokeObjectURL(r.url);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [document]);

  const print = () => {
    try {
      frame.current?.contentWindow?.focus();
      frame.current?.contentWindow?.print();
    } catch {
      message.info('请使用预览窗口工具栏中的打印按钮');
    }
  };

  return (
    <Modal
      open={document !== null}
      onCancel={onClose}
      width={980}
      style={{ top: 24 }}
      title={document ? `${DOCUMENT_KIND_LABELS[document.kind]} · ${document.documentNumber ?? document.subject}` : ''}
      footer={
        <Space>
          <Button icon={<PrinterOutlined />} disabled={!pdf} onClick={print}>
            打印
          </Button>
          <Button icon={<DownloadOutlined />} disabled={!pdf} href={pdf?.url} download={pdf?.fileName}>
            下载
          </Button>
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      {document && (
        <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
          <Descriptions.Item label="对象">{document.subject}</Descriptions.Item>
          <Descriptions.Item label="出具">
            {document.issuedBy} · {formatIssuedAt(document.issuedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="SHA-256">
            <Typography.Text copyable={{ text: document.sha256 }} code>
              {shortSha(document.sha256)}
            </Typography.Text>
          </Descriptions.Item>
          {document.supersedesId !== null ? (
            <Descriptions.Item label="更正" span={3}>
              本文书更正并替代 {document.supersedesNumber ?? `登记号 ${document.supersedesId}`}
            </Descriptions.Item>
          ) : null}
          {document.supersededById !== null ? (
            <Descriptions.Item label="已被更正" span={3}>
              <Typography.Text type="warning">已由 {document.supersededByNumber ?? `登记号 ${document.supersededById}`} 更正，本件仅供查阅</Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      )}
      {error && <Alert type="error" showIcon message="无法打开文书" description={error} />}
      {!error && !pdf && (
        <div style={{ height: 640, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin tip="正在载入文书…">
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </div>
      )}
      {pdf && (
        <iframe
          ref={frame}
          title="文书预览"
          src={pdf.url}
          style={{ width: '100%', height: 'calc(100vh - 260px)', minHeight: 480, border: '1px solid #f0f0f0' }}
        />
      )}
    </Modal>
  );
}
