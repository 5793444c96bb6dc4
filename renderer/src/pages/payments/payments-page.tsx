import { DownloadOutlined, FilePdfOutlined, PrinterOutlined, StopOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Input, Modal, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaymentBatchSummary, PaymentBatchView, PaymentPreview, PaymentRowPage, PaymentRowView } from '../../../../src/contract';
import { formatAccountNumber } from '../../../../src/domain/bank-account';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { ProgressLine, useProgressCall } from '../../components/use-progress-call';
import { useVillages } from '../../components/use-villages';
import { href } from '../../router';
import { useSession } from '../../session-gate';
import { STATUS_TAGS, XLSX } from './payment-labels';
import { ReturnImport, RetryList } from './payment-return';

const CLASS_COLORS: Record<string, string> = { A: 'red', B: 'orange', C: 'blue' };

const yuan = (v: number) => `${v.toFixed(2)} 元`;
const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** 低保金发放: a month's roster frozen as a batch, the bank file and the printed 花名册, the bank's return, retries. */
export function PaymentsPage() {
  const { can } = useSession();
  if (!can('payment-batch-list')) {
    return <Alert type="warning" showIcon message="低保金发放花名册含完整身份证号码和银行账号，仅民政所经办、审批人员可以查看。" />;
  }
  return <Payments />;
}

