import { App, Button, Card, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { BatchDiff, BatchView, DiffRow } from '../../../../src/contract';
import { SCREENING_SOURCE_LABELS } from '../../../../src/domain/screening';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const CHANGE: Record<DiffRow['change'], { text: string; color: string }> = {
  new: { text: '新增', color: 'green' },
  changed: { text: '变化', color: 'blue' },
  gone: { text: '移出', color: 'default' },
};

/** Every imported list, newest first, with what changed against the previous list of the same department. */
export function BatchHistory({ version }: { version: number }) {
  const { message } = App.useApp();
  const [batches, setBatches] = useState<BatchView[]>([]);
  const [loading, setLoading] = useState(true);
  const [diff, setDiff] = useState<BatchDiff | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBatches(await request('screening-batch-list', {}));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const open = async (b: BatchView) => {
    try {
      setDiff(await request('screening-batch-diff', { batchId: b.id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card title="已导入的名单">
      <Table<BatchView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={batches}
        locale={{ emptyText: '尚未导入名单' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '批次', dataIndex: 'id', width: 60, render: (v: number) => `第${v}批` },
          { title: '来源', dataIndex: 'source', width: 90, render: (s: BatchView['source']) => SCREENING_SOURCE_LABELS[s] },
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '导入时间', dataIndex: 'importedAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '导入人', dataIndex: 'importedBy', width: 110 },
          { title: '行数', dataIndex: 'rowCount', width: 70, align: 'right' },
          { title: '计入', dataIndex: 'flaggedCount', width: 70, align: 'right' },
          { title: '新建户', dataIndex: 'newHouseholds', width: 70, align: 'right' },
          {
            title: '与上一批相比',
            key: 'diff',
            width: 210,
            render: (_: unknown, b: BatchView) =>
              b.diff.previousBatchId === null ? (
                <Typography.Text type="secondary">首批</Typography.Text>
              ) : (
                <Space size={4}>
                  <Tag color="green">新增 {b.diff.new}</Tag>
                  <Tag color="blue">变化 {b.diff.changed}</Tag>
                  <Tag>移出 {b.diff.gone}</Tag>
                </Space>
              ),
          },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_: unknown, b: BatchView) =>
              b.diff.previousBatchId !== null && (
                <Button size="small" onClick={() => void open(b)}>
                  查看比对
                </Button>
              ),
          },
        ]}
      />
      {diff && <DiffModal diff={diff} onClose={() => setDiff(null)} />}
    </Card>
  );
}

function DiffModal({ diff, onClose }: { diff: BatchDiff; onClose: () => void }) {
  const [filter, setFilter] = useState<'all' | DiffRow['change']>('all');
  const count = (c: DiffRow['change']) => diff.rows.filter((r) => r.change === c).length;
  return (
    <Modal
      open
      width={900}
      title={`${SCREENING_SOURCE_LABELS[diff.batch.source]}名单比对：「${diff.batch.fileName}」与上一批「${diff.previous?.fileName ?? ''}」`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { value: 'all', label: `全部 ${diff.rows.length}` },
          { value: 'new', label: `新增 ${count('new')}` },
          { value: 'changed', label: `变化 ${count('changed')}` },
          { value: 'gone', label: `移出 ${count('gone')}` },
        ]}
      />
      <Table<DiffRow>
        size="small"
        rowKey={(r) => `${r.change}-${r.idNumber}-${r.name}`}
        dataSource={filter === 'all' ? diff.rows : diff.rows.filter((r) => r.change === filter)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '两批名单相同' }}
        columns={[
          { title: '', dataIndex: 'change', width: 70, render: (c: DiffRow['change']) => <Tag color={CHANGE[c].color}>{CHANGE[c].text}</Tag> },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号码', dataIndex: 'idNumber', width: 180 },
          { title: '村（社区）', dataIndex: 'village', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '上一批', dataIndex: 'before', render: (v: string | null) => v ?? '—' },
          { title: '本批', dataIndex: 'after', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Modal>
  );
}
