import { Alert, Select, Space, Typography } from 'antd';
import { UPLOAD_MAX_BYTES, UPLOAD_TOO_LARGE } from '../../../src/contract';

/** The limit the server enforces, said before a large file is read and sent (the same constant). */
export function uploadTooLarge(file: File): string | null {
  return file.size > UPLOAD_MAX_BYTES ? `「${file.name}」${UPLOAD_TOO_LARGE}` : null;
}

/**
 * The visible worksheets of an uploaded workbook: nothing when there is one; when there are several, names them
 * all, says which one was read, and lets the clerk pick another (hidden sheets are never offered or read).
 */
export function SheetPicker(props: { sheets: readonly string[]; value: string; disabled?: boolean; onChange: (sheet: string) => void }) {
  if (props.sheets.length <= 1) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={`此文件有 ${props.sheets.length} 个工作表：${props.sheets.map((s) => `「${s}」`).join('、')}`}
      description={
        <Space wrap>
          <Typography.Text>请确认要导入的工作表：</Typography.Text>
          <Select
            aria-label="要导入的工作表"
            style={{ minWidth: 200 }}
            disabled={props.disabled}
            value={props.value}
            options={props.sheets.map((s) => ({ value: s, label: s }))}
            onChange={(v: string) => props.onChange(v)}
          />
          <Typography.Text type="secondary">下方的表头、数据和检查结果都来自所选的工作表。</Typography.Text>
        </Space>
      }
    />
  );
}