function Payments() {
  const { message } = App.useApp();
  const { villages } = useVillages();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  const [villageId, setVillageId] = useState<number | null>(null);
  const [batches, setBatches] = useState<PaymentBatchSummary[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [view, setView] = useState<PaymentBatchView | null>(null);
  const [preview, setPreview] = useState<PaymentPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const ym = month.format('YYYY-MM');

  const loadBatches = useCallback(
    async (prefer: number | null = null) => {
      try {
        const list = await request('payment-batch-list', { month: ym });
        setBatches(list);
        const active = list.find((b) => b.status === 'active' && (villageId === null || b.villageId === villageId || b.villageId === null));
        setSelected(prefer ?? active?.id ?? list[0]?.id ?? null);
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
    [ym, villageId, message],
  );
  useEffect(() => {
    void loadBatches();
  }, [loadBatches]);

  const loadView = useCallback(async () => {
    if (selected === null) return setView(null);
    try {
      setView(await request('payment-batch-get', { batchId: selected }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [selected, message]);
  useEffect(() => {
    void loadView();
  }, [loadView]);

  const askGenerate = async () => {
    setBusy(true);
    try {
      setPreview(await request('payment-preview', { month: ym, villageId }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const generate = async () => {
    setBusy(true);
    try {
      const v = await request('payment-generate', { month: ym, villageId });
      setPreview(null);
      message.success(`已生成${monthLabel(ym)}发放名单：${v.batch.households} 户，${yuan(v.batch.amount)}`);
      await loadBatches(v.batch.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="低保金发放"
        extra={
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            内部资料，严禁公开张贴
          </Tag>
        }
      >
        <Space wrap size={12}>
          <span>发放月份</span>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d.startOf('month'))} aria-label="发放月份" />
          <Select
            aria-label="村（社区）"
            style={{ width: 220 }}
            value={villageId ?? 0}
            onChange={(v) => setVillageId(v === 0 ? null : v)}
            options={[{ value: 0, label: '全镇（所有村、社区）' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          />
          <Button type="primary" icon={<ThunderboltOutlined />} loading={busy} onClick={() => void askGenerate()}>
            生成发放名单
          </Button>
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按低保花名册列出当月应发放的家庭（审批次月起发放；渐退期发至届满月；停发当月仍发放）。生成后名单即冻结，之后修改家庭或账户不影响已生成的批次。
          </Typography.Text>
        </div>
        {batches.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <Space wrap>
              <span>{monthLabel(ym)}的批次：</span>
              {batches.map((b) => (
                <Button key={b.id} size="small" type={b.id === selected ? 'primary' : 'default'} danger={b.status === 'cancelled'} onClick={() => setSelected(b.id)}>
                  第{b.id}批 · {b.scope} · {b.households}户{b.status === 'cancelled' ? '（已作废）' : ''}
                </Button>
              ))}
            </Space>
          </div>
        )}
      </Card>

      {view ? (
        <BatchCard view={view} onChanged={() => void loadBatches(view.batch.id).then(loadView)} />
      ) : (
        <Card>
          <Empty description={`${monthLabel(ym)}尚未生成发放名单`} />
        </Card>
      )}

      {preview && <GenerateModal preview={preview} busy={busy} onOk={() => void generate()} onCancel={() => setPreview(null)} />}
    </Space>
  );
}

function GenerateModal({ preview, busy, onOk, onCancel }: { preview: PaymentPreview; busy: boolean; onOk: () => void; onCancel: () => void }) {
  const blocked = preview.blocking !== null;
  return (
    <Modal
      open
      width={760}
      title={`生成${monthLabel(preview.month)}低保金发放名单（${preview.scope}）`}
      okText="确认生成"
      cancelText="取消"
      okButtonProps={{ disabled: blocked || preview.households + preview.problemCount === 0 }}
      confirmLoading={busy}
      onOk={onOk}
      onCancel={onCancel}
    >
      {blocked ? (
        <Alert
          type="warning"
          showIcon
          message={`${monthLabel(preview.month)}已有发放批次（第${preview.blocking!.id}批，${preview.blocking!.scope}，${preview.blocking!.households}户）`}
          description="同一月份不能重复生成。如名单有误，请先在该批次中「作废批次」并写明原因，再重新生成。"
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            列入银行代发 <Typography.Text strong>{preview.households}</Typography.Text> 户，合计 <Typography.Text strong>{yuan(preview.amount)}</Typography.Text>。生成后名单冻结，银行代发文件和花名册都以此为准。
          </Typography.Paragraph>
          {preview.households + preview.problemCount === 0 && <Alert type="info" showIcon message="本月没有应发放低保金的家庭（审批次月起发放）" description={<>本镇已有的低保户可在 <a href="#/roll-import">低保花名册 → 存量数据导入</a> 中一次导入。</>} />}
          {preview.problemCount > 0 && (
            <>
              <Alert
                type="warning"
                showIcon
                message={`${preview.problemCount} 户没有有效的银行账户，将列为问题户（应发 ${yuan(preview.problemAmount)}），不进入银行代发文件；补录账户后可在「补发名单」中补发。`}
                description={preview.problemCount > preview.problems.length ? `下表列出前 ${preview.problems.length} 户，生成后可在「补发名单」中查看全部。` : undefined}
              />
              <Table
                locale={{ emptyText: '没有问题户。' }}
                size="small"
                rowKey="householdId"
                pagination={false}
                scroll={{ y: 240 }}
                dataSource={preview.problems}
                columns={[
                  { title: '村（社区）', dataIndex: 'villageName', width: 110 },
                  { title: '户主', dataIndex: 'headName', width: 90, render: (v: string, r) => <a href={href({ page: 'household', id: r.householdId })}>{v}</a> },
                  { title: '应发金额', dataIndex: 'amount', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
                  { title: '问题', dataIndex: 'problem' },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}

function BatchCard({ view, onChanged }: { view: PaymentBatchView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [pdf, setPdf] = useState<{ url: string; fileName: string } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const b = view.batch;
  const active = b.status === 'active';
  const problems = view.problems;

  const { progress, run } = useProgressCall();
  const download = async (format: 'xlsx' | 'pdf') => {
    try {
      const f = await run('payment-export', { batchId: b.id, format });
      if (format === 'xlsx') return downloadBase64(f.fileName, f.base64, XLSX);
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      setPdf({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), fileName: f.fileName });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title={`${monthLabel(b.month)} · ${b.scope} · 第${b.id}批`}
      extra={
        active ? (
          <Space>
            <Button icon={<DownloadOutlined />} disabled={progress !== null} onClick={() => void download('xlsx')}>
              下载银行代发文件（Excel）
            </Button>
            <Button icon={<FilePdfOutlined />} disabled={progress !== null} onClick={() => void download('pdf')}>
              预览/打印花名册（PDF）
            </Button>
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
              作废批次
            </Button>
          </Space>
        ) : (
          <Tag color="red">已作废</Tag>
        )
      }
    >
      {!active && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`本批次已于 ${dayjs(b.cancelledAt).format('YYYY-MM-DD HH:mm')} 由 ${b.cancelledBy ?? ''} 作废：${b.cancelReason ?? ''}`} />
      )}
      {progress && (
        <div style={{ marginBottom: 12 }}>
          <ProgressLine progress={progress} label="导出发放名册" />
        </div>
      )}
      <Space size={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title="代发户数" value={view.totals.households} suffix="户" />
        <Statistic title="保障人数" value={view.totals.persons} suffix="人" />
        <Statistic title="代发金额" value={view.totals.amount} precision={2} suffix="元" />
        <Statistic title="发放成功" value={b.counts.paid} suffix="户" valueStyle={{ color: '#389e0d' }} />
        <Statistic title="发放失败" value={b.counts.failed} suffix="户" valueStyle={{ color: b.counts.failed ? '#cf1322' : undefined }} />
        <Statistic title="待回盘" value={b.counts.pending} suffix="户" />
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {b.generatedBy} 于 {dayjs(b.generatedAt).format('YYYY-MM-DD HH:mm')} 生成。
        </Typography.Text>
      </div>
      {view.excluded.households > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${view.excluded.households} 户未列入银行代发（应发 ${yuan(view.excluded.amount)}）`}
          description={
            <Space size={[12, 4]} wrap>
              {problems.map((r) => (
                <span key={r.id}>
                  <a href={href({ page: 'household', id: r.householdId })}>
                    {r.villageName} {r.headName}
                  </a>
                  ：{r.problem}
                </span>
              ))}
              {view.excluded.households > problems.length && <Typography.Text type="secondary">……另有 {view.excluded.households - problems.length} 户，见「补发名单」</Typography.Text>}
            </Space>
          }
        />
      )}
      <Tabs
        items={[
          { key: 'rows', label: '发放明细', children: <RowsTable view={view} /> },
          { key: 'totals', label: '汇总', children: <Totals view={view} /> },
          { key: 'return', label: '银行回盘', disabled: !active, children: <ReturnImport view={view} onImported={onChanged} /> },
          { key: 'retry', label: `补发名单${b.counts.failed + b.counts.excluded ? `（${b.counts.failed + b.counts.excluded}）` : ''}`, disabled: !active, children: <RetryList view={view} onChanged={onChanged} /> },
        ]}
      />
      {cancelling && (
        <CancelModal
          batch={b}
          onClose={() => setCancelling(false)}
          onDone={() => {
            setCancelling(false);
            onChanged();
          }}
        />
      )}
      {pdf && <PdfModal pdf={pdf} onClose={() => (URL.revokeObjectURL(pdf.url), setPdf(null))} />}
    </Card>
  );
}

/** The batch's rows a page at a time: the first page comes with the batch, later ones from the server (issue 13). */
function RowsTable({ view }: { view: PaymentBatchView }) {
  const { message } = App.useApp();
  const [page, setPage] = useState<PaymentRowPage>({ batchId: view.batch.id, total: view.rowCount, page: 1, pageSize: view.pageSize, rows: view.rows });
  const [loading, setLoading] = useState(false);
  useEffect(() => setPage({ batchId: view.batch.id, total: view.rowCount, page: 1, pageSize: view.pageSize, rows: view.rows }), [view]);
  const turn = async (n: number) => {
    setLoading(true);
    try {
      setPage(await request('payment-batch-rows', { batchId: view.batch.id, page: n, pageSize: view.pageSize }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  const columns: ColumnsType<PaymentRowView> = [
    { title: '序号', dataIndex: 'seq', width: 56, render: (v: number) => v || '—' },
    { title: '村（社区）', dataIndex: 'villageName', width: 96 },
    { title: '户主', dataIndex: 'headName', width: 80, render: (v: string, r) => <a href={href({ page: 'household', id: r.householdId })}>{v}</a> },
    { title: '身份证号码', dataIndex: 'headIdNumber', width: 170 },
    {
      title: '保障对象及类别',
      render: (_v, r) => (
        <Space size={[4, 4]} wrap>
          {r.members.map((m) => (
            <Tag key={m.idNumber} color={CLASS_COLORS[m.class]} style={{ marginInlineEnd: 0 }}>
              {m.name} {m.class}类 {m.amount}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '银行账号',
      width: 230,
      render: (_v, r) =>
        r.accountNumber ? (
          <div>
            <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{formatAccountNumber(r.retryAccountNumber ?? r.accountNumber)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.retryBankName ?? r.bankName}
              {r.holderName && r.holderName !== r.headName ? ` · 开户人 ${r.holderName}` : ''}
              {r.retryRound > 0 ? ` · 第${r.retryRound}轮补发` : ''}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="warning">{r.problem}</Typography.Text>
        ),
    },
    { title: '金额（元）', dataIndex: 'amount', width: 90, align: 'right', render: (v: number) => v.toFixed(2) },
    {
      title: '状态',
      width: 150,
      render: (_v, r) => (
        <div>
          <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
          {r.failReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {r.failReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
  ];
  return (
    <Table
      locale={{ emptyText: '本批次没有发放明细：本月没有应发放的家庭；低保户审批次月起列入发放。' }}
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={page.rows}
      loading={loading}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: page.total,
        showSizeChanger: false,
        showTotal: (n) => `共 ${n} 户`,
        onChange: (n) => void turn(n),
      }}
    />
  );
}

function Totals({ view }: { view: PaymentBatchView }) {
  const t = view.totals;
  return (
    <Space size={32} align="start" wrap>
      <Table
        locale={{ emptyText: '本批次没有发放的家庭。' }}
        size="small"
        title={() => '按村（社区）汇总'}
        rowKey="villageName"
        pagination={false}
        dataSource={[...t.byVillage, { villageName: '合计', households: t.households, persons: t.persons, amount: t.amount }]}
        columns={[
          { title: '村（社区）', dataIndex: 'villageName', width: 140 },
          { title: '户数', dataIndex: 'households', width: 70, align: 'right' },
          { title: '人数', dataIndex: 'persons', width: 70, align: 'right' },
          { title: '金额（元）', dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => v.toFixed(2) },
        ]}
      />
      <Table
        locale={{ emptyText: '本批次没有发放的家庭。' }}
        size="small"
        title={() => '按保障类别汇总'}
        rowKey="class"
        pagination={false}
        dataSource={[...t.byClass.map((c) => ({ ...c, label: `${c.class}类` })), { class: 'all', label: '合计', persons: t.persons, amount: t.amount }]}
        columns={[
          { title: '保障类别', dataIndex: 'label', width: 100 },
          { title: '人数', dataIndex: 'persons', width: 70, align: 'right' },
          { title: '金额（元）', dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => v.toFixed(2) },
        ]}
      />
    </Space>
  );
}

function CancelModal({ batch, onClose, onDone }: { batch: PaymentBatchSummary; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await request('payment-batch-cancel', { batchId: batch.id, reason });
      message.success('批次已作废，可重新生成');
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`作废第${batch.id}批（${monthLabel(batch.month)} · ${batch.scope}）`} okText="作废" okButtonProps={{ danger: true, disabled: reason.trim().length < 4 }} cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={onClose}>
      <Typography.Paragraph>作废后本批次不能再导出或导入回盘，记录保留备查。已导入银行回盘的批次不能作废。</Typography.Paragraph>
      <Input.TextArea aria-label="作废原因" rows={3} placeholder="作废原因（至少4个字），如：漏登银行账户，重新生成" value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}

function PdfModal({ pdf, onClose }: { pdf: { url: string; fileName: string }; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal
      open
      width={1100}
      style={{ top: 24 }}
      title="低保金发放花名册（内部资料，严禁公开张贴）"
      onCancel={onClose}
      footer={
        <Space>
          <Button icon={<PrinterOutlined />} onClick={() => (frame.current?.contentWindow?.focus(), frame.current?.contentWindow?.print())}>
            打印
          </Button>
          <Button icon={<DownloadOutlined />} href={pdf.url} download={pdf.fileName}>
            下载
          </Button>
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </Space>
      }
    >
      <iframe ref={frame} title="花名册预览" src={pdf.url} style={{ width: '100%', height: '72vh', border: 0 }} />
    </Modal>
  );
}
