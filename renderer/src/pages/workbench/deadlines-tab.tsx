import { Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { DeadlineItem } from '../../../../src/contract';
import { request } from '../../api';

/** What is due under the statutory clocks (working days on the office calendar). */
export function DeadlinesTab({ campaignId }: { campaignId: number }) {
  const [items, setItems] = useState<DeadlineItem[]>([]);
  useEffect(() => {
    void request('deadline-list', { campaignId }).then(setItems, () => setItems([]));
  }, [campaignId]);
  return (
    <Table<DeadlineItem>
      rowKey={(d) => `${d.caseId}-${d.kind}`}
      size="small"
      dataSource={items}
      locale={{ emptyText: '没有需要办理的期限事项' }}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
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
  );
}
