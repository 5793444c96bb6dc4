import { Alert, App, Button, Card, Checkbox, Col, Form, Radio, Result, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { type ImportPreview, type ImportResult, type PreviewRow, type UploadInfo } from '../../../../src/contract';
import {
  IMPORT_FIELD_LABELS,
  SCREENING_SOURCE_HINTS,
  SCREENING_SOURCE_LABELS,
  SCREENING_SOURCES,
  SOURCE_FIELDS,
  fullMapping,
  isRequiredField,
  missingColumns,
  type ColumnMapping,
  type ImportField,
  type ScreeningSource,
} from '../../../../src/domain/screening';
import { request } from '../../api';
import {
  ColumnMapping as ColumnMappingFields,
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
import { readAsBase64 } from './screening-ui';

type FileState = WorkbookFile<UploadInfo>;

const OUTCOME_LABELS: Record<PreviewRow['outcome'], { text: string; color: string }> = {
  matched: { text: '已匹配', color: 'green' },
  'new-household': { text: '新建家庭', color: 'blue' },
  unregistered: { text: '未登记', color: 'gold' },
  skipped: { text: '不计入', color: 'default' },
  error: { text: '错误', color: 'red' },
};

/** 选择文件 → 对应列 → 预览检查 → 导入. Nothing is written before the last step, and then all or nothing. */
export function ImportWizard({ onImported }: { onImported: (r: ImportResult) => void }) {
  const { message, modal } = App.useApp();
  const [step, setStep] = useState(0);
  const [source, setSource] = useState<ScreeningSource>('poverty');
  const [file, setFile] = useState<FileState | null>(null);
  const [mapping, setMapping] = useState<Required<ColumnMapping>>(fullMapping({}));
  const [addUnknown, setAddUnknown] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(true);
  const { busy, busyNote, run } = useImportRunner();
  const [result, setResult] = useState<ImportResult | null>(null);

  const choose = async (f: File) => {
    const problem = workbookChoiceProblem(f);
    if (problem) {
      message.error(problem);
      return;
    }
    const r = await run(`正在读取「${f.name}」…`, async () => {
      const base64 = await readAsBase64(f);
      const info = await request('screening-upload', { source, fileName: f.name, base64 });
      return { fileName: f.name, base64, info };
    });
    if (!r) return;
    setFile(r);
    setMapping(fullMapping(r.info.mapping));
    setPreview(null);
    setResult(null);
    setStep(1);
  };

  /** Another visible worksheet of the same file: read it, and start the mapping again from its headers. */
  const pickSheet = async (sheetName: string) => {
    if (!file) return;
    const info = await run(`正在读取工作表「${sheetName}」…`, () => request('screening-upload', { source, fileName: file.fileName, base64: file.base64, sheetName }));
    if (!info) return;
    setFile({ ...file, info });
    setMapping(fullMapping(info.mapping));
    setPreview(null);
  };

  const check = async () => {
    if (!file) return;
    const p = await run(`正在检查 ${file.info.rowCount.toLocaleString()} 行…`, () =>
      request('screening-preview', { source, fileName: file.fileName, base64: file.base64, sheetName: file.info.sheetName, mapping, addUnknown }),
    );
    if (!p) return;
    setPreview(p);
    setOnlyProblems(p.errorCount + p.warningCount > 0);
    setStep(2);
  };

  const commit = () => {
    if (!file || !preview || preview.existingBatch) return;
    modal.confirm({
      title: '确认导入',
      content: `将导入 ${preview.rowCount.toLocaleString()} 行，新增 ${preview.newHouseholds} 户${preview.updatedPersons ? `，更新 ${preview.updatedPersons} 人的残疾信息` : ''}，确定？`,
      okText: '导入',
      cancelText: '取消',
      onOk: async () => {
        const r = await run('正在导入…', () => request('screening-commit', { source, fileName: file.fileName, base64: file.base64, sheetName: file.info.sheetName, mapping, addUnknown }));
        if (!r) return;
        setResult(r);
        setStep(3);
        onImported(r);
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
    <Card title="导入部门名单" data-testid="import-wizard">
      <ImportSteps step={step} />
      {busyNote}
      {!busy && step === 0 && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Form layout="vertical">
            <Form.Item label="名单来源">
              <Radio.Group value={source} onChange={(e) => setSource(e.target.value as ScreeningSource)} optionType="button" buttonStyle="solid">
                {SCREENING_SOURCES.map((s) => (
                  <Radio.Button key={s} value={s}>
                    {SCREENING_SOURCE_LABELS[s]}
                  </Radio.Button>
                ))}
              </Radio.Group>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {SCREENING_SOURCE_HINTS[source]}
              </Typography.Paragraph>
            </Form.Item>
          </Form>
          <WorkbookDropZone
            text="点击或拖入 Excel 名单（.xlsx）"
            hint="读取可见的工作表（隐藏的工作表不读取），有多个时下一步可选择；表头上方的标题行会自动跳过。"
            onFile={(f) => void choose(f)}
          />
        </Space>
      )}
      {!busy && step === 1 && file && (
        <MappingStep
          source={source}
          file={file}
          mapping={mapping}
          onMapping={setMapping}
          addUnknown={addUnknown}
          onAddUnknown={setAddUnknown}
          onSheet={(sheet) => void pickSheet(sheet)}
          onBack={restart}
          onNext={() => void check()}
        />
      )}
      {!busy && step === 2 && preview && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <PreviewSummary preview={preview} />
          <OnlyProblemsToggle id="only-problems" checked={onlyProblems} onChange={setOnlyProblems} truncated={preview.rowsTruncated} />
          <PreviewTable rows={onlyProblems ? preview.rows.filter((r) => r.problems.length) : preview.rows} />
          <Space>
            <Button onClick={() => setStep(1)}>上一步：调整对应列</Button>
            <Button onClick={restart}>重新上传</Button>
            <Tooltip title={preview.errorCount ? '名单中还有错误，改正后重新上传才能导入' : preview.existingBatch ? '该文件已导入过' : ''}>
              <Button type="primary" disabled={preview.errorCount > 0 || preview.existingBatch !== null} onClick={commit}>
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
              ? `「${result.batch.fileName}」已于 ${dayjs(result.batch.importedAt).format('YYYY-MM-DD HH:mm')} 由 ${result.batch.importedBy} 导入（第 ${result.batch.id} 批）。`
              : `${SCREENING_SOURCE_LABELS[result.batch.source]}名单「${result.batch.fileName}」：${result.batch.rowCount} 行，计入 ${result.batch.flaggedCount} 人，新建 ${result.batch.newHouseholds} 户` +
                (result.batch.updatedPersons ? `，更新残疾信息 ${result.batch.updatedPersons} 人` : '') +
                (result.batch.diff.previousBatchId ? `；与上一批相比新增 ${result.batch.diff.new} 人、变化 ${result.batch.diff.changed} 人、移出 ${result.batch.diff.gone} 人` : '')
          }
          extra={
            <Button type="primary" onClick={restart}>
              继续导入其他名单
            </Button>
          }
        />
      )}
    </Card>
  );
}

function MappingStep(props: {
  source: ScreeningSource;
  file: FileState;
  mapping: Required<ColumnMapping>;
  onMapping: (m: Required<ColumnMapping>) => void;
  addUnknown: boolean;
  onAddUnknown: (v: boolean) => void;
  onSheet: (sheetName: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { source, file, mapping, addUnknown } = props;
  const { fields } = SOURCE_FIELDS[source];
  const needed = (f: ImportField) => isRequiredField(source, f) || (addUnknown && (f === 'name' || f === 'village'));
  const missing = missingColumns(source, mapping, addUnknown);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <SheetPicker sheets={file.info.sheets} value={file.info.sheetName} onChange={props.onSheet} />
      {file.info.existingBatch && (
        <Alert
          type="info"
          showIcon
          message="该文件已导入过"
          description={`同一文件已于 ${dayjs(file.info.existingBatch.importedAt).format('YYYY-MM-DD HH:mm')} 由 ${file.info.existingBatch.importedBy} 导入（第 ${file.info.existingBatch.id} 批），再次导入不会改变任何数据。`}
        />
      )}
      <SheetSummary file={file} />
      <ColumnMappingFields
        info={file.info}
        fields={fields}
        labels={IMPORT_FIELD_LABELS}
        mapping={mapping}
        onMapping={props.onMapping}
        isRequired={needed}
        placeholder="（名单中没有此列）"
        labelWidth={96}
      />
      <Checkbox checked={addUnknown} onChange={(e) => props.onAddUnknown(e.target.checked)}>
        将家庭档案中没有的人员新建为家庭（需要村（社区）、姓名和有效的身份证号码；住址先记为村名）
      </Checkbox>
      {missing.length > 0 && <Alert type="warning" showIcon message={missing.map((m) => m.message).join('；')} />}
      <Space>
        <Button onClick={props.onBack}>重新选择文件</Button>
        <Button type="primary" disabled={missing.length > 0} onClick={props.onNext}>
          下一步：预览检查
        </Button>
      </Space>
    </Space>
  );
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const prev = preview.diff.previousBatch;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {preview.existingBatch && (
        <Alert type="info" showIcon message={`该文件已于 ${dayjs(preview.existingBatch.importedAt).format('YYYY-MM-DD HH:mm')} 导入（第 ${preview.existingBatch.id} 批），再次导入不会改变任何数据`} />
      )}
      <PreviewVerdict errorCount={preview.errorCount} warningCount={preview.warningCount} />
      <Row gutter={16}>
        <Col span={3}>
          <Statistic title="总行数" value={preview.rowCount} />
        </Col>
        <Col span={3}>
          <Statistic title="正常" value={preview.okCount} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col span={3}>
          <Statistic title="提醒" value={preview.warningCount} valueStyle={{ color: '#d48806' }} />
        </Col>
        <Col span={3}>
          <Statistic title="错误" value={preview.errorCount} valueStyle={{ color: preview.errorCount ? '#cf1322' : undefined }} />
        </Col>
        <Col span={3}>
          <Statistic title="已匹配家庭档案" value={preview.matched} />
        </Col>
        <Col span={3}>
          <Statistic title="新建家庭" value={preview.newHouseholds} />
        </Col>
        <Col span={3}>
          <Statistic title="未登记" value={preview.unregistered} />
        </Col>
        <Col span={3}>
          <Statistic title="不计入" value={preview.skipped} />
        </Col>
      </Row>
      {preview.updatedPersons > 0 && <Typography.Text>将更新 {preview.updatedPersons} 人的残疾类别、等级（写入家庭档案，并在操作日志中记明来源名单和行号）。</Typography.Text>}
      {preview.proposedM > 0 && (
        <Typography.Text>
          {preview.proposedM} 人有「个人自付金额」：导入后在该户「测算」中提示可作为近12个月个人自付医疗费用（M），由经办人确认后才写入。
        </Typography.Text>
      )}
      {preview.categorySet && (
        <Typography.Text type="secondary">
          类别按本镇设置（{preview.categorySet.effectiveFrom} 起）识别：{preview.categorySet.categories.filter((c) => c.kind !== 'not-target').map((c) => c.name).join('、')}；
          防返贫监测对象风险已消除的不计入。
        </Typography.Text>
      )}
      {prev && (
        <Typography.Text>
          与上一批「{prev.fileName}」（{dayjs(prev.importedAt).format('YYYY-MM-DD')}）相比：新增 <b>{preview.diff.new}</b> 人，变化 <b>{preview.diff.changed}</b> 人，移出{' '}
          <b>{preview.diff.gone}</b> 人。
        </Typography.Text>
      )}
    </Space>
  );
}

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const columns = useMemo(
    () => [
      { title: '行号', dataIndex: 'rowNumber', width: 64, align: 'right' as const },
      { title: '身份证号码', dataIndex: 'idNumber', width: 190, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
      { title: '姓名', dataIndex: 'name', width: 90 },
      { title: '村（社区）', dataIndex: 'village', width: 100 },
      { title: '名单内容', dataIndex: 'value', width: 220 },
      {
        title: '结果',
        dataIndex: 'outcome',
        width: 90,
        render: (o: PreviewRow['outcome']) => <Tag color={OUTCOME_LABELS[o].color}>{OUTCOME_LABELS[o].text}</Tag>,
      },
      { title: '家庭档案', dataIndex: 'household', width: 140, render: (v: string | null) => v ?? '—' },
      {
        title: '问题',
        key: 'problems',
        width: 360,
        render: (_: unknown, r: PreviewRow) => <ProblemList problems={r.problems} />,
      },
    ],
    [],
  );
  return (
    <Table<PreviewRow> {...previewTableProps<PreviewRow>()} locale={{ emptyText: '没有有问题的行' }} dataSource={rows} columns={columns} />
  );
}
