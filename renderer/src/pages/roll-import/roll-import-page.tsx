import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { type RollImportResult, type RollImportView, type RollPreview, type RollPreviewRow, type RollUploadInfo } from '../../../../src/contract';
import { ROLL_FIELDS, ROLL_FIELD_LABELS, ROLL_REQUIRED, type RollMapping } from '../../../../src/domain/roll-import';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import {
  ColumnMapping,
  ImportSteps,
  OnlyProblemsToggle,
  PreviewVerdict,
  ProblemList,
  SheetSummary,
  WorkbookDropZone,
  previewTableProps,
  useImportRunner,
  workbookChoiceProblem,
  type WorkbookFile,
} from '../../components/import-wizard-parts';
import { SheetPicker } from '../../components/sheet-picker';
import { navigate } from '../../router';
import { readAsBase64 } from '../screening/screening-ui';

type FileState = WorkbookFile<RollUploadInfo>;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const missingOf = (m: RollMapping) => ROLL_REQUIRED.filter((f) => m[f] === null);

/** 存量数据导入: 选择文件 → 对应列 → 预览检查 → 导入. Nothing is written before the last step, and then all or nothing. */
export function RollImportPage() {
  const { message, modal } = App.useApp();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileState | null>(null);
  const [mapping, setMapping] = useState<RollMapping | null>(null);
  const [preview, setPreview] = useState<RollPreview | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(true);
  const { busy, busyNote, run } = useImportRunner();
  const [result, setResult] = useState<RollImportResult | null>(null);
  const [history, setHistory] = useState<RollImportView[]>([]);
  const [amountReason, setAmountReason] = useState('');

  const loadHistory = () => void request('roll-import-list', {}).then(setHistory, () => undefined);
  useEffect(loadHistory, []);

  const template = async () => {
    try {
      const t = await request('roll-template', {});
      downloadBase64(t.fileName, t.base64, XLSX_MIME);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const choose = async (f: File) => {
    const problem = workbookChoiceProblem(f);
    if (problem) {
      message.error(problem);
      return;
    }
    const r = await run(`正在读取「${f.name}」…`, async () => {
      const base64 = await readAsBase64(f);
      const info = await request('roll-upload', { fileName: f.name, base64 });
      return { fileName: f.name, base64, info };
    });
    if (!r) return;
    setFile(r);
    setMapping(r.info.mapping);
    setPreview(null);
    setResult(null);
    setAmountReason('');
    setStep(1);
  };

  const pickSheet = async (sheetName: string) => {
    if (!file) return;
    const info = await run(`正在读取工作表「${sheetName}」…`, () => request('roll-upload', { fileName: file.fileName, base64: file.base64, sheetName }));
    if (!info) return;
    setFile({ ...file, info });
    setMapping(info.mapping);
    setPreview(null);
  };

  const input = () => ({ fileName: file!.fileName, base64: file!.base64, sheetName: file!.info.sheetName, mapping: mapping!, amountReason: amountReason.trim() || null });
  const needsReason = (preview?.amountFlags ?? 0) > 0 && amountReason.trim().length < 5;

  const check = async () => {
    if (!file || !mapping) return;
    const p = await run(`正在检查 ${file.info.rowCount.toLocaleString()} 行…`, () => request('roll-preview', input()));
    if (!p) return;
    setPreview(p);
    setOnlyProblems(p.errorCount + p.warningCount > 0);
    setStep(2);
  };

  const commit = () => {
    if (!file || !preview) return;
    modal.confirm({
      title: '确认导入存量数据',
      content: `将建立 ${preview.households} 户 ${preview.persons} 人（保障对象 ${preview.covered} 人，月保障金合计 ${preview.monthlyTotal.toFixed(2)} 元）${preview.newVillages.length ? `，新建村（社区）${preview.newVillages.map((v) => v.name).join('、')}` : ''}，确定？`,
      okText: '导入',
      cancelText: '取消',
      onOk: async () => {
        const r = await run('正在导入…', () => request('roll-commit', input()));
        if (!r) return;
        setResult(r);
        setStep(3);
        loadHistory();
      },
    });
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setStep(0);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="存量数据导入"
        data-testid="roll-import"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载导入模板
          </Button>
        }
      >
        <ImportSteps step={step} />
        {busyNote}
        {!busy && step === 0 && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              把本镇已有的低保对象（省系统导出的花名册或本所自己的花名册）一次导入：每行一人，户主一行、其余成员各一行。导入后这些家庭直接列入低保花名册，
              保留原月保障金和享受起始年月，记为「存量导入」，不出具通知书；从次日起可照常发放、复核和动态调整。列名不同没关系，下一步可以逐项对应。
            </Typography.Paragraph>
            <WorkbookDropZone text="点击或拖入存量花名册（.xlsx）" hint="表头上方的标题行会自动跳过。" onFile={(f) => void choose(f)} />
          </Space>
        )}
        {!busy && step === 1 && file && mapping && (
          <MappingStep file={file} mapping={mapping} onMapping={setMapping} onSheet={(s) => void pickSheet(s)} onBack={restart} onNext={() => void check()} />
        )}
        {!busy && step === 2 && preview && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <PreviewSummary preview={preview} />
            <OnlyProblemsToggle id="roll-only-problems" checked={onlyProblems} onChange={setOnlyProblems} truncated={preview.rowsTruncated} />
            <PreviewTable rows={onlyProblems ? preview.rows.filter((r) => r.problems.length) : preview.rows} />
            {preview.amountFlags > 0 && preview.errorCount === 0 && (
              <Form layout="vertical" style={{ maxWidth: 720 }}>
                <Form.Item
                  label={`有 ${preview.amountFlags} 户的月保障金与现行政策测算不一致（见上表黄色提醒）。按原金额导入的理由`}
                  required
                  help={needsReason ? '请写明理由（至少5个字），记入这些家庭的决定' : undefined}
                  validateStatus={needsReason ? 'warning' : undefined}
                >
                  <Input.TextArea rows={2} maxLength={200} value={amountReason} onChange={(e) => setAmountReason(e.target.value)} placeholder="如：按原县系统核定金额续发，年度复核时按现行政策调整" />
                </Form.Item>
              </Form>
            )}
            <Space>
              <Button onClick={() => setStep(1)}>上一步：调整对应列</Button>
              <Button onClick={restart}>重新上传</Button>
              <Tooltip title={preview.errorCount ? '花名册中还有错误，改正后重新上传才能导入' : needsReason ? '请先写明按原金额导入的理由' : ''}>
                <Button type="primary" disabled={preview.errorCount > 0 || needsReason} onClick={commit}>
                  导入
                </Button>
              </Tooltip>
            </Space>
          </Space>
        )}
        {!busy && step === 3 && result && (
          <Result
            status={result.alreadyImported ? 'info' : 'success'}
            title={result.alreadyImported ? '该文件已导入过，未作任何改动' : '导入完成'}
            subTitle={
              result.alreadyImported
                ? `「${result.import.fileName}」已于 ${dayjs(result.import.importedAt).format('YYYY-MM-DD HH:mm')} 由 ${result.import.importedBy} 导入。`
                : `已建立 ${result.import.households} 户 ${result.import.persons} 人，新建村（社区）${result.import.villagesCreated} 个，月保障金合计 ${result.import.monthlyTotal.toFixed(2)} 元。`
            }
            extra={[
              <Button key="roster" type="primary" onClick={() => navigate({ page: 'roster' })}>
                查看低保花名册
              </Button>,
              <Button key="again" onClick={restart}>
                继续导入
              </Button>,
            ]}
          />
        )}
      </Card>
      <Card title="导入记录" size="small">
        <Table<RollImportView>
          size="small"
          rowKey="id"
          dataSource={history}
          pagination={false}
          locale={{ emptyText: '尚未导入过存量数据。先下载导入模板，或直接选择省系统导出的花名册。' }}
          columns={[
            { title: '导入时间', dataIndex: 'importedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: '文件', dataIndex: 'fileName' },
            { title: '户数', dataIndex: 'households', width: 80, align: 'right' },
            { title: '人数', dataIndex: 'persons', width: 80, align: 'right' },
            { title: '新建村（社区）', dataIndex: 'villagesCreated', width: 120, align: 'right' },
            { title: '月保障金合计（元）', dataIndex: 'monthlyTotal', width: 150, align: 'right', render: (v: number) => v.toFixed(2) },
            { title: '导入人', dataIndex: 'importedBy', width: 120 },
          ]}
        />
      </Card>
    </Space>
  );
}

