import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { DOCUMENT_KIND_LABELS, type DocumentView, type HouseholdDocumentKind, type Page } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { DocumentTable } from './document-table';

const FORMS: HouseholdDocumentKind[] = ['home-visit-form', 'authorization', 'declaration'];

/**
 * A household's issued documents, and buttons to issue its forms. The 不予批准通知书 and 停发通知书 are official acts:
 * only the case step that decides them issues them (contract WORKFLOW_DOCUMENT_KINDS); here they are listed, reprinted
 * and corrected.
 */
/** `version` changes when the household page saved something (e.g. a determination): reload then. */
export function HouseholdDocumentsPanel({ householdId, version = 0 }: { householdId: number; version?: number }) {
  const { message, modal } = App.useApp();
  const [data, setData] = useState<Page<DocumentView> | null>(null);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<HouseholdDocumentKind | null>(null);
  const [preview, setPreview] = useState<DocumentView | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await request('document-list', { householdId, page, pageSize: 10 }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [householdId, page, message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const issue = async (kind: HouseholdDocumentKind) => {
    setBusy(kind);
    try {
      const d = await request('document-issue', { kind, householdId });
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
      content: '将以本户当前登记的信息预填并存档，之后可随时预览、打印。',
      okText: '出具',
      cancelText: '取消',
      onOk: () => issue(kind),
    });


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
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        不予批准通知书、停发通知书由案件办理中作出决定的步骤（确认不予批准、审批不予批准、镇核实清退）出具，出具后在此重印或更正。
      </Typography.Paragraph>
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
    </Card>
  );
}
