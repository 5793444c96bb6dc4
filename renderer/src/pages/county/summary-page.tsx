import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CountyCaseLine, CountyFigures, CountySummary } from '../../../../src/contract';
import { CASE_STATE_LABELS, type CaseState } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';

type Row = CountyFigures & { key: string; township: string; packages: number | null };

const money = (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const COLUMNS = [
  { title: '乡镇', dataIndex: 'township', fixed: 'left' as const, width: 130, render: (v: string, r: Row) => (r.key === 'total' ? <b>{v}</b> : v) },
  { title: '在保户数', dataIndex: 'households', align: 'right' as const },
  { title: '在保人数', dataIndex: 'persons', align: 'right' as const },
  {
    title: '家庭类别（户）',
    children: [
      { title: '困难', render: (_: unknown, r: Row) => r.byCategory.poor?.households ?? 0, align: 'right' as const },
      { title: '低收入', render: (_: unknown, r: Row) => r.byCategory['low-income']?.households ?? 0, align: 'right' as const },
      { title: '因病支出', render: (_: unknown, r: Row) => r.byCategory['medical-expense']?.households ?? 0, align: 'right' as const },
    ],
  },
  {
    title: '保障类别（人）',
    children: (['A', 'B', 'C'] as const).map((c) => ({ title: `${c}类`, render: (_: unknown, r: Row) => r.byClass[c] ?? 0, align: 'right' as const })),
  },
  { title: '月保障金（元）', dataIndex: 'monthlyTotal', align: 'right' as const, width: 120, render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span> },
  {
    title: '本轮（户）',
    children: [
      { title: '批准', dataIndex: 'approvals', align: 'right' as const },
      { title: '不予批准', dataIndex: 'refusals', align: 'right' as const },
      { title: '退出', dataIndex: 'exits', align: 'right' as const },
    ],
  },
  { title: '重复享受（人）', dataIndex: 'duplicates', align: 'right' as const, render: (v: number) => (v ? <a href="#/county-cross-check"><Tag color="red">{v}</Tag></a> : 0) },
  { title: '超时限（件）', dataIndex: 'overdue', align: 'right' as const, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
  { title: '近亲属备案（全面入户/件）', width: 130, render: (_: unknown, r: Row) => (r.relatives ? <Tag color={r.relativesFullVisit < r.relatives ? 'red' : 'green'}>{`${r.relativesFullVisit}/${r.relatives}`}</Tag> : '0') },
];

const stateLabel = (s: string) => CASE_STATE_LABELS[s as CaseState] ?? s;

function CaseTable({ rows, kind }: { rows: CountyCaseLine[]; kind: 'relatives' | 'overdue' }) {
  return (
    <Table<CountyCaseLine>
      size="small"
      rowKey={(r) => `${r.packageName}:${r.caseRef}`}
      dataSource={rows}
      locale={{ emptyText: kind === 'relatives' ? '已接收的备案包中没有近亲属备案案件。' : '已接收的备案包中没有超过办结时限的案件。' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '村（社区）', dataIndex: 'village' },
        { title: '户主', dataIndex: 'headName' },
        { title: '案件号', dataIndex: 'caseRef' },
        ...(kind === 'relatives'
          ? [
              { title: '近亲属关系', dataIndex: 'staffRelativeOf' },
              {
                title: '全面入户调查',
                render: (_: unknown, r: CountyCaseLine) => (r.fullVisit === null ? <Tag>未入户调查</Tag> : r.fullVisit ? <Tag color="green">是</Tag> : <Tag color="red">否，有成员未见面</Tag>),
              },
            ]
          : [
              { title: '受理日期', dataIndex: 'startedOn' },
              { title: '办结期限', dataIndex: 'dueOn' },
              { title: '办结日期', render: (_: unknown, r: CountyCaseLine) => r.concludedOn ?? <Tag color="red">未办结</Tag> },
            ]),
        { title: '状态', render: (_: unknown, r: CountyCaseLine) => stateLabel(r.state) },
      ]}
    />
  );
}

/** 县级汇总: per township and for the county, from each township's newest package of each scope. */
export function CountySummaryPage() {
  const { message } = App.useApp();
  const [s, setS] = useState<CountySummary | null>(null);
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  useEffect(() => {
    void request('county-summary', {}).then(setS, (err) => message.error(errorMessage(err)));
  }, [message]);
  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    try {
      const f = await request('county-summary-export', { format });
      downloadBase64(f.fileName, f.base64, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const rows: Row[] = s ? [...s.rows.map((r) => ({ ...r, key: String(r.townshipId) })), { ...s.total, key: 'total', township: '全县合计', packages: null }] : [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          县级汇总
        </Typography.Title>
        <Space>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')} disabled={!s?.rows.length}>
            导出 Excel
          </Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void download('pdf')} disabled={!s?.rows.length}>
            导出 PDF
          </Button>
        </Space>
      </Space>
      {s && s.rows.length === 0 ? (
        <Empty description={<span>还没有接收备案包。请到「<a href="#/county-receive">接收备案包</a>」接收各乡镇的备案包。</span>} />
      ) : (
        <>
          <Typography.Text type="secondary">
            {s?.countyName}：按各乡镇已核验的备案包汇总，同一乡镇同一范围以最新备案包为准（内部资料）。
          </Typography.Text>
          <Table<Row> size="small" bordered rowKey="key" locale={{ emptyText: '尚未接收备案包：在「接收备案包」中接收各乡镇报送的备案包后，这里按乡镇汇总。' }} dataSource={rows} columns={COLUMNS} pagination={false} scroll={{ x: 1100 }} data-testid="county-summary-table" />
          <Card size="small" title={`近亲属备案案件（${s?.relatives.length ?? 0}件）`}>
            <CaseTable rows={s?.relatives ?? []} kind="relatives" />
          </Card>
          <Card size="small" title={`超过办结时限的案件（${s?.overdue.length ?? 0}件）`}>
            <CaseTable rows={s?.overdue ?? []} kind="overdue" />
          </Card>
        </>
      )}
    </Space>
  );
}
