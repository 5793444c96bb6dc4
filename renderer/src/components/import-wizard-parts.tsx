// The pieces every Excel import wizard shares (部门名单 in 摸排, 存量数据导入): the four steps, one request at a
// time with what it is doing, the file checks before anything is sent, the column mapping with the first rows,
// and the preview's verdict and problem rows. Each wizard keeps only what is its own (fields, figures, texts).
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Col, Form, Row, Select, Space, Steps, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { UPLOAD_MAX_BYTES } from '../../../src/contract';
import { BusyNote, columnLetter } from '../pages/screening/screening-ui';
import { errorMessage } from './form-rules';
import { uploadTooLarge } from './sheet-picker';

/** What the server read of an uploaded workbook's chosen sheet. */
export type SheetRead = {
  sheetName: string;
  headerRowNumber: number;
  rowCount: number;
  headers: readonly string[];
  sampleRows: readonly (readonly string[])[];
};

export type WorkbookFile<I extends SheetRead> = { fileName: string; base64: string; info: I };

type Problem = { level: 'error' | 'warning'; column: string | null; message: string };
type PreviewRowLike = { status: 'ok' | 'error' | 'warning'; problems: readonly Problem[] };

/** 选择文件 → 对应列 → 预览检查 → 导入; step 3 is the result, shown with every step done. */
export function ImportSteps({ step }: { step: number }) {
  return <Steps current={step === 3 ? 4 : step} style={{ marginBottom: 24 }} items={[{ title: '选择文件' }, { title: '对应列' }, { title: '预览检查' }, { title: '导入' }]} />;
}

/** One request at a time: `run` shows what it is doing while it lasts, and turns a failure into a message and null. */
export function useImportRunner() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<{ what: string; since: number } | null>(null);
  const run = async <T,>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    setBusy({ what, since: Date.now() });
    try {
      return await fn();
    } catch (err) {
      message.error(errorMessage(err));
      return null;
    } finally {
      setBusy(null);
    }
  };
  return { busy: busy !== null, busyNote: busy && <BusyNote what={busy.what} since={busy.since} />, run };
}

/** Why a chosen file is not sent at all (not .xlsx, larger than the server takes), or null. */
export function workbookChoiceProblem(f: File): string | null {
  if (!/\.xlsx$/i.test(f.name)) return '请选择 Excel 工作簿（.xlsx）。旧版 .xls 文件请先另存为 .xlsx';
  return uploadTooLarge(f);
}

export function WorkbookDropZone(props: { text: string; hint: ReactNode; onFile: (f: File) => void }) {
  return (
    <Upload.Dragger
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(f) => {
        props.onFile(f);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{props.text}</p>
      <p className="ant-upload-hint">
        {props.hint}文件不超过 {UPLOAD_MAX_BYTES / 1024 / 1024}MB，只在本机处理。
      </p>
    </Upload.Dragger>
  );
}

/** The line above the mapping: which file, which sheet, where its header is, how many rows. */
export function SheetSummary({ file }: { file: WorkbookFile<SheetRead> }) {
  return (
    <Typography.Text>
      文件「{file.fileName}」，工作表「{file.info.sheetName}」，表头在第 {file.info.headerRowNumber} 行，共 {file.info.rowCount.toLocaleString()} 行数据。请核对每一项对应的列：
    </Typography.Text>
  );
}

type MappingProps<F extends string> = {
  info: SheetRead;
  fields: readonly F[];
  labels: Record<F, string>;
  mapping: Record<F, number | null | undefined>;
  onMapping: (m: Record<F, number | null>) => void;
  isRequired: (f: F) => boolean;
  /** Shown in an unmapped field, e.g. 「（名单中没有此列）」. */
  placeholder: string;
  labelWidth: number;
};

/** Each field with the column it is read from (guessed by the server, corrected here), then the sheet's first rows. */
export function ColumnMapping<F extends string>(props: MappingProps<F>) {
  const { info, fields, labels, mapping } = props;
  const options = info.headers.map((h, i) => ({ value: i, label: `${columnLetter(i)}列：${h || '（无表头）'}` }));
  return (
    <>
      <Row gutter={[16, 8]}>
        {fields.map((f) => (
          <Col key={f} xs={24} md={12} xl={8}>
            <Form.Item label={labels[f]} required={props.isRequired(f)} style={{ marginBottom: 8 }} labelCol={{ flex: `${props.labelWidth}px` }} colon={false}>
              <Select
                aria-label={labels[f]}
                allowClear
                placeholder={props.placeholder}
                value={mapping[f] ?? undefined}
                options={options}
                onChange={(v: number | undefined) => props.onMapping({ ...mapping, [f]: v ?? null } as Record<F, number | null>)}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Table
        locale={{ emptyText: '所选工作表在表头下没有数据：请检查表头所在行，或换一个工作表。' }}
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        title={() => '前几行数据'}
        rowKey={(_, i) => String(i)}
        dataSource={info.sampleRows.map((r) => ({ cells: r }))}
        columns={info.headers.map((h, i) => {
          const field = fields.find((f) => mapping[f] === i);
          return {
            title: (
              <Space size={4} direction="vertical">
                <span>
                  {columnLetter(i)}：{h}
                </span>
                {field && <Tag color="blue">{labels[field]}</Tag>}
              </Space>
            ),
            key: String(i),
            render: (_: unknown, r: { cells: readonly string[] }) => r.cells[i] ?? '',
          };
        })}
      />
    </>
  );
}

/** Errors block the import (all or nothing); warnings only ask to be read. */
export function PreviewVerdict({ errorCount, warningCount }: { errorCount: number; warningCount: number }) {
  return errorCount > 0 ? (
    <Alert
      type="error"
      showIcon
      message={`有 ${errorCount} 行错误，不能导入`}
      description="导入是全有或全无的：请在 Excel 中改正标红的行（或调整对应列）后重新上传。黄色的行是提醒，不妨碍导入。"
    />
  ) : (
    <Alert type="success" showIcon message="没有错误，可以导入" description={warningCount ? `有 ${warningCount} 行提醒，请看一下再导入。` : undefined} />
  );
}

export function OnlyProblemsToggle(props: { id: string; checked: boolean; onChange: (v: boolean) => void; truncated: boolean }) {
  return (
    <Space wrap>
      <Switch checked={props.checked} onChange={props.onChange} id={props.id} />
      <label htmlFor={props.id}>只看有问题的行</label>
      {props.truncated && <Typography.Text type="secondary">（行数较多：显示全部有问题的行和前面部分正常行）</Typography.Text>}
    </Space>
  );
}

/** A row's problems, each with its column letter, red for errors and yellow for warnings. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <Space direction="vertical" size={0}>
      {problems.map((p, i) => (
        <Typography.Text key={i} type={p.level === 'error' ? 'danger' : 'warning'}>
          {p.column ? `${p.column}列：` : ''}
          {p.message}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** The table settings of a preview: 50 rows a page, each row tinted by its worst problem (the empty text stays with each table). */
export function previewTableProps<R extends PreviewRowLike>() {
  return {
    size: 'small' as const,
    rowKey: 'rowNumber',
    pagination: { pageSize: 50, showTotal: (t: number) => `共 ${t} 行`, showSizeChanger: false },
    onRow: (r: R) => ({ style: { background: r.status === 'error' ? '#fff1f0' : r.status === 'warning' ? '#fffbe6' : undefined } }),
    rowClassName: (r: R) => `preview-row-${r.status}`,
  };
}