function MappingStep(props: { file: FileState; mapping: RollMapping; onMapping: (m: RollMapping) => void; onSheet: (s: string) => void; onBack: () => void; onNext: () => void }) {
  const { file, mapping } = props;
  const missing = missingOf(mapping);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <SheetPicker sheets={file.info.sheets} value={file.info.sheetName} onChange={props.onSheet} />
      {file.info.existingImport && (
        <Alert
          type="info"
          showIcon
          message="该文件已导入过"
          description={`同一文件已于 ${dayjs(file.info.existingImport.importedAt).format('YYYY-MM-DD HH:mm')} 由 ${file.info.existingImport.importedBy} 导入，再次导入不会改变任何数据。`}
        />
      )}
      <SheetSummary file={file} />
      <ColumnMapping
        info={file.info}
        fields={ROLL_FIELDS}
        labels={ROLL_FIELD_LABELS}
        mapping={mapping}
        onMapping={props.onMapping}
        isRequired={(f) => ROLL_REQUIRED.includes(f)}
        placeholder="（花名册中没有此列）"
        labelWidth={104}
      />
      {missing.length > 0 && <Alert type="warning" showIcon message={`请指定${missing.map((f) => `「${ROLL_FIELD_LABELS[f]}」`).join('、')}列`} />}
      <Space>
        <Button onClick={props.onBack}>重新选择文件</Button>
        <Button type="primary" disabled={missing.length > 0} onClick={props.onNext}>
          下一步：预览检查
        </Button>
      </Space>
    </Space>
  );
}

