import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { FilingExportRecord } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/**
 * 已生成的备案包: what this PC has filed, from the audit log, so that the clerk sees the last package, its contents
 * and where it lies (a package moved to a USB stick is marked as no longer here). `reloadKey` changes after a build.
 */
export function PackageHistory({ reloadKey, verifying, onVerify }: { reloadKey: number; verifying: string | null; onVerify: (path: string) => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<FilingExportRecord[] | null>(null);
  useEffect(() => {
    void request('filing-history', {}).then(setItems, (err: unknown) => {
      setItems([]);
      message.error(errorMessage(err));
    });
  }, [reloadKey, message]);
  return (
    <div style={{ marginTop: 32 }}>
      <Typography.Title level={5}>已生成的备案包</Typography.Title>
      <Table<FilingExportRecord>
        size="small"
        rowKey="auditId"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '本机还没有生成过备案包：选择专项治理工作和保存位置后，点「生成备案包」' }}
        columns={[
          { title: '生成时间', dataIndex: 'at', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: '专项治理', dataIndex: 'campaignName', width: 180, render: (n: string | null) => n ?? '—' },
          {
            title: '内容',
            dataIndex: 'counts',
            width: 260,
            render: (c: FilingExportRecord['counts']) => (c ? `案件 ${c.cases} 件，审批通过 ${c.approved} 户，不予批准 ${c.ineligible} 户，文书 ${c.documents} 份` : '—'),
          },
          { title: '生成人', dataIndex: 'by', width: 110 },
          {
            title: '位置',
            dataIndex: 'zip',
            render: (zip: string, r) =>
              r.present ? (
                <Typography.Text copyable={{ text: zip }} style={{ wordBreak: 'break-all' }}>
                  {zip}
                </Typography.Text>
              ) : (
                <>
                  <Tag>已不在原位置</Tag>
                  <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                    {zip}
                  </Typography.Text>
                </>
              ),
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, r) =>
              r.present ? (
                <Button size="small" icon={<CheckCircleOutlined />} loading={verifying === r.zip} onClick={() => onVerify(r.zip)}>
                  核验
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
