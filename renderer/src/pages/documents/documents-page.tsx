import { FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, InputNumber, Progress, Row, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  PUBLIC_NOTICE_KIND_LABELS,
  type DocumentKind,
  type DocumentView,
  type Page,
  type VillageDocumentKind,
} from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useVillages } from '../../components/use-villages';
import { DocumentTable } from './document-table';

/** What the clerk picks for a village: the 公示 sheet comes in two kinds of notice. */
const VILLAGE_CHOICES = [
  { value: 'public-notice:approval', label: `公示表 · ${PUBLIC_NOTICE_KIND_LABELS.approval}` },
  { value: 'public-notice:long-term', label: `公示表 · ${PUBLIC_NOTICE_KIND_LABELS['long-term']}` },
  { value: 'person-summary', label: DOCUMENT_KIND_LABELS['person-summary'] },
  { value: 'ineligible-register', label: DOCUMENT_KIND_LABELS['ineligible-register'] },
] as const;
type VillageChoice = (typeof VILLAGE_CHOICES)[number]['value'];

type BatchState = { done: number; total: number; current: string; failures: string[] } | null;

function VillageIssueCard({ onIssued }: { onIssued: (last: DocumentView | null) => void }) {
  const { modal } = App.useApp();
  const { villages } = useVillages();
  const [form] = Form.useForm<{ villageIds: number[]; choice: VillageChoice; postingDays: number }>();
  const choice = Form.useWatch('choice', form);
  const [batch, setBatch] = useState<BatchState>(null);
  const running = batch !== null && batch.done < batch.total;

  const run = async (villageIds: number[], picked: VillageChoice, postingDays: number) => {
    const [kind, noticeKind] = picked.split(':') as [VillageDocumentKind, 'approval' | 'long-term' | undefined];
    const failures: string[] = [];
    let last: DocumentView | null = null;
    setBatch({ done: 0, total: villageIds.length, current: '', failures });
    for (const [i, villageId] of villageIds.entries()) {
      const name = villages.find((v) => v.id === villageId)?.name ?? String(villageId);
      setBatch({ done: i, total: villageIds.length, current: name, failures: [...failures] });
      try {
        last = await request('document-issue', {
          kind,
          villageId,
          options: kind === 'public-notice' ? { noticeKind: noticeKind ?? 'approval', postingDays } : {},
        });
      } catch (err) {
        failures.push(`${name}：${errorMessage(err)}`);
      }
    }
    setBatch({ done: villageIds.length, total: villageIds.length, current: '', failures });
    // One village: show what was issued; a batch: the list shows them all.
    onIssued(villageIds.length === 1 && failures.length === 0 ? last : null);
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <FileAddOutlined />
          出具村级文书
        </Space>
      }
    >
      <Form
        form={form}
        layout="inline"
        initialValues={{ choice: 'public-notice:approval', postingDays: 7, villageIds: [] }}
        onFinish={(values) => {
          const label = VILLAGE_CHOICES.find((c) => c.value === values.choice)?.label ?? '';
          modal.confirm({
            title: `出具${label}？`,
            content: `将为 ${values.villageIds.length} 个村（社区）各出具一份，编号并存档；出具后不可修改（如有错误须出具更正文书）。`,
            okText: '出具',
            cancelText: '取消',
            onOk: () => {
              void run(values.villageIds, values.choice, values.postingDays);
            },
          });
        }}
      >
        <Form.Item name="villageIds" label="村（社区）" rules={[{ required: true, type: 'array', min: 1, message: '请选择村（社区）' }]}>
          <Select
            mode="multiple"
            style={{ minWidth: 220 }}
            placeholder="可选多个"
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Form.Item name="choice" label="文书">
          <Select style={{ width: 230 }} options={VILLAGE_CHOICES.map((c) => ({ value: c.value, label: c.label }))} />
        </Form.Item>
        {choice === 'public-notice:approval' && (
          <Form.Item name="postingDays" label="公示天数" rules={[{ required: true, message: '请填写公示天数' }]} tooltip="审批结果公示列出最近一次镇审批会议新增的家庭和本轮退出（停发）的家庭">
            <InputNumber min={1} max={90} addonAfter="天" style={{ width: 110 }} />
          </Form.Item>
        )}
        {choice === 'public-notice:long-term' && (
          <Form.Item>
            <Typography.Text type="secondary">长期公示：列出全部在保户，不设公示期</Typography.Text>
          </Form.Item>
        )}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={running}>
              出具
            </Button>
            <Button disabled={running || villages.length === 0} onClick={() => form.setFieldValue('villageIds', villages.map((v) => v.id))}>
              全部村（社区）
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {batch && (
        <div style={{ marginTop: 12 }}>
          <Progress percent={Math.round((batch.done / batch.total) * 100)} status={running ? 'active' : batch.failures.length ? 'exception' : 'success'} />
          <Typography.Text type="secondary">
            {running ? `正在出具：${batch.current}（${batch.done + 1}/${batch.total}）` : `已完成 ${batch.total - batch.failures.length}/${batch.total}`}
          </Typography.Text>
          {!running && batch.failures.length > 0 && (
            <Alert style={{ marginTop: 8 }} type="warning" showIcon message="以下村（社区）未出具" description={batch.failures.map((f) => <div key={f}>{f}</div>)} />
          )}
        </div>
      )}
    </Card>
  );
}

/** 文书: every issued document, filterable, with in-app preview, print and download; village-level issuing. */
export function DocumentsPage() {
  const { message } = App.useApp();
  const { villages } = useVillages();
  const [filter, setFilter] = useState<{ kind: DocumentKind | null; villageId: number | null }>({ kind: null, villageId: null });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DocumentView> | null>(null);
  const [loading, setLoading] = useState(true);
  const [preview, setPreview] = useState<DocumentView | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await request('document-list', { ...filter, page, pageSize: 15 }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [filter, page, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = (d: DocumentView | null) => {
    void load();
    if (d) setPreview(d);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <VillageIssueCard onIssued={changed} />
      <Card
        title="已出具文书"
        extra={
          <Row gutter={8}>
            <Col>
              <Select<DocumentKind>
                allowClear
                placeholder="全部文书"
                style={{ width: 220 }}
                value={filter.kind ?? undefined}
                onChange={(kind) => {
                  setPage(1);
                  setFilter((f) => ({ ...f, kind: kind ?? null }));
                }}
                options={DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] }))}
              />
            </Col>
            <Col>
              <Select<number>
                allowClear
                placeholder="全部村（社区）"
                style={{ width: 160 }}
                value={filter.villageId ?? undefined}
                onChange={(villageId) => {
                  setPage(1);
                  setFilter((f) => ({ ...f, villageId: villageId ?? null }));
                }}
                options={villages.map((v) => ({ value: v.id, label: v.name }))}
              />
            </Col>
          </Row>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          每份文书按出具时的数据生成并存档（SHA-256 校验）；重印与原件逐字节一致。入户调查表、授权书、声明书和通知书请在家庭档案页出具。
        </Typography.Paragraph>
        <DocumentTable data={data} loading={loading} onPage={setPage} onChanged={changed} preview={preview} setPreview={setPreview} />
      </Card>
    </Space>
  );
}
