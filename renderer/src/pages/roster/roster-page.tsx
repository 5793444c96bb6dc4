import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { RosterLine, RosterPage as RosterPageData } from '../../../../src/contract';
import { CATEGORY_LABELS } from '../../../../src/domain/determination-types';
import { ROSTER_BASIS_LABELS, rosterBasisLabel } from '../../../../src/domain/roster';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, type CaseKind, type CaseState } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { ProgressLine, useProgressCall } from '../../components/use-progress-call';
import { useVillages } from '../../components/use-villages';
import { useSession } from '../../session-gate';
import { OpenChangeModal } from './open-change';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type View = 'all' | 'due' | 'gradual-exit';


const CLASS_COLORS: Record<string, string> = { A: 'red', B: 'orange', C: 'blue' };

function Members({ line }: { line: RosterLine }) {
  return (
    <Space size={[4, 4]} wrap>
      {line.members.map((m) => (
        <Tooltip key={m.personId} title={m.idNumber}>
          <Tag color={CLASS_COLORS[m.class]} style={{ marginInlineEnd: 0 }}>
            {m.name} {m.class}类 {m.amount}元
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

function DueCell({ line }: { line: RosterLine }) {
  if (line.dueStatus === 'ok') return <span>{line.nextDue}</span>;
  const overdue = line.dueStatus === 'overdue';
  return (
    <Space size={4}>
      <Typography.Text type={overdue ? 'danger' : 'warning'} strong>
        {line.nextDue}
      </Typography.Text>
      <Tag color={overdue ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
        {overdue ? '已逾期' : '将到期'}
      </Tag>
    </Space>
  );
}

function RosterTable({ view, onProcessed }: { view: View; onProcessed?: () => void }) {
  const { message } = App.useApp();
  const { user, can } = useSession();
  const { villages } = useVillages();
  const [villageId, setVillageId] = useState<number | null>(null);
  const [personClass, setPersonClass] = useState<'A' | 'B' | 'C' | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<RosterPageData | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportRun = useProgressCall();
  const [processing, setProcessing] = useState(false);
  const [changeFor, setChangeFor] = useState<RosterLine | null>(null);
  const isOffice = user.role !== 'cadre';

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await request('roster-list', { view, villageId, personClass, page, pageSize }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [view, villageId, personClass, page, pageSize, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const columns: ColumnsType<RosterLine> = [
    {
      title: '村（社区）',
      key: 'village',
      width: 104,
      render: (_, r) => (
        <>
          {r.villageName}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.groupName ?? ''}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '户主',
      dataIndex: 'headName',
      width: 118,
      render: (v: string | null, r) => (
        <>
          <a href={`#/households/${r.householdId}`}>{v ?? '（未设户主）'}</a>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {r.size} 人·{CATEGORY_LABELS[r.category as keyof typeof CATEGORY_LABELS] ?? r.category}
          </Typography.Text>
        </>
      ),
    },
    { title: '保障对象（分类、月金额）', key: 'members', width: 250, render: (_, r) => <Members line={r} /> },
    { title: '户月保障金', dataIndex: 'monthlyTotal', width: 96, align: 'right', render: (v: number) => <strong>{v.toFixed(2)}</strong> },
    {
      title: '发放起始',
      dataIndex: 'paymentStart',
      width: 80,
      render: (v: string | null, r) => (
        <Tooltip title={`依据：${rosterBasisLabel(r.source, r.basisDate)}`}>
          <span>{v ?? '—'}</span>
          {r.source === 'roll-import' && (
            // Figures carried over from the office's old roll, not decided by a review meeting here: said on the line.
            <>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {ROSTER_BASIS_LABELS['roll-import']}
              </Typography.Text>
            </>
          )}
        </Tooltip>
      ),
    },
    { title: '上次复核', dataIndex: 'lastReview', width: 96 },
    { title: '下次复核', dataIndex: 'nextDue', width: view === 'all' ? 100 : 150, render: (_, r) => <DueCell line={r} /> },
  ];
  if (view === 'gradual-exit') {
    columns.push(
      { title: '渐退期至', key: 'ge', width: 90, render: (_, r) => <Tag color="purple">{r.gradualExit?.endMonth}</Tag> },
      {
        title: '给予渐退期',
        key: 'ge-who',
        width: 240,
        render: (_, r) =>
          r.gradualExit && (
            <Typography.Text style={{ fontSize: 12 }}>
              {r.gradualExit.grantedBy} {r.gradualExit.grantedAt.slice(0, 10)}：{r.gradualExit.reason}
            </Typography.Text>
          ),
      },
    );
  } else {
    columns.push({ title: '渐退期', key: 'ge', width: 76, render: (_, r) => (r.gradualExit ? <Tag color="purple">至 {r.gradualExit.endMonth}</Tag> : '—') });
  }
  columns.push({
    title: '动态调整',
    key: 'action',
    width: 118,
    fixed: 'right',
    render: (_, r) =>
      r.openCase ? (
        <a href={`#/cases/${r.openCase.id}`}>
          {CASE_KIND_LABELS[r.openCase.kind as CaseKind] ?? '案件'}·{CASE_STATE_LABELS[r.openCase.state as CaseState] ?? r.openCase.state}
        </a>
      ) : r.gradualExit ? (
        <a href={`#/cases/${r.gradualExit.caseId}`}>查看渐退案件</a>
      ) : (
        <Button size="small" onClick={() => setChangeFor(r)}>
          开启动态调整
        </Button>
      ),
  });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {view === 'due' && (
        <Alert type="info" showIcon message="列出下次复核日期在 30 天内或已逾期的在保户。复核间隔按户内保障对象的分类取最短者（本镇设置 → 动态管理）；复核请开启动态调整案件，原因选「定期复核」。" />
      )}
      {view === 'gradual-exit' && (
        <Alert
          type="info"
          showIcon
          message="渐退期内按原保障金额继续发放；到渐退期最后一个月，办理停发并出具停发通知书（自次月起停发）。已办理的不会重复办理。"
        />
      )}
      <Space wrap>
        <Select
          allowClear
          placeholder="全部村（社区）"
          style={{ width: 170 }}
          value={villageId ?? undefined}
          disabled={!isOffice}
          onChange={(v?: number) => {
            setVillageId(v ?? null);
            setPage(1);
          }}
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <Select
          allowClear
          placeholder="全部分类"
          style={{ width: 140 }}
          value={personClass ?? undefined}
          onChange={(v?: 'A' | 'B' | 'C') => {
            setPersonClass(v ?? null);
            setPage(1);
          }}
          options={(['A', 'B', 'C'] as const).map((c) => ({ value: c, label: `含${c}类对象` }))}
        />
        {can('roster-export') && (
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                const file = await exportRun.run('roster-export', { view, villageId, personClass });
                downloadBase64(file.fileName, file.base64, XLSX);
              } catch (err) {
                message.error(errorMessage(err));
              } finally {
                setExporting(false);
              }
            }}
          >
            导出 Excel（内部资料）
          </Button>
        )}
        <ProgressLine progress={exportRun.progress} label="导出花名册" />
        {view === 'gradual-exit' && can('roster-process-exits') && (
          <Popconfirm
            title="办理渐退期满停发？"
            description="渐退期已到最后一个月的家庭将停发，并逐户出具停发通知书。"
            okText="办理"
            cancelText="取消"
            onConfirm={async () => {
              setProcessing(true);
              try {
                const r = await request('roster-process-exits', {});
                message.success(r.stopped.length ? `已停发 ${r.stopped.length} 户：${r.stopped.map((s) => s.headName ?? '').join('、')}` : '没有渐退期届满的家庭');
                await load();
                onProcessed?.();
              } catch (err) {
                message.error(errorMessage(err));
              } finally {
                setProcessing(false);
              }
            }}
          >
            <Button icon={<StopOutlined />} loading={processing}>
              办理渐退期满停发
            </Button>
          </Popconfirm>
        )}
      </Space>
      {data && (
        <Space size={40}>
          <Statistic title="户数" value={data.summary.households} suffix="户" />
          <Statistic title="保障人数" value={data.summary.persons} suffix="人" />
          <Statistic title="月保障金合计" value={data.summary.monthlyTotal} precision={2} suffix="元" />
        </Space>
      )}
      <Table<RosterLine>
        rowKey="householdId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(r) => (r.dueStatus === 'overdue' && view === 'due' ? { style: { background: '#fff1f0' } } : {})}
        locale={{
          emptyText: (
            <Empty description={view === 'due' ? '30 天内没有到期复核的家庭' : view === 'gradual-exit' ? '没有处于渐退期的家庭' : '花名册中暂无在保户'}>
              {view === 'all' && can('roll-upload') && <a href="#/roll-import">导入本镇已有的低保花名册（存量数据导入）</a>}
            </Empty>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 户`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      {changeFor && <OpenChangeModal householdId={changeFor.householdId} headName={changeFor.headName} open onClose={() => setChangeFor(null)} />}
    </Space>
  );
}

/** 低保花名册 (internal): the roll from the frozen decisions, the due reviews and the households in 渐退期. */
export function RosterPage() {
  const { can } = useSession();
  const [tab, setTab] = useState<View>('all');
  const [version, setVersion] = useState(0);
  return (
    <Card
      title="低保花名册"
      extra={
        <Space>
          {can('roll-upload') && <a href="#/roll-import">存量数据导入</a>}
          <Tag color="red">内部资料，不得公开张贴</Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        每户的分类和金额取自镇审批冻结的决定（或政策调整记录）；之后修改家庭信息不会改变花名册，须经动态调整案件重新决定。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as View)}
        destroyInactiveTabPane
        items={[
          { key: 'all', label: '花名册', children: <RosterTable key={`all-${version}`} view="all" /> },
          { key: 'due', label: '到期复核', children: <RosterTable key={`due-${version}`} view="due" /> },
          { key: 'gradual-exit', label: '渐退期', children: <RosterTable key={`ge-${version}`} view="gradual-exit" onProcessed={() => setVersion((v) => v + 1)} /> },
        ]}
      />
    </Card>
  );
}
