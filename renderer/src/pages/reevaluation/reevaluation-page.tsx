import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ReevaluationPreview, ReevaluationRow } from '../../../../src/contract';
import { CATEGORY_LABELS } from '../../../../src/domain/determination-types';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { usePolicy } from '../../components/use-policy';
import { ApplyPolicyButton } from '../roster/apply-policy';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 政策调整测算: what a policy version would change for current recipients, before anything changes. */
export function ReevaluationPage() {
  const { message } = App.useApp();
  const { state } = usePolicy();
  const [version, setVersion] = useState<string | undefined>();
  const [preview, setPreview] = useState<ReevaluationPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);

  const run = async (v: string) => {
    setVersion(v);
    setLoading(true);
    try {
      setPreview(await request('reevaluation-preview', { policyVersion: v }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card title="政策调整测算">
      <Typography.Paragraph type="secondary">
        选择一个政策版本，查看全部在保户按该版本重新测算后类别、分类或金额的变化，以及每月资金总额的差额。预览本身不改变任何数据；核对无误后，可「应用到花名册」逐户保存新测算结果并记录金额调整（每一户均记入变更记录）。
      </Typography.Paragraph>
      {state && !state.confirmed && <Alert type="warning" showIcon message="尚无已确认的政策版本，请先在「本镇设置 → 低保政策参数」中确认。" />}
      <Space style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 420 }}
          placeholder="选择政策版本"
          value={version}
          onChange={(v: string) => void run(v)}
          options={(state?.versions ?? []).map((v) => ({
            value: v.policy.version,
            label: `${v.policy.effectiveFrom} 起：${v.policy.label}（标准 ${v.policy.standard} 元）`,
          }))}
        />
        <Button
          icon={<DownloadOutlined />}
          disabled={!preview}
          loading={exporting}
          onClick={async () => {
            if (!version) return;
            setExporting(true);
            try {
              const file = await request('reevaluation-export', { policyVersion: version });
              downloadBase64(file.fileName, file.base64, XLSX);
            } catch (err) {
              message.error(errorMessage(err));
            } finally {
              setExporting(false);
            }
          }}
        >
          导出 Excel
        </Button>
        {preview && <ApplyPolicyButton preview={preview} />}
      </Space>
      {preview && (
        <>
          <Space size={48} style={{ marginBottom: 16 }}>
            <Statistic title="在保户" value={preview.recipients} suffix="户" />
            <Statistic title="有变化" value={preview.rows.length} suffix="户" />
            <Statistic title="现月保障金" value={preview.oldMonthlyTotal} precision={2} suffix="元" />
            <Statistic title="调整后月保障金" value={preview.newMonthlyTotal} precision={2} suffix="元" />
            <Statistic
              title="每月差额"
              value={preview.monthlyDifference}
              precision={2}
              suffix="元"
              valueStyle={{ color: preview.monthlyDifference > 0 ? '#cf1322' : preview.monthlyDifference < 0 ? '#389e0d' : undefined }}
              prefix={preview.monthlyDifference > 0 ? '+' : ''}
            />
          </Space>
          <Table<ReevaluationRow>
            rowKey="householdId"
            size="small"
            loading={loading}
            dataSource={preview.rows}
            locale={{ emptyText: <Empty description="按该版本测算，所有在保户均无变化" /> }}
            columns={[
              { title: '村（社区）', dataIndex: 'villageName', width: 110 },
              { title: '户主', dataIndex: 'headName', width: 90, render: (v: string | null, r) => <a href={`#/households/${r.householdId}`}>{v}</a> },
              { title: '人口', dataIndex: 'size', width: 60, align: 'right' },
              { title: '原类别', dataIndex: 'oldCategory', width: 120, render: (c: ReevaluationRow['oldCategory']) => (c ? CATEGORY_LABELS[c] : '—') },
              { title: '新类别', dataIndex: 'newCategory', width: 120, render: (c: ReevaluationRow['newCategory']) => (c ? CATEGORY_LABELS[c] : '无法测算') },
              { title: '原月保障金', dataIndex: 'oldTotal', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
              { title: '新月保障金', dataIndex: 'newTotal', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
              { title: '差额', dataIndex: 'difference', width: 90, align: 'right', render: (v: number) => (v > 0 ? `+${v.toFixed(2)}` : v.toFixed(2)) },
              { title: '变化说明', render: (_, r) => r.problem ?? r.changes.join('；') },
            ]}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 户`, showSizeChanger: true }}
          />
        </>
      )}
    </Card>
  );
}
