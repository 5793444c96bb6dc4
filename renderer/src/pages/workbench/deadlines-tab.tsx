import { Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DeadlineItem, DeadlinePage } from '../../../../src/contract';
import { request } from '../../api';

const PAGE_SIZE = 20;

/**
 * What is due under the statutory clocks (working days on the office calendar). The core sorts and pages the list
 * (a county campaign has thousands of open cases) and counts it whole; the page asks for one page at a time.
 */
export function DeadlinesTab({ campaignId }: { campaignId: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<DeadlinePage | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => setPage(1), [campaignId]);
  useEffect(() => {
    setLoading(true);
    void request('deadline-list', { campaignId, page, pageSize: PAGE_SIZE })
      .then(setData, () => setData(null))
      .finally(() => setLoading(false));
  }, [campaignId, page]);
  const counts = data?.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {counts && data.total > 0 && (
        <Typography.Text>
          共 {data.total} 项：<Typography.Text type={counts.overdue > 0 ? 'danger' : undefined}>逾期 {counts.overdue} 项</Typography.Text>；出具通知书 {counts.notice} 项；办结时限{' '}
          {counts.processing} 项
        </Typography.Text>
      )}
      <Table<DeadlineItem>
        rowKey={(d) => `${d.caseId}-${d.kind}`}
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '没有需要办理的期限事项' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 项` }}
        columns={[
          { title: '户主', dataIndex: 'headName', render: (v: string | null, d) => <a href={`#/cases/${d.caseId}`}>{v ?? '（未设户主）'}</a> },
          { title: '村（社区）', dataIndex: 'villageName' },
          { title: '事项', dataIndex: 'label' },
          { title: '起算日', dataIndex: 'startedOn' },
          { title: '截止日', dataIndex: 'dueOn' },
          {
            title: '状态',
            render: (_, d) =>
              d.overdue ? <Tag color="red">逾期 {-d.workingDaysLeft} 个工作日</Tag> : <Tag color={d.workingDaysLeft <= 1 ? 'orange' : 'blue'}>剩 {d.workingDaysLeft} 个工作日</Tag>,
          },
        ]}
      />
    </Space>
  );
}
