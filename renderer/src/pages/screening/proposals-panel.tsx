import { App, Card, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { ProposalRow, Proposals } from '../../../../src/contract';
import { CASE_KIND_LABELS, CASE_STATE_LABELS } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/** 拟申请 and 拟退出 (with 维持 and 无需): what the cadres' screening proposes for the village committee. */
export function ProposalsPanel({ villageId, campaignId, version }: { villageId: number; campaignId: number; version: number }) {
  const { message } = App.useApp();
  const [p, setP] = useState<Proposals | null>(null);
  const load = useCallback(async () => {
    try {
      setP(await request('screening-proposals', { campaignId, villageId }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [campaignId, villageId, message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const table = (rows: ProposalRow[], empty: string) => (
    <Table<ProposalRow>
      rowKey="caseId"
      size="small"
      dataSource={rows}
      locale={{ emptyText: empty }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: '户主', dataIndex: 'headName', width: 100, render: (v: string | null, r) => <a href={`#/cases/${r.caseId}`}>{v ?? '（未设户主）'}</a> },
        { title: '村民小组', dataIndex: 'groupName', width: 110, render: (v: string | null) => v ?? '—' },
        { title: '人口', dataIndex: 'size', width: 56, align: 'right' },
        { title: '类型', dataIndex: 'kind', width: 100, render: (k: ProposalRow['kind']) => CASE_KIND_LABELS[k] },
        { title: '当前阶段', dataIndex: 'state', width: 110, render: (s: ProposalRow['state']) => <Tag>{CASE_STATE_LABELS[s]}</Tag> },
        { title: '摸排说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
        { title: '摸排人', dataIndex: 'screenedBy', width: 110, render: (v: string | null) => v ?? '—' },
        { title: '摸排日期', dataIndex: 'screenedAt', width: 110, render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
      ]}
    />
  );

  return (
    <Card title="摸排结果：拟申请、拟退出名单">
      {p && p.pending > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          还有 {p.pending} 件案件尚未登记摸排结果。
        </Typography.Paragraph>
      )}
      <Tabs
        items={[
          { key: 'apply', label: `拟申请（${p?.apply.length ?? 0}）`, children: table(p?.apply ?? [], '暂无拟申请对象') },
          { key: 'exit', label: `拟退出（${p?.exit.length ?? 0}）`, children: table(p?.exit ?? [], '暂无拟退出对象') },
          { key: 'maintain', label: `维持（${p?.maintain.length ?? 0}）`, children: table(p?.maintain ?? [], '暂无') },
          { key: 'none', label: `无需（${p?.none.length ?? 0}）`, children: table(p?.none ?? [], '暂无') },
        ]}
      />
    </Card>
  );
}