function PreviewSummary({ preview }: { preview: RollPreview }) {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {preview.existingImport && <Alert type="info" showIcon message={`该文件已于 ${dayjs(preview.existingImport.importedAt).format('YYYY-MM-DD HH:mm')} 导入，再次导入不会改变任何数据`} />}
      <PreviewVerdict errorCount={preview.errorCount} warningCount={preview.warningCount} />
      {preview.amountCheckNote && <Alert type="info" showIcon message={preview.amountCheckNote} />}
      {preview.newVillages.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="将新建村（社区）"
          description={`${preview.newVillages.map((v) => `${v.name}（${v.households} 户，代码暂定 ${v.code}）`).join('；')}。如是本镇已登记村的别称，请先在花名册中改为登记的名称；导入后可在「村（社区）」中修改代码。`}
        />
      )}
      <Row gutter={16}>
        <Col span={3}>
          <Statistic title="总行数" value={preview.rowCount} />
        </Col>
        <Col span={3}>
          <Statistic title="错误" value={preview.errorCount} valueStyle={{ color: preview.errorCount ? '#cf1322' : undefined }} />
        </Col>
        <Col span={3}>
          <Statistic title="提醒" value={preview.warningCount} valueStyle={{ color: '#d48806' }} />
        </Col>
        <Col span={3}>
          <Statistic title="户数" value={preview.households} />
        </Col>
        <Col span={3}>
          <Statistic title="人数" value={preview.persons} />
        </Col>
        <Col span={3}>
          <Statistic title="保障对象" value={preview.covered} />
        </Col>
        <Col span={3}>
          <Statistic title="银行账户" value={preview.bankAccounts} />
        </Col>
        <Col span={3}>
          <Statistic title="月保障金合计" value={preview.monthlyTotal} precision={2} />
        </Col>
      </Row>
    </Space>
  );
}

function PreviewTable({ rows }: { rows: RollPreviewRow[] }) {
  return (
    <Table<RollPreviewRow>
      {...previewTableProps<RollPreviewRow>()}
      locale={{ emptyText: '没有有问题的行' }}
      dataSource={rows}
      columns={[
        { title: '行号', dataIndex: 'rowNumber', width: 60, align: 'right' },
        { title: '村（社区）', dataIndex: 'village', width: 90 },
        { title: '姓名', dataIndex: 'name', width: 80 },
        { title: '身份证号码', dataIndex: 'idNumber', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
        { title: '关系', dataIndex: 'relation', width: 60 },
        { title: '花名册内容', dataIndex: 'value', width: 220 },
        { title: '所属家庭', dataIndex: 'household', width: 130, render: (v: string | null) => v ?? '—' },
        {
          title: '问题',
          key: 'problems',
          render: (_: unknown, r: RollPreviewRow) => <ProblemList problems={r.problems} />,
        },
      ]}
    />
  );
}
