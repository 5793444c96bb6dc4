import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { downloadBase64 } from '../../components/download';
import { useSession } from '../../session-gate';
import { DeadlinesTab } from './deadlines-tab';
import { SpotChecksTab } from './spot-checks-tab';
import { useEffect, useState } from 'react';
import type { CampaignView, Workbench, WorkbenchRow } from '../../../../src/contract';
import { CASE_STATE_LABELS, type CaseState } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { navigate } from '../../router';

/** 工作台: per village and phase, what is done, pending and overdue; a click opens the pending cases. */
export function WorkbenchPage() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [data, setData] = useState<Workbench | null>(null);
  useEffect(() => {
    void request('campaign-list', {}).then(
      (list) => {
        setCampaigns(list);
        setCampaignId(list[0]?.id ?? null);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [message]);
  useEffect(() => {
    if (campaignId === null) return;
    void request('workbench', { campaignId }).then(setData, (err: unknown) => message.error(errorMessage(err)));
  }, [campaignId, message]);

  if (campaigns && campaigns.length === 0) {
    return (
      <Card title="工作台">
        <Empty description="尚未建立专项治理工作">
          <a href="#/campaigns">去建立专项治理</a>
        </Empty>
      </Card>
    );
  }
  const overdue = data?.rows.flatMap((r) => r.cells.filter((c) => c.overdue).map((c) => ({ r, c }))) ?? [];
  const open = (row: WorkbenchRow, states: CaseState[]) => {
    sessionStorage.setItem('dibao-case-filter', JSON.stringify({ villageId: row.villageId, states }));
    navigate({ page: 'campaign', id: data!.campaignId });
  };
  return (
    <Card
      title="工作台"
      extra={
        <Select
          style={{ width: 280 }}
          value={campaignId ?? undefined}
          onChange={(v: number) => setCampaignId(v)}
          options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      }
    >
      {data && (
        <Tabs
          items={[
            {
              key: 'progress',
              label: '工作进度',
              children: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {overdue.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={`有 ${overdue.length} 项工作已超过阶段截止日期`}
              description={overdue
                .map(({ r, c }) => `${r.villageName}：${data.phases.find((p) => p.key === c.phase)?.label}阶段尚有 ${c.pending} 件未完成`)
                .join('；')}
            />
          )}
          <Typography.Text type="secondary">今天 {data.today}。各阶段：{data.phases.map((p) => `${p.label} ${p.start}～${p.end}`).join('；')}</Typography.Text>
          <Table<WorkbenchRow>
            rowKey="villageId"
            pagination={false}
            locale={{ emptyText: '本次专项治理还没有案件：在「专项治理」中打开该次治理，从摸排名单开启案件或登记申请。' }}
            dataSource={data.rows}
            columns={[
              { title: '村（社区）', dataIndex: 'villageName' },
              { title: '案件', dataIndex: 'total', align: 'right', width: 70 },
              ...data.phases
                .filter((p) => p.key !== 'publicity')
                .map((p) => ({
                  title: `${p.label}（至${p.end.slice(5)}）`,
                  render: (_: unknown, row: WorkbenchRow) => {
                    const cell = row.cells.find((c) => c.phase === p.key)!;
                    return (
                      <Space size={4} wrap>
                        <Tag color="green">已完成 {cell.done}</Tag>
                        {cell.pending > 0 ? (
                          <a onClick={() => open(row, cell.pendingStates)}>
                            <Tag color={cell.overdue ? 'red' : 'blue'}>
                              {cell.overdue ? '逾期' : '待办'} {cell.pending}
                            </Tag>
                          </a>
                        ) : (
                          <Tag>待办 0</Tag>
                        )}
                      </Space>
                    );
                  },
                })),
              {
                title: '各阶段案件',
                render: (_: unknown, row: WorkbenchRow) =>
                  (Object.entries(row.byState) as [CaseState, number][]).map(([s, n]) => (
                    <Tag key={s} style={{ cursor: 'pointer' }} onClick={() => open(row, [s])}>
                      {CASE_STATE_LABELS[s]} {n}
                    </Tag>
                  )),
              },
            ]}
          />
        </Space>
              ),
            },
            { key: 'deadlines', label: '办理期限', children: <DeadlinesTab campaignId={data.campaignId} /> },
            ...(!can('spot-check-list') ? [] : [{ key: 'spot', label: '抽查', children: <SpotChecksTab campaignId={data.campaignId} /> }]),
          ]}
          tabBarExtraContent={
            can('progress-report') && (
              <Space>
                {(['pdf', 'xlsx'] as const).map((format) => (
                  <Button
                    key={format}
                    icon={<DownloadOutlined />}
                    onClick={async () => {
                      try {
                        const f = await request('progress-report', { campaignId: data.campaignId, format });
                        downloadBase64(f.fileName, f.base64, f.mime);
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    }}
                  >
                    进度表 {format === 'pdf' ? 'PDF' : 'Excel'}
                  </Button>
                ))}
              </Space>
            )
          }
        />
      )}
    </Card>
  );
}
