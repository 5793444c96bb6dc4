import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PolicyApplyOutcome, ReevaluationPreview, ReevaluationRow } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const CHUNK = 20;

const STATUS: Record<PolicyApplyOutcome['status'], { label: string; color: string }> = {
  applied: { label: '已调整', color: 'green' },
  unchanged: { label: '无变化', color: 'default' },
  ineligible: { label: '待动态调整', color: 'orange' },
  problem: { label: '未能测算', color: 'red' },
};

/**
 * 应用到花名册: the preview's changed households, selected (all by default), applied in batches with progress.
 * Each application saves a determination under the version and a roster adjustment; a household that would no
 * longer qualify is listed for a change case, never stopped here.
 */
export function ApplyPolicyButton({ preview }: { preview: ReevaluationPreview }) {
  const { message } = App.useApp();
  const candidates = useMemo(() => preview.rows.filter((r) => r.problem === null), [preview]);
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<PolicyApplyOutcome[] | null>(null);

  const start = () => {
    setSelected(candidates.map((r) => r.householdId));
    setOutcomes(null);
    setDone(0);
    setOpen(true);
  };

  const run = async () => {
    setRunning(true);
    const all: PolicyApplyOutcome[] = [];
    try {
      for (let i = 0; i < selected.length; i += CHUNK) {
        const r = await request('roster-apply-policy', { policyVersion: preview.policy.version, householdIds: selected.slice(i, i + CHUNK) });
        all.push(...r.outcomes);
        setDone(Math.min(i + CHUNK, selected.length));
      }
      message.success(`已应用：调整 ${all.filter((o) => o.status === 'applied').length} 户`);
    } catch (err) {
      message.error(`${errorMessage(err)}（已处理 ${all.length} 户，可再次应用，已调整的不会重复）`);
    } finally {
      setOutcomes(all);
      setRunning(false);
    }
  };

  return (
    <>
      <Button type="primary" icon={<CheckCircleOutlined />} disabled={candidates.length === 0} onClick={start}>
        应用到花名册
      </Button>
      <Modal
        title={`应用到花名册：${preview.policy.label}（${preview.policy.effectiveFrom} 起）`}
        open={open}
        width={900}
        onCancel={() => !running && setOpen(false)}
        maskClosable={false}
        footer={
          outcomes ? (
            <Button onClick={() => setOpen(false)}>关闭</Button>
          ) : (
            <Space>
              <Button disabled={running} onClick={() => setOpen(false)}>
                取消
              </Button>
              <Button type="primary" loading={running} disabled={selected.length === 0} onClick={() => void run()}>
                应用到所选 {selected.length} 户
              </Button>
            </Space>
          )
        }
      >
        {!outcomes && !running && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              message="每户按新版本保存测算结果，并记录花名册调整（原金额 → 新金额，自政策生效月与下月中较晚者起执行），逐户记入操作日志。按新版本不再符合条件的家庭不会自动停发，将列出以便开启动态调整案件。"
            />
            <Table<ReevaluationRow>
              locale={{ emptyText: '按新版本测算，没有家庭的保障金需要调整。' }}
              rowKey="householdId"
              size="small"
              dataSource={candidates}
              pagination={{ pageSize: 10, showTotal: (t) => `有变化 ${t} 户` }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
              columns={[
                { title: '村（社区）', dataIndex: 'villageName', width: 110 },
                { title: '户主', dataIndex: 'headName', width: 90 },
                { title: '原月保障金', dataIndex: 'oldTotal', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
                { title: '新月保障金', dataIndex: 'newTotal', width: 100, align: 'right', render: (v: number, r) => (r.newCategory === 'ineligible' ? '不再符合' : v.toFixed(2)) },
                { title: '变化说明', render: (_, r) => r.changes.join('；') },
              ]}
            />
          </Space>
        )}
        {(running || outcomes) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Progress percent={selected.length ? Math.round((done / selected.length) * 100) : 100} format={() => `${done} / ${selected.length} 户`} />
            {outcomes && (
              <Table<PolicyApplyOutcome>
                locale={{ emptyText: '没有执行调整的家庭：请先在上表中勾选家庭。' }}
                rowKey="householdId"
                size="small"
                dataSource={outcomes}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: '村（社区）', dataIndex: 'villageName', width: 110 },
                  { title: '户主', dataIndex: 'headName', width: 90, render: (v: string | null, r) => <a href={`#/households/${r.householdId}`}>{v}</a> },
                  { title: '结果', dataIndex: 'status', width: 100, render: (s: PolicyApplyOutcome['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
                  { title: '原 → 新', width: 150, render: (_, o) => (o.newTotal === null ? '—' : `${o.oldTotal.toFixed(2)} → ${o.newTotal.toFixed(2)}`) },
                  { title: '执行月', dataIndex: 'effectiveMonth', width: 90, render: (v: string | null) => v ?? '—' },
                  {
                    title: '说明',
                    render: (_, o) =>
                      o.status === 'ineligible' ? (
                        <Typography.Text type="warning">
                          {o.message} <a href="#/roster">去花名册开启动态调整</a>
                        </Typography.Text>
                      ) : (
                        o.message
                      ),
                  },
                ]}
              />
            )}
          </Space>
        )}
      </Modal>
    </>
  );
}
